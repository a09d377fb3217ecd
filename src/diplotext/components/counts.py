"""diplotext_counts: cardinal numbers tied to the noun they count.

"nine new friendly cooperation agreements" -> 9 x agreement; "$2 billion" ->
2000000000 USD; "15 percent" -> 15 percent. The number phrase (digits, number
words via text2num, scale words, "a dozen") is read from the tokens; the counted
noun is the number's head in the dependency parse. Dates, durations, ordinals,
numbers inside names and numerals that only point at the parties ("the two
sides") are left out.

The words are data: scales, currencies and percent words are the mappings of
``resources/quantities.v1.jsonl``; the word lists (duration nouns, pointer
determiners, collective nouns, ...) are lexicon lists. Both are loaded in
``initialize`` and saved with the pipeline. Number words are read by
the ``number_words`` table of the pipe's own ``timex`` rows (as the dates component holds them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar, Final

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from ..currencies import currency_forms
from ..resources import MappingEntry
from ..timex import TIMEX_FILE, TimexNormaliser
from ..util import sentence_bounds, span_group, span_group_scorer, span_score_weights
from ._base import LEXICON_SLOTS, DataPipe, Slot

SPAN_KEY = "diplotext_counts"
QUANTITIES_FILE = "quantities.v1.jsonl"

# Structure, not vocabulary: span groups, NER labels, POS tags, dependency labels and number shapes.
_BLOCKING_GROUPS: Final = ("diplotext_dates", "diplotext_parties")  # tokens another component owns
_SKIP_ENTS: Final = frozenset({"DATE", "TIME", "ORDINAL", "EVENT", "ORG", "PERSON", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "GPE", "NORP", "LOC"})
_NUMERIC_ENTS: Final = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})
_STATE_ENTS: Final = frozenset({"NORP", "GPE"})
_GLUED: Final = frozenset({"-", ")"})  # a number written on these is a code or an enumerator
_HEAD_DEPS: Final = frozenset({"nummod", "quantmod", "compound"})
_NUM_DEPS: Final = frozenset({"nummod", "quantmod"})
_NOUN_POS: Final = frozenset({"NOUN", "PROPN"})
_POINT_POS: Final = frozenset({"DET", "PRON", "PROPN"})  # "of the ship", "of its coast", "of Taiwan": a point, not a thing measured
_YEAR_SHAPE = re.compile(r"(1[5-9]|20)\d\d")
_SIGN_GLUED = re.compile(r"(\D+?)(\d[\d,]*(?:\.\d+)?)")  # "USD1", "US$300,000": a sign glued to its number
_MAX_HEAD_HOPS: Final = 3  # nummod chains followed up to the counted noun
_MAX_HEAD_GAP: Final = 6  # tokens between the number and its noun ("nine new friendly cooperation agreements")
_MAX_CONJ_GAP: Final = 3  # tokens between coordinated counted nouns ("43 provinces and cities")
_MAX_POINTER: Final = 3  # "the 12 participating economies" counts members; "the two sides" only points
_MAX_PARTIES: Final = 3  # "two states": up to this many, party nouns are the parties themselves


class CountsComponent(DataPipe):
    """Find counts of things: value, unit and the counted noun phrase.

    Settings (factory arguments, from config.cfg): ``skip_pointers`` leaves out numerals that
    only point at the parties ("the two sides"), which the guidelines do not count."""

    slots: ClassVar[dict[str, Slot]] = {
        **LEXICON_SLOTS,
        "quantities": Slot(QUANTITIES_FILE, MappingEntry),
        "timex": Slot(TIMEX_FILE, MappingEntry),
    }

    def __init__(self, nlp: Language, name: str = "diplotext_counts", *, skip_pointers: bool = True, scorer: Callable[..., Any] | None = None) -> None:
        super().__init__(nlp, name, scorer=scorer)
        self.skip_pointers = skip_pointers

    def setup(self) -> None:
        """Read the quantity tables and the word sets from this pipe's rows."""
        assert self.data is not None
        tables = {m.name: m.values for m in self.data["quantities"]}
        for needed in ("scales", "currency_signs", "currency_words", "percent_words", "percent_lemmas"):
            if needed not in tables:
                raise ValueError(f"{self.name}: the quantities rows have no {needed!r} mapping")
        self.scales = {k: v for k, v in tables["scales"].items() if not isinstance(v, str)}
        self.currencies = currency_forms({k: str(v) for k, v in tables["currency_signs"].items()},
                                         {k: str(v) for k, v in tables["currency_words"].items()})
        self._glued_scale = re.compile(r"(\d[\d,]*(?:\.\d+)?)(" + "|".join(re.escape(k) for k in sorted(self.scales, key=len, reverse=True) if k.isalpha()) + r")", re.I)
        self.percent_words = {k: str(v) for k, v in tables["percent_words"].items()}
        self.percent_lemmas = {k: str(v) for k, v in tables["percent_lemmas"].items()}
        vocab = self.vocabulary
        self.timex = TimexNormaliser(vocab, self.data["timex"])  # number words, from this pipe's own rows
        self._ordinal = vocab.regex("ordinal_number")
        self._excluded = vocab.words("count_excluded_numbers")
        self._dozen_words = vocab.words("dozen_words")
        self._dozen_articles = vocab.words("dozen_articles")
        self._joiners = vocab.words("number_joiners")
        self._joiners_before = vocab.words("scales_after_and")
        self._detached_exclusions = vocab.words("detached_scale_exclusions")
        self._duration_nouns = vocab.lower("duration_nouns")
        self._measures = vocab.lower("measure_units")
        self._measured_of = vocab.lower("measured_thing_prepositions")
        self._area_words = vocab.lower("area_words")
        self._collective = vocab.words("collective_nouns")
        self._party_nouns = vocab.words("party_nouns")
        self._pointer_dets = vocab.words("pointer_determiners")

    # -- number phrases -------------------------------------------------------------------
    def _is_number(self, tok: Token) -> bool:
        """Whether ``tok`` starts a count's number: digits or a number word, a number with its scale
        glued on ("1.5bn"), or "dozen" after "a"."""
        text = tok.text
        if not (tok.like_num or text[:1].isdigit() or text[-1:].isdigit() or tok.lower_ in self._dozen_words):
            return False  # most tokens: no digit, no number word
        doc = tok.doc
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if self._glued_scale.fullmatch(text) or self._glued_sign(tok) is not None:
            return True
        if nxt is not None and nxt.text == "-" and not tok.whitespace_ and tok.i + 2 < len(doc) and doc[tok.i + 2].lower_ in self.scales:
            return tok.like_num  # "$ 442-million"
        if nxt is not None and not tok.whitespace_ and (nxt.is_alpha or nxt.text in _GLUED) and not self._hyphenated_number(tok) and not self._scale_glued_after(tok):
            return False  # "5G", "two-state", "1)": a code, a compound adjective or an enumerator
        if tok.i > 0 and doc[tok.i - 1].text == "(" and nxt is not None and nxt.text == ")":
            return False
        if tok.like_num and not self._ordinal.fullmatch(tok.lower_):
            return tok.lower_ not in self._excluded
        return tok.lower_ in self._dozen_words and tok.i > 0 and tok.nbor(-1).lower_ in self._dozen_articles

    def _glued_sign(self, tok: Token) -> tuple[str, str] | None:
        """ "USD1", "US$300": a currency sign or code and the number in one token, as (code, number)."""
        text = tok.text
        if not text[-1:].isdigit() or text[:1].isdigit():
            return None  # the cheap test first: this runs on every token
        m = _SIGN_GLUED.fullmatch(text)
        if m is None or m.group(1) not in self.currencies.signs:
            return None
        return self.currencies.signs[m.group(1)], m.group(2)

    def _scale_glued_after(self, tok: Token) -> bool:
        """ "€300m" tokenised as "300" + "m": the number with a scale written on it."""
        doc = tok.doc
        return tok.like_num and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in self.scales and doc[tok.i + 1].is_alpha

    @staticmethod
    def _hyphenated_number(tok: Token) -> bool:
        """ "forty-three": two number words joined by a hyphen are one number, not a compound
        adjective ("two-state") or a range of digits ("5-10")."""
        doc = tok.doc
        if tok.i + 2 >= len(doc) or not tok.is_alpha or not tok.like_num:
            return False
        hyphen, second = doc[tok.i + 1], doc[tok.i + 2]
        return hyphen.text == "-" and not hyphen.whitespace_ and second.is_alpha and second.like_num

    def _currency_before(self, doc: Doc, i: int) -> tuple[int, str | None]:
        """The phrase's start and currency when a sign or code stands before the number ("$2 billion",
        "CHF 2 million", "Rs. 500 crore")."""
        signs = self.currencies.signs
        if i > 0 and doc[i - 1].text in signs:
            return i - 1, signs[doc[i - 1].text]
        if i > 1 and doc[i - 1].text == "." and doc[i - 2].text + "." in signs:
            return i - 2, signs[doc[i - 2].text + "."]
        return i, None

    def _number_words(self, doc: Doc, i: int) -> tuple[list[str], int]:
        """The tokens of the number from token i ("two hundred", "forty - three", "5 million")
        and the index after them."""
        j = i
        words: list[str] = []
        while j < len(doc) and (doc[j].like_num or doc[j].text == "-" or doc[j].lower_ in self._joiners):
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            if doc[j].lower_ in self._joiners and not (nxt is not None and nxt.like_num and nxt.lower_ in self._joiners_before):
                break
            if doc[j].text == "-" and not (nxt is not None and nxt.like_num):
                break
            words.append(doc[j].text)
            j += 1
            if doc[j - 1].lower_ in self.scales:
                break
        return words, j

    def _phrase(self, doc: Doc, i: int) -> tuple[int, int, float | None, str | None]:
        """The number phrase starting at token i: (start, end, value, currency)."""
        start, currency = self._currency_before(doc, i)
        if doc[i].lower_ in self._dozen_words:
            dozen = self.timex.number_value(f"{doc[i - 1].lower_} {doc[i].lower_}")
            if dozen is not None:
                return i - 1, i + 1, dozen, currency
        glued = self._glued_scale.fullmatch(doc[i].text)
        signed = self._glued_sign(doc[i])
        if signed is not None:  # "USD1 billion": the sign and the number in one token
            currency = signed[0]
            words, j = [signed[1]], i + 1
            scale: float = 1
        elif glued:  # "1.5bn": the number and its scale in one token
            words, j = [glued.group(1)], i + 1
            scale = self.scales[glued.group(2).lower()]
        else:
            words, j = self._number_words(doc, i)
            if not words:
                return i, i + 1, None, currency
            scale = 1
            if words[-1].lower() in self.scales and len(words) > 1:
                scale = self.scales[words[-1].lower()]
                words = words[:-1]
                if len(words) > 1 and words[-1] == "-":
                    words = words[:-1]  # "442-million"
        if j + 1 < len(doc) and (doc[j].is_space or (doc[j].text == "-" and not doc[j - 1].whitespace_)) and doc[j + 1].lower_ in self.scales:
            j += 1  # "$ 3.7  Billion" (a space token), "$ 442-million"
        while j < len(doc) and doc[j].lower_ in self.scales and (doc[j].lower_ not in self._detached_exclusions or not doc[j - 1].whitespace_):
            scale *= self.scales[doc[j].lower_]  # "two dozen", "5 lakh crore", "300 m"
            j += 1
        joined = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        value = self.timex.number_value(joined.replace(",", "")) if glued or signed else self.timex.number_value(joined)
        if value is None:
            return i, j, None, currency
        total = value * scale
        if isinstance(total, float) and total.is_integer():
            total = int(total)
        if currency is None:
            named = self.currencies.name_at([t.lower_ for t in doc[j : j + 4]])
            if named is not None:
                currency = named[0]
                j += named[1]
        return start, j, total, currency

    # -- main -----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.diplotext_counts`` (JSON-able items) and the ``diplotext_counts`` span
        group (labelled with the unit)."""
        self.ensure_initialized()
        blocked = self._blocked(doc)
        items: list[dict[str, Any]] = []
        spans: list[Span] = []
        i = 0
        while i < len(doc):
            if blocked[i] or not self._is_number(doc[i]) or (i > 0 and doc[i - 1].like_num and not blocked[i - 1]):
                i += 1
                continue
            start, end, value, currency = self._phrase(doc, i)
            first, i = doc[i], max(end, i + 1)
            if value is None or any(blocked[k] for k in range(start, min(end, len(doc)))) or self._not_a_count(doc, first, start, currency):
                continue
            counted = self._unit(doc, start, end, value, currency)
            if counted is None:
                continue
            unit, head, end = counted
            span = doc[start:end]
            s0, s1 = sentence_bounds(doc, span.start)
            items.append({
                "text": span.text, "start": span.start_char, "end": span.end_char,
                "value": value, "unit": unit,
                "noun_phrase": span.text if head is not None else None,
                "sentence": doc[s0:s1].text.strip(),
            })
            spans.append(Span(doc, span.start, span.end, label=unit or "count"))
        doc._.diplotext_counts = items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    def _blocked(self, doc: Doc) -> list[bool]:
        """Tokens a count may not use: the dates' and parties' spans, and named or dated entities
        (but not a currency code the NER took for a name: "CHF 2 million")."""
        blocked = [False] * len(doc)
        for key in _BLOCKING_GROUPS:
            for sp in doc.spans.get(key, []):
                for k in range(sp.start, sp.end):
                    blocked[k] = True
        signs = self.currencies.signs
        for ent in doc.ents:
            if ent.label_ in _SKIP_ENTS:
                for k in range(ent.start, ent.end):
                    sign = doc[k].text in signs and ((k + 1 < len(doc) and doc[k + 1].like_num) or (k > 0 and doc[k - 1].like_num))
                    blocked[k] = blocked[k] or not sign
        return blocked

    @staticmethod
    def _not_a_count(doc: Doc, first: Token, start: int, currency: str | None) -> bool:
        """A year the NER did not tag, or a number inside a name ("Task Force 59", "Resolution 2231")."""
        if currency is not None:
            return False
        if _YEAR_SHAPE.fullmatch(first.text):
            return True
        prev = doc[start - 1] if start > 0 else None
        return (prev is not None and prev.text[:1].isupper() and prev.pos_ == "PROPN" and not prev.is_sent_start
                and prev.ent_type_ not in _NUMERIC_ENTS)

    def _percent_after(self, doc: Doc, end: int) -> tuple[str, int] | None:
        """ "15 percent", "15 %", "15 per cent", "two percentage points": the unit and the new end."""
        if end >= len(doc):
            return None
        nxt = doc[end]
        if nxt.lower_ in self.percent_words:
            return self.percent_words[nxt.lower_], end + 1
        if end + 1 < len(doc):
            second = doc[end + 1]
            by_form, by_lemma = f"{nxt.lower_} {second.lower_}", f"{nxt.lower_} {second.lemma_.lower()}"
            if by_form in self.percent_words:
                return self.percent_words[by_form], end + 2
            if by_lemma in self.percent_lemmas:
                return self.percent_lemmas[by_lemma], end + 2
        return None

    def _unit(self, doc: Doc, start: int, end: int, value: float, currency: str | None) -> tuple[str, Token | None, int] | None:
        """The count's unit, its counted noun and its end; None when it is not a count (a duration,
        an address, a pointer at the parties, a number that counts no noun)."""
        percent = self._percent_after(doc, end)
        if percent is not None:
            return percent[0], None, percent[1]
        if currency is not None:
            return currency, None, end
        head = self._counted_head(doc, start, end)
        if head is None:
            return None
        lemma = head.lemma_.lower() if head.pos_ != "PROPN" else head.text
        if head.pos_ == "PROPN" and lemma.endswith("s") and not lemma.endswith("ss"):
            lemma = lemma[:-1]
        if lemma.lower() in self._duration_nouns:
            return None  # a duration: the dates component owns it
        if (lemma.lower() in self._measures or head.lower_ in self._measures) and self._bare_distance(head):
            return None  # "220 km", "100 feet": a distance, not a set of things
        if head.pos_ == "PROPN" and head.ent_type_ not in _STATE_ENTS and not head.text.endswith("s"):
            return None  # "500 West Main Street": an address or a name, not a count
        if self.skip_pointers and self._points_at_parties(doc, start, head, value):
            return None
        return lemma, head, self._extend_over_conjuncts(doc, head) + 1

    @staticmethod
    def _counted_head(doc: Doc, start: int, end: int) -> Token | None:
        """The noun a number phrase counts: its head through nummod/quantmod, after the number."""
        for k in range(start, end):
            tok = doc[k]
            if tok.dep_ in _HEAD_DEPS or (tok.dep_ == "amod" and tok.like_num):
                head = tok.head
                hops = 0
                while head.dep_ in _NUM_DEPS and head.i != head.head.i and hops < _MAX_HEAD_HOPS:
                    head = head.head
                    hops += 1
                if head.i >= end and head.pos_ in _NOUN_POS and head.i - end <= _MAX_HEAD_GAP:
                    return head
        return None

    def _bare_distance(self, head: Token) -> bool:
        """A distance on its own ("sailed 220 km"), not an amount of something ("196,000 miles of
        roads") nor an area ("500,000 square kilometers")."""
        doc = head.doc
        after = doc[head.i + 1] if head.i + 1 < len(doc) else None
        before = doc[head.i - 1] if head.i > 0 else None
        then = doc[head.i + 2] if head.i + 2 < len(doc) else None
        # "miles of roads" measures a thing; "within 100 feet of the ship" is a distance from a point
        measured = after is not None and after.lower_ in self._measured_of and then is not None and then.pos_ not in _POINT_POS
        return not (measured or (before is not None and before.lower_ in self._area_words))

    def _points_at_parties(self, doc: Doc, start: int, head: Token, value: float) -> bool:
        """ "the two sides", "both countries", "our two peoples": numerals that only point at the parties."""
        if head.lemma_.lower() not in self._collective and head.lower_ not in self._collective:
            return False
        if value > _MAX_POINTER:
            return False
        if value <= _MAX_PARTIES and head.lemma_.lower() in self._party_nouns:
            return True  # "two states", "three nations": the parties, not a count
        left = doc[start - 1] if start > 0 else None
        return left is not None and left.lower_ in self._pointer_dets

    @staticmethod
    def _extend_over_conjuncts(doc: Doc, head: Token) -> int:
        """ "43 provinces and cities": the span runs to the last coordinated noun."""
        last = head.i
        for conj in head.conjuncts:
            if conj.i > last and conj.i - last <= _MAX_CONJ_GAP and conj.pos_ == "NOUN":
                last = conj.i
        return last


@registry.scorers("diplotext.counts_scorer.v1")
def make_counts_scorer() -> Callable[..., dict[str, Any]]:
    """Span P/R/F of the ``diplotext_counts`` group (unlabelled: the boundaries are what is scored);
    examples whose reference has no such group are skipped (:func:`~diplotext.util.span_group_scorer`)."""
    return span_group_scorer(SPAN_KEY, labeled=False)


@Language.factory(
    "diplotext_counts",
    default_config={"skip_pointers": True, "scorer": {"@scorers": "diplotext.counts_scorer.v1"}},
    # doc.spans["diplotext_counts"]
    assigns=["doc.spans", "doc._.diplotext_counts"],
    # doc.spans["diplotext_dates"], doc.spans["diplotext_parties"] (tokens they own); doc.sents for the sentence
    requires=["doc.spans", "doc.ents", "doc.sents", "token.dep", "token.head", "token.lemma", "token.pos", "token.ent_type", "token.is_sent_start"],
    default_score_weights=span_score_weights(SPAN_KEY),
)
def make_counts(nlp: Language, name: str, skip_pointers: bool, scorer: Callable[..., Any] | None) -> CountsComponent:
    """The counts component; its settings come from config.cfg only."""
    return CountsComponent(nlp, name, skip_pointers=skip_pointers, scorer=scorer)
