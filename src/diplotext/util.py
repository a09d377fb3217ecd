"""Small helpers the components share: Doc extensions, slugs, span groups and their scorers."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any

from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example

EXTENSIONS = (
    "diplotext_parties",
    "diplotext_counts",
    "diplotext_dates",
    "diplotext_commitments",
    "reference_date",
    "reference_date_source",
    "diplotext_warnings",
    "diplotext_publisher",
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


SCORE_PREFIX = "spans_"  # spaCy's prefix for the scores of a span group (spancat's convention)


def span_group_getter(doc: Doc, attr: str) -> Iterable[Span]:
    """Scorer getter: the span group named ``attr`` (Scorer.score_spans reads Doc attributes by default)."""
    return doc.spans.get(attr.removeprefix(SCORE_PREFIX), [])


def span_group_scorer(key: str, *, labeled: bool) -> Callable[..., dict[str, Any]]:
    """The function a registered scorer returns: spaCy's span P/R/F of span group ``key``, under
    ``spans_<key>_p/r/f`` (the keys :func:`span_score_weights` names).

    As spaCy's spancat scorer does, it reads the group rather than a Doc attribute, allows
    overlapping spans, and skips examples whose reference has no such group (``has_annotation``):
    a gold Doc annotated for another area only is not scored as all false negatives.
    ``labeled=False`` scores the boundaries only. Callers' keyword arguments win."""

    def has_group(doc: Doc) -> bool:
        """Whether ``doc`` carries span group ``key`` at all (an empty group still counts)."""
        return key in doc.spans

    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score the span group of each example that has one."""
        kwargs.setdefault("getter", span_group_getter)
        kwargs.setdefault("has_annotation", has_group)
        kwargs.setdefault("labeled", labeled)
        kwargs.setdefault("allow_overlap", True)
        return Scorer.score_spans(examples, attr=SCORE_PREFIX + key, **kwargs)

    return score


def span_score_weights(key: str) -> dict[str, float | None]:
    """A factory's ``default_score_weights`` for the scores of span group ``key``: the F-score counts."""
    return {f"{SCORE_PREFIX}{key}_f": 1.0, f"{SCORE_PREFIX}{key}_p": None, f"{SCORE_PREFIX}{key}_r": None}


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
