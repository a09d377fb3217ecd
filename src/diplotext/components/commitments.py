"""diplotext_commitments: pledges, support, opposition and aspirations of the parties.

Cues come from ``resources/commitment_cues.v1.jsonl`` (spaCy Matcher patterns
with a kind and a confidence). A cue counts when its predicate heads a main
clause (or the complement of a reporting verb) and its subject resolves to
parties: a party mention, a person standing for their state or organisation,
or a collective reference ("the two sides", "both countries", "they", "we")
resolved to the principal sides or the parties just named. Past facts,
discussion, praise and calls on others carry no cue and are left out. One
commitment per sentence and kind (clauses when kinds differ); under a lead-in
ending in ":" one per bullet. A trained text classifier, where the pipeline has
one (``textcat_multilabel`` with labels ``pledge``/``support``/...), can
confirm or veto rule hits and add sentences the rules miss.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import registry

from ..resources import lexicon, read
from ..util import set_extensions, span_group
from ..util import span_group_getter as _span_group

SPAN_KEY = "diplotext_commitments"
KINDS = ("pledge", "support", "opposition", "aspiration")

_MAIN_DEPS = {"ROOT", "conj", "ccomp", "xcomp", "parataxis"}
_REPORTING = {"say", "state", "announce", "add", "agree", "decide", "indicate", "affirm", "reaffirm", "declare", "stress",
              "emphasize", "underscore", "note", "confirm", "reiterate", "make", "express", "tell", "highlight"}
_COLLECTIVE_PRONOUNS = {"they", "we", "both", "us", "each", "together"}
_NEGATIVE_HEADS = {"fail", "refuse", "decline", "cease", "stop", "neglect"}
_CALLS_ON_OTHERS = {"urge", "call", "encourage", "ask", "invite", "press", "request", "implore", "appeal", "demand", "expect"}
# a stance verb as the complement of these is still the subject's stance ("continue to support")
_XCOMP_OK = {"continue", "want", "be", "remain", "seek", "plan", "intend", "agree", "commit", "decide", "pledge", "vow", "promise",
             "reaffirm", "stand", "look", "aim", "hope", "wish", "strive", "resolve", "undertake", "prepare", "determine", "work", "will",
             "expect", "aspire", "need", "have", "must", "endeavor", "endeavour", "affirm", "reiterate", "express", "announce"}
_BULLET = re.compile(r"^\s*(?:[-•*▪◦·]|\d{1,2}[.)]|\([a-z0-9]{1,3}\))\s+")


class CommitmentsComponent(Pipe):
    """Find commitments and resolve their actors to party ids."""

    def __init__(
        self,
        nlp: Language,
        name: str = "diplotext_commitments",
        *,
        cues: str = "commitment_cues.v1.jsonl",
        textcat: str | None = None,
        threshold: float = 0.5,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.scorer = scorer
        self.cfg: dict[str, Any] = {"cues": cues, "textcat": textcat, "threshold": threshold}
        self.matcher: Matcher | None = None
        self.cue_rows: list[dict[str, Any]] = []
        self._first_words: set[str] | None = None
        set_extensions()

    # -- data ---------------------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None, cues: list[dict[str, Any]] | None = None) -> None:
        """Load and validate the cue patterns (the packaged file unless ``cues`` is given)."""
        rows = cues if cues is not None else list(read(self.cfg["cues"]))
        matcher = Matcher(self.nlp.vocab, validate=True)
        for k, row in enumerate(rows):
            missing = {"id", "kind", "pattern", "confidence"} - set(row)
            if missing or row["kind"] not in KINDS:
                raise ValueError(f"commitment cue {k} is invalid: missing {sorted(missing)} or kind {row.get('kind')!r}")
            matcher.add(f"{row['kind']}|{k}", [row["pattern"]])
        self.cue_rows = rows
        self.matcher = matcher
        self._first_words = None
        self._collective_nouns = set(lexicon()["collective_nouns"])

    # -- helpers ----------------------------------------------------------------------------
    def _matches(self, doc: Doc, segments: list[Span]) -> list[tuple[int, int, int]]:
        """Cue matches, the Matcher run only over segments holding a word a cue starts with."""
        assert self.matcher is not None
        if self._first_words is None:
            words: set[str] = set()
            for row in self.cue_rows:
                first = row["pattern"][0]
                for attr in ("LEMMA", "LOWER", "ORTH"):
                    val = first.get(attr)
                    if isinstance(val, str):
                        words.add(val.lower())
                    elif isinstance(val, dict) and "IN" in val:
                        words |= {v.lower() for v in val["IN"]}
                    elif val is not None:
                        words = set()
                        break
                else:
                    if not any(first.get(a) is not None for a in ("LEMMA", "LOWER", "ORTH")):
                        words = set()
                if not words:
                    break
            self._first_words = words or set()
        if not self._first_words:
            return list(self.matcher(doc))
        out: list[tuple[int, int, int]] = []
        for seg in segments:
            if any(t.lemma_.lower() in self._first_words or t.lower_ in self._first_words for t in seg):
                out += [(m, seg.start + s, seg.start + e) for m, s, e in self.matcher(seg)]
        return out

    @staticmethod
    def _segments(doc: Doc) -> list[Span]:
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

    @staticmethod
    def _predicate(anchor: Token) -> Token:
        if anchor.tag_ == "MD" or anchor.dep_ in {"aux", "auxpass"}:
            return anchor.head
        tok = anchor
        for _ in range(2):
            # "They are committed to ...", "We are ready to ...", "stand united in support of ...":
            # the clause is headed by the verb above the cue word
            if (tok.pos_ not in {"VERB", "AUX"} or tok.dep_ in {"acomp", "attr", "oprd"}) and tok.head.i != tok.i and tok.head.pos_ in {"VERB", "AUX", "ADJ"}:
                tok = tok.head
        return tok

    @staticmethod
    def _is_main(verb: Token, seg: Span) -> bool:
        tok = verb
        for _ in range(4):
            if tok.dep_ == "ROOT" or tok.head.i == tok.i:
                return True
            if tok.dep_ not in _MAIN_DEPS:
                return False
            if tok.dep_ == "ccomp" and tok.head.lemma_ not in _REPORTING:
                return False
            if tok.head.i < seg.start or tok.head.i >= seg.end:
                return True
            tok = tok.head
        return True

    @staticmethod
    def _negated(verb: Token, anchor: Token) -> bool:
        """ "do not support", "failed to demonstrate its commitment", "urge all countries to pledge"."""
        if any(c.dep_ == "neg" for c in (*verb.children, *anchor.children)):
            return True
        tok = verb
        for _ in range(3):
            if tok.dep_ not in {"xcomp", "ccomp", "advcl"} or tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.lemma_ in _NEGATIVE_HEADS or tok.lemma_ in _CALLS_ON_OTHERS:
                return True
        return False

    @staticmethod
    def _subject(verb: Token) -> Token | None:
        tok = verb
        for _ in range(4):
            subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"}]
            if subjects:
                # "Support for PGII: President Biden welcomed ...": the subject nearest the verb
                before = [c for c in subjects if c.i < tok.i]
                return before[-1] if before else subjects[0]
            if tok.dep_ in {"conj", "xcomp", "advcl"} and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return None

    # -- actors -------------------------------------------------------------------------------
    def _party_at(self, doc: Doc) -> dict[int, str]:
        at: dict[int, str] = {}
        for sp in doc.spans.get("diplotext_parties", []):
            for k in range(sp.start, sp.end):
                at.setdefault(k, sp.label_)
        return at

    def _side_of(self, pid: str, parties: dict[str, dict[str, Any]]) -> str | None:
        """The id a party's stance is credited to: a person's organisation or state, else itself."""
        p = parties.get(pid)
        if p is None:
            return None
        if p["kind"] == "person":
            return p.get("affiliation") or p.get("country")
        return pid

    def _principal_sides(self, parties: dict[str, dict[str, Any]]) -> list[str]:
        sides: list[str] = []
        for p in parties.values():
            if not p.get("principal"):
                continue
            side = self._side_of(p["id"], parties)
            if side and side not in sides:
                sides.append(side)
        return sides

    @staticmethod
    def _np_tokens(head: Token, open_np: bool) -> list[Token]:
        out = []
        stack = [head]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ in {"relcl", "acl", "advcl", "ccomp", "xcomp"}:
                    continue
                if c.dep_ == "prep" and not (open_np and c.lower_ in {"of", "from"}):
                    continue
                stack.append(c)
        return out

    def _resolve(self, subj: Token, at: dict[int, str], parties: dict[str, dict[str, Any]], context: dict[str, Any]) -> list[str]:
        """Party ids a subject stands for."""
        heads = [subj, *subj.conjuncts]
        ids: list[str] = []
        collective = False
        for h in heads:
            found = False
            open_np = h.lower_ in {"we", "they"} or h.lemma_.lower() in self._collective_nouns or (h.i in at and parties.get(at[h.i], {}).get("kind") == "person")
            # mentions within the noun phrase: modifiers, appositions, conjuncts; "of" phrases only after
            # "we"/"the ministers"/a person ("We, the G7 Foreign Ministers of Canada, ...")
            for t in self._np_tokens(h, open_np):
                if t.i in at:
                    side = self._side_of(at[t.i], parties)
                    if side and side not in ids:
                        # a grouping named as a modifier beside its listed members stands for them
                        if parties.get(side, {}).get("kind") == "organization" and parties[side].get("country") is None and t.dep_ in {"compound", "nmod", "amod"}:
                            context.setdefault("_groupings", []).append(side)
                        ids.append(side)
                    found = True
            if found:
                continue
            low = h.lower_
            if low in _COLLECTIVE_PRONOUNS or h.lemma_.lower() in self._collective_nouns:
                collective = True
            elif low in {"he", "she"} and context.get("person"):
                ids.append(context["person"])
            elif low in {"i", "my"}:
                # the author: the principal person of a signed statement
                authors = [p for p in parties.values() if p["kind"] == "person" and p.get("principal")]
                side = self._side_of(authors[0]["id"], parties) if authors else None
                if side:
                    ids.append(side)
            elif h.pos_ in {"NOUN", "PROPN"} and h.text[:1].isupper() and h.lemma_.lower() not in self._collective_nouns:
                # "The Office will ...": a body the text named in full before
                named = [p for p in parties.values() if p["kind"] == "organization" and p["name"].split()[-1].lower() == h.lower_]
                if len(named) == 1:
                    ids.append(named[0]["id"])
            elif h.pos_ in {"NOUN", "PROPN"} and h.lemma_.lower() in {"president", "secretary", "minister", "king", "premier", "chancellor", "ambassador", "chairperson", "chairman", "emir", "amir"}:
                # "The President also welcomed ...": the one person the text gives that role
                holders = [p for p in parties.values() if p["kind"] == "person" and h.lemma_.lower() in (p.get("role") or "").lower()]
                principal = [p for p in holders if p.get("principal")]
                pick = principal if len(principal) == 1 else holders[:1]
                if not pick:
                    # "The Secretary" of a readout whose title named the official only by name
                    pick = [p for p in parties.values() if p["kind"] == "person" and p.get("principal")][:1]
                if len(pick) == 1:
                    side = self._side_of(pick[0]["id"], parties)
                    if side:
                        ids.append(side)
        persons = [at[t.i] for t in heads if t.i in at and parties.get(at[t.i], {}).get("kind") == "person"]
        if len(persons) == 1 and len(heads) == 1:
            side = self._side_of(persons[0], parties)
            if side:
                context["person"] = side
        groupings = context.pop("_groupings", [])
        states = [i for i in ids if parties.get(i, {}).get("kind") == "state"]
        if len(states) >= 2:
            ids = [i for i in ids if i not in groupings]
        if subj.lower_ == "we" and ids:
            context["we"] = list(ids)
        if ids:
            return ids
        members = context.get("members") or []
        if ids and members and all(parties.get(i, {}).get("kind") == "organization" and parties[i].get("country") is None for i in ids) and len(ids) == 1 and ids[0] in context.get("groupings", []):
            return list(members)  # "The Media Freedom Coalition ..." whose signatories the text lists
        if collective:
            if subj.lower_ in {"we", "us"} and context.get("we"):
                return list(context["we"])
            if members and (subj.lower_ in {"we", "us"} or subj.lemma_.lower() in {"participant", "member", "leader", "signatory", "minister"}):
                principal = [p for p in self._principal_sides(parties) if p not in members and re.fullmatch(r"[A-Z]{3}", p)]
                return principal + list(members)  # the listed participants, with the host
            principal = self._principal_sides(parties)
            states = [p for p in principal if parties.get(p, {}).get("kind") == "state"]
            if len(states) >= 2 and subj.lower_ not in {"we", "us"}:
                return states  # "both sides", "the parties": the principal states
            if len(principal) >= 2 or (subj.lower_ in {"we", "us"} and principal):
                return principal
            # too few principal sides: add those the lead paragraph names ("a call with leaders of Canada, ...")
            lead = [x for x in context.get("lead", []) if x not in principal]
            if lead and len(principal) + len(lead) >= 2:
                return principal + lead
            recent = context.get("recent") or []
            if len(recent) >= 2:
                return list(recent)
            return principal
        return []

    # -- main ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            self.initialize()
        assert self.matcher is not None
        # implied states (named only through their officials) take part only as actors
        parties = {p["id"]: p for p in (doc._.diplotext_parties or []) if not p.get("implied")}
        at = self._party_at(doc)
        context: dict[str, Any] = {}
        by_anchor: dict[int, tuple[str, dict[str, Any], int, int]] = {}
        segments = self._segments(doc)
        for match_id, start, end in self._matches(doc, segments):
            kind, k = self.nlp.vocab.strings[match_id].split("|")
            row = self.cue_rows[int(k)]
            anchor = start + int(row.get("anchor", 0))
            have = by_anchor.get(anchor)
            # the most confident cue at an anchor wins; among equals the tighter one
            if have is None or (row["confidence"], -(end - start)) > (have[1]["confidence"], -(have[3] - have[2])):
                by_anchor[anchor] = (kind, row, start, end)
        items: list[dict[str, Any]] = []
        spans: list[Span] = []
        lead: dict[str, Any] | None = None
        context["lead"] = self._lead_sides(segments, at, parties)
        context["members"] = self._member_list(segments, at, parties)
        context["groupings"] = [pid for pid, p in parties.items() if p["kind"] == "organization" and self._is_grouping(p)]
        for seg in segments:
            seg_text = seg.text
            is_bullet = bool(_BULLET.match(seg_text))
            found: list[dict[str, Any]] = []
            for anchor_i in range(seg.start, seg.end):
                if anchor_i not in by_anchor:
                    continue
                kind, row, ms, me = by_anchor[anchor_i]
                anchor = doc[anchor_i]
                verb = self._predicate(anchor)
                if self._negated(verb, anchor) or not self._is_main(verb, seg):
                    continue
                if verb.dep_ in {"xcomp", "advcl"} and kind != "pledge" and verb.head.lemma_ not in _XCOMP_OK:
                    continue  # "uses aircraft to support defense": a purpose, not a stance
                if row.get("id") == "seek_to" and verb.tag_ == "VBD":
                    continue  # "the government sought to stop them": a past attempt, reported
                if row.get("id") == "hope" and anchor.lemma_ == "wish" and anchor.i + 1 < len(doc) and doc[anchor.i + 1].pos_ == "PRON":
                    continue  # "I wish you all good luck": a greeting
                if kind == "support" and anchor.lemma_ == "welcome" and self._welcomes_a_person(verb, at, parties):
                    continue
                subj = self._subject(verb)
                if subj is None or subj.i < seg.start or subj.i >= seg.end:
                    if not (subj is None and seg.start == 0 and verb.dep_ == "ROOT" and kind == "support" and anchor_i <= seg.start + 6):
                        continue
                    actors = []
                else:
                    actors = self._resolve(subj, at, parties, context)
                    speaker = self._speaker(verb, at, parties, context)
                    inner_states = [a for a in actors if parties.get(a, {}).get("kind") == "state"]
                    if speaker and not inner_states and (not any(t.i in at for t in subj.subtree) or actors):
                        actors = speaker  # "The U.S. CDC announced ... that it will ...", "Both sides affirmed that the NCG will ..."
                owner = self._cue_owner(doc, ms, me, at, parties)  # "U.S. support", "the commitment of the United States"
                if owner and (not actors or (subj is not None and subj.i in at and parties.get(at[subj.i], {}).get("kind") == "person")):
                    actors = owner
                if not actors:
                    continue
                trigger_toks = [t for t in doc[ms:me] if not t.is_punct]
                adv = [c for c in verb.children if c.dep_ == "advmod" and c.i < anchor_i and c.i >= anchor_i - 2]
                t0 = min([t.i for t in trigger_toks] + [a.i for a in adv])
                trigger = doc[t0 : trigger_toks[-1].i + 1].text if trigger_toks else anchor.text
                action_start = trigger_toks[-1].i + 1 if trigger_toks else anchor_i + 1
                right = max(t.i for t in verb.subtree)
                while right >= action_start and doc[right].is_punct:
                    right -= 1
                action = doc[action_start : right + 1].text if right >= action_start else None
                found.append({"kind": kind, "actors": actors, "trigger": trigger, "action": action,
                              "confidence": float(row["confidence"]), "verb": verb})
            if self.cfg.get("textcat"):
                found = self._textcat_filter(seg, found, at, parties, context)
            if not found and is_bullet and lead is not None:
                found = [{**lead, "verb": None, "action": _BULLET.sub("", seg_text).strip()}]
            if not found:
                self._remember(seg, at, parties, context)
                if not is_bullet:
                    lead = None
                continue
            ends_with_colon = seg_text.rstrip().endswith(":")
            if ends_with_colon and not is_bullet:
                lead = {k: v for k, v in found[0].items() if k != "verb"}
                continue  # the lead-in: its bullets carry the commitments
            if not is_bullet:
                lead = None
            kinds = {f["kind"] for f in found}
            for kind in KINDS:
                group = [f for f in found if f["kind"] == kind]
                if not group:
                    continue
                f = group[0]
                actors = list(dict.fromkeys(a for g in group for a in g["actors"]))
                if len(kinds) > 1 and f["verb"] is not None:
                    span = self._clause(doc, f["verb"], seg, found)
                else:
                    span = self._trim(doc, seg)
                if span is None:
                    continue
                items.append({"text": span.text, "start": span.start_char, "end": span.end_char, "kind": kind,
                              "actors": actors, "trigger": f["trigger"], "action": f["action"],
                              "confidence": round(min(1.0, max(g["confidence"] for g in group)), 3)})
                spans.append(Span(doc, span.start, span.end, label=kind))
            self._remember(seg, at, parties, context)
        doc._.diplotext_commitments = items
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    def _speaker(self, verb: Token, at: dict[int, str], parties: dict[str, dict[str, Any]], context: dict[str, Any]) -> list[str]:
        """Who speaks when a stance sits in the complement of a reporting verb."""
        tok = verb
        for _ in range(3):
            if tok.dep_ in {"ccomp", "xcomp", "conj"} and tok.head.lemma_ in _REPORTING | {"decide"}:
                subj = self._subject(tok.head)
                if subj is not None and any(t.i in at for t in subj.subtree):
                    return self._resolve(subj, at, parties, dict(context))
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return []

    # -- trained classifier (cfg "textcat") ------------------------------------------------------
    # Defaults of the optional cfg keys the classifier policy reads (saved with the pipeline's cfg):
    #   "threshold"   rule hits whose kind scores under it are vetoed ...
    #   "veto_below"  ... but only hits of cues with confidence under this (high-confidence cues stand);
    #   "relabel"     a rule hit takes another kind when that kind scores >= this and its own < 1 - this;
    #   "add"         a segment without a rule hit is added when its best kind scores >= this (None: never).
    _TEXTCAT_ADD = 0.8

    def _textcat_cfg(self, key: str) -> Any:
        defaults = {"veto_below": 0.8, "relabel": None, "add": self._TEXTCAT_ADD}
        return self.cfg.get(key, defaults[key])

    def _textcat_scores(self, seg_text: str) -> dict[str, float] | None:
        """The trained textcat's kind scores for one segment (run as its own Doc), or None without one."""
        name = self.cfg.get("textcat")
        if not name or name not in self.nlp.component_names:
            return None
        doc = self.nlp.get_pipe(name)(self.nlp.make_doc(seg_text))
        return {k: float(doc.cats.get(k, 0.0)) for k in KINDS}

    def _textcat_filter(self, seg: Span, found: list[dict[str, Any]], at: dict[int, str],
                        parties: dict[str, dict[str, Any]], context: dict[str, Any]) -> list[dict[str, Any]]:
        """Veto low-confidence rule hits the textcat rejects, re-label when it is sure of another kind,
        add a missed segment it is sure of (cfg keys: see ``_textcat_cfg``)."""
        scores = self._textcat_scores(seg.text)
        if scores is None:
            return found
        if found:
            relabel = self._textcat_cfg("relabel")
            kept = []
            for f in found:
                if f["confidence"] < self._textcat_cfg("veto_below") and scores[f["kind"]] < self.cfg["threshold"]:
                    continue
                best = max(scores, key=lambda k: scores[k])
                if relabel is not None and best != f["kind"] and scores[best] >= relabel and scores[f["kind"]] < 1 - relabel:
                    f = {**f, "kind": best}
                kept.append(f)
            return kept
        add = self._textcat_cfg("add")
        kind = max(scores, key=lambda k: scores[k])
        if add is None or scores[kind] < max(add, self.cfg["threshold"]):
            return found
        verb = seg.root
        subj = self._subject(verb)
        if subj is None or not seg.start <= subj.i < seg.end:
            return found
        actors = self._resolve(subj, at, parties, context)
        if not actors:
            return found
        action = doc_text[:300] if (doc_text := seg.doc[verb.i + 1 : seg.end].text.strip()) else None
        return [{"kind": kind, "actors": actors, "trigger": verb.text, "action": action,
                 "confidence": round(scores[kind], 3), "verb": verb}]

    def _cue_owner(self, doc: Doc, ms: int, me: int, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> list[str]:
        """The party whose stance a cue noun names: "U.S. support", "the commitment of the United States"."""
        for tok in doc[ms:me]:
            if tok.pos_ != "NOUN" or tok.lemma_ not in {"support", "commitment", "concern", "opposition", "condemnation"}:
                continue
            for c in tok.children:
                cands = [c] if c.dep_ in {"compound", "poss", "nmod", "amod"} else ([g for g in c.children if g.dep_ == "pobj"] if c.lower_ == "of" else [])
                for t in cands:
                    span_toks = [x for x in t.subtree if x.i in at]
                    if span_toks:
                        side = self._side_of(at[span_toks[0].i], parties)
                        if side and parties.get(side, {}).get("kind") == "state":
                            return [side]
        return []

    def _sides_in(self, seg: Span, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> list[str]:
        """States and international bodies a segment names (persons counted as the side they speak for)."""
        sides: list[str] = []
        for t in seg:
            if t.i in at:
                side = self._side_of(at[t.i], parties)
                kind = parties.get(side or "", {}).get("kind")
                if side and side not in sides and (kind == "state" or (kind == "organization" and parties[side].get("country") is None)):
                    sides.append(side)
        return sides

    def _member_list(self, segments: list[Span], at: dict[int, str], parties: dict[str, dict[str, Any]]) -> list[str]:
        """The sides a statement lists as its authors or participants: "Signed by the Governments of A,
        B, C", "Participants in the call included ...", "released by the foreign ministers of A, B, C"."""
        best: list[str] = []
        for seg in segments:
            sides = self._sides_in(seg, at, parties)
            if len(sides) < 3:
                continue
            low = seg.text.lower()
            listing = re.search(r"\b(?:signed by|released by|issued by|joined by|on behalf of|participants|signatories|included|includes|include)\b|^\s*we,", low)
            if listing and len(sides) > len(best):
                best = sides
        # a grouping listed beside its members stands for them, not as a member
        states = [x for x in best if parties.get(x, {}).get("kind") == "state"]
        return [x for x in best if x in states or not self._is_grouping(parties.get(x, {}))] if len(states) >= 3 else best

    def _is_grouping(self, party: dict[str, Any]) -> bool:
        name = party.get("name", "")
        return bool(re.search(r"\b(?:G-?\d+|Group|Coalition|Friends|Quad|Troika|Quint|Alliance|Partnership)\b", name))

    def _lead_sides(self, segments: list[Span], at: dict[int, str], parties: dict[str, dict[str, Any]]) -> list[str]:
        """States and international bodies named in the first body paragraph (after a title line)."""
        body = segments[1:] if len(segments) > 1 and "\n" in segments[0].text else segments
        for seg in body[:1]:
            sides = self._sides_in(seg, at, parties)
            if sides:
                return sides
        return []

    def _remember(self, seg: Span, at: dict[int, str], parties: dict[str, dict[str, Any]], context: dict[str, Any]) -> None:
        """The sides this segment names, for "they" in the next one."""
        sides: list[str] = []
        for t in seg:
            if t.i in at:
                side = self._side_of(at[t.i], parties)
                if side and side not in sides and parties.get(side, {}).get("kind") in {"state", "organization"}:
                    sides.append(side)
        if len(sides) >= 2:
            context["recent"] = sides

    @staticmethod
    def _welcomes_a_person(verb: Token, at: dict[int, str], parties: dict[str, dict[str, Any]]) -> bool:
        """ "welcomed Prime Minister Kishida to the White House": hosting, not a stance."""
        for c in verb.children:
            if c.dep_ == "dobj" and c.i in at and parties.get(at[c.i], {}).get("kind") == "person":
                return True
            if c.dep_ == "dobj" and c.pos_ == "PROPN" and (c.ent_type_ == "PERSON" or any(g.dep_ == "compound" and g.lower_ in {"president", "minister", "king", "queen", "chancellor", "secretary", "prince", "premier"} for g in c.children)):
                return True
        return False

    @staticmethod
    def _trim(doc: Doc, seg: Span) -> Span | None:
        s, e = seg.start, seg.end
        while s < e and (doc[s].is_space or doc[s].text in {"-", "•", "*", "▪", "◦", "·"}):
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        return doc[s:e] if e > s else None

    @staticmethod
    def _clause(doc: Doc, verb: Token, seg: Span, found: list[dict[str, Any]]) -> Span | None:
        """The clause of ``verb`` without the clauses of the other cues in the sentence."""
        others = {f["verb"].i for f in found if f["verb"] is not None and f["verb"].i != verb.i}
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
            if c.dep_ in {"nsubj", "nsubjpass"}:
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

    # -- serialisation -------------------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)
        srsly.write_jsonl(path / "cues.jsonl", self.cue_rows or list(read(self.cfg["cues"])))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CommitmentsComponent:
        path = Path(path)
        self.cfg = srsly.read_json(path / "cfg")
        self.initialize(cues=list(srsly.read_jsonl(path / "cues.jsonl")))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps({"cfg": self.cfg, "cues": self.cue_rows or list(read(self.cfg["cues"]))}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> CommitmentsComponent:
        obj = srsly.json_loads(data)
        self.cfg = obj["cfg"]
        self.initialize(cues=obj["cues"])
        return self


@registry.scorers("diplotext.commitments_scorer.v1")
def make_commitments_scorer() -> Callable[..., dict[str, Any]]:
    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("getter", _span_group)
        return Scorer.score_spans(examples, attr=f"spans_{SPAN_KEY}", allow_overlap=True, labeled=True, **kwargs)

    return score


@Language.factory(
    "diplotext_commitments",
    default_config={"cues": "commitment_cues.v1.jsonl", "textcat": None, "threshold": 0.5,
                    "scorer": {"@scorers": "diplotext.commitments_scorer.v1"}},
    assigns=["doc.spans", "doc._.diplotext_commitments"],
    requires=["token.dep", "token.lemma", "doc._.diplotext_parties"],
    default_score_weights={f"spans_{SPAN_KEY}_f": 1.0, f"spans_{SPAN_KEY}_p": None, f"spans_{SPAN_KEY}_r": None},
)
def make_commitments(nlp: Language, name: str, cues: str, textcat: str | None, threshold: float, scorer: Callable | None) -> CommitmentsComponent:
    return CommitmentsComponent(nlp, name, cues=cues, textcat=textcat, threshold=threshold, scorer=scorer)
