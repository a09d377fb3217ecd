"""diplotext_counts: cardinal numbers tied to the noun they count.

"nine new friendly cooperation agreements" -> 9 x agreement; "$2 billion" ->
2000000000 USD; "15 percent" -> 15 percent. The number phrase (digits, number
words via text2num, scale words, "a dozen") is read from the tokens; the counted
noun is the number's head in the dependency parse. Dates, durations, ordinals,
numbers inside names and numerals that only point at the parties ("the two
sides") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import registry

from ..resources import lexicon
from ..timex import number_value
from ..util import sentence_bounds, set_extensions, span_group
from ..util import span_group_getter as _span_group

SPAN_KEY = "diplotext_counts"

SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
          "mn": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "b": 1_000_000_000, "k": 1_000}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "C$": "CAD", "A$": "AUD"}
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "riyal": "SAR", "riyals": "SAR"}
TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "decade", "century", "second", "night", "quarter", "semester"}
POINTER_DETS = {"the", "both", "our", "these", "those", "their", "all", "its", "your", "my"}
_SKIP_ENTS = {"DATE", "TIME", "ORDINAL", "EVENT", "ORG", "PERSON", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "GPE", "NORP", "LOC"}


class CountsComponent(Pipe):
    """Find counts of things: value, unit and the counted noun phrase."""

    def __init__(self, nlp: Language, name: str = "diplotext_counts", *, skip_pointers: bool = True, scorer: Callable | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.skip_pointers = skip_pointers
        self.scorer = scorer
        self.cfg: dict[str, Any] = {"skip_pointers": skip_pointers}
        self._collective: set[str] | None = None
        set_extensions()

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None) -> None:
        """Load the collective-noun list ("sides", "countries") that marks party pointers."""
        self._collective = set(lexicon()["collective_nouns"])

    @property
    def collective(self) -> set[str]:
        if self._collective is None:
            self.initialize()
        assert self._collective is not None
        return self._collective

    # -- number phrases -------------------------------------------------------------
    @staticmethod
    def _is_number(tok: Token) -> bool:
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and not tok.whitespace_ and (nxt.is_alpha or nxt.text in {"-", ")"}):
            return False  # "5G", "two-state", "1)": a code, a compound adjective or an enumerator
        if tok.i > 0 and doc[tok.i - 1].text == "(" and nxt is not None and nxt.text == ")":
            return False
        if tok.like_num and not re.fullmatch(r"\d+(?:st|nd|rd|th)", tok.lower_):
            return tok.lower_ not in {"one", "first", "zero", "0"}
        return tok.lower_ in {"dozen", "dozens"} and tok.i > 0 and tok.nbor(-1).lower_ == "a"

    def _phrase(self, doc: Doc, i: int) -> tuple[int, int, float | None, str | None]:
        """The number phrase starting at token i: (start, end, value, currency)."""
        start = i
        currency = None
        if i > 0 and doc[i - 1].text in CURRENCY_SIGNS:
            start = i - 1
            currency = CURRENCY_SIGNS[doc[i - 1].text]
        elif i > 1 and doc[i - 1].text == "$" and doc[i - 2].text in {"US", "U.S."}:
            start, currency = i - 2, "USD"
        if doc[i].lower_ == "dozen":
            return i - 1, i + 1, 12, currency
        j = i
        words: list[str] = []
        while j < len(doc) and (doc[j].like_num or doc[j].text == "-" or doc[j].lower_ in {"and"}):
            if doc[j].lower_ == "and" and not (j + 1 < len(doc) and doc[j + 1].like_num and doc[j + 1].lower_ in {"hundred", "thousand"} | set()):
                break
            if doc[j].text == "-" and not (j + 1 < len(doc) and doc[j + 1].like_num):
                break
            words.append(doc[j].text)
            j += 1
            if doc[j - 1].lower_ in SCALES:
                break
        if not words:
            return i, i + 1, None, currency
        scale = 1
        if words[-1].lower() in SCALES and len(words) > 1:
            scale = SCALES[words[-1].lower()]
            words = words[:-1]
        elif j < len(doc) and doc[j].lower_ in SCALES and doc[j].lower_ not in {"m", "b", "k"}:
            scale = SCALES[doc[j].lower_]
            j += 1
        joined = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        value = number_value(joined)
        if value is None:
            return i, j, None, currency
        total = value * scale
        if isinstance(total, float) and total.is_integer():
            total = int(total)
        if currency is None and j < len(doc) and doc[j].lower_ in CURRENCY_WORDS:
            currency = CURRENCY_WORDS[doc[j].lower_]
            j += 1
        return start, j, total, currency

    # -- main -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        blocked = [False] * len(doc)
        for key in ("diplotext_dates", "diplotext_parties"):
            for sp in doc.spans.get(key, []):
                for k in range(sp.start, sp.end):
                    blocked[k] = True
        for ent in doc.ents:
            if ent.label_ in _SKIP_ENTS:
                for k in range(ent.start, ent.end):
                    blocked[k] = True
        items: list[dict[str, Any]] = []
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            tok = doc[i]
            if blocked[i] or not self._is_number(tok) or (i > 0 and doc[i - 1].like_num and not blocked[i - 1]):
                i += 1
                continue
            start, end, value, currency = self._phrase(doc, i)
            i = max(end, i + 1)
            if value is None or any(blocked[k] for k in range(start, min(end, len(doc)))):
                continue
            if re.fullmatch(r"(1[5-9]|20)\d\d", tok.text) and currency is None:
                continue  # a year the NER did not tag
            prev = doc[start - 1] if start > 0 else None
            if prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN" and currency is None and not prev.is_sent_start and prev.ent_type_ not in {"MONEY", "CARDINAL", "PERCENT", "QUANTITY"}:
                continue  # "Task Force 59", "Resolution 2231": a number inside a name
            unit: str | None = None
            head_tok: Token | None = None
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and (nxt.lower_ in {"percent", "%", "pct"} or (nxt.lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent")):
                unit = "percent"
                end = end + (2 if nxt.lower_ == "per" else 1)
                if end < len(doc) and doc[end].lower_ in {"points", "point"} and nxt.lower_ == "percentage":
                    unit = "percentage point"
                    end += 1
            elif nxt is not None and nxt.lower_ == "percentage" and end + 1 < len(doc) and doc[end + 1].lemma_.lower() == "point":
                unit, end = "percentage point", end + 2
            elif currency is not None:
                unit = currency
            else:
                head_tok = self._counted_head(doc, start, end)
                if head_tok is None:
                    continue
                lemma = head_tok.lemma_.lower() if head_tok.pos_ != "PROPN" else head_tok.text
                if head_tok.pos_ == "PROPN" and lemma.endswith("s") and not lemma.endswith("ss"):
                    lemma = lemma[:-1]
                if lemma.lower() in TIME_UNITS:
                    continue  # a duration: the dates component owns it
                if head_tok.pos_ == "PROPN" and head_tok.ent_type_ not in {"NORP", "GPE"} and not head_tok.text.endswith("s"):
                    continue  # "500 West Main Street": an address or a name, not a count
                if self.skip_pointers and self._points_at_parties(doc, start, head_tok, value):
                    continue
                unit = lemma
                end = self._extend_over_conjuncts(doc, head_tok) + 1
            span = doc[start:end]
            s0, s1 = sentence_bounds(doc, span.start)
            sent = doc[s0:s1]
            items.append({
                "text": span.text, "start": span.start_char, "end": span.end_char,
                "value": value, "unit": unit,
                "noun_phrase": span.text if head_tok is not None else None,
                "sentence": sent.text.strip() if sent is not None else None,
            })
            spans.append(Span(doc, span.start, span.end, label=unit or "count"))
        doc._.diplotext_counts = items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    @staticmethod
    def _counted_head(doc: Doc, start: int, end: int) -> Token | None:
        """The noun a number phrase counts: its head through nummod/quantmod, after the number."""
        for k in range(start, end):
            tok = doc[k]
            if tok.dep_ in {"nummod", "quantmod", "compound"} or (tok.dep_ == "amod" and tok.like_num):
                head = tok.head
                hops = 0
                while head.dep_ in {"nummod", "quantmod"} and head.i != head.head.i and hops < 3:
                    head = head.head
                    hops += 1
                if head.i >= end and head.pos_ in {"NOUN", "PROPN"} and head.i - end <= 6:
                    return head
        return None

    def _points_at_parties(self, doc: Doc, start: int, head: Token, value: float) -> bool:
        """ "the two sides", "both countries", "our two peoples": numerals that only point at the parties."""
        if head.lemma_.lower() not in self.collective and head.lower_ not in self.collective:
            return False
        if value > 30:
            return False
        if value <= 3 and head.lemma_.lower() in {"side", "state", "country", "nation", "party", "people"}:
            return True  # "two states", "three nations": the parties, not a count
        left = doc[start - 1] if start > 0 else None
        return left is not None and left.lower_ in POINTER_DETS

    @staticmethod
    def _extend_over_conjuncts(doc: Doc, head: Token) -> int:
        """ "43 provinces and cities": the span runs to the last coordinated noun."""
        last = head.i
        for conj in head.conjuncts:
            if conj.i > last and conj.i - last <= 3 and conj.pos_ in {"NOUN"}:
                last = conj.i
        return last

    # -- serialisation ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CountsComponent:
        self.cfg = srsly.read_json(Path(path) / "cfg")
        self.skip_pointers = bool(self.cfg.get("skip_pointers", True))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.cfg).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CountsComponent:
        self.cfg = srsly.json_loads(data)
        self.skip_pointers = bool(self.cfg.get("skip_pointers", True))
        return self


@registry.scorers("diplotext.counts_scorer.v1")
def make_counts_scorer() -> Callable[..., dict[str, Any]]:
    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("getter", _span_group)
        return Scorer.score_spans(examples, attr=f"spans_{SPAN_KEY}", allow_overlap=True, labeled=False, **kwargs)

    return score


@Language.factory(
    "diplotext_counts",
    default_config={"skip_pointers": True, "scorer": {"@scorers": "diplotext.counts_scorer.v1"}},
    assigns=["doc.spans", "doc._.diplotext_counts"],
    requires=["token.dep", "token.lemma", "doc.ents"],
    default_score_weights={f"spans_{SPAN_KEY}_f": 1.0, f"spans_{SPAN_KEY}_p": None, f"spans_{SPAN_KEY}_r": None},
)
def make_counts(nlp: Language, name: str, skip_pointers: bool, scorer: Callable | None) -> CountsComponent:
    return CountsComponent(nlp, name, skip_pointers=skip_pointers, scorer=scorer)
