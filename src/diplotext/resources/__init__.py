"""Versioned data files (``*.v1.jsonl``) that the components read, validated on load."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    model_config = ConfigDict(extra="forbid")


class CountryEntry(_Row):
    iso3: str | None = Field(pattern=r"^[A-Z]{3}$")
    names: list[str] = []
    demonyms: list[str] = []
    capitals: list[str] = []
    remove: list[str] = []
    note: str | None = None


class OrgEntry(_Row):
    name: str
    aliases: list[str] = []
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")


class Official(_Row):
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


def read(name: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a resource file, one per non-blank line.

    A bare file name is a packaged resource; a path (absolute, or with a directory part) is read
    from disk, so a saved pipeline or a user's own file can stand in for the packaged one."""
    path: Any = Path(name) if isinstance(name, Path) or "/" in str(name) or "\\" in str(name) else resources.files(__package__).joinpath(name)
    with path.open("r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{name}:{lineno}: not JSON: {err}") from err


def load_rows(name: str | Path, model: type[RowT]) -> list[RowT]:
    """Read ``name`` (packaged file or path) and validate each line with ``model``; errors name
    the file and the entry, so a broken edit fails at load time, not as a wrong extraction."""
    rows: list[RowT] = []
    for lineno, obj in enumerate(read(name), 1):
        try:
            rows.append(model.model_validate(obj))
        except ValidationError as err:
            raise ValueError(f"{name}: entry {lineno} is invalid: {err}") from err
    return rows


def load_jsonl(name: str | Path, model: type[RowT]) -> list[RowT]:
    """Alias of :func:`load_rows` (kept for callers of the first release)."""
    return load_rows(name, model)


def write_rows(path: str | Path, rows: list[BaseModel]) -> None:
    """Write validated rows back as JSON lines (defaults left out, so the file stays as edited)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row.model_dump(mode="json", exclude_defaults=True), ensure_ascii=False) + "\n")


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Word lists by name, from lexicon.v1.jsonl."""
    return {e.name: tuple(e.values) for e in load_jsonl("lexicon.v1.jsonl", LexiconEntry)}
