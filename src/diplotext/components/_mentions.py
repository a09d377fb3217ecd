"""What the party components hand to one another: mention records in span-group attrs.

The five party components (acronyms, states, orgs, persons, party_linker) run one
after another and read each other's results from the Doc, never from Python
objects held between calls: each writes a span group (for display and scoring)
and, in the group's ``attrs``, JSON-able records with the exact character
offsets (token spans can only approximate them: "Treasury's" is one token, the
mention "Treasury" is not). DocBin keeps these attrs, so a Doc saved after any
component can be resumed. This module holds the record types, their to/from
dict conversion and the few text helpers the components share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired, TypedDict, cast

from spacy.tokens import Doc, Span, Token

from ..gazetteer import CountryHit, FormKind
from ..util import span_group

__all__ = [
    "ACRONYMS_KEY",
    "COUNTRY_FORMS_KEY",
    "HYPHENS",
    "ORGS_KEY",
    "PARTIES_KEY",
    "PERSONS_KEY",
    "POSSESSIVES",
    "QUOTES",
    "STATES_KEY",
    "AcronymDefinition",
    "Form",
    "HitDict",
    "Kind",
    "Mention",
    "MentionDict",
    "char_spans",
    "hit_from_dict",
    "hit_to_dict",
    "is_titlecase",
    "norm",
    "org_head",
    "read_hits",
    "read_mentions",
    "read_records",
    "write_group",
]

# span-group keys: the writer of each is named in its component's docstring
ACRONYMS_KEY = "diplotext_acronyms"
COUNTRY_FORMS_KEY = "diplotext_country_forms"
STATES_KEY = "diplotext_states"
ORGS_KEY = "diplotext_orgs"
PERSONS_KEY = "diplotext_persons"
PARTIES_KEY = "diplotext_parties"

# punctuation (structure, not vocabulary)
QUOTES = "\"'“”‘’"
POSSESSIVES = frozenset({"'s", "’s"})
HYPHENS = "-–"

Kind = Literal["state", "organization", "person"]
Form = Literal["name", "demonym", "capital", "acronym", "surname", "weak", "office"]


class AcronymDefinition(TypedDict):
    """One "Long Form (LF)" definition: the short form and both character spans."""

    short: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


class HitDict(TypedDict):
    """A gazetteer country form found in the text, as stored in span-group attrs."""

    start: int
    end: int
    text: str
    iso3: str
    form: str


class MentionDict(TypedDict):
    """The JSON form of a :class:`Mention`."""

    start: int
    end: int
    text: str
    kind: str
    key: str
    form: str
    country: str | None
    role: str | None
    affiliation: str | None
    aliases: list[str]
    canonical: NotRequired[str]


@dataclass
class Mention:
    """One mention of a party, before mentions are merged into parties.

    ``key`` is what mentions of one party share: the ISO code of a state, the normalised name
    of an organisation, the surface name of a person. ``aliases`` keeps insertion order (an
    acronym defined on the mention, a title with a surname) so the output does not depend on
    string hashing."""

    start: int
    end: int
    text: str
    kind: Kind
    key: str
    form: Form = "name"
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    canonical: str | None = None  # an office standing for its body: the body's name ("United Nations")

    def add_alias(self, alias: str) -> None:
        """Add ``alias`` once (the list acts as an ordered set)."""
        if alias not in self.aliases:
            self.aliases.append(alias)

    def to_dict(self) -> MentionDict:
        """The record as JSON-able values, for span-group attrs."""
        out: MentionDict = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "key": self.key,
            "form": self.form,
            "country": self.country,
            "role": self.role,
            "affiliation": self.affiliation,
            "aliases": list(self.aliases),
        }
        if self.canonical is not None:
            out["canonical"] = self.canonical
        return out

    @classmethod
    def from_dict(cls, data: MentionDict | dict[str, Any]) -> Mention:
        """Rebuild a mention from :meth:`to_dict` output (DocBin may hand back tuples for lists)."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            kind=cast(Kind, data["kind"]),
            key=str(data["key"]),
            form=cast(Form, data["form"]),
            country=data.get("country"),
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            aliases=list(data.get("aliases") or ()),
            canonical=data.get("canonical"),
        )


def hit_to_dict(hit: CountryHit) -> HitDict:
    """A gazetteer hit as JSON-able values."""
    return {"start": hit.start, "end": hit.end, "text": hit.text, "iso3": hit.iso3, "form": hit.form}


def hit_from_dict(data: HitDict | dict[str, Any]) -> CountryHit:
    """A gazetteer hit back from :func:`hit_to_dict` output."""
    return CountryHit(int(data["start"]), int(data["end"]), str(data["text"]), str(data["iso3"]), cast(FormKind, data["form"]))


def read_records(doc: Doc, key: str, name: str) -> list[Any]:
    """The records an earlier component stored under ``attrs[name]`` of span group ``key``; none
    when that component did not run (a pipeline without it simply has no such mentions)."""
    group = doc.spans.get(key)
    if group is None:
        return []
    return list(group.attrs.get(name) or ())


def read_hits(doc: Doc, key: str) -> list[CountryHit]:
    """The country hits an earlier component stored under ``attrs["hits"]`` of span group ``key``."""
    return [hit_from_dict(h) for h in read_records(doc, key, "hits")]


def read_mentions(doc: Doc, *keys: str) -> list[Mention]:
    """The mentions earlier components stored under ``attrs["mentions"]`` of span groups ``keys``, in that order."""
    return [Mention.from_dict(m) for key in keys for m in read_records(doc, key, "mentions")]


def write_group(doc: Doc, key: str, spans: list[Span], **attrs: Any) -> None:
    """Write span group ``key`` (sorted, duplicates dropped) with JSON-able ``attrs``."""
    doc.spans[key] = span_group(doc, key, spans)
    doc.spans[key].attrs.update(attrs)


def char_spans(doc: Doc, offsets: list[tuple[int, int, str]]) -> list[Span]:
    """Token spans covering each (start, end, label) character range; ranges that cover no
    token are left out (the records in attrs keep the exact offsets)."""
    out = []
    for start, end, label in offsets:
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
        if sp is not None:
            out.append(sp)
    return out


def norm(text: str, leading_noise: re.Pattern[str]) -> str:
    """The form two mentions of one party share: quotes, edge punctuation, a leading "the"
    (``leading_noise``, the ``leading_noise`` pattern) and case removed, spaces collapsed."""
    text = text.replace("’", "'").strip(QUOTES + " ,.")
    text = leading_noise.sub("", text)
    return re.sub(r"\s+", " ", text).casefold()


def is_titlecase(tok: Token) -> bool:
    """A capitalised word (or a number inside a name: "Group of 77"), not punctuation."""
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and tok.i > 0)) and not tok.is_punct


def org_head(words: list[str], prepositions: frozenset[str]) -> str | None:
    """The head word of a proper-noun name, lower-cased: the last word before its first
    preposition ("Ministry" in "Ministry of Foreign Affairs")."""
    pre: list[str] = []
    for w in words:
        if w.lower() in prepositions:
            break
        pre.append(w)
    return pre[-1].lower() if pre else None
