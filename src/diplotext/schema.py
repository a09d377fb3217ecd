"""The public output: pydantic v2 models built from a processed Doc.

Every span carries ``text``, ``start`` and ``end``; a validator given the source
text through the validation context checks ``text[start:end] == span.text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

SCHEMA_VERSION = "1.1"

PartyKind = Literal["state", "organization", "person"]
CommitmentKind = Literal["pledge", "support", "opposition", "aspiration"]
DateType = Literal["date", "duration", "time", "set"]

__all__ = [
    "SCHEMA_VERSION",
    "Commitment",
    "Count",
    "DateMention",
    "Extraction",
    "Mention",
    "Party",
    "PipelineInfo",
    "Publisher",
]


class _Model(BaseModel):
    """Base of the output models: unknown fields are refused, so a component writing a key the
    schema does not know fails in validation instead of vanishing from the output."""

    model_config = ConfigDict(extra="forbid", frozen=False)


class Span(_Model):
    """A stretch of the input: ``text == source[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _offsets_hold(self, info: ValidationInfo) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        source = (info.context or {}).get("text") if info is not None else None
        if source is not None and source[self.start : self.end] != self.text:
            raise ValueError(
                f"span {self.start}:{self.end} holds {source[self.start:self.end]!r}, not {self.text!r}"
            )
        return self


class Mention(Span):
    """One place where the text names a party."""


class Party(_Model):
    """A state, organisation or person the text names as taking part; commitments name it by its id."""

    id: str = Field(description="ISO 3166-1 alpha-3 for states; a slug of the name otherwise")
    kind: PartyKind
    name: str = Field(description="the fullest form the text gives")
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    role: str | None = None
    affiliation: str | None = Field(default=None, description="id of the organisation a person speaks for")
    principal: bool = False
    mentions: list[Mention] = Field(default_factory=list)


class Count(Span):
    """A number of things the text counts ("nine agreements", "$2 billion"), with its unit."""

    value: float | int
    unit: str | None = Field(description="lemma of the counted noun's head; ISO 4217 for money; 'percent'")
    noun_phrase: str | None = Field(default=None, description="the counted noun phrase as written")
    sentence: str | None = None


class DateMention(Span):
    """A date, duration, time or set, with a TIMEX3-style value resolved against the reference date."""

    value: str = Field(description="TIMEX3-style value: 2021-12-09, 2021-12, 2021, 2021-W49, P70Y, ...")
    type: DateType
    resolved: bool = Field(description="true when the value depends on the reference date")


class Commitment(Span):
    """A stance a party takes (pledge, support, opposition, aspiration) and the parties taking it."""

    kind: CommitmentKind
    actors: list[str] = Field(default_factory=list, description="ids of parties taking the stance")
    trigger: str
    action: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    negated: bool = Field(default=False, description="the stance is denied: 'does not support', 'will never recognize'")


class Publisher(_Model):
    """Who issued the text, as the caller gave it, and the party whose side it is: the first-person
    "we" and officials the text names without a state belong to it."""

    name: str = Field(description="the publisher as given: a state code, a state's name or an organisation's name")
    id: str | None = Field(default=None, description="the party id of the publisher's side (ISO alpha-3 for a state)")
    kind: Literal["state", "organization"] | None = None


class PipelineInfo(_Model):
    """Which pipeline produced an Extraction, so stored outputs can be traced to a version."""

    name: str
    version: str
    base_model: str


class Extraction(_Model):
    """Everything diplotext found in one text; the one output of extract() and of each batch line."""

    schema_version: str = SCHEMA_VERSION
    doc_id: str | None = None
    reference_date: dt.date | None = None
    reference_date_source: Literal["given", "inferred"] | None = None
    language: str = "en"
    publisher: Publisher | None = None
    parties: list[Party] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    commitments: list[Commitment] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    pipeline: PipelineInfo

    @field_validator("commitments")
    @classmethod
    def _actors_exist(cls, commitments: list[Commitment], info: ValidationInfo) -> list[Commitment]:
        if "parties" not in info.data:  # the parties failed validation: their error says why
            return commitments
        ids = {p.id for p in info.data["parties"]}
        for c in commitments:
            missing = [a for a in c.actors if a not in ids]
            if missing:
                raise ValueError(f"commitment actors {missing} name no party")
        return commitments

    @classmethod
    def from_data(cls, data: dict[str, Any], text: str) -> Extraction:
        """Validate ``data`` with the span check against ``text`` switched on."""
        return cls.model_validate(data, context={"text": text})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Extraction`, as committed in schema/extraction.schema.json."""
    schema = Extraction.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
