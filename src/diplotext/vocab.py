"""Named word lists and regular expressions, read from the lexicon and pattern resources.

Components hold mechanisms; the words they look for live in
``resources/lexicon.v1.jsonl`` (one named list per concept) and the regex shapes
in ``resources/patterns.v1.jsonl``. A pattern names the lists it uses
(``<<list:org_heads>>``) instead of spelling the words out, so a user who adds a
title or a head word edits one list and every rule that reads it follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .resources import LexiconEntry, PatternEntry

__all__ = ["Vocabulary"]

_PLACEHOLDER = re.compile(r"<<(list|pattern):([a-z][a-z0-9_]*)>>")
_ANY_PLACEHOLDER = re.compile(r"<<[^<>\s]*>>")  # anything spelt like a placeholder, to catch typos
_FLAGS = {"I": re.IGNORECASE, "M": re.MULTILINE, "X": re.VERBOSE, "S": re.DOTALL}


class Vocabulary:
    """Validated word lists and compiled patterns of one component, looked up by name."""

    def __init__(self, lists: Iterable[LexiconEntry], patterns: Iterable[PatternEntry] = ()) -> None:
        self._lists: dict[str, tuple[str, ...]] = {}
        for entry in lists:
            if entry.name in self._lists:
                raise ValueError(f"lexicon: list {entry.name!r} is defined twice")
            self._lists[entry.name] = tuple(entry.values)
        self._patterns: dict[str, PatternEntry] = {}
        for pat in patterns:
            if pat.name in self._patterns:
                raise ValueError(f"patterns: pattern {pat.name!r} is defined twice")
            self._patterns[pat.name] = pat
        self._sets: dict[str, frozenset[str]] = {}
        self._compiled: dict[str, re.Pattern[str]] = {}
        for name in self._patterns:  # fail at load time on a bad reference or a bad regex
            self.regex(name)

    def ordered(self, name: str) -> tuple[str, ...]:
        """The words of list ``name`` in file order (order matters for longest-first matching)."""
        try:
            return self._lists[name]
        except KeyError:
            raise KeyError(f"lexicon has no list {name!r}; known lists: {', '.join(sorted(self._lists))}") from None

    def words(self, name: str) -> frozenset[str]:
        """The words of list ``name`` as a set, for membership tests."""
        if name not in self._sets:
            self._sets[name] = frozenset(self.ordered(name))
        return self._sets[name]

    def lower(self, name: str) -> frozenset[str]:
        """The words of list ``name``, lower-cased."""
        key = name + "\0lower"
        if key not in self._sets:
            self._sets[key] = frozenset(w.lower() for w in self.ordered(name))
        return self._sets[key]

    def source(self, name: str, _seen: tuple[str, ...] = ()) -> str:
        """The regex source of pattern ``name`` with its placeholders expanded (``<<list:X>>`` in the
        list's file order, so longer alternatives listed first are tried first). A pattern that
        reaches itself again is refused: expanding it would never end."""
        if name in _seen:
            raise ValueError(f"patterns: {name!r} refers to itself through {' -> '.join((*_seen, name))}")
        try:
            pat = self._patterns[name]
        except KeyError:
            where = f" (referred to by {_seen[-1]!r})" if _seen else ""
            raise KeyError(f"patterns has no pattern {name!r}{where}; known: {', '.join(sorted(self._patterns))}") from None
        for m in _ANY_PLACEHOLDER.finditer(pat.regex):
            if not _PLACEHOLDER.fullmatch(m.group()):
                raise ValueError(f"patterns: {name!r} has a malformed placeholder {m.group()!r}: "
                                 "write <<list:NAME>> or <<pattern:NAME>>")

        def expand(m: re.Match[str]) -> str:
            """One placeholder's alternation (a list) or source (a pattern), as a non-capturing group."""
            kind, ref = m.groups()
            if kind == "list":
                if ref not in self._lists:
                    raise KeyError(f"patterns: {name!r} refers to list {ref!r}, which the lexicon does not have; "
                                   f"known lists: {', '.join(sorted(self._lists))}")
                return "(?:" + "|".join(re.escape(w) for w in self._lists[ref]) + ")"
            return "(?:" + self.source(ref, (*_seen, name)) + ")"

        return _PLACEHOLDER.sub(expand, pat.regex)

    def regex(self, name: str) -> re.Pattern[str]:
        """Pattern ``name`` compiled with its flags (compiled once)."""
        if name not in self._compiled:
            flags = 0
            for f in self._patterns[name].flags if name in self._patterns else ():
                flags |= _FLAGS[f]
            src = self.source(name)
            try:
                self._compiled[name] = re.compile(src, flags)
            except re.error as err:
                raise ValueError(f"patterns: {name!r} does not compile: {err}") from err
        return self._compiled[name]

    @property
    def list_names(self) -> list[str]:
        """Names of the lists, for error messages and tests."""
        return sorted(self._lists)

    @property
    def pattern_names(self) -> list[str]:
        """Names of the patterns."""
        return sorted(self._patterns)
