"""diplotext_dates: temporal expressions as minimal spans with TIMEX3-style values.

Candidates are the base NER's DATE/TIME entities plus patterns it misses
("today", weekdays, "N years ago", "every day"). Each is split into its parts
where it is a range ("7-8 July, 2022" gives "7" and "8 July, 2022"), trimmed to
its minimal span and normalised by :mod:`diplotext.timex`. The reference date is
the caller's (``doc._.reference_date``) or, failing that, one inferred from the
text: a dateline, or the latest full date the text reports in the past tense.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ..timex import _MONTH_RX, _WD_RX, normalise
from ..util import doc_text, set_extensions, span_group
from ..util import span_group_getter as _span_group

SPAN_KEY = "diplotext_dates"

_NUMWORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|several|a couple of)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred))?"
_PATTERNS = re.compile(
    rf"""(?ix)
    \b(?:
        today|tonight|yesterday|tomorrow
      | this\ (?:morning|afternoon|evening)
      | (?:(?:this|last|next|past|coming)\ )?{_WD_RX}(?:,?\ {_MONTH_RX}\ \d{{1,2}}(?:,\ \d{{4}})?)?
      | (?:this|last|next)\ (?:year|month|week|quarter|decade|spring|summer|fall|autumn|winter)
      | the\ (?:past|last|next|coming|previous|following)\ (?:year|month|week|quarter|decade)
      | (?:the\ )?end\ of\ (?:the|this)\ (?:year|month|week)
      | {_NUMWORD}\ (?:years?|months?|weeks?|days?|decades?|centuries)\ ago
      | (?:the\ )?(?:(?:next|past|last|first|coming|previous)\ )?{_NUMWORD}[ -](?:years?|months?|weeks?|days?|decades?|hours?)
      | every\ (?:single\ )?(?:day|week|month|year)|annually|daily|per\ (?:day|week|month|year)
      | FY\ ?\d{{2,4}}
      | (?:the\ )?(?:early\ |mid-|late\ )?\d{{3}}0s
      | {_MONTH_RX}\ \d{{1,2}}(?:st|nd|rd|th)?(?:,\ \d{{4}})?
      | \d{{1,2}}\ {_MONTH_RX}(?:,?\ \d{{4}})?
      | (?:in|since|by|until|of|during)\ (?:early\ |mid-|late\ )?{_MONTH_RX}(?:\ \d{{4}})?
      | (?:in|since|by|until|during|from|before|after)\ (?:1[6-9]\d\d|20\d\d)(?!\d)
      | (?:last|next)\ {_MONTH_RX}
      | (?:(?:the\ )?(?:first|second|third|fourth|last)\ (?:quarter|half)\ of\ (?:\d{{4}}|this\ year|next\ year|last\ year))
    )\b""",
)
# vague references: left out by default (the guidelines make them optional), TIMEX3 *_REF values with include_vague
_VAGUE = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "present": "PRESENT_REF", "recently": "PAST_REF",
          "recent": "PAST_REF", "once": "PAST_REF", "past": "PAST_REF", "ago": "PAST_REF", "then": "PAST_REF",
          "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF", "later": "FUTURE_REF"}
_VAGUE_RX = re.compile(r"(?i)\b(?:" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")\b")
_RANGE = re.compile(rf"(?i)^(?P<a>{_MONTH_RX}\s+)?(?P<d1>\d{{1,2}})\s*(?:-|–|and|to|through)\s*(?P<rest>(?P<d2>\d{{1,2}})(?:\s+{_MONTH_RX})?(?:,?\s+\d{{4}})?)$")
_RANGE_DURATIONS = re.compile(rf"(?i)^(?:the\s+)?(?:(?:next|past|last)\s+)?(?P<n1>{_NUMWORD})(?:(?<=\d)\s*[-–]\s*(?=\d)|\s*–\s*|\s+(?:to|or)\s+)(?P<rest>{_NUMWORD}\s+(?P<unit>years?|months?|weeks?|days?|hours?|decades?))$")
_RANGE_YEARS = re.compile(r"^(?P<y1>\d{4})\s*(?:-|–|to|through)\s*(?P<y2>\d{4}|\d{2})$")
_STRIP_LEAD = re.compile(r"(?i)^(?:(?:earlier|later|on|in|at|by|since|until|till|from|during|for|over|within|before|after|through|of|as of|as early as|about|around|nearly|almost|more than|less than|some)\s+)+")
_STRIP_TAIL = re.compile(r"(?i)(?:\s+(?:alone|itself|onward|onwards|forward)|['’]s|[,.;:])+$")
_DATELINE = re.compile(rf"(?im)^\s*[A-Z][A-Za-z .'-]{{2,40}},\s+(?P<date>{_MONTH_RX}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH_RX}\s+\d{{4}})")


def _future_context(span: Span) -> bool:
    """Whether the clause that holds ``span`` speaks of the future (will, shall, plans to ...)."""
    tok = span.root
    seen = 0
    while tok.head.i != tok.i and seen < 8 and tok.pos_ not in {"VERB", "AUX"}:
        tok = tok.head
        seen += 1
    verb = tok
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in {"will", "shall", "'ll", "wo"}:
            return True
    if verb.tag_ in {"VBD", "VBN"}:
        return False
    if verb.head.i != verb.i and verb.head.lemma_ in {"plan", "expect", "intend", "schedule", "will"}:
        return True
    return any(c.lower_ in {"will", "shall"} for c in verb.head.children) if verb.dep_ == "xcomp" else False


class DatesComponent(Pipe):
    """Find and normalise temporal expressions; infer the reference date when none is given."""

    def __init__(self, nlp: Language, name: str = "diplotext_dates", *, use_ner: bool = True, include_vague: bool = False, scorer: Callable | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.use_ner = use_ner
        self.include_vague = include_vague
        self.scorer = scorer
        self.cfg: dict[str, Any] = {"use_ner": use_ner, "include_vague": include_vague}
        set_extensions()

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None) -> None:
        """Nothing to load: the patterns are code; kept for the spaCy component protocol."""

    # -- reference date ---------------------------------------------------------
    def infer_reference_date(self, doc: Doc) -> dt.date | None:
        """A dateline's date, else the latest full date reported in the past tense."""
        m = _DATELINE.search(doc_text(doc)[:400])
        if m:
            tx = normalise(m.group("date"), None)
            if tx is not None and len(tx.value) == 10:
                return dt.date.fromisoformat(tx.value)
        best: dt.date | None = None
        for start, end in self._candidates(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not re.search(r"\d{4}", doc_text(doc)[start:end]):
                continue
            try:
                tx = normalise(doc_text(doc)[start:end], None)
            except (OverflowError, ValueError):
                continue
            if tx is None or tx.type != "date" or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", tx.value):
                continue
            if _future_context(span):
                continue
            d = dt.date.fromisoformat(tx.value)
            if best is None or d > best:
                best = d
        return best

    # -- candidates ---------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[tuple[int, int]]:
        text = doc_text(doc)
        cands: list[tuple[int, int]] = []
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ in {"DATE", "TIME"}:
                    cands.append((ent.start_char, ent.end_char))
        for m in _PATTERNS.finditer(text):
            cands.append((m.start(), m.end()))
        if self.include_vague:
            for m in _VAGUE_RX.finditer(text):
                cands.append((m.start(), m.end()))
        # widen NER/pattern pieces that overlap: keep the longest of each overlapping group
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        merged: list[tuple[int, int]] = []
        for s, e in cands:
            if merged and s < merged[-1][1]:
                ps, pe = merged[-1]
                merged[-1] = (ps, max(pe, e))
                continue
            merged.append((s, e))
        return merged

    def _groups(self, text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
        """A candidate cut at "and" before another dated month: "March 29-30, 2023 and June 14"."""
        piece = text[start:end]
        cut = re.search(r",?\s+and\s+(?=[A-Z][a-z]+\.?\s+\d)", piece)
        if cut:
            return self._groups(text, start, start + cut.start()) + self._groups(text, start + cut.end(), end)
        return [self._parts(text, start, end)]

    def _parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Trim a candidate to its minimal span(s); a range gives two."""
        piece = text[start:end]
        m = re.match(r"^([A-Z][A-Za-z]*\.(?:[A-Z]\.)*|No\.|Section|Resolution|Order)\s+(?=\d{4}\b)", piece)
        if m and not re.match(_MONTH_RX, piece, re.I):
            return []  # "H.R. 2066": a bill's number
        piece = text[start:end]
        lead = _STRIP_LEAD.match(piece)
        if lead:
            start += lead.end()
        piece = text[start:end]
        tail = _STRIP_TAIL.search(piece)
        if tail:
            end -= len(tail.group())
        piece = text[start:end]
        m = _RANGE.match(piece)
        if m:
            return [(start, start + m.end("d1")), (start + m.start("rest"), end)]
        m = _RANGE_DURATIONS.match(piece)
        if m:
            return [(start + m.start("n1"), start + m.end("n1")), (start + m.start("rest"), end)]
        m = _RANGE_YEARS.match(piece)
        if m:
            return [(start + m.start("y1"), start + m.end("y1")), (start + m.start("y2"), end)]
        return [(start, end)] if end > start else []

    # -- main -------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ref_iso = doc._.reference_date
        ref: dt.date | None = dt.date.fromisoformat(ref_iso) if ref_iso else None
        if ref is None:
            ref = self.infer_reference_date(doc)
            doc._.reference_date = ref.isoformat() if ref else None
            doc._.reference_date_source = "inferred" if ref else None
        items: list[dict[str, Any]] = []
        spans: list[Span] = []
        unresolved = 0
        groups = [g for cs, ce in self._candidates(doc) for g in self._groups(text, cs, ce)]
        for parts in groups:
            range_year = None
            shared: dict[int, str] = {}
            if len(parts) == 2:
                # "7-8 July, 2022": the first part takes its month and year from the second;
                # "March 29-30, 2023": the second takes its month from the first
                first, second = text[parts[0][0] : parts[0][1]], text[parts[1][0] : parts[1][1]]
                month = re.match(r"[A-Za-z.]+\s+", first)
                if month and not re.search(r"[A-Za-z]{3}", second):
                    shared[1] = month.group() + second
                try:
                    range_year = normalise(shared.get(1, second), ref)
                except (OverflowError, ValueError):
                    range_year = None
                if month and range_year is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", range_year.value) and not re.search(r"\d{4}", first):
                    shared[0] = f"{first}, {range_year.value[:4]}"
            for k, (s, e) in enumerate(parts):
                surface = text[s:e]
                if surface.lower() in _VAGUE:
                    vague = doc.char_span(s, e, alignment_mode="expand")
                    if self.include_vague and vague is not None:
                        items.append({"text": surface, "start": s, "end": e, "value": _VAGUE[surface.lower()], "type": "date", "resolved": False})
                        spans.append(Span(doc, vague.start, vague.end, label="date"))
                    continue
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                future = _future_context(span)
                try:
                    tx = normalise(shared.get(k, surface), ref, future=future)
                except (OverflowError, ValueError):
                    tx = None  # arithmetic past year 1 or 9999
                if tx is not None and tx.value.isdigit() and len(tx.value) == 4 and span.start > 0:
                    prev = doc[span.start - 1]
                    if prev.text[:1].isupper() and prev.pos_ == "PROPN" and prev.ent_type_ not in {"DATE"} and not prev.is_sent_start:
                        continue  # "H.R. 2066", "Resolution 2231": a number inside a name
                if tx is not None and tx.type == "set" and surface.istitle() and span.start > 0 and not doc[span.start].is_sent_start:
                    continue  # "Apple Daily", "Financial Weekly": a capitalised set word inside a name
                if tx is None and k == 0 and range_year is not None and surface.strip().isdigit():
                    full = range_year.value
                    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", full):
                        try:
                            tx_value = dt.date(int(full[:4]), int(full[5:7]), int(surface.strip())).isoformat()
                        except ValueError:
                            tx_value = None
                        if tx_value:
                            items.append({"text": surface, "start": s, "end": e, "value": tx_value, "type": "date", "resolved": range_year.resolved})
                            spans.append(doc.char_span(s, e, label="date", alignment_mode="expand") or span)
                        continue
                    if re.fullmatch(r"\d{4}", full):
                        items.append({"text": surface, "start": s, "end": e, "value": surface.strip(), "type": "date", "resolved": False})
                        spans.append(span)
                        continue
                if tx is None and k == 0 and range_year is not None and range_year.type == "duration":
                    unit = re.search(r"[A-Z]+$", range_year.value)
                    tx = normalise(f"{surface} {text[parts[1][0]:parts[1][1]].split()[-1]}", ref) if unit else None
                if tx is None:
                    inner = re.search(rf"(?i)\b(?:{_MONTH_RX})\s+\d", surface)
                    if inner and inner.start() > 0:
                        # "14257 of April 2, 2025": the NER ran a number into the date
                        s2 = s + inner.start()
                        tx = normalise(text[s2:e], ref, future=future)
                        if tx is not None:
                            s, surface = s2, text[s2:e]
                            span = doc.char_span(s, e, alignment_mode="expand") or span
                if tx is None and " " in surface.strip() and not re.search(r"(?i)\b(?:ago|earlier|later|before|after|from now|hence)$", surface.strip()):
                    # "February 4 marks": the NER ran a verb into the date; try shorter prefixes
                    words = list(re.finditer(r"\S+", surface))
                    for cut in range(len(words) - 1, max(0, len(words) - 4), -1):
                        e2 = s + words[cut - 1].end()
                        tx = normalise(text[s:e2], ref, future=future)
                        if tx is not None:
                            e, surface = e2, text[s:e2]
                            span = doc.char_span(s, e, alignment_mode="expand") or span
                            break
                if tx is None:
                    if ref is None and re.search(r"(?i)today|yesterday|tomorrow|ago|this|last|next|" + _WD_RX, surface):
                        unresolved += 1
                    continue
                if self._is_age_or_quantity(doc, span, tx.type):
                    continue
                items.append({"text": surface, "start": s, "end": e, "value": tx.value, "type": tx.type, "resolved": tx.resolved})
                spans.append(Span(doc, span.start, span.end, label=tx.type))
        if unresolved:
            doc._.diplotext_warnings = [*(doc._.diplotext_warnings or []), f"no reference date given or found: {unresolved} relative date(s) left out"]
        doc._.diplotext_dates = items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    @staticmethod
    def _is_age_or_quantity(doc: Doc, span: Span, kind: str) -> bool:
        """ "75 years old", "a 10-year-old": ages; durations that count money or people are not dates."""
        after = doc_text(doc)[span.end_char : span.end_char + 6].lower()
        return kind == "duration" and (after.startswith(" old") or after.startswith("-old"))

    # -- serialisation ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DatesComponent:
        self._set_cfg(srsly.read_json(Path(path) / "cfg"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.cfg).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DatesComponent:
        self._set_cfg(srsly.json_loads(data))
        return self

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        self.cfg = cfg
        self.use_ner = bool(cfg.get("use_ner", True))
        self.include_vague = bool(cfg.get("include_vague", False))


@registry.scorers("diplotext.dates_scorer.v1")
def make_dates_scorer() -> Callable[..., dict[str, Any]]:
    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("getter", _span_group)
        return Scorer.score_spans(examples, attr=f"spans_{SPAN_KEY}", allow_overlap=True, labeled=False, **kwargs)

    return score


@Language.factory(
    "diplotext_dates",
    default_config={"use_ner": True, "include_vague": False, "scorer": {"@scorers": "diplotext.dates_scorer.v1"}},
    assigns=["doc.spans", "doc._.diplotext_dates", "doc._.reference_date", "doc._.reference_date_source"],
    requires=["doc.ents", "token.dep"],
    default_score_weights={f"spans_{SPAN_KEY}_f": 1.0, f"spans_{SPAN_KEY}_p": None, f"spans_{SPAN_KEY}_r": None},
)
def make_dates(nlp: Language, name: str, use_ner: bool, include_vague: bool, scorer: Callable | None) -> DatesComponent:
    return DatesComponent(nlp, name, use_ner=use_ner, include_vague=include_vague, scorer=scorer)
