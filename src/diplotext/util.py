"""Small helpers the components share: Doc extensions, slugs, span groups."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Span, SpanGroup

EXTENSIONS = (
    "diplotext_parties",
    "diplotext_counts",
    "diplotext_dates",
    "diplotext_commitments",
    "reference_date",
    "reference_date_source",
    "diplotext_warnings",
)


def set_extensions() -> None:
    """Register the Doc extensions (JSON-able values only, so DocBin and n_process work)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def slugify(text: str) -> str:
    """Lower-case ASCII slug: "Moin ul Haque" -> "moin-ul-haque"."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text.replace("'", "").replace("’", "")).strip("-").lower()
    return text or "party"


def span_group(doc: Doc, name: str, spans: Iterable[Span]) -> SpanGroup:
    """A span group with spans sorted and exact duplicates dropped."""
    seen: set[tuple[int, int, str]] = set()
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, s.end, s.label_)):
        key = (sp.start, sp.end, sp.label_)
        if key not in seen:
            seen.add(key)
            out.append(sp)
    return SpanGroup(doc, name=name, spans=out)


def span_group_getter(doc: Doc, attr: str) -> Iterable[Span]:
    """Scorer getter: the span group named ``attr`` (Scorer.score_spans reads Doc attributes by default)."""
    return doc.spans.get(attr.removeprefix("spans_"), [])


# One-entry caches keyed by the identity of the last Doc seen: [doc, text] and [doc, starts, ends].
# Plain lists indexed in place: the rules read them for every token they look at, so each access
# stays one index; a new Doc replaces the entry (an identity check, never a hash of the Doc).
_LAST_TEXT: list[Any] = [None, ""]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, and the rules
    read the text around many tokens, which made long documents quadratic."""
    if _LAST_TEXT[0] is not doc:
        _LAST_TEXT[0] = doc
        _LAST_TEXT[1] = doc.text
    return _LAST_TEXT[1]


_LAST_SENTS: list[Any] = [None, [], []]


def sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds [start, end) of the sentence holding token ``i``; the sentences are listed once
    per Doc (``Span.sent`` walks the tokens again on every call)."""
    if _LAST_SENTS[0] is not doc:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        _LAST_SENTS[0] = doc
        _LAST_SENTS[1] = [s.start for s in sents]
        _LAST_SENTS[2] = [s.end for s in sents]
    k = bisect_right(_LAST_SENTS[1], i) - 1
    if k < 0:
        return 0, len(doc)
    return _LAST_SENTS[1][k], _LAST_SENTS[2][k]
