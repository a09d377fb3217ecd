"""Versioned data files (``*.v1.jsonl``) that the components read, validated on load."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = [
    "CountryEntry",
    "CueKind",
    "CueRow",
    "DepNode",
    "LexiconEntry",
    "MappingEntry",
    "Official",
    "OrgEntry",
    "PatternEntry",
    "lexicon",
    "load_jsonl",
    "load_rows",
    "read",
    "write_rows",
]


class _Row(BaseModel):
    """A row of a resource file; unknown keys are refused, so a misspelt key fails at load time
    instead of being silently ignored."""

    model_config = ConfigDict(extra="forbid")


class CountryEntry(_Row):
    """One state's forms in ``countries.v1.jsonl``, on top of countryinfo's base data: the names,
    demonyms and capitals press releases use ("U.S.", "PRC", "Britain"), and ``remove`` for base
    forms that are ambiguous in these texts. A row with ``iso3`` null only removes (or marks as
    places, not states) what it lists, with ``note`` saying why; its ``regions`` are places that
    are no state but hold a state's name ("Latin America", "Central Asia"): they are matched, so
    the state inside them is not, and give no state."""

    iso3: str | None = Field(pattern=r"^[A-Z]{3}$")
    names: list[str] = []
    regions: list[str] = []
    demonyms: list[str] = []
    capitals: list[str] = []
    remove: list[str] = []
    note: str | None = None


class OrgEntry(_Row):
    """One organisation in ``organizations.v1.jsonl``: the name it is listed under, the short
    forms ("UN", "UNSC") texts use, and the state it belongs to when it is a national body."""

    name: str
    aliases: list[str] = []
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    offices: list[str] = Field(default=[], description="offices that speak for the body when a text names them without "
                               "their holder ('The Secretary-General welcomes ...'); the first row listing an office is "
                               "its body unless the text names another that has it")


class Official(_Row):
    """A well-known official in ``officials.v1.jsonl``: a surname alone ("Biden") is enough to
    know the person and, through ``country``/``affiliation``, the party they speak for."""

    name: str
    aliases: list[str] = []
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    affiliation: str | None = None


class LexiconEntry(_Row):
    """One named word list: the vocabulary of one concept ("org_heads", "person_titles")."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    values: list[str]
    doc: str | None = None


class PatternEntry(_Row):
    """One named regular expression. ``<<list:NAME>>`` expands to an alternation of the escaped
    words of lexicon list NAME (in the order listed); ``<<pattern:NAME>>`` to another pattern's
    source, so word lists stay in the lexicon and the regex holds only the shape."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    regex: str
    flags: list[Literal["I", "M", "X", "S"]] = []
    doc: str | None = None


# --- mappings (dates, counts, timex) ---------------------------------------------------------


class MappingEntry(_Row):
    """One named table from a word to a number or a code ("months": "jan" -> 1; "sets": "annually"
    -> "P1Y"; "scales": "billion" -> 1000000000). Word lists that only test membership are lexicon
    lists; a mapping is for vocabulary whose words carry a value the code computes with."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    values: dict[str, str | int | float]
    doc: str | None = None


# --- commitment cues (diplotext_cues) --------------------------------------------------------
CueKind = Literal["pledge", "support", "opposition", "aspiration"]
RelOp = Literal["<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--",
                ">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--"]


class DepNode(_Row):
    """One node of a spaCy DependencyMatcher pattern: the token (``RIGHT_ATTRS``, Matcher token
    attributes) and, except for the first node, its relation (``REL_OP``) to an earlier node. A node
    whose id starts with "_" must match but is context, not a cue word (not part of the trigger)."""

    RIGHT_ID: str = Field(pattern=r"^_?[a-z][a-z0-9_]*$")
    RIGHT_ATTRS: dict[str, Any]
    LEFT_ID: str | None = None
    REL_OP: RelOp | None = None


class CueRow(_Row):
    """One commitment cue of ``commitment_cues.v1.jsonl``: the words that signal a stance of one kind,
    how sure the cue is, and the cue's own exceptions (rules that make a match of this cue no stance).

    A cue is matched on the dependency parse (``dep``: DependencyMatcher patterns, alternatives; the
    first node is the anchor the clause checks start from), so adverbs and inserted phrases do not
    break it ("agreed to earnestly implement"). A row may instead give a token-sequence ``pattern``
    (spaCy Matcher, with ``anchor`` its index), for cues that are about word order rather than
    syntax, and so that rows written before the dependency patterns stay valid.
    The exceptions are fields so that a cue and the cases it does not cover are edited together; the
    component applies them by meaning, not by the cue's id."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: CueKind
    confidence: float = Field(ge=0.0, le=1.0)
    dep: list[list[DepNode]] = Field(default=[], description="DependencyMatcher patterns; the first node is the anchor")
    pattern: list[dict[str, Any]] = Field(default=[], description="spaCy Matcher pattern, one dict per token")
    anchor: int = Field(default=0, ge=0, description="index in ``pattern`` of the token the clause checks start from")
    note: str | None = None
    # -- exceptions --------------------------------------------------------------------------
    not_past: bool = Field(default=False, description="no stance when the predicate is a simple past (VBD): "
                           "a reported attempt (\"the government sought to stop them\")")
    not_schedule: bool = Field(default=False, description="no stance when the clause is an itinerary (lexicon "
                               "lists schedule_verbs, schedule_light_verbs + meeting_nouns): \"will travel to Nairobi\"")
    greeting_lemmas: list[str] = Field(default=[], description="anchor lemmas that make a greeting when a pronoun "
                                       "follows them (\"I wish you all good luck\")")
    hosting_lemmas: list[str] = Field(default=[], description="anchor lemmas that mean hosting when their object is "
                                      "a person (\"welcomed Prime Minister Kishida to the White House\")")

    @model_validator(mode="after")
    def _one_kind_of_pattern(self) -> CueRow:
        if bool(self.dep) == bool(self.pattern):
            raise ValueError("give either dependency patterns (dep) or a token pattern (pattern)")
        if self.pattern and self.anchor >= len(self.pattern):
            raise ValueError(f"anchor {self.anchor} is outside the pattern of {len(self.pattern)} tokens")
        for nodes in self.dep:
            _check_dep_pattern(nodes)
        return self


def _check_dep_pattern(nodes: list[DepNode]) -> None:
    """A dependency pattern is a tree: one root node first, every other node tied to an earlier one."""
    if not nodes:
        raise ValueError("a dependency pattern needs at least one node")
    if nodes[0].LEFT_ID is not None or nodes[0].REL_OP is not None or nodes[0].RIGHT_ID.startswith("_"):
        raise ValueError("the first node of a dependency pattern is its anchor: a cue word without LEFT_ID/REL_OP")
    seen = {nodes[0].RIGHT_ID}
    for n in nodes[1:]:
        if n.LEFT_ID not in seen or n.REL_OP is None:
            raise ValueError(f"node {n.RIGHT_ID!r} must name an earlier node (LEFT_ID) and a relation (REL_OP)")
        if n.RIGHT_ID in seen:
            raise ValueError(f"node {n.RIGHT_ID!r} is defined twice")
        seen.add(n.RIGHT_ID)


# --- loading ------------------------------------------------------------------------------------

RowT = TypeVar("RowT", bound=BaseModel)


def _numbered(name: str | Path) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) for each non-blank line of a resource file."""
    path: Any = Path(name) if isinstance(name, Path) or "/" in str(name) or "\\" in str(name) else resources.files(__package__).joinpath(name)
    with path.open("r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield lineno, json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{name}: line {lineno} is not JSON: {err}") from None


def read(name: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a resource file, one per non-blank line.

    A bare file name is a packaged resource; a path (absolute, or with a directory part) is read
    from disk, so a saved pipeline or a user's own file can stand in for the packaged one."""
    for _lineno, obj in _numbered(name):
        yield obj


def _entry_label(obj: Any) -> str:
    """How an error names an entry: its name, id or ISO code when it has one ("'org_heads'")."""
    if isinstance(obj, dict):
        for key in ("name", "id", "iso3"):
            if isinstance(obj.get(key), str):
                return f" {obj[key]!r}"
    return ""


def _one_line(err: ValidationError) -> str:
    """A ValidationError as one line, each problem as ``field: message``: an error in a data file
    is read in a terminal or a log line, where pydantic's multi-line report falls apart."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in err.errors())


def load_rows(name: str | Path, model: type[RowT]) -> list[RowT]:
    """Read ``name`` (packaged file or path) and validate each line with ``model``; a one-line
    ValueError names the file, the entry and the field, so a broken edit fails at load time with
    a message that points at the line to fix, not later as a wrong extraction."""
    rows: list[RowT] = []
    for k, (lineno, obj) in enumerate(_numbered(name), 1):
        try:
            rows.append(model.model_validate(obj))
        except ValidationError as err:
            raise ValueError(f"{name}: entry {k}{_entry_label(obj)} (line {lineno}) is invalid: {_one_line(err)}") from None
    return rows


def load_jsonl(name: str | Path, model: type[RowT]) -> list[RowT]:
    """Alias of :func:`load_rows` (kept for callers of the first release)."""
    return load_rows(name, model)


def write_rows(path: str | Path, rows: Iterable[BaseModel]) -> None:
    """Write validated rows back as JSON lines (defaults left out, so the file stays as edited)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False) + "\n")


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Word lists by name, from the packaged lexicon.v1.jsonl (read once per process): for code
    outside the components, which has no pipeline to hold its data (the language check)."""
    return {e.name: tuple(e.values) for e in load_jsonl("lexicon.v1.jsonl", LexiconEntry)}
