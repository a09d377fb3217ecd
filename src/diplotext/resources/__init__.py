"""Versioned data files (``*.v1.jsonl``) that the components read, validated on load."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

__all__ = ["CountryEntry", "Official", "OrgEntry", "lexicon", "load_jsonl", "read"]


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
    name: str
    values: list[str]


def read(name: str) -> Iterator[dict[str, Any]]:
    """Yield the JSON objects of a packaged resource file, one per non-blank line."""
    path = resources.files(__package__).joinpath(name)
    with path.open("r", encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{name}:{lineno}: not JSON: {err}") from err


def load_jsonl(name: str, model: type[_Row]) -> list[Any]:
    """Read ``name`` and validate each line with ``model``; errors name file and line."""
    rows = []
    for lineno, obj in enumerate(read(name), 1):
        try:
            rows.append(model.model_validate(obj))
        except ValidationError as err:
            raise ValueError(f"{name}: entry {lineno} is invalid: {err}") from err
    return rows


@cache
def lexicon() -> dict[str, tuple[str, ...]]:
    """Word lists by name, from lexicon.v1.jsonl."""
    return {e.name: tuple(e.values) for e in load_jsonl("lexicon.v1.jsonl", LexiconEntry)}
