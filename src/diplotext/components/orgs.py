"""diplotext_orgs: the organisations a text names, with the state each belongs to.

Four sources, in this order (a later mention inside an earlier, longer one is
dropped, its aliases kept): abbreviation definitions from diplotext_acronyms
whose long form is a body ("Communist Party of China (CPC)", not "People's
Republic of China (PRC)", a state's own name); proper-noun runs around an
organisation head word ("Embassy of Pakistan in China"), filtered against
roles, relationships, documents and events ("Department Spokesperson",
"Japan-U.S. Alliance", "Compacts of Free Association"); the base NER's
entities (when ``use_ner``); and later uses of a defined short form or of a
one-word name the gazetteer knows with that exact case ("Hamas", "G7", not
"Who" for the WHO). Each mention's state comes from the gazetteer, a state
named inside or before it, or the state last named in its sentence.

Reads span groups ``diplotext_acronyms`` (attrs ``definitions``) and
``diplotext_country_forms`` (attrs ``hits``); writes span group ``diplotext_orgs``
(label ``ORG``) with the mention records in ``attrs["mentions"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteer import CountryHit, Gazetteer
from ..util import doc_text, sentence_bounds
from ._base import GAZETTEER_SLOTS, LEXICON_SLOTS, DataPipe, Slot
from ._mentions import (
    ACRONYMS_KEY,
    COUNTRY_FORMS_KEY,
    ORGS_KEY,
    POSSESSIVES,
    QUOTES,
    AcronymDefinition,
    Form,
    Mention,
    char_spans,
    is_titlecase,
    norm,
    org_head,
    read_hits,
    read_records,
    write_group,
)

__all__ = ["OrgRules", "OrgsComponent", "longest_first"]

# POS tags, entity labels and shapes (structure, not vocabulary)
_RUN_LEFT_POS = frozenset({"PROPN", "ADJ", "NOUN", "NUM"})
_RUN_RIGHT_POS = frozenset({"PROPN", "NOUN", "ADJ", "NUM"})
_AFTER_CONNECTOR_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_CONTENT_POS = frozenset({"ADJ", "PROPN"})
_FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP"})
_SENTENCE_START_ENTS = frozenset({"ORG", "NORP", "GPE"})
_NER_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
_POSSESSIVE_IN_NAME = re.compile(r"['’]s\s")
_POSSESSOR_BEFORE = re.compile(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)\s?['’]s\s*$")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL_AT_END = re.compile(r"\b[A-Z]\.$")
_PAIR_SPLIT = re.compile(r"[-–]")
_LEFT_EDGE = " \t\n" + QUOTES
_RIGHT_EDGE = " ,.;:" + QUOTES
_OWNER_WINDOW = 40  # characters before a name searched for "Pakistan's"


@dataclass(frozen=True)
class OrgRules:
    """The vocabulary the organisation rules read, built once from the pipe's data."""

    gaz: Gazetteer
    org_heads: frozenset[str]
    non_party: frozenset[str]
    title_words: frozenset[str]
    role_words: frozenset[str]
    connectors: frozenset[str]
    head_prepositions: frozenset[str]
    locative_heads: frozenset[str]
    locative_prepositions: frozenset[str]
    national_heads: frozenset[str]
    plural_owners: frozenset[str]
    government_heads: frozenset[str]
    number_labels: frozenset[str]
    coordinators: frozenset[str]
    dangling: frozenset[str]
    list_conjunctions: frozenset[str]
    document_prepositions: frozenset[str]
    lowercase_ok: frozenset[str]
    articles: frozenset[str]
    non_owner: tuple[str, ...]
    leading_noise: re.Pattern[str]
    international: re.Pattern[str]
    government: re.Pattern[str]
    byline: re.Pattern[str]
    tail: re.Pattern[str]
    one_word: re.Pattern[str]
    headline_verb: re.Pattern[str]
    office_qualifiers: frozenset[str]
    grouping: re.Pattern[str]
    article_split: re.Pattern[str]


def longest_first(found: list[Mention]) -> list[Mention]:
    """Drop mentions that sit inside a longer one; the longer one takes their aliases ("(DHHS)"
    defined on the shorter name belongs to the longer one). Text order."""
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in found:
        host = next((k for k in kept if m.start < k.end and k.start < m.end), None)
        if host is not None:
            for alias in m.aliases:
                host.add_alias(alias)
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


class _OrgFinder:
    """The organisation mentions of one Doc, collected source by source."""

    def __init__(self, rules: OrgRules, doc: Doc, hits: list[CountryHit]) -> None:
        self.r = rules
        self.doc = doc
        self.text = doc_text(doc)
        self.hits = hits
        self.found: list[Mention] = []

    # -- adding one mention ---------------------------------------------------------------
    def add(self, start: int, end: int, form: Form = "name", acronym: str | None = None) -> None:
        """Add the mention at [start, end) once its edges are cleaned, unless it is no body."""
        start, end = self._trim(start, end)
        surface = self.text[start:end]
        poss = _POSSESSIVE_IN_NAME.search(surface)
        owner = surface[: poss.start()].split()[-1:] if poss else []
        if poss and owner and owner[0] not in self.r.plural_owners:
            # "Department of Homeland Security's Cybersecurity ... Agency": two bodies
            self.add(start, start + poss.start(), form, acronym)
            self.add(start + poss.end(), end, form)
            return
        surface = self._clean(surface)
        end = start + len(surface)
        if self._not_a_body(surface, form):
            return
        country = self._country(start, end, surface)
        mention = Mention(start, end, surface, "organization", norm(surface, self.r.leading_noise), form, country=country)
        if acronym:
            mention.add_alias(acronym)
        self.found.append(mention)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Spaces, quotes and a leading "the" off the left; punctuation off the right, except the
        full stop of a final initial ("U.S.")."""
        text = self.text
        while start < end and text[start] in _LEFT_EDGE:
            start += 1
        m = self.r.leading_noise.match(text[start:end])
        if m:
            start += m.end()
        while end > start and text[end - 1] in _RIGHT_EDGE:
            if text[end - 1] == "." and _INITIAL_AT_END.search(text[start:end]):
                break
            end -= 1
        return start, end

    def _clean(self, surface: str) -> str:
        """A document-title tail, a trailing possessive and an unclosed parenthesis dropped
        ("Office of Foreign Assets Control (OFAC")."""
        surface = self.r.tail.sub("", surface)
        surface = _TRAILING_POSSESSIVE.sub("", surface)
        if surface.count("(") > surface.count(")"):
            surface = surface[: surface.rfind("(")].rstrip()
        return surface

    def _not_a_body(self, surface: str, form: Form) -> bool:
        """A state, a byline, "Government of X"; or one word the gazetteer does not know as a
        body ("Government", "Treasury's": one word is a name only when we know it)."""
        gaz = self.r.gaz
        if not surface or gaz.country_of(surface) or self.r.byline.match(surface) or self.r.government.match(surface):
            return True
        if any(part.strip() in gaz.regions for part in self.r.article_split.split(surface)):
            return True  # "the West Bank", "West Bank and Gaza": places, whatever head word they end in
        return " " not in surface and form != "acronym" and gaz.organization(surface) is None

    # -- the state of a body ----------------------------------------------------------------
    def _country(self, start: int, end: int, name: str) -> str | None:
        """The state a body belongs to: the gazetteer's; a state named inside it (not after "in"
        or "to"); "Pakistan's Ministry of ..."; else, for a national body, the state last named
        in its sentence. International bodies and roles belong to none."""
        entry = self.r.gaz.organization(name)
        if entry is not None:
            return entry.country
        if self._international(name):
            return None  # "Minsk Group", "NATO-Russia Council", "EU Foreign Affairs Council": a state inside is a venue or a member
        inside = self._state_inside(start, end)
        if inside is not None:
            return inside
        if name.split()[-1].lower() in self.r.role_words:
            return None
        owner = self._possessor_before(start)
        if owner is not None:
            return owner
        if org_head(name.split(), self.r.head_prepositions) not in self.r.national_heads:
            return None
        return self._state_before_in_sentence(start, end)

    def _international(self, name: str) -> bool:
        """A grouping or a body of an international organisation: an international marker or
        grouping word in its name, or an international body the gazetteer knows inside it."""
        if self.r.international.search(name) or self.r.grouping.search(name):
            return True
        for part in re.split(r"[\s\-–]+", name):
            org = self.r.gaz.organization(part, exact=True) if part[:1].isupper() else None
            if org is not None and org.country is None:
                return True
        return False

    def _state_inside(self, start: int, end: int) -> str | None:
        """The first state named inside the name that is not a place or a destination
        ("Embassy of Pakistan in China" belongs to Pakistan)."""
        for h in self.hits:
            if not (start <= h.start and h.end <= end):
                continue
            before = self.text[max(start, h.start - 4) : h.start].strip().lower()
            if before.endswith(self.r.non_owner):
                continue
            return h.iso3
        return None

    def _possessor_before(self, start: int) -> str | None:
        """"Pakistan's Ministry of ...", "Yemen's Presidential Leadership Council"."""
        m = _POSSESSOR_BEFORE.search(self.text[max(0, start - _OWNER_WINDOW) : start])
        return self.r.gaz.country_of(m.group(1)) if m else None

    def _state_before_in_sentence(self, start: int, end: int) -> str | None:
        """A national body named without its state: the state last named before it in its sentence."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        s0 = self.doc[sentence_bounds(self.doc, span.start)[0]].idx
        before = [h for h in self.hits if s0 <= h.start and h.end <= start]
        return before[-1].iso3 if before else None

    # -- source 1: abbreviation definitions -------------------------------------------------
    def from_definitions(self, definitions: list[AcronymDefinition]) -> list[str]:
        """Bodies defined with an abbreviation ("Communist Party of China (CPC)"), and their
        short forms, in text order; a state's own name ("People's Republic of China (PRC)") and
        a long form without an organisation head are not bodies."""
        shorts: list[str] = []
        for d in definitions:
            short, s, e = d["short"], d["long_start"], d["long_end"]
            long_form = self.text[s:e]
            if self.r.gaz.country_of(long_form):
                continue
            head = org_head(long_form.split(), self.r.head_prepositions)
            if head in self.r.non_party:
                continue
            if head not in self.r.org_heads and self.r.gaz.organization(long_form) is None:
                continue
            self.add(s, e, acronym=short)
            if short not in shorts:
                shorts.append(short)
            if self.found:
                # the last mention found takes the short form (as it always has, even when the
                # long form itself was refused)
                self.found[-1].add_alias(short)
            self.add(d["short_start"], d["short_end"], form="acronym")
        return shorts

    # -- source 2: proper-noun runs around an organisation head -----------------------------
    def from_runs(self) -> None:
        """Each capitalised run around an organisation head word that names a body."""
        doc = self.doc
        for tok in doc:
            low = tok.lower_
            if low not in self.r.org_heads:
                continue
            prev = doc[tok.i - 1] if tok.i > 0 else None
            after_country = prev is not None and self.r.gaz.country_of(prev.text) is not None
            if not is_titlecase(tok) and (not after_country or low in self.r.government_heads):
                continue
            span = doc[self._run_start(tok) : self._run_end(tok)]
            if self._run_is_body(span, tok):
                self.add(span.start_char, span.end_char)

    def _run_start(self, tok: Token) -> int:
        """The first token of the run: back over capitalised words before the head."""
        s = tok.i
        while s > 0:
            take, go_on = self._left_step(s)
            if take:
                s -= 1
            if not go_on:
                break
        return s

    def _left_step(self, s: int) -> tuple[bool, bool]:
        """Whether token s-1 joins the run, and whether to look further left."""
        doc, gaz = self.doc, self.r.gaz
        p = doc[s - 1]
        if p.text in POSSESSIVES and s >= 2 and doc[s - 2].text in self.r.plural_owners and is_titlecase(doc[s]):
            return True, True  # "Chinese People's Political Consultative Conference"
        if is_titlecase(p) and p.pos_ in _RUN_LEFT_POS and not p.is_sent_start:
            if p.lower_ in self.r.title_words and p.lower_ not in self.r.org_heads:
                return False, False
            if p.ent_type_ == "PERSON" or p.tag_ in _FINITE_VERB_TAGS or gaz.official(p.text) is not None:
                return False, False  # "President Donald J. Trump Establishes White House Faith Office": a headline
            if self.r.headline_verb.fullmatch(p.text) and s - 2 >= 0 and (doc[s - 2].ent_type_ == "PERSON" or gaz.official(doc[s - 2].text)):
                return False, False  # a headline verb after a name ("Trump Establishes")
            return True, True
        if is_titlecase(p) and p.is_sent_start and p.pos_ == "PROPN" and p.ent_type_ in _SENTENCE_START_ENTS:
            return True, False
        return False, False

    def _run_end(self, tok: Token) -> int:
        """The end of the run: on over capitalised words and connectors, then back over
        dangling function words and a listed state ("Department of State and U.S. ...")."""
        doc, low = self.doc, tok.lower_
        e: int | None = tok.i + 1
        last = tok.i + 1
        while e is not None and e < len(doc):
            last = e
            e = self._right_step(e, low)
        e = last if e is None else e
        while e > tok.i + 1 and doc[e - 1].lower_ in self.r.dangling:
            e -= 1
        if e - 1 > tok.i and self.r.gaz.country_of(doc[e - 1].text) and doc[e - 2].lower_ in self.r.list_conjunctions:
            e -= 2  # "Department of State and U.S. ...": a list, not one name
        return e

    def _right_step(self, e: int, low: str) -> int | None:
        """The run's new end when token e continues it, or None where the run ends at e."""
        doc, r = self.doc, self.r
        n = doc[e]
        if n.ent_type_ == "PERSON" or n.text in r.number_labels or (n.lower_ in r.role_words and n.lower_ not in r.org_heads):
            return None  # "Sovereign Council Chair General Burhan": the body ends where a title starts
        if is_titlecase(n) and n.pos_ in _RUN_RIGHT_POS:
            return e + 1
        if n.lower_ in r.connectors and e + 1 < len(doc):
            k = e + 1
            if doc[k].lower_ in r.articles and k + 1 < len(doc):
                if n.lower_ in r.coordinators:
                    return None  # "X and the Government of Y": two bodies, not one
                k += 1
            if is_titlecase(doc[k]) and doc[k].pos_ in _AFTER_CONNECTOR_POS and doc[k].ent_type_ != "DATE":
                return k + 1
        if n.lower_ in r.locative_prepositions and low in r.locative_heads and e + 1 < len(doc) and r.gaz.country_of(doc[e + 1].text):
            return e + 2  # "Embassy of Pakistan in China"
        return None

    def _run_is_body(self, span: Span, tok: Token) -> bool:
        """A run names a body unless it is a role, a relationship, a document or event, or a state."""
        doc, r = self.doc, self.r
        words = [t.text for t in span]
        if words[-1].lower() in r.role_words:
            return False  # "Department Spokesperson": a role, not a body
        if self._is_relationship(span, tok):
            return False  # "Japan-U.S. Alliance", "U.S.-Pakistan Health Dialogue": a relationship, not a body
        head = org_head(words, r.head_prepositions)
        if head in r.non_party or any(w.lower() in r.non_party for w in words if w[:1].isupper()):
            return False
        if self._is_state(span, tok):
            return False
        s = span.start
        if s >= 2 and doc[s - 1].lower_ in r.document_prepositions and doc[s - 2].lower_ in r.non_party:
            return False  # "Compacts of Free Association": part of a document's name
        content = [t for t in span if is_titlecase(t) or t.pos_ in _CONTENT_POS]
        return len(content) >= 2 or r.gaz.organization(span.text) is not None

    def _is_relationship(self, span: Span, tok: Token) -> bool:
        """Only state names (or pairs of them) before the head: "Japan-U.S. Alliance"."""
        gaz = self.r.gaz
        before_head = [t for t in self.doc[span.start : tok.i] if not t.is_punct]
        return bool(before_head) and all(
            gaz.country_of(t.text) or all(gaz.country_of(x) for x in _PAIR_SPLIT.split(t.text) if x) for t in before_head
        )

    def _is_state(self, span: Span, tok: Token) -> bool:
        """"the Pakistani government", "Government of Pakistan", "Russian Federation": the state itself."""
        gaz = self.r.gaz
        gm = self.r.government.match(span.text)
        if gm and gaz.country_of((gm.group(1) or gm.group(2) or "").strip()):
            return True
        return bool(gaz.country_of(self.doc[span.start : tok.i + 1].text) or gaz.country_of(span.text))

    # -- source 3: the base NER ----------------------------------------------------------------
    def from_entities(self, shorts: list[str]) -> None:
        """The base NER's entities that the gazetteer knows, that are a defined short form, or
        that are ORG entities shaped like a body's name."""
        for ent in self.doc.ents:
            if ent.label_ not in _NER_LABELS:
                continue
            surface = self.r.leading_noise.sub("", ent.text)
            if self.r.gaz.organization(surface) is None and surface not in shorts and not self._entity_is_body(ent, surface):
                continue
            self.add(ent.start_char, ent.end_char)

    def _entity_is_body(self, ent: Span, surface: str) -> bool:
        """An ORG entity of two or more words with an organisation head and no other lower-case word."""
        r = self.r
        if ent.label_ != "ORG":
            return False
        words = surface.split()
        if any(w[:1].islower() and w.lower() not in r.lowercase_ok for w in words):
            return False
        head = org_head(words, r.head_prepositions)
        if head not in r.org_heads or any(w.lower() in r.non_party for w in words):
            return False
        return len(words) >= 2

    # -- source 4: later uses of short forms and one-word names ------------------------------
    def from_offices(self) -> None:
        """An office named without its holder speaks for its body ("The Secretary-General welcomes
        ..." -> the United Nations): a mention of the body, unless a name follows the office (its
        holder, found by the persons component) or a body or state qualifies it ("NATO Secretary
        General", "the Secretary-General of the OAS": that body is named itself). Of the bodies
        holding an office, the one the text names wins; else the first listed."""
        gaz, doc = self.r.gaz, self.doc
        if not gaz.offices:
            return
        named = {norm(m.canonical or m.text, self.r.leading_noise) for m in self.found}
        for m in gaz.office_regex.finditer(self.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or self._qualified_office(span) or any(f.start < m.end() and m.start() < f.end for f in self.found):
                continue
            holders = gaz.offices[m.group()]
            body = next((o for o in holders if {norm(n, self.r.leading_noise) for n in (o.name, *o.aliases)} & named), holders[0])
            self.found.append(Mention(m.start(), m.end(), m.group(), "organization", norm(body.name, self.r.leading_noise),
                                      "office", country=body.country, canonical=body.name))

    def _qualified_office(self, span: Span) -> bool:
        """The office of a named holder or of a body the text names beside it."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 1] if span.start > 0 else None
        if after is not None and (after.lower_ in self.r.office_qualifiers or (after.pos_ == "PROPN" and after.text[:1].isupper())):
            return True
        return before is not None and (before.text in POSSESSIVES or before.pos_ == "PROPN" or self.r.gaz.country_of(before.text) is not None)

    def from_short_forms(self, shorts: list[str]) -> None:
        """Every later use of a defined short form (longest first), then one-word names the
        gazetteer knows with this exact case: "Who" is not the WHO; "Hamas", "G7" are names."""
        defined: list[tuple[int, int]] = []
        for short in sorted(shorts, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w.])" + re.escape(short) + r"(?![\w])", self.text):
                if any(a <= m.start() < b for a, b in defined):
                    continue
                defined.append((m.start(), m.end()))
                self.add(m.start(), m.end(), form="acronym")
        for m in self.r.one_word.finditer(self.text):
            if any(a <= m.start(1) < b for a, b in defined):
                continue
            if self.r.gaz.organization(m.group(1), exact=True) is not None:
                self.add(m.start(1), m.end(1), form="acronym")


class OrgsComponent(DataPipe[OrgRules]):
    """Find the organisation mentions and the state each body belongs to."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, **GAZETTEER_SLOTS}

    def __init__(self, nlp: Language, name: str = "diplotext_orgs", *, use_ner: bool = True) -> None:
        super().__init__(nlp, name)
        self.use_ner = use_ner

    def build_rules(self) -> OrgRules:
        """The rule vocabulary from this pipe's data (read through :attr:`rules`)."""
        v = self.vocabulary
        return OrgRules(
            gaz=self.gaz,
            org_heads=v.words("org_heads"),
            non_party=v.words("non_party_heads"),
            title_words=frozenset(w.lower() for t in v.ordered("person_titles") for w in t.split()),
            role_words=v.words("role_words"),
            connectors=v.words("org_name_connectors"),
            head_prepositions=v.words("name_head_prepositions"),
            locative_heads=v.words("locative_heads"),
            locative_prepositions=v.words("locative_prepositions"),
            national_heads=v.words("national_heads"),
            plural_owners=v.words("plural_owners"),
            government_heads=v.words("government_heads"),
            number_labels=v.words("number_labels"),
            coordinators=v.words("body_list_coordinators"),
            dangling=v.words("dangling_function_words"),
            list_conjunctions=v.words("list_conjunctions"),
            document_prepositions=v.words("document_name_prepositions"),
            lowercase_ok=v.words("org_name_lowercase_words"),
            articles=v.words("articles"),
            non_owner=v.ordered("non_owner_prepositions"),
            leading_noise=v.regex("leading_noise"),
            international=v.regex("international_name"),
            government=v.regex("government_of_state"),
            byline=v.regex("byline"),
            tail=v.regex("org_name_tail"),
            one_word=v.regex("one_word_org"),
            headline_verb=v.regex("headline_verb"),
            office_qualifiers=v.lower("office_qualifiers"),
            grouping=v.regex("grouping_name"),
            article_split=v.regex("region_list_split"),
        )

    def __call__(self, doc: Doc) -> Doc:
        """Write span group ``diplotext_orgs`` with the mention records in its attrs."""
        self.ensure_initialized()
        finder = _OrgFinder(self.rules, doc, read_hits(doc, COUNTRY_FORMS_KEY))
        shorts = finder.from_definitions(read_records(doc, ACRONYMS_KEY, "definitions"))
        finder.from_runs()
        if self.use_ner:
            finder.from_entities(shorts)
        finder.from_short_forms(shorts)
        finder.from_offices()
        mentions = longest_first(finder.found)
        spans = char_spans(doc, [(m.start, m.end, "ORG") for m in mentions])
        write_group(doc, ORGS_KEY, spans, mentions=[m.to_dict() for m in mentions])
        return doc


@Language.factory(
    "diplotext_orgs",
    default_config={"use_ner": True},
    # doc.spans["diplotext_orgs"]
    assigns=["doc.spans"],
    # doc.spans["diplotext_acronyms"], doc.spans["diplotext_country_forms"]
    requires=["doc.spans", "doc.ents", "doc.sents", "token.pos", "token.tag", "token.ent_type", "token.is_sent_start"],
)
def make_orgs(nlp: Language, name: str, use_ner: bool) -> OrgsComponent:
    """The organisation finder (span group ``diplotext_orgs``); ``use_ner`` adds the base NER's entities."""
    return OrgsComponent(nlp, name, use_ner=use_ner)
