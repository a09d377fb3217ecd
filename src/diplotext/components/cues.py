"""diplotext_cues: candidate stances, i.e. the cue words of a commitment and the clause checks that make them one.

Finding *that* a clause takes a stance and finding *who* takes it are separate jobs: this component
does the first, ``diplotext_actors`` the second. Cues come from ``resources/commitment_cues.v1.jsonl``
(dependency patterns with a kind, a confidence and the cue's own exceptions, validated by
:class:`~diplotext.resources.CueRow`). They are matched on the parse (spaCy's DependencyMatcher),
so adverbs, negation and inserted phrases between the cue words do not hide them ("agreed to
earnestly implement", "reaffirms the commitment of the United States to combat"); a row may still
give a token-sequence Matcher pattern. A cue is a candidate when its predicate heads a main clause
(or the complement of a reporting verb), is not cancelled ("failed to") or put on others ("urge X
to"), not a purpose clause, not an itinerary ("will travel to") and not one of the cue's other
exceptions; a denied stance ("does not support") is kept and marked ``negated``, and has a subject inside its segment (a headline's support cue may have none).

The candidates go to the span group ``doc.spans["diplotext_cues"]`` (span = the cue's words,
label = kind) with one JSON-able record per span in ``attrs["candidates"]`` (token indices of the
cue, its anchor, predicate and subject; trigger, action, confidence, cue id): serialisable, so
DocBin and multiprocessing keep them.

A trained text classifier in the pipeline (``textcat``: the name of a ``textcat_multilabel`` pipe
with labels pledge/support/opposition/aspiration) can veto or re-label candidates and add a
fallback candidate for a segment the cues miss; its policy is set by the factory arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, TypedDict, cast, get_args

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span, SpanGroup, Token

from ..resources import CueKind, CueRow
from ._base import LEXICON_SLOTS, DataPipe, Slot

__all__ = [
    "KINDS",
    "SPAN_KEY",
    "Candidate",
    "CuesComponent",
    "candidates",
    "parties_by_id",
    "party_at",
    "predicate_of",
    "segments",
    "subject_of",
]

SPAN_KEY = "diplotext_cues"
KINDS: tuple[str, ...] = get_args(CueKind)

# structural sets (dependency labels, POS tags), not vocabulary
_MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "parataxis"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_SUBJECT_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "advcl"})
_PURPOSE_DEPS = frozenset({"xcomp", "advcl"})
_VERBAL = frozenset({"VERB", "AUX"})
_PREDICATIVE_DEPS = frozenset({"acomp", "attr", "oprd"})
_CLAUSE_HEADS = frozenset({"VERB", "AUX", "ADJ"})
_MODAL_DEPS = frozenset({"aux", "auxpass"})
_WORD_ATTRS = ("LEMMA", "LOWER", "ORTH")
# a headline's support cue ("China Welcomes Saudi Plans ...") may have no subject when it opens the text
HEADLINE_WINDOW = 6
FALLBACK_CUE = "textcat"
ACTION_CHARS = 300

# a cue match: the row's index and the matched token indices, the anchor first
_Match = tuple[int, tuple[int, ...]]


class Candidate(TypedDict):
    """One candidate stance (JSON-able: token indices, not tokens)."""

    cue: str  # the cue row's id ("textcat" for a classifier fallback)
    kind: str
    start: int  # the cue's words: doc[start:end]
    end: int
    anchor: int
    predicate: int  # the verb heading the stance's clause
    subject: int | None  # None: a headline without subject
    trigger: str
    action: str | None
    confidence: float
    fallback: bool  # added by the classifier for a segment without a cue
    negated: bool  # "does not support", "will never recognize": the stance is denied, and kept as such


# -- shared helpers (also read by diplotext_actors and the training converter) ------------------------
def segments(doc: Doc) -> list[Span]:
    """Sentences, cut again at line breaks so titles and bullets stand alone."""
    out: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                if tok.i + 1 > start:
                    out.append(doc[start : tok.i + 1])
                start = tok.i + 1
        if start < sent.end:
            out.append(doc[start : sent.end])
    return [s for s in out if s.text.strip()]


def predicate_of(anchor: Token) -> Token:
    """The verb whose clause a cue word belongs to: the head of a modal, else the cue word, climbing
    from predicative words ("They are committed to ...", "We are ready to ...") and from "in"
    ("stand united in support of ...") to the verb above them."""
    if anchor.tag_ == "MD" or anchor.dep_ in _MODAL_DEPS:
        return anchor.head
    tok = anchor
    for _ in range(2):
        if (tok.pos_ not in _VERBAL or tok.dep_ in _PREDICATIVE_DEPS) and tok.head.i != tok.i and tok.head.pos_ in _CLAUSE_HEADS:
            tok = tok.head
    return tok


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing through conjoined and complement verbs to the one that has it."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if not subjects:  # "Sweden and South Africa are committed": the parser may hang the subject on the auxiliary
            subjects = [g for c in tok.children if c.dep_ in _MODAL_DEPS for g in c.children if g.dep_ in _SUBJECT_DEPS]
        if subjects:
            # "Support for PGII: President Biden welcomed ...": the subject nearest the verb
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if tok.dep_ in _SUBJECT_CLIMB_DEPS and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return None


def parties_by_id(doc: Doc) -> dict[str, dict[str, Any]]:
    """The named parties by id; implied states (named only through their officials) are left out: they
    take part only as the side an official speaks for."""
    return {p["id"]: p for p in (doc._.diplotext_parties or []) if not p.get("implied")}


def party_at(doc: Doc) -> dict[int, str]:
    """Token index -> party id, from the span group the parties component writes."""
    at: dict[int, str] = {}
    for sp in doc.spans.get("diplotext_parties", []):
        for k in range(sp.start, sp.end):
            at.setdefault(k, sp.label_)
    return at


def candidates(doc: Doc) -> list[Candidate]:
    """The candidate records this component wrote (empty when it has not run)."""
    group = doc.spans.get(SPAN_KEY)
    return list(group.attrs.get("candidates", [])) if group is not None else []


def _words_of(attrs: dict[str, Any]) -> set[str] | None:
    """Lower-cased words a token pattern restricts its token to, or None when it matches other
    tokens too (no LEMMA/LOWER/ORTH, or one given by an operator other than IN)."""
    if not any(attrs.get(a) is not None for a in _WORD_ATTRS):
        return None
    words: set[str] = set()
    for attr in _WORD_ATTRS:
        val = attrs.get(attr)
        if isinstance(val, str):
            words.add(val.lower())
        elif isinstance(val, dict) and "IN" in val:
            words |= {v.lower() for v in val["IN"]}
        elif val is not None:
            return None
    return words


def _first_words(rows: Sequence[CueRow]) -> set[str]:
    """Lower-cased words every token-pattern cue can start with; empty when some cue's first token is
    not a word (then the Matcher runs over the whole Doc)."""
    words: set[str] = set()
    for row in rows:
        first = _words_of(row.pattern[0])
        if first is None:
            return set()
        words |= first
    return words


def _needed_words(row: CueRow) -> list[list[set[str]]]:
    """For each of the row's patterns, the word sets of its word-restricted nodes: a pattern can match
    a sentence only when every one of these sets has a word in it (a cheap test before the matcher)."""
    out: list[list[set[str]]] = []
    for nodes in row.dep:
        sets = [words for node in nodes if (words := _words_of(node.RIGHT_ATTRS)) is not None]
        out.append(sets)
    return out


def _may_match(needed: list[list[set[str]]], present: set[str]) -> bool:
    """Whether some pattern has all its needed words among the sentence's words and lemmas."""
    return any(all(not words.isdisjoint(present) for words in sets) for sets in needed)


def _sentence_doc(sent: Span, toks: list[Token]) -> Doc:
    """A sentence (``toks``, its tokens) as a Doc of its own with the attributes cue patterns read
    (words, lemmas, tags, POS, dependency tree). The parser's trees stay within sentences, so every
    relation a pattern can ask about is the same as in the whole Doc; built directly, as
    Span.as_doc copies far more."""
    n, start = len(toks), sent.start
    heads = [t.head.i - start for t in toks]
    return Doc(
        sent.doc.vocab,
        words=[t.text for t in toks],
        spaces=[bool(t.whitespace_) for t in toks],
        lemmas=[t.lemma_ for t in toks],
        tags=[t.tag_ for t in toks],
        pos=[t.pos_ or "X" for t in toks],
        deps=[t.dep_ for t in toks],
        heads=[h if 0 <= h < n else i for i, h in enumerate(heads)],
    )


class CuesComponent(DataPipe):
    """Find the cues of commitments and keep those whose clause makes them a stance of the subject."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, "cues": Slot("commitment_cues.v1.jsonl", CueRow)}

    def __init__(
        self,
        nlp: Language,
        name: str = "diplotext_cues",
        *,
        textcat: str | None = None,
        threshold: float = 0.5,
        veto_below: float = 0.8,
        relabel: float | None = None,
        add: float | None = 0.8,
    ) -> None:
        super().__init__(nlp, name)
        self.textcat = textcat
        self.threshold = threshold
        self.veto_below = veto_below
        self.relabel = relabel
        self.add = add
        self.rows: list[CueRow] = []
        self.matcher: Matcher | None = None
        self.dep_matchers: dict[int, DependencyMatcher] = {}  # row index -> its patterns
        self.one_node: Matcher | None = None  # the rows whose patterns are one token each
        self._anchors: dict[int, list[list[set[str]]]] = {}  # row index -> the words each of its patterns needs
        self._cue_nodes: dict[str, tuple[bool, ...]] = {}  # dependency pattern key -> which nodes are cue words
        self._first: set[str] = set()

    def setup(self) -> None:
        """Build the cue matchers (patterns validated by spaCy) and the word sets of the clause checks."""
        assert self.data is not None
        self.rows = list(self.data["cues"])
        matcher = Matcher(self.nlp.vocab, validate=True)
        self._cue_nodes, self.dep_matchers, self._anchors = {}, {}, {}
        self.one_node = Matcher(self.nlp.vocab, validate=True)
        for k, row in enumerate(self.rows):
            if not row.dep:
                matcher.add(str(k), [row.pattern])
                continue
            self._anchors[k] = _needed_words(row)
            if all(len(nodes) == 1 for nodes in row.dep):  # no relations: a token Matcher does it, no sentence Doc
                self.one_node.add(str(k), [[nodes[0].RIGHT_ATTRS] for nodes in row.dep])
                continue
            # one DependencyMatcher per row, run only on sentences holding one of its anchor words
            dep_matcher = DependencyMatcher(self.nlp.vocab, validate=True)
            for j, nodes in enumerate(row.dep):  # one key per pattern: its nodes tell cue words from context
                key = f"{k}.{j}"
                dep_matcher.add(key, [[node.model_dump(exclude_none=True) for node in nodes]])
                self._cue_nodes[key] = tuple(not node.RIGHT_ID.startswith("_") for node in nodes)
            self.dep_matchers[k] = dep_matcher
        self.matcher = matcher
        self._first = _first_words([row for row in self.rows if row.pattern])
        words = self.vocabulary
        self._not_only = words.lower("not_only_words")
        self._reporting = words.words("reporting_verbs")
        self._negating = words.words("negating_heads") | words.words("calls_on_others")
        self._keeps_stance = words.words("stance_keeping_heads")
        self._guest_titles = words.words("guest_titles")
        self._schedule_verbs = words.words("schedule_verbs")
        self._light_verbs = words.words("schedule_light_verbs")
        self._meetings = words.words("meeting_nouns")
        self._not_meetings = words.words("non_meeting_objects")

    # -- matching ----------------------------------------------------------------------------------
    def _token_matches(self, segs: list[Span]) -> list[_Match]:
        """Matches of the token-sequence rows, the Matcher run only over segments holding a word a cue starts with."""
        assert self.matcher is not None
        if not len(self.matcher):
            return []
        out: list[_Match] = []
        for seg in segs:
            if self._first and not any(t.lemma_.lower() in self._first or t.lower_ in self._first for t in seg):
                continue
            for m, s, e in self.matcher(seg):
                k = int(self.nlp.vocab.strings[m])
                anchor = seg.start + s + self.rows[k].anchor
                out.append((k, (anchor, *(i for i in range(seg.start + s, seg.start + e) if i != anchor))))
        return out

    def _dep_matches(self, doc: Doc, seg_of: list[int]) -> list[_Match]:
        """Matches of the dependency rows whose tokens all lie in the anchor's segment (cue words only:
        the context nodes must match but are not part of the trigger).

        Each row's DependencyMatcher runs only over the sentences that hold the words one of its patterns
        needs (every word-restricted node), each sentence as a small Doc: the matcher tests every
        pattern node against every token it is given, so over whole Docs it cost several times the
        rest of the pipeline's own components."""
        if not self._anchors or not len(doc) or not doc.has_annotation("DEP"):
            return []
        assert self.one_node is not None
        out: list[_Match] = []
        for sent in doc.sents:
            toks = list(sent)
            words = {t.lower_ for t in toks} | {t.lemma_.lower() for t in toks}
            rows = [k for k, needed in self._anchors.items() if _may_match(needed, words)]
            if not rows:
                continue
            if any(k not in self.dep_matchers for k in rows):
                out += [(int(self.nlp.vocab.strings[m]), (sent.start + s,)) for m, s, _e in self.one_node(sent)]
            if not any(k in self.dep_matchers for k in rows):
                continue
            sub = _sentence_doc(sent, toks)
            for k in (k for k in rows if k in self.dep_matchers):
                for m, sub_ids in self.dep_matchers[k](sub):
                    ids = [sent.start + i for i in sub_ids]
                    seg = seg_of[ids[0]]
                    if seg >= 0 and all(seg_of[i] == seg for i in ids):
                        key = self.nlp.vocab.strings[m]
                        cue_words = tuple(i for i, is_cue in zip(ids, self._cue_nodes[key], strict=True) if is_cue)
                        out.append((k, cue_words))
        return sorted(set(out), key=lambda m: (m[1][0], sorted(m[1]), m[0]))

    def _best_per_anchor(self, doc: Doc, segs: list[Span]) -> dict[int, tuple[CueRow, list[int]]]:
        """The cue match kept at each anchor token: the most confident, among equals the tighter."""
        seg_of = [-1] * len(doc)
        for n, seg in enumerate(segs):
            seg_of[seg.start : seg.end] = [n] * len(seg)
        by_anchor: dict[int, tuple[CueRow, list[int]]] = {}
        for k, ids in self._token_matches(segs) + self._dep_matches(doc, seg_of):
            row, toks = self.rows[k], sorted(ids)
            have = by_anchor.get(ids[0])
            if have is None or (row.confidence, toks[0] - toks[-1]) > (have[0].confidence, have[1][0] - have[1][-1]):
                by_anchor[ids[0]] = (row, toks)
        return by_anchor

    # -- clause checks -------------------------------------------------------------------------------
    def _is_main(self, verb: Token, seg: Span) -> bool:
        """The clause is the segment's main clause, the complement of a reporting verb, or a
        participle adjunct of the main clause ("..., vowing to deepen ties")."""
        tok = verb
        for _ in range(4):
            if tok.dep_ == "ROOT" or tok.head.i == tok.i:
                return True
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i:
                tok = tok.head  # a trailing participle shares the main clause's subject
                continue
            if tok.dep_ not in _MAIN_DEPS:
                return False
            if tok.dep_ == "ccomp" and tok.head.lemma_ not in self._reporting:
                return False
            if tok.head.i < seg.start or tok.head.i >= seg.end:
                return True
            tok = tok.head
        return True

    def _denied(self, verb: Token, anchor: Token) -> bool:
        """ "does not support", "will never recognize": the subject denies the stance, which is kept
        and marked (but "will not only support ... but also ..." is no negation)."""
        doc = verb.doc
        return any(c.dep_ == "neg" and not (c.i + 1 < len(doc) and doc[c.i + 1].lower_ in self._not_only) for c in (*verb.children, *anchor.children))

    def _not_the_subjects(self, verb: Token) -> bool:
        """ "failed to demonstrate its commitment", "urge all countries to pledge": the stance is under
        a verb that cancels it or puts it on someone else."""
        tok = verb
        for _ in range(3):
            if tok.dep_ not in _COMPLEMENT_DEPS or tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.lemma_ in self._negating:
                return True
        return False

    def _is_schedule(self, verb: Token) -> bool:
        """An itinerary, not an undertaking: "will travel to Nairobi", "will include", "are expected to
        discuss", "will hold talks" (the verb, or the verb of its complement, is a schedule verb; a light
        verb counts with a meeting as its object). "will meet the needs" is no meeting."""
        for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp")):
            lemma = v.lemma_.lower()
            objects = {c.lemma_.lower() for c in v.children if c.dep_ in ("dobj", "attr")}
            if lemma in self._schedule_verbs and not objects & self._not_meetings:
                return True
            if lemma in self._light_verbs and objects & self._meetings:
                return True
        return False

    def _welcomes_a_person(self, verb: Token, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> bool:
        """ "welcomed Prime Minister Kishida to the White House": hosting, not a stance."""
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            if c.i in at and parties.get(at[c.i], {}).get("kind") == "person":
                return True
            if c.pos_ == "PROPN" and (c.ent_type_ == "PERSON" or any(g.dep_ == "compound" and g.lower_ in self._guest_titles for g in c.children)):
                return True
        return False

    def _is_exception(self, row: CueRow, verb: Token, anchor: Token, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> bool:
        """The cue row's own exceptions (fields of :class:`CueRow`)."""
        if row.not_past and verb.tag_ == "VBD":
            return True  # "the government sought to stop them": a past attempt, reported
        if row.not_schedule and self._is_schedule(verb):
            return True  # "The Minister will travel to Nairobi on Monday": an itinerary
        doc = anchor.doc
        if anchor.lemma_ in row.greeting_lemmas and anchor.i + 1 < len(doc) and doc[anchor.i + 1].pos_ == "PRON":
            return True  # "I wish you all good luck": a greeting
        return anchor.lemma_ in row.hosting_lemmas and self._welcomes_a_person(verb, at, parties)

    def _is_stance(self, row: CueRow, verb: Token, anchor: Token, seg: Span, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> bool:
        """The clause checks: main clause, not negated, not a purpose, not one of the cue's exceptions."""
        if self._not_the_subjects(verb) or not self._is_main(verb, seg):
            return False
        if verb.dep_ in _PURPOSE_DEPS and row.kind != "pledge" and verb.head.lemma_ not in self._keeps_stance:
            return False  # "uses aircraft to support defense": a purpose, not a stance
        return not self._is_exception(row, verb, anchor, at, parties)

    # -- candidates ------------------------------------------------------------------------------------
    def _candidate(self, doc: Doc, seg: Span, anchor_i: int, match: tuple[CueRow, list[int]],
                   at: dict[int, str], parties: dict[str, dict[str, Any]]) -> Candidate | None:
        """The candidate of one cue match, or None when its clause is no stance of a subject in the segment."""
        row, toks = match
        anchor = doc[anchor_i]
        verb = predicate_of(anchor)
        if not self._is_stance(row, verb, anchor, seg, at, parties):
            return None
        subj = subject_of(verb)
        if subj is None or subj.i < seg.start or subj.i >= seg.end:
            headline = subj is None and seg.start == 0 and verb.dep_ == "ROOT" and row.kind == "support" and anchor_i <= seg.start + HEADLINE_WINDOW
            if not headline:
                return None
            subj = None
        trigger, action = _trigger_and_action(doc, verb, anchor_i, toks)
        return Candidate(cue=row.id, kind=row.kind, start=toks[0], end=toks[-1] + 1, anchor=anchor_i, predicate=verb.i,
                         subject=None if subj is None else subj.i, trigger=trigger, action=action,
                         confidence=float(row.confidence), fallback=False, negated=self._denied(verb, anchor))

    def __call__(self, doc: Doc) -> Doc:
        """Write the candidate stances of ``doc`` to ``doc.spans["diplotext_cues"]``."""
        self.ensure_initialized()
        segs = segments(doc)
        by_anchor = self._best_per_anchor(doc, segs)
        parties = parties_by_id(doc)
        at = party_at(doc)
        per_seg: list[list[Candidate]] = []
        for seg in segs:
            found = [self._candidate(doc, seg, i, by_anchor[i], at, parties) for i in range(seg.start, seg.end) if i in by_anchor]
            per_seg.append([c for c in found if c is not None])
        if self.textcat and self.textcat in self.nlp.component_names:
            per_seg = self._classify(segs, per_seg)
        records = [c for found in per_seg for c in found]
        spans = [Span(doc, c["start"], c["end"], label=c["kind"]) for c in records]
        doc.spans[SPAN_KEY] = SpanGroup(doc, name=SPAN_KEY, spans=spans, attrs={"candidates": records})
        return doc

    # -- trained classifier policy ---------------------------------------------------------------------
    #   threshold   a candidate whose kind scores under it is vetoed ...
    #   veto_below  ... but only candidates of cues with confidence under this (high-confidence cues stand);
    #   relabel     a candidate takes another kind when that kind scores >= this and its own < 1 - this;
    #   add         a segment without a candidate gets one when its best kind scores >= this (None: never).
    def _segment_scores(self, segs: Iterable[Span]) -> list[dict[str, float]]:
        """The classifier's kind scores for segments, scored in one batch (each segment as its own Doc,
        as in training: the classifier is trained on segment Docs)."""
        pipe = cast(Pipe, self.nlp.get_pipe(str(self.textcat)))
        docs = [self.nlp.make_doc(seg.text) for seg in segs]
        return [{k: float(d.cats.get(k, 0.0)) for k in KINDS} for d in pipe.pipe(docs)]

    def _classify(self, segs: list[Span], per_seg: list[list[Candidate]]) -> list[list[Candidate]]:
        """Veto or re-label candidates; add a fallback candidate where the classifier is sure and no cue matched."""
        wanted = [k for k, found in enumerate(per_seg) if found or self.add is not None]
        out = list(per_seg)
        for k, scores in zip(wanted, self._segment_scores(segs[k] for k in wanted), strict=True):
            if per_seg[k]:
                out[k] = self._veto_relabel(per_seg[k], scores)
            else:
                fallback = self._fallback(segs[k], scores)
                out[k] = [fallback] if fallback is not None else []
        return out

    def _veto_relabel(self, found: list[Candidate], scores: dict[str, float]) -> list[Candidate]:
        """Drop low-confidence candidates the classifier rejects; re-label when it is sure of another kind."""
        kept: list[Candidate] = []
        best = max(scores, key=lambda k: scores[k])
        for c in found:
            if c["confidence"] < self.veto_below and scores[c["kind"]] < self.threshold:
                continue
            if self.relabel is not None and best != c["kind"] and scores[best] >= self.relabel and scores[c["kind"]] < 1 - self.relabel:
                c = c.copy()
                c["kind"] = best
            kept.append(c)
        return kept

    def _fallback(self, seg: Span, scores: dict[str, float]) -> Candidate | None:
        """A candidate for a segment no cue matched, when the classifier is sure and the segment has a subject."""
        kind = max(scores, key=lambda k: scores[k])
        if self.add is None or scores[kind] < max(self.add, self.threshold):
            return None
        verb = seg.root
        subj = subject_of(verb)
        if subj is None or not seg.start <= subj.i < seg.end:
            return None
        rest = seg.doc[verb.i + 1 : seg.end].text.strip()
        return Candidate(cue=FALLBACK_CUE, kind=kind, start=verb.i, end=verb.i + 1, anchor=verb.i, predicate=verb.i,
                         subject=subj.i, trigger=verb.text, action=rest[:ACTION_CHARS] if rest else None,
                         confidence=round(scores[kind], 3), fallback=True, negated=False)


def _trigger_and_action(doc: Doc, verb: Token, anchor_i: int, toks: list[int]) -> tuple[str, str | None]:
    """The cue words from first to last (with an adverb just before the anchor: "firmly oppose") and
    what follows them in the clause."""
    trigger_toks = [doc[i] for i in toks if not doc[i].is_punct]
    adv = [c for c in verb.children if c.dep_ == "advmod" and anchor_i - 2 <= c.i < anchor_i]
    t0 = min([t.i for t in trigger_toks] + [a.i for a in adv])
    trigger = doc[t0 : trigger_toks[-1].i + 1].text if trigger_toks else doc[anchor_i].text
    action_start = trigger_toks[-1].i + 1 if trigger_toks else anchor_i + 1
    right = max(t.i for t in verb.subtree)
    while right >= action_start and doc[right].is_punct:
        right -= 1
    action = doc[action_start : right + 1].text if right >= action_start else None
    return trigger, action


@Language.factory(
    "diplotext_cues",
    default_config={"textcat": None, "threshold": 0.5, "veto_below": 0.8, "relabel": None, "add": 0.8},
    # doc.spans["diplotext_cues"] with attrs["candidates"]
    assigns=["doc.spans"],
    # doc.spans["diplotext_parties"] (person objects of "welcome")
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "token.tag", "token.ent_type", "doc.sents",
              "doc.spans", "doc._.diplotext_parties"],
)
def make_cues(nlp: Language, name: str, textcat: str | None, threshold: float, veto_below: float,
              relabel: float | None, add: float | None) -> CuesComponent:
    """The cue finder; ``textcat`` names a trained classifier pipe whose policy the other arguments set."""
    return CuesComponent(nlp, name, textcat=textcat, threshold=threshold, veto_below=veto_below, relabel=relabel, add=add)
