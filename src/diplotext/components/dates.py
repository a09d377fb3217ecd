"""diplotext_dates: temporal expressions as minimal spans with TIMEX3-style values.

Candidates are the base NER's DATE/TIME entities plus patterns it misses
("today", weekdays, "N years ago", "every day"). Each is split into its parts
where it is a range ("7-8 July, 2022" gives "7" and "8 July, 2022"), trimmed to
its minimal span and normalised by a :class:`~diplotext.timex.TimexNormaliser`
built from this component's own rows. The reference date is the caller's
(``doc._.reference_date``) or, failing that, one inferred from the text: a
dateline, or the latest full date the text reports in the past tense.

The words are data: the candidate, range and trimming patterns are the
``date_*`` rows of ``resources/patterns.v1.jsonl`` (over the lexicon's word
lists), the value tables the mappings of ``resources/timex.v1.jsonl``; all are
loaded in ``initialize`` and saved with the pipeline.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from ..resources import MappingEntry
from ..timex import TIMEX_FILE, Timex, TimexNormaliser
from ..util import doc_text, span_group, span_group_scorer, span_score_weights
from ._base import LEXICON_SLOTS, DataPipe, Slot

SPAN_KEY = "diplotext_dates"

# Structure, not vocabulary: NER labels, POS tags, dependency labels and value shapes.
_DATE_ENTS: Final = frozenset({"DATE", "TIME"})
_VERB_POS: Final = frozenset({"VERB", "AUX"})
_AUX_DEPS: Final = frozenset({"aux", "auxpass"})
_PAST_TAGS: Final = frozenset({"VBD", "VBN"})
_MAX_CLAUSE_HOPS: Final = 8  # how far up the parse a date looks for its clause's verb
_DATELINE_CHARS: Final = 400  # a dateline sits at the top of a text
_AGE_WINDOW: Final = 6  # characters after a duration read for "old"
_PREFIX_CUTS: Final = 3  # how many words the prefix retry may drop
_YMD = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"\d{4}")
_LEADING_WORD = re.compile(r"[A-Za-z.]+\s+")
_HAS_WORD = re.compile(r"[A-Za-z]{3}")
_UNIT_CODE = re.compile(r"[A-Z]+$")
_NON_SPACE = re.compile(r"\S+")

_PATTERN_NAMES: Final = (
    "date_candidate", "date_day_range", "date_duration_range", "date_year_range", "date_strip_lead",
    "date_strip_tail", "dateline", "date_group_cut", "numbered_name_prefix", "month_name", "date_inner_month",
    "relative_tail", "relative_date_cue", "age_after_duration",
)


@dataclass
class _Found:
    """What one Doc's candidates gave: the items and spans to write, and the relative dates left out."""

    items: list[dict[str, Any]] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    unresolved: int = 0

    def add(self, span: Span, text: str, start: int, end: int, value: str, kind: str, resolved: bool) -> None:
        """Record one date: its JSON-able item and its span."""
        self.items.append({"text": text, "start": start, "end": end, "value": value, "type": kind, "resolved": resolved})
        self.spans.append(span)


@dataclass
class _Piece:
    """One part of a candidate as it is being read: its character offsets, its text and its tokens."""

    start: int
    end: int
    text: str
    span: Span


class DatesComponent(DataPipe):
    """Find and normalise temporal expressions; infer the reference date when none is given.

    Settings (factory arguments, from config.cfg): ``use_ner`` takes the NER's DATE/TIME
    entities as candidates; ``include_vague`` also reports vague references ("now",
    "recently") with PRESENT_REF/PAST_REF/FUTURE_REF values."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, "timex": Slot(TIMEX_FILE, MappingEntry)}

    def __init__(
        self,
        nlp: Language,
        name: str = "diplotext_dates",
        *,
        use_ner: bool = True,
        include_vague: bool = False,
        scorer: Callable[..., Any] | None = None,
    ) -> None:
        super().__init__(nlp, name, scorer=scorer)
        self.use_ner = use_ner
        self.include_vague = include_vague
        self._last_candidates: tuple[Doc | None, list[tuple[int, int]]] = (None, [])

    def setup(self) -> None:
        """Build the normaliser, the compiled patterns and the word sets from this pipe's rows."""
        assert self.data is not None
        vocab = self.vocabulary
        self.timex = TimexNormaliser(vocab, self.data["timex"])
        self._rx = {name: vocab.regex(name) for name in _PATTERN_NAMES}
        vague = next((m.values for m in self.data["timex"] if m.name == "vague_references"), None)
        if vague is None:
            raise ValueError(f"{self.name}: the timex rows have no 'vague_references' mapping")
        self._vague = {k: str(v) for k, v in vague.items()}
        # longest first, so "the future" wins over "future"
        self._vague_rx = re.compile(r"(?i)\b(?:" + "|".join(sorted(map(re.escape, self._vague), key=len, reverse=True)) + r")\b")
        self._future_aux = vocab.words("future_auxiliaries")
        self._future_intent = vocab.words("future_intent_lemmas")
        self._future_modals = vocab.words("future_modals")

    # -- tense ------------------------------------------------------------------------------
    def _future_context(self, span: Span) -> bool:
        """Whether the clause that holds ``span`` speaks of the future (will, shall, plans to ...),
        so that "in March" is the next March, not the last."""
        tok = span.root
        seen = 0
        while tok.head.i != tok.i and seen < _MAX_CLAUSE_HOPS and tok.pos_ not in _VERB_POS:
            tok = tok.head
            seen += 1
        verb = tok
        for child in verb.children:
            if child.dep_ in _AUX_DEPS and child.lower_ in self._future_aux:
                return True
        if verb.tag_ in _PAST_TAGS:
            return False
        if verb.head.i != verb.i and verb.head.lemma_ in self._future_intent:
            return True
        return any(c.lower_ in self._future_modals for c in verb.head.children) if verb.dep_ == "xcomp" else False

    # -- reference date ---------------------------------------------------------------------
    def infer_reference_date(self, doc: Doc) -> dt.date | None:
        """A dateline's date, else the latest full date reported in the past tense: what a reader
        takes "on Thursday" to be counted from when the publication date is not given."""
        self.ensure_initialized()
        m = self._rx["dateline"].search(doc_text(doc)[:_DATELINE_CHARS])
        if m:
            tx = self.timex.normalise(m.group("date"), None)
            if tx is not None and len(tx.value) == 10:
                return dt.date.fromisoformat(tx.value)
        return self._latest_past_date(doc)

    def _latest_past_date(self, doc: Doc) -> dt.date | None:
        """The latest full date (with a year) whose clause is not in the future tense."""
        text = doc_text(doc)
        best: dt.date | None = None
        for start, end in self._candidates(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not _YEAR.search(text[start:end]):
                continue
            tx = self._normalise(text[start:end], None, False)
            if tx is None or tx.type != "date" or not _YMD.fullmatch(tx.value) or self._future_context(span):
                continue
            d = dt.date.fromisoformat(tx.value)
            if best is None or d > best:
                best = d
        return best

    def _normalise(self, text: str, ref: dt.date | None, future: bool) -> Timex | None:
        """Normalise, reading arithmetic past year 1 or 9999 as no value."""
        try:
            return self.timex.normalise(text, ref, future=future)
        except (OverflowError, ValueError):
            return None

    # -- candidates -------------------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[tuple[int, int]]:
        """Character spans of the NER's dates, the patterns' matches and (with include_vague) the
        vague words; pieces that overlap are widened into one. Kept for the Doc last asked about:
        inferring the reference date and finding the dates read the same candidates."""
        if self._last_candidates[0] is doc:
            return list(self._last_candidates[1])
        found = self._find_candidates(doc)
        self._last_candidates = (doc, found)
        return list(found)

    def _find_candidates(self, doc: Doc) -> list[tuple[int, int]]:
        text = doc_text(doc)
        cands: list[tuple[int, int]] = []
        if self.use_ner:
            cands.extend((ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _DATE_ENTS)
        cands.extend((m.start(), m.end()) for m in self._rx["date_candidate"].finditer(text))
        if self.include_vague:
            cands.extend((m.start(), m.end()) for m in self._vague_rx.finditer(text))
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
        cut = self._rx["date_group_cut"].search(text[start:end])
        if cut:
            return self._groups(text, start, start + cut.start()) + self._groups(text, start + cut.end(), end)
        return [self._parts(text, start, end)]

    def _parts(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Trim a candidate to its minimal span(s) ("on Thursday" -> "Thursday", "This year alone"
        -> "This year"); a range gives two ("7-8 July, 2022", "five to eight years", "2021-2025")."""
        piece = text[start:end]
        if self._rx["numbered_name_prefix"].match(piece) and not self._rx["month_name"].match(piece):
            return []  # "H.R. 2066": a bill's number
        lead = self._rx["date_strip_lead"].match(piece)
        if lead:
            start += lead.end()
        tail = self._rx["date_strip_tail"].search(text[start:end])
        if tail:
            end -= len(tail.group())
        piece = text[start:end]
        m = self._rx["date_day_range"].match(piece)
        if m:
            return [(start, start + m.end("d1")), (start + m.start("rest"), end)]
        m = self._rx["date_duration_range"].match(piece)
        if m:
            return [(start + m.start("n1"), start + m.end("n1")), (start + m.start("rest"), end)]
        m = self._rx["date_year_range"].match(piece)
        if m:
            return [(start + m.start("y1"), start + m.end("y1")), (start + m.start("y2"), end)]
        return [(start, end)] if end > start else []

    # -- main -------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.diplotext_dates`` (JSON-able items), the ``diplotext_dates`` span group
        (labelled with the TIMEX3 type) and, when none was given, the inferred reference date."""
        self.ensure_initialized()
        text = doc_text(doc)
        ref = self._reference_date(doc)
        found = _Found()
        for parts in [g for cs, ce in self._candidates(doc) for g in self._groups(text, cs, ce)]:
            shared, range_year = self._range_context(text, parts, ref)
            for k in range(len(parts)):
                self._read_part(doc, parts, k, shared, range_year, ref, found)
        if found.unresolved:
            warning = f"no reference date given or found: {found.unresolved} relative date(s) left out"
            doc._.diplotext_warnings = [*(doc._.diplotext_warnings or []), warning]
        doc._.diplotext_dates = found.items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, found.spans)
        return doc

    def _reference_date(self, doc: Doc) -> dt.date | None:
        """The caller's reference date, else the inferred one (written on the Doc with its source)."""
        ref_iso = doc._.reference_date
        if ref_iso:
            return dt.date.fromisoformat(ref_iso)
        ref = self.infer_reference_date(doc)
        doc._.reference_date = ref.isoformat() if ref else None
        doc._.reference_date_source = "inferred" if ref else None
        return ref

    def _range_context(self, text: str, parts: list[tuple[int, int]], ref: dt.date | None) -> tuple[dict[int, str], Timex | None]:
        """What the two parts of a range lend each other, and the value of the second part.

        "7-8 July, 2022": the first part takes its month and year from the second;
        "March 29-30, 2023": the second takes its month from the first."""
        if len(parts) != 2:
            return {}, None
        first, second = text[parts[0][0] : parts[0][1]], text[parts[1][0] : parts[1][1]]
        shared: dict[int, str] = {}
        month = _LEADING_WORD.match(first)
        if month and not _HAS_WORD.search(second):
            shared[1] = month.group() + second
        range_year = self._normalise(shared.get(1, second), ref, False)
        if month and range_year is not None and _YMD.fullmatch(range_year.value) and not _YEAR.search(first):
            shared[0] = f"{first}, {range_year.value[:4]}"
        return shared, range_year

    def _read_part(
        self,
        doc: Doc,
        parts: list[tuple[int, int]],
        k: int,
        shared: dict[int, str],
        range_year: Timex | None,
        ref: dt.date | None,
        found: _Found,
    ) -> None:
        """Normalise part ``k`` of a candidate and add it to ``found`` when it is a date."""
        text = doc_text(doc)
        s, e = parts[k]
        surface = text[s:e]
        if surface.lower() in self._vague:
            self._add_vague(doc, s, e, surface, found)
            return
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            return
        future = self._future_context(span)
        tx = self._normalise(shared.get(k, surface), ref, future)
        if tx is not None and self._inside_name(doc, span, surface, tx):
            return
        if tx is None and k == 0 and range_year is not None:
            if surface.strip().isdigit() and self._add_range_day(doc, span, s, e, surface, range_year, found):
                return
            if range_year.type == "duration":
                tx = self._range_duration(text, parts, surface, range_year, ref)
        piece = _Piece(s, e, surface, span)
        if tx is None:
            tx = self._from_inner_month(doc, piece, ref, future)
        if tx is None:
            tx = self._from_shorter_prefix(doc, piece, ref, future)
        if tx is None:
            if ref is None and self._rx["relative_date_cue"].search(piece.text):
                found.unresolved += 1
            return
        if self._is_age(doc, piece.span, tx.type):
            return
        found.add(Span(doc, piece.span.start, piece.span.end, label=tx.type), piece.text, piece.start, piece.end,
                  tx.value, tx.type, tx.resolved)

    def _add_vague(self, doc: Doc, s: int, e: int, surface: str, found: _Found) -> None:
        """ "now", "recently": reported (PRESENT_REF, PAST_REF, ...) only with include_vague."""
        vague = doc.char_span(s, e, alignment_mode="expand")
        if self.include_vague and vague is not None:
            found.add(Span(doc, vague.start, vague.end, label="date"), surface, s, e, self._vague[surface.lower()], "date", False)

    @staticmethod
    def _inside_name(doc: Doc, span: Span, surface: str, tx: Timex) -> bool:
        """A year or a set word that is part of a name, not a date."""
        if tx.value.isdigit() and len(tx.value) == 4 and span.start > 0:
            prev = doc[span.start - 1]
            if prev.text[:1].isupper() and prev.pos_ == "PROPN" and prev.ent_type_ != "DATE" and not prev.is_sent_start:
                return True  # "H.R. 2066", "Resolution 2231": a number inside a name
        # "Apple Daily", "Financial Weekly": a capitalised set word inside a name
        return tx.type == "set" and surface.istitle() and span.start > 0 and not doc[span.start].is_sent_start

    @staticmethod
    def _add_range_day(doc: Doc, span: Span, s: int, e: int, surface: str, range_year: Timex, found: _Found) -> bool:
        """The bare first day of a range ("7" of "7-8 July, 2022") dated by the second part; True
        when the part is settled (added or dropped), False to read it further."""
        full = range_year.value
        if _YMD.fullmatch(full):
            try:
                value: str | None = dt.date(int(full[:4]), int(full[5:7]), int(surface.strip())).isoformat()
            except ValueError:
                value = None
            if value:
                found.add(doc.char_span(s, e, label="date", alignment_mode="expand") or span, surface, s, e, value, "date",
                          range_year.resolved)
            return True
        if _YEAR.fullmatch(full):
            found.add(span, surface, s, e, surface.strip(), "date", False)
            return True
        return False

    def _range_duration(self, text: str, parts: list[tuple[int, int]], surface: str, range_year: Timex, ref: dt.date | None) -> Timex | None:
        """The first number of a duration range with the second part's unit: "five" of "five to
        eight years" reads as "five years"."""
        if not _UNIT_CODE.search(range_year.value):
            return None
        return self.timex.normalise(f"{surface} {text[parts[1][0] : parts[1][1]].split()[-1]}", ref)

    def _from_inner_month(self, doc: Doc, piece: _Piece, ref: dt.date | None, future: bool) -> Timex | None:
        """ "14257 of April 2, 2025": the NER ran a number into the date; read from the month on."""
        inner = self._rx["date_inner_month"].search(piece.text)
        if not inner or inner.start() == 0:
            return None
        s2 = piece.start + inner.start()
        text = doc_text(doc)
        tx = self.timex.normalise(text[s2 : piece.end], ref, future=future)
        if tx is not None:
            piece.start, piece.text = s2, text[s2 : piece.end]
            piece.span = doc.char_span(piece.start, piece.end, alignment_mode="expand") or piece.span
        return tx

    def _from_shorter_prefix(self, doc: Doc, piece: _Piece, ref: dt.date | None, future: bool) -> Timex | None:
        """ "February 4 marks": the NER ran a verb into the date; try shorter prefixes. A relative
        expression is never cut ("four years ago" does not become the duration "four years")."""
        stripped = piece.text.strip()
        if " " not in stripped or self._rx["relative_tail"].search(stripped):
            return None
        text = doc_text(doc)
        words = list(_NON_SPACE.finditer(piece.text))
        for cut in range(len(words) - 1, max(0, len(words) - 1 - _PREFIX_CUTS), -1):
            e2 = piece.start + words[cut - 1].end()
            tx = self.timex.normalise(text[piece.start : e2], ref, future=future)
            if tx is not None:
                piece.end, piece.text = e2, text[piece.start : e2]
                piece.span = doc.char_span(piece.start, piece.end, alignment_mode="expand") or piece.span
                return tx
        return None

    def _is_age(self, doc: Doc, span: Span, kind: str) -> bool:
        """ "75 years old", "a 10-year-old": ages, not dates."""
        after = doc_text(doc)[span.end_char : span.end_char + _AGE_WINDOW].lower()
        return kind == "duration" and self._rx["age_after_duration"].match(after) is not None


@registry.scorers("diplotext.dates_scorer.v1")
def make_dates_scorer() -> Callable[..., dict[str, Any]]:
    """Span P/R/F of the ``diplotext_dates`` group (unlabelled: the boundaries are what is scored);
    examples whose reference has no such group are skipped (:func:`~diplotext.util.span_group_scorer`)."""
    return span_group_scorer(SPAN_KEY, labeled=False)


@Language.factory(
    "diplotext_dates",
    default_config={"use_ner": True, "include_vague": False, "scorer": {"@scorers": "diplotext.dates_scorer.v1"}},
    # doc.spans["diplotext_dates"]; doc._.reference_date and doc._.diplotext_warnings are also read, as the
    # caller set them (diplotext.extract): no component before this one writes them, so they are not requires
    assigns=[
        "doc.spans",
        "doc._.diplotext_dates",
        "doc._.reference_date",
        "doc._.reference_date_source",
        "doc._.diplotext_warnings",
    ],
    requires=["doc.ents", "token.dep", "token.head", "token.pos", "token.tag", "token.lemma", "token.ent_type", "token.is_sent_start"],
    default_score_weights=span_score_weights(SPAN_KEY),
)
def make_dates(nlp: Language, name: str, use_ner: bool, include_vague: bool, scorer: Callable[..., Any] | None) -> DatesComponent:
    """The dates component; its settings come from config.cfg only."""
    return DatesComponent(nlp, name, use_ner=use_ner, include_vague=include_vague, scorer=scorer)
