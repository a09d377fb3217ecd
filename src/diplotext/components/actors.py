"""diplotext_actors: who takes each candidate stance, and the commitments of the Doc.

``diplotext_cues`` finds candidate stances; this component credits each to party ids and assembles
``doc._.diplotext_commitments`` and the span group ``doc.spans["diplotext_commitments"]``: one
commitment per segment and kind (the clause when kinds differ), under a lead-in ending in ":" one
per bullet. Candidates without actors are left out: a stance of no party is no commitment.

Who takes a stance is decided by a *resolver* (:class:`ActorResolver`), set in config as
``[components.diplotext_actors.resolver]``. The default, ``diplotext.actor_resolver.v1``
(:class:`RuleResolver`), resolves the subject: a party mention, a person standing for their state or
organisation, or a collective reference ("the two sides", "they", "we") resolved to the principal
sides, the listed members or the parties just named; the speaker of a reporting verb; the owner of
a stance noun ("U.S. support"). A trained model can replace it, or wrap it, by registering another
function in ``registry.misc`` that returns an object with the same call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import registry

from ..util import doc_text, span_group, span_group_scorer, span_score_weights
from ..vocab import Vocabulary
from ._base import LEXICON_SLOTS, DataPipe, Slot
from .cues import KINDS, Candidate, candidates, parties_by_id, party_at, segments, subject_of

__all__ = ["SPAN_KEY", "ActorResolver", "ActorsComponent", "RuleResolver", "make_actor_resolver"]

SPAN_KEY = "diplotext_commitments"

# structural sets (dependency labels, POS tags), not vocabulary
_NP_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp"})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_OWNER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})
_SPEAKER_DEPS = frozenset({"ccomp", "xcomp", "conj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOMINAL = frozenset({"NOUN", "PROPN"})
_ISO3 = re.compile(r"[A-Z]{3}")  # a state's party id


class ActorResolver(Protocol):
    """What resolves candidate stances to the parties taking them.

    Called once per Doc with every candidate ``diplotext_cues`` wrote, in document order, and the
    actors pipe's vocabulary (word lists and patterns); returns one list of party ids per candidate
    (empty: no party takes it, and it is dropped). Party ids are those of ``doc._.diplotext_parties``
    and the labels of ``doc.spans["diplotext_parties"]``. A resolver may read the Doc but must not
    change it. Whole-Doc calls let a resolver carry context from one sentence to the next ("they")."""

    def __call__(self, doc: Doc, candidates: Sequence[Candidate], vocabulary: Vocabulary) -> list[list[str]]:
        """Party ids taking each candidate stance."""
        ...


def side_of(pid: str, parties: dict[str, dict[str, Any]]) -> str | None:
    """The id a party's stance is credited to: a person's international body or state, else itself."""
    p = parties.get(pid)
    if p is None:
        return None
    if p["kind"] == "person":
        body = parties.get(p.get("affiliation") or "")
        if body is not None and body.get("country") and p.get("country"):
            return p.get("country")  # an official of a national body (a ministry, a party) speaks for the state
        return p.get("affiliation") or p.get("country")
    return pid


def is_bullet(seg_text: str, words: Vocabulary) -> bool:
    """A bullet line ("- expand ...", "2) deepen ...")."""
    return bool(words.regex("bullet").match(seg_text))


def is_lead_in(seg_text: str, words: Vocabulary) -> bool:
    """A line ending in ":" that is not itself a bullet: its bullets carry its commitments."""
    return seg_text.rstrip().endswith(":") and not is_bullet(seg_text, words)


@dataclass
class _View:
    """What the rules read about one Doc, and the context they carry from segment to segment."""

    doc: Doc
    words: Vocabulary
    parties: dict[str, dict[str, Any]]
    at: dict[int, str]
    context: dict[str, Any] = field(default_factory=dict)
    implied: dict[str, str] = field(default_factory=dict)  # implied state id -> kind: the sides officials speak for

    def side_words(self) -> frozenset[str]:
        """Every subject word that may stand for a side (pronouns, collective and office nouns), once per Doc."""
        if "_side_words" not in self.context:
            w = self.words
            self.context["_side_words"] = (w.lower("collective_pronouns") | w.lower("first_person_plural") | w.lower("third_person_singular")
                                           | w.lower("author_pronouns") | w.words("collective_nouns") | w.lower("office_nouns")
                                           | w.lower("person_collective_nouns"))
        return frozenset(self.context["_side_words"])

    def side_kind(self, pid: str) -> str | None:
        """The kind of a side, implied states (named only through their officials) included."""
        return self.parties.get(pid, {}).get("kind") or self.implied.get(pid)

    def kind_at(self, i: int) -> str | None:
        """The kind of the party mentioned at token ``i``."""
        return self.parties.get(self.at[i], {}).get("kind") if i in self.at else None

    def is_grouping_org(self, pid: str) -> bool:
        """An international organisation (no country)."""
        p = self.parties.get(pid, {})
        return p.get("kind") == "organization" and p.get("country") is None


class RuleResolver:
    """The rules that credit a stance to parties (``diplotext.actor_resolver.v1``): see the module docstring."""

    def __call__(self, doc: Doc, candidates: Sequence[Candidate], vocabulary: Vocabulary) -> list[list[str]]:
        """Party ids for each candidate, resolving segment by segment so that "they" and "we" see
        the sides named before them."""
        v = _View(doc, vocabulary, parties_by_id(doc), party_at(doc),
                  implied={p["id"]: p["kind"] for p in doc._.diplotext_parties or [] if p.get("implied")})
        segs = segments(doc)
        v.context["lead"] = self._lead_sides(v, segs)
        v.context["members"] = self._member_list(v, segs)
        v.context["groupings"] = [pid for pid, p in v.parties.items() if p["kind"] == "organization" and self._is_grouping(v, p)]
        v.context["home"] = self._home_side(v, segs)
        out: list[list[str]] = [[] for _ in candidates]
        pending = list(range(len(candidates)))
        for seg in segs:
            here = [k for k in pending if seg.start <= candidates[k]["anchor"] < seg.end]
            pending = [k for k in pending if k not in here]
            got = False
            for k in sorted(here, key=lambda k: candidates[k]["fallback"]):
                if candidates[k]["fallback"] and got:
                    continue  # the classifier's fallback counts only where no cue found a stance
                out[k] = self._actors(v, candidates[k])
                got = got or bool(out[k])
            if not (got and is_lead_in(seg.text, v.words)):
                self._remember(v, seg)
        return out

    # -- one candidate ---------------------------------------------------------------------------------
    def _actors(self, v: _View, cand: Candidate) -> list[str]:
        """The subject's parties (or the reporting verb's speaker), else the owner of the cue noun."""
        doc = v.doc
        subj = doc[cand["subject"]] if cand["subject"] is not None else None
        if cand["fallback"]:
            return self._resolve(v, subj) if subj is not None else []
        actors: list[str] = []
        if subj is not None:
            if cand["cue"] in v.words.words("prediction_cues") and self._not_a_side(v, subj):
                return []  # "this will be a historic milestone", "the strikes would help": a prediction
            actors = self._resolve(v, subj)
            speaker = self._speaker(v, doc[cand["predicate"]])
            inner_states = [a for a in actors if v.parties.get(a, {}).get("kind") == "state"]
            if speaker and not inner_states and (not any(t.i in v.at for t in subj.subtree) or actors):
                actors = speaker  # "The U.S. CDC announced ... that it will ...", "Both sides affirmed that the NCG will ..."
        owner = self._cue_owner(v, cand["start"], cand["end"])  # "U.S. support", "the commitment of the United States"
        if owner and (not actors or (subj is not None and v.kind_at(subj.i) == "person")):
            actors = owner
        return actors

    @staticmethod
    def _not_a_side(v: _View, subj: Token) -> bool:
        """An active subject that names no party and stands for none: no mention in it, no pronoun,
        no collective noun, no office ("the deal", "tomorrow's meeting", "the strikes")."""
        demonstrative = subj.lower_ in v.words.lower("demonstrative_pronouns")
        if any(t.i in v.at for t in subj.subtree) or subj.dep_ != "nsubj" or (subj.pos_ == "PRON" and not demonstrative):
            return False  # a passive subject ("efforts will be made") or a pronoun ("it would continue") may be a side's
        low, lemma = subj.lower_, subj.lemma_.lower()
        sides = v.side_words()
        first = subj.is_sent_start or (subj.i > 0 and subj.doc[subj.i - 1].is_punct)  # '"This will ...' starts a quote
        named = subj.pos_ == "PROPN" or (subj.text[:1].isupper() and not first)  # "the NCG will ..."
        return low not in sides and lemma not in sides and not named

    def _speaker(self, v: _View, verb: Token) -> list[str]:
        """Who speaks when a stance sits in the complement of a reporting verb."""
        reporting = v.words.words("reporting_verbs")
        tok = verb
        for _ in range(3):
            if tok.dep_ in _SPEAKER_DEPS and tok.head.lemma_ in reporting:
                subj = subject_of(tok.head)
                if subj is not None and any(t.i in v.at for t in subj.subtree):
                    return self._resolve(_View(v.doc, v.words, v.parties, v.at, dict(v.context), v.implied), subj)
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return []

    def _cue_owner(self, v: _View, ms: int, me: int) -> list[str]:
        """The state whose stance a cue noun names: "U.S. support", "the commitment of the United States"."""
        stance_nouns = v.words.words("stance_nouns")
        owner_preps = v.words.lower("owner_prepositions")
        for tok in v.doc[ms:me]:
            if tok.pos_ != "NOUN" or tok.lemma_ not in stance_nouns:
                continue
            for c in tok.children:
                cands = [c] if c.dep_ in _OWNER_DEPS else ([g for g in c.children if g.dep_ == "pobj"] if c.lower_ in owner_preps else [])
                for t in cands:
                    span_toks = [x for x in t.subtree if x.i in v.at]
                    if span_toks:
                        side = side_of(v.at[span_toks[0].i], v.parties)
                        if side and v.parties.get(side, {}).get("kind") == "state":
                            return [side]
        return []

    # -- subjects ------------------------------------------------------------------------------------------
    def _resolve(self, v: _View, subj: Token) -> list[str]:
        """Party ids a subject stands for."""
        heads = [subj, *subj.conjuncts]
        ids, collective = self._head_ids(v, heads)
        persons = [v.at[t.i] for t in heads if v.kind_at(t.i) == "person"]
        if len(persons) == 1 and len(heads) == 1:
            side = side_of(persons[0], v.parties)
            if side:
                v.context["person"] = side  # for "he"/"she" later on
        groupings = v.context.pop("_groupings", [])
        states = [i for i in ids if v.parties.get(i, {}).get("kind") == "state"]
        if len(states) >= 2:
            ids = [i for i in ids if i not in groupings]
        if subj.lower_ in v.words.lower("first_person_plural") and ids:
            v.context["we"] = list(ids)
        if ids:
            return ids
        return self._collective(v, subj) if collective else []

    def _head_ids(self, v: _View, heads: list[Token]) -> tuple[list[str], bool]:
        """The sides the subject's heads name, and whether one of them is a collective reference."""
        ids: list[str] = []
        collective = False
        collective_words = v.words.lower("collective_pronouns")
        collective_nouns = v.words.words("collective_nouns")
        for h in heads:
            if self._mentions_in_np(v, h, ids):
                continue
            if h.lower_ in collective_words or h.lemma_.lower() in collective_nouns or h.lower_ in collective_nouns:
                collective = True
                continue
            side = self._head_word_side(v, h)
            if side:
                ids.append(side)
        return ids, collective

    def _mentions_in_np(self, v: _View, h: Token, ids: list[str]) -> bool:
        """Add the sides mentioned in the noun phrase of ``h`` (modifiers, appositions, conjuncts; "of"
        phrases only after "we"/"the ministers"/a person: "We, the G7 Foreign Ministers of Canada, ...")."""
        open_np = h.lower_ in v.words.lower("appositive_pronouns") or h.lemma_.lower() in v.words.words("collective_nouns") or v.kind_at(h.i) == "person"
        found = False
        for t in self._np_tokens(v, h, open_np):
            if t.i not in v.at:
                continue
            found = True
            side = side_of(v.at[t.i], v.parties)
            if side and side not in ids:
                # a grouping named as a modifier beside its listed members stands for them
                if v.parties.get(side, {}).get("kind") == "organization" and v.parties[side].get("country") is None and t.dep_ in _MODIFIER_DEPS:
                    v.context.setdefault("_groupings", []).append(side)
                ids.append(side)
        return found

    @staticmethod
    def _np_tokens(v: _View, head: Token, open_np: bool) -> list[Token]:
        """The tokens of the noun phrase of ``head`` without its clauses and (unless ``open_np``) its
        prepositional phrases."""
        preps = v.words.lower("group_prepositions")
        out = []
        stack = [head]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ in _NP_SKIP_DEPS:
                    continue
                if c.dep_ == "prep" and not (open_np and c.lower_ in preps):
                    continue
                stack.append(c)
        return out

    def _head_word_side(self, v: _View, h: Token) -> str | None:
        """The side a subject word that names no party stands for: "he"/"she" (the last person named),
        "I" (the author), a body named in full before ("The Office will ..."), else an office ("The
        President also welcomed ...")."""
        low = h.lower_
        if h.lemma_.lower() in v.words.lower("aim_nouns"):
            return self._aim_owner(v, h)
        if low in v.words.lower("third_person_singular") and v.context.get("person"):
            return str(v.context["person"])
        if low in v.words.lower("author_pronouns"):
            authors = [p for p in v.parties.values() if p["kind"] == "person" and p.get("principal")]
            return side_of(authors[0]["id"], v.parties) if authors else v.context.get("home")
        capitalised = h.text[:1].isupper()
        if h.pos_ in _NOMINAL and capitalised and h.lemma_.lower() not in v.words.words("collective_nouns"):
            # "The Office will ...": a body the text named in full before
            named = [p for p in v.parties.values() if p["kind"] == "organization" and p["name"].split()[-1].lower() == h.lower_]
            if len(named) == 1:
                return str(named[0]["id"])
        if h.pos_ in _NOMINAL and h.tag_ != "NNS" and h.lemma_.lower() in v.words.lower("office_nouns"):
            # a capitalised office ("The President") only for a holder the text makes unique
            # an office no named person holds ("The Prime Minister hosted ...") is the text's own side's
            return self._office_holder_side(v, h.lemma_.lower(), unique=capitalised) or v.context.get("home")
        return None

    def _aim_owner(self, v: _View, h: Token) -> str | None:
        """Whose stated aim "Our priority is to ..." is: the side its owner names ("our", "China's"),
        else the text's own side."""
        for c in h.children:
            if c.dep_ == "poss":
                if c.i in v.at:
                    return side_of(v.at[c.i], v.parties)
                break
        return v.context.get("home")

    @staticmethod
    def _office_holder_side(v: _View, office: str, unique: bool = False) -> str | None:
        """ "The President also welcomed ...": the side of the one person the text gives that office
        (``unique``: only when one holder, or one principal holder, makes it so)."""
        holders = [p for p in v.parties.values() if p["kind"] == "person" and office in (p.get("role") or "").lower()]
        principal = [p for p in holders if p.get("principal")]
        if unique:
            pick = principal if len(principal) == 1 else holders if len(holders) == 1 else []
            return side_of(pick[0]["id"], v.parties) if pick else None
        pick = principal if len(principal) == 1 else holders[:1]
        if not pick:
            # "the Secretary" of a readout whose title named the official only by name
            pick = [p for p in v.parties.values() if p["kind"] == "person" and p.get("principal")][:1]
        return side_of(pick[0]["id"], v.parties) if len(pick) == 1 else None

    def _collective(self, v: _View, subj: Token) -> list[str]:
        """The sides a collective subject stands for ("the two sides", "they", "we", "the participants")."""
        we = subj.lower_ in v.words.lower("first_person_plural")
        if we and v.context.get("we"):
            return list(v.context["we"])
        if we and v.context.get("home") and not v.words.regex("several_sides_we").search(subj.sent.text):
            return [v.context["home"]]  # the "we" of one side's statement or briefing is that side
        members = v.context.get("members") or []
        if not members and subj.lemma_.lower() in v.words.lower("person_collective_nouns"):
            officials = self._official_sides(v, subj)
            if len(officials) >= 2:
                return officials  # "the two ministers", "the leaders": the sides of the officials named
        principal = self._principal_sides(v)
        if members and (we or subj.lemma_.lower() in v.words.lower("member_nouns")):
            host = [p for p in principal if p not in members and _ISO3.fullmatch(p)]
            return host + list(members)  # the listed participants, with the host
        states = [p for p in principal if v.parties.get(p, {}).get("kind") == "state"]
        if len(states) >= 2 and not we:
            return states  # "both sides", "the parties": the principal states
        if len(principal) >= 2 or (we and principal):
            return principal
        # too few principal sides: add those the lead paragraph names ("a call with leaders of Canada, ...")
        lead = [x for x in v.context.get("lead", []) if x not in principal]
        if lead and len(principal) + len(lead) >= 2:
            return principal + lead
        recent = v.context.get("recent") or []
        if len(recent) >= 2:
            return list(recent)
        return principal

    @staticmethod
    def _official_sides(v: _View, subj: Token) -> list[str]:
        """The sides of the officials "the leaders" or "the ministers" stands for: the principal
        persons' when two or more sides have one, else the sides of every person named before the
        subject."""
        persons = [p for p in v.parties.values() if p["kind"] == "person"]
        principal = list(dict.fromkeys(s for s in (side_of(p["id"], v.parties) for p in persons if p.get("principal")) if s))
        if len(principal) >= 2:
            return principal
        before = [p for p in persons if any(m["start"] < subj.idx for m in p.get("mentions") or [])]
        sides = list(dict.fromkeys(s for s in (side_of(p["id"], v.parties) for p in before) if s))
        return sides if len(sides) >= 2 else []

    # -- the sides a text names -------------------------------------------------------------------------
    def _home_side(self, v: _View, segs: list[Span]) -> str | None:
        """The side a one-sided text speaks for, which its "we" stands for: the publisher the caller
        named; else the one party its title introduces as speaker ("Statement by President X",
        "Spokesperson Y's Regular Press Conference"); else the side its first body sentence is about.
        None for a joint text or one that lists its members (their "we" is every side), and when no
        side stands out. Counting the states a text's officials belong to is not used: in a briefing
        it picks the subject, not the speaker."""
        head = " ".join(seg.text for seg in segs[:2])
        if v.words.regex("joint_text").search(head) or v.context.get("members"):
            return None  # a joint text, or one whose members are listed: its "we" is all of them
        every = {p["id"] for p in v.doc._.diplotext_parties or []}  # implied sides too
        publisher = v.doc._.diplotext_publisher
        if publisher and publisher.get("id") in every:
            return str(publisher["id"])
        speakers = {side_of(p["id"], v.parties) for p in v.parties.values() if self._introduced_as_speaker(v, p)}
        speakers.discard(None)
        if len(speakers) == 1:
            return speakers.pop()
        return self._lead_subject(v, segs)

    def _lead_subject(self, v: _View, segs: list[Span]) -> str | None:
        """The one side that is the subject of the text's first body sentence ("The United States is
        designating ...", "The Secretary-General welcomes ..."): who a one-sided text is by."""
        body = segs[1:] if len(segs) > 1 and "\n" in segs[0].text else segs
        for seg in body[:2]:
            root = seg.root
            subj = subject_of(root)
            if subj is None or not seg.start <= subj.i < seg.end:
                continue
            sides = {side_of(v.at[t.i], v.parties) for t in subj.subtree if t.i in v.at and t.dep_ not in ("pobj", "poss")} - {None}
            return sides.pop() if len(sides) == 1 else None
        return None

    @staticmethod
    def _introduced_as_speaker(v: _View, person: dict[str, Any]) -> bool:
        """A party the title introduces as the text's speaker: "Statement by President X", "Remarks
        from X", "Spokesperson X's Regular Press Conference" (patterns speaker_before, speaker_after)."""
        text = doc_text(v.doc)
        title_end = text.find("\n")
        title_end = title_end if title_end > 0 else len(text)
        for m in person.get("mentions") or []:
            if m["start"] < title_end:
                before, after = text[max(0, m["start"] - 60) : m["start"]], text[m["end"] : m["end"] + 40]
                return bool(v.words.regex("speaker_before").search(before) or v.words.regex("speaker_after").match(after))
        return False

    @staticmethod
    def _principal_sides(v: _View) -> list[str]:
        """The sides of the principal parties (persons counted as the side they speak for)."""
        sides: list[str] = []
        for p in v.parties.values():
            if not p.get("principal"):
                continue
            side = side_of(p["id"], v.parties)
            if side and side not in sides:
                sides.append(side)
        return sides

    @staticmethod
    def _sides_in(v: _View, seg: Span) -> list[str]:
        """States and international bodies a segment names (persons counted as the side they speak for)."""
        sides: list[str] = []
        for t in seg:
            if t.i in v.at:
                side = side_of(v.at[t.i], v.parties)
                kind = v.side_kind(side or "")
                if side and side not in sides and (kind == "state" or v.is_grouping_org(side)):
                    sides.append(side)
        return sides

    def _member_list(self, v: _View, segs: list[Span]) -> list[str]:
        """The sides a statement lists as its authors or participants: "Signed by the Governments of A,
        B, C", "Participants in the call included ...", "released by the foreign ministers of A, B, C"."""
        listing = v.words.regex("member_listing")
        best: list[str] = []
        for seg in segs:
            sides = self._sides_in(v, seg)
            if len(sides) >= 3 and len(sides) > len(best) and listing.search(seg.text.lower()):
                best = sides
        # a grouping listed beside its members stands for them, not as a member
        states = [x for x in best if v.parties.get(x, {}).get("kind") == "state"]
        return [x for x in best if x in states or not self._is_grouping(v, v.parties.get(x, {}))] if len(states) >= 3 else best

    @staticmethod
    def _is_grouping(v: _View, party: dict[str, Any]) -> bool:
        """A grouping of states by its name ("G7", "Media Freedom Coalition", "the Quad")."""
        return bool(v.words.regex("grouping_name").search(party.get("name", "")))

    def _lead_sides(self, v: _View, segs: list[Span]) -> list[str]:
        """States and international bodies named in the first body paragraph (after a title line)."""
        body = segs[1:] if len(segs) > 1 and "\n" in segs[0].text else segs
        for seg in body[:1]:
            sides = self._sides_in(v, seg)
            if sides:
                return sides
        return []

    @staticmethod
    def _remember(v: _View, seg: Span) -> None:
        """The sides this segment names, for "they" in the next one: its states when it names two or
        more, else its states and bodies."""
        sides: list[str] = []
        for t in seg:
            if t.i in v.at:
                side = side_of(v.at[t.i], v.parties)
                if side and side not in sides and v.side_kind(side) in {"state", "organization"}:
                    sides.append(side)
        states = [x for x in sides if v.side_kind(x) == "state"]
        if len(states) >= 2:
            sides = states  # "met at the UN General Assembly": a body named beside two states is where, not who
        if len(sides) >= 2:
            v.context["recent"] = sides


@registry.misc("diplotext.actor_resolver.v1")
def make_actor_resolver() -> ActorResolver:
    """The rule-based resolver, the default of ``[components.diplotext_actors.resolver]``."""
    return RuleResolver()


# -- assembling the commitments ------------------------------------------------------------------------------
@dataclass
class _Found:
    """A resolved stance of one segment (``verb`` None: a bullet carrying its lead-in's stance)."""

    kind: str
    actors: list[str]
    trigger: str
    action: str | None
    confidence: float
    verb: Token | None
    negated: bool = False


class ActorsComponent(DataPipe):
    """Credit candidate stances to parties and write the Doc's commitments."""

    slots: ClassVar[dict[str, Slot]] = LEXICON_SLOTS

    def __init__(self, nlp: Language, name: str = "diplotext_actors", *, resolver: ActorResolver | None = None,
                 scorer: Callable[..., Any] | None = None) -> None:
        super().__init__(nlp, name, scorer=scorer)
        self.resolver: ActorResolver = resolver if resolver is not None else RuleResolver()

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.diplotext_commitments`` and ``doc.spans["diplotext_commitments"]``."""
        words = self.vocabulary
        cands = candidates(doc)
        actors = self.resolver(doc, cands, words) if cands else []
        resolved = [(c, a) for c, a in zip(cands, actors, strict=True) if a]
        items: list[dict[str, Any]] = []
        spans: list[Span] = []
        lead: _Found | None = None
        marks = words.words("bullet_marks")
        after_mark = False
        for seg in segments(doc):
            seg_text = seg.text
            if seg_text.strip() in marks:
                after_mark = True  # "-" split off its bullet by the sentence splitter: the next segment is the bullet
                continue
            bullet = is_bullet(seg_text, words) or after_mark
            after_mark = False
            found = [_Found(c["kind"], a, c["trigger"], c["action"], c["confidence"], doc[c["predicate"]], bool(c.get("negated")))
                     for c, a in resolved if seg.start <= c["anchor"] < seg.end]
            if not found and bullet and lead is not None:
                found = [_Found(lead.kind, lead.actors, lead.trigger, words.regex("bullet").sub("", seg_text).strip(), lead.confidence, None, lead.negated)]
            if not found:
                lead = lead if bullet else None
                continue
            if is_lead_in(seg_text, words):
                lead = _Found(found[0].kind, found[0].actors, found[0].trigger, found[0].action, found[0].confidence, None, found[0].negated)
                continue  # the lead-in: its bullets carry the commitments
            lead = lead if bullet else None
            self._commitments(doc, seg, found, items, spans)
        doc._.diplotext_commitments = items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    def _commitments(self, doc: Doc, seg: Span, found: list[_Found], items: list[dict[str, Any]], spans: list[Span]) -> None:
        """One commitment per kind in the segment: the segment, or the clause when kinds differ."""
        kinds = {f.kind for f in found}
        for kind in KINDS:
            group = [f for f in found if f.kind == kind]
            if not group:
                continue
            f = group[0]
            actors = list(dict.fromkeys(a for g in group for a in g.actors))
            span = self._clause(doc, f.verb, seg, found) if len(kinds) > 1 and f.verb is not None else self._trim(doc, seg)
            if span is None:
                continue
            items.append({"text": span.text, "start": span.start_char, "end": span.end_char, "kind": kind,
                          "actors": actors, "trigger": f.trigger, "action": f.action,
                          "confidence": round(min(1.0, max(g.confidence for g in group)), 3), "negated": f.negated})
            spans.append(Span(doc, span.start, span.end, label=kind))

    def _trim(self, doc: Doc, seg: Span) -> Span | None:
        """The segment without surrounding space and its bullet mark."""
        marks = self.vocabulary.words("bullet_marks")
        s, e = seg.start, seg.end
        while s < e and (doc[s].is_space or doc[s].text in marks):
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        return doc[s:e] if e > s else None

    @staticmethod
    def _clause(doc: Doc, verb: Token, seg: Span, found: list[_Found]) -> Span | None:
        """The clause of ``verb`` without the clauses of the other stances in the sentence."""
        others = {f.verb.i for f in found if f.verb is not None and f.verb.i != verb.i}
        toks = set()
        stack = [verb]
        while stack:
            t = stack.pop()
            toks.add(t.i)
            for c in t.children:
                if c.i in others or (c.dep_ == "conj" and any(o in {x.i for x in c.subtree} for o in others)):
                    continue
                stack.append(c)
        # the shared subject belongs to every clause
        for c in verb.children:
            if c.dep_ in _SUBJECT_DEPS:
                toks |= {x.i for x in c.subtree}
        toks = {i for i in toks if seg.start <= i < seg.end}
        if not toks:
            return None
        s, e = min(toks), max(toks) + 1
        while s < e and (doc[s].is_space or doc[s].dep_ == "cc" or doc[s].is_punct):
            s += 1
        while e > s and (doc[e - 1].is_space or doc[e - 1].dep_ == "cc" or (doc[e - 1].is_punct and doc[e - 1].text != ".")):
            e -= 1
        return doc[s:e] if e > s else None


@registry.scorers("diplotext.commitments_scorer.v1")
def make_commitments_scorer() -> Callable[..., dict[str, Any]]:
    """Span P/R/F of ``doc.spans["diplotext_commitments"]`` by kind (token-level spans, overlap allowed);
    examples whose reference has no such group are skipped (:func:`~diplotext.util.span_group_scorer`)."""
    return span_group_scorer(SPAN_KEY, labeled=True)


@Language.factory(
    "diplotext_actors",
    default_config={"resolver": {"@misc": "diplotext.actor_resolver.v1"},
                    "scorer": {"@scorers": "diplotext.commitments_scorer.v1"}},
    # doc.spans["diplotext_commitments"]
    assigns=["doc.spans", "doc._.diplotext_commitments"],
    # doc.spans["diplotext_cues"] (from diplotext_cues), doc.spans["diplotext_parties"]
    requires=["token.dep", "token.head", "token.lemma", "token.pos", "doc.sents", "doc.spans", "doc._.diplotext_parties"],
    default_score_weights=span_score_weights(SPAN_KEY),
)
def make_actors(nlp: Language, name: str, resolver: ActorResolver, scorer: Callable[..., Any] | None) -> ActorsComponent:
    """The actor resolution and commitment assembly; ``resolver`` decides who takes each stance."""
    return ActorsComponent(nlp, name, resolver=resolver, scorer=scorer)
