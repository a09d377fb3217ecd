"""Versioned data files (``*.v1.jsonl``) that the components read, validated on load."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = [
    "CountryEntry",
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
    places, not states) what it lists, with ``note`` saying why."""

    iso3: str | None = Field(pattern=r"^[A-Z]{3}$")
    names: list[str] = []
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
