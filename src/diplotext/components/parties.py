"""diplotext_parties: states, organisations and officials, with every mention.

States come from the gazetteer (names, "PRC", capitals used as metonyms,
demonyms naming a side, both halves of "China-Pakistan"); organisations from
acronym definitions ("Communist Party of China (CPC)"), organisation-headed
proper-noun runs ("Embassy of Pakistan in China") and the base NER, filtered
against events, documents and initiatives; persons from titles ("President
William Ruto of Kenya"), appositive roles ("Moin ul Haque, Pakistan's
Ambassador to China") and the base NER. Mentions are merged into parties and
written to the Doc as JSON-able dicts (``doc._.diplotext_parties``) plus the
span group ``diplotext_parties`` labelled with party ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import registry

from ..gazetteer import Gazetteer, gazetteer
from ..resources import lexicon
from ..util import doc_text, sentence_bounds, set_extensions, slugify, span_group
from ..util import span_group_getter as _span_group

SPAN_KEY = "diplotext_parties"

_PREPS = {"of", "for", "on", "and", "with", "to", "&"}
_LOCATIVE_HEADS = {"embassy", "consulate", "mission", "office", "delegation"}
_INTERNATIONAL = re.compile(r"\b(United Nations|UN|U\.N\.|International|Global|World|Multinational|Africa|African|European|Asian|Pacific|Inter-American|Inter-Governmental|Intergovernmental|League|Arab States|Organization for|Organisation for|Coalition|Alliance|Caribbean|Americas|Gulf|Atlantic|Nations)\b")
_NATIONAL_HEADS = {"ministry", "department", "embassy", "consulate", "directorate", "institute", "authority", "office", "bureau",
                   "agency", "administration", "council", "committee", "commission", "senate", "parliament", "congress", "cabinet",
                   "court", "police", "army", "navy", "forces", "guard", "service", "government"}
_STRIP_LEFT = re.compile(r"^(?:(?:the|The|Photo/|photo/)\s*)+")
_SURNAME_FIRST = {"CHN", "KOR", "PRK", "TWN", "VNM", "JPN", "KHM", "HUN", "MNG"}
_PLURAL_OWNERS = {"People", "Peoples", "Women", "Children", "Workers", "Men", "Nations", "Veterans"}
_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:Government|Govt\.?)\s+of\s+(?:the\s+)?(.+)$|^(.+?)\s+[Gg]overnment$")
_QUOTES = "\"'“”‘’"
_ACRONYM = re.compile(r"\(\s*((?:[A-Z][a-z]+\s)?[A-Z][A-Za-z.&-]{1,11})\s*\)")
_BYLINES = re.compile(r"^(?:Office of the (?:Spokesperson|Press Secretary|Vice President's Press Secretary)|For Immediate Release|Media Note|Press Statement)$", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    kind: str  # state | organization | person
    key: str  # ISO code, normalised org name, or person name
    form: str = "name"  # name | demonym | capital | acronym | surname
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: set[str] = field(default_factory=set)


def _norm(s: str) -> str:
    s = s.replace("’", "'").strip(_QUOTES + " ,.")
    s = _STRIP_LEFT.sub("", s)
    return re.sub(r"\s+", " ", s).casefold()


def _is_titlecase(tok: Token) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and tok.i > 0)) and not tok.is_punct


def _initials(word: str) -> str:
    if re.fullmatch(r"(?:[A-Z]\.\s?)+", word):
        return word.replace(".", "").replace(" ", "")
    if word.isupper() and len(word) <= 5:
        return word
    return word[:1].upper()


class PartiesComponent(Pipe):
    """Find and merge the parties a diplomatic text names."""

    def __init__(
        self,
        nlp: Language,
        name: str = "diplotext_parties",
        *,
        use_ner: bool = True,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.use_ner = use_ner
        self.scorer = scorer
        self.cfg: dict[str, Any] = {"use_ner": use_ner}
        self._gaz: Gazetteer | None = None
        set_extensions()

    # -- data -------------------------------------------------------------
    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Language | None = None) -> None:
        """Load the gazetteer and lexicons (packaged data files)."""
        self._gaz = gazetteer()
        lex = lexicon()
        self._org_heads = set(lex["org_heads"])
        self._non_party = set(lex["non_party_heads"])
        self._titles = sorted(lex["person_titles"], key=len, reverse=True)
        self._title_words = {w.lower() for t in lex["person_titles"] for w in t.split()}
        self._role_words = set(lex["role_words"])
        self._particles = set(lex["name_particles"])
        self._side_nouns = set(lex["side_nouns"])
        self._us_states = set(lex["us_states"])
        self._title_complements = set(lex["title_complements"])

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self.initialize()
        assert self._gaz is not None
        return self._gaz

    # -- main -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gaz
        text = doc_text(doc)
        taken: list[tuple[int, int]] = []
        mentions: list[_Mention] = []
        hits = gaz.find_countries(text)

        orgs = self._find_orgs(doc, hits)
        for m in orgs:
            taken.append((m.start, m.end))
        persons = self._find_persons(doc, hits, taken, orgs)
        for m in persons:
            taken.append((m.start, m.end))
        mentions += orgs + persons

        def inside(a: int, b: int) -> bool:
            return any(s <= a and b <= e for s, e in taken)

        for h in hits:
            if inside(h.start, h.end) or not self._is_state_mention(doc, h):
                continue
            mentions.append(_Mention(h.start, h.end, h.text, "state", h.iso3, h.form, country=h.iso3))

        parties = self._merge(doc, mentions)
        doc._.diplotext_parties = parties
        spans = []
        for p in parties:
            for m in p["mentions"]:
                sp = doc.char_span(m["start"], m["end"], label=p["id"], alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
        doc.spans[SPAN_KEY] = span_group(doc, SPAN_KEY, spans)
        return doc

    # -- states -----------------------------------------------------------
    def _is_state_mention(self, doc: Doc, h: Any) -> bool:
        text = doc_text(doc)
        if text[max(0, h.start - 4) : h.start] == "New ":
            return False  # "New Mexico", "New Jersey"
        if h.text in self._us_states:
            window = text[max(0, h.start - 60) : h.end + 60]
            if sum(1 for st in self._us_states if st != h.text and st in window) or re.search(r"(?i)state of\s+$", text[max(0, h.start - 12) : h.start]):
                return False  # "Florida, Georgia, and South Carolina": the U.S. state
        if h.form == "name":
            return True
        span = doc.char_span(h.start, h.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        text = doc_text(doc)
        # halves of a hyphenated pair: "Beijing-Islamabad", "Saudi-Chinese"
        if text[h.end : h.end + 1] in "-–" or text[max(0, h.start - 1) : h.start] in "-–":
            return h.form == "capital" or tok.text != text[h.start : h.end]
        if h.form == "capital":
            if tok.i > 0 and _is_titlecase(doc[tok.i - 1]) and doc[tok.i - 1].pos_ == "PROPN" and not doc[tok.i - 1].is_sent_start:
                return False
            return tok.dep_ in {"nsubj", "nsubjpass", "poss"} or (
                tok.dep_ == "conj" and tok.head.dep_ in {"nsubj", "nsubjpass"}
            )
        # demonym: names a side ("the Chinese side", "Pakistani government") or is a subject ("the Saudis")
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.tag_ in {"NNPS", "NNS"}:
            return True
        head = tok.head if tok.dep_ in {"amod", "compound", "nmod"} else None
        if head is not None and head.lemma_.lower() in self._side_nouns and head.i == tok.i + 1:
            return True
        # "Polish Foreign Minister", "Qatari Prime Minister": a demonym naming an official's state
        nxt = doc[tok.i + 1 : tok.i + 4]
        return any(t.lower_ in self._role_words for t in nxt) and all(_is_titlecase(t) for t in nxt[: [t.lower_ in self._role_words for t in nxt].index(True) + 1])

    # -- organisations ----------------------------------------------------
    def _org_head(self, words: list[str]) -> str | None:
        """The head word of a proper-noun org name: the last word before its first preposition."""
        pre: list[str] = []
        for w in words:
            if w.lower() in {"of", "for", "on", "in", "to", "with"}:
                break
            pre.append(w)
        return pre[-1].lower() if pre else None

    def _org_country(self, doc: Doc, start: int, end: int, name: str, hits: list[Any]) -> str | None:
        entry = self.gaz.organization(name)
        if entry is not None:
            return entry.country
        inner = [h for h in hits if start <= h.start and h.end <= end]
        for h in inner:
            before = doc_text(doc)[max(start, h.start - 4) : h.start].strip().lower()
            if before.endswith("in") or before.endswith("to"):
                continue
            return h.iso3
        if _INTERNATIONAL.search(name):
            return None
        if name.split()[-1].lower() in self._role_words:
            return None
        # "Pakistan's Ministry of ...", "Yemen's Presidential Leadership Council"
        left = doc_text(doc)[max(0, start - 40) : start]
        m = re.search(r"([A-Z][\w.]*(?:\s[A-Z][\w.]*)*)\s?['’]s\s*$", left)
        if m:
            iso = self.gaz.country_of(m.group(1))
            if iso:
                return iso
        # a national body named without its state: the state last named in the same sentence
        head = self._org_head(name.split())
        if head not in _NATIONAL_HEADS:
            return None
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is not None:
            s0 = doc[sentence_bounds(doc, sent.start)[0]].idx
            before = [h for h in hits if s0 <= h.start and h.end <= start]
            if before:
                return before[-1].iso3
        return None

    def _find_orgs(self, doc: Doc, hits: list[Any]) -> list[_Mention]:
        gaz = self.gaz
        text = doc_text(doc)
        found: list[_Mention] = []

        def add(start: int, end: int, form: str = "name", acronym: str | None = None) -> None:
            while start < end and text[start] in " \t\n" + _QUOTES:
                start += 1
            m = _STRIP_LEFT.match(text[start:end])
            if m:
                start += m.end()
            while end > start and text[end - 1] in " ,.;:" + _QUOTES:
                if text[end - 1] == "." and re.search(r"\b[A-Z]\.$", text[start:end]):
                    break
                end -= 1
            surface = text[start:end]
            poss = re.search(r"['’]s\s", surface)
            if poss and surface[: poss.start()].split()[-1:] != [] and surface[: poss.start()].split()[-1] not in _PLURAL_OWNERS:
                # "Department of Homeland Security's Cybersecurity ... Agency": two bodies
                add(start, start + poss.start(), form, acronym)
                add(start + poss.end(), end, form)
                return
            surface = re.sub(r"\s+(?:with Annexes|Regarding|Concerning|on)$", "", surface)
            surface = re.sub(r"['’]s?$", "", surface)
            if surface.count("(") > surface.count(")"):
                surface = surface[: surface.rfind("(")].rstrip()  # "Office of Foreign Assets Control (OFAC"
            end = start + len(surface)
            if not surface or gaz.country_of(surface) or _BYLINES.match(surface) or _GOVERNMENT.match(surface):
                return
            if " " not in surface and form != "acronym" and gaz.organization(surface) is None:
                return  # "Government", "Treasury's": one word is a name only when we know it
            country = self._org_country(doc, start, end, surface, hits)
            mention = _Mention(start, end, surface, "organization", _norm(surface), form, country=country)
            if acronym:
                mention.aliases.add(acronym)
            found.append(mention)

        # 1. acronym definitions: "Communist Party of China (CPC)"
        acronyms: dict[str, tuple[int, int]] = {}
        for m in _ACRONYM.finditer(text):
            short = m.group(1)
            letters = re.sub(r"[^A-Z]", "", short)
            if len(letters) < 2:
                continue
            span = self._acronym_long_form(doc, m.start(), short)
            if span is None:
                continue
            s, e = span
            long_form = text[s:e]
            if gaz.country_of(long_form):
                continue  # "People's Republic of China (PRC)": a state's own name
            words = long_form.split()
            head = self._org_head(words)
            if head in self._non_party:
                continue
            if head not in self._org_heads and gaz.organization(long_form) is None:
                continue
            add(s, e, acronym=short)
            acronyms[short] = (s, e)
            found[-1].aliases.add(short) if found else None
            add(m.start(1), m.end(1), form="acronym")

        # 2. organisation-headed proper-noun runs
        for tok in doc:
            low = tok.lower_
            if low not in self._org_heads:
                continue
            titled = _is_titlecase(tok)
            prev = doc[tok.i - 1] if tok.i > 0 else None
            after_country = prev is not None and gaz.country_of(prev.text) is not None
            if not titled and (not after_country or low == "government"):
                continue
            s = tok.i
            while s > 0:
                p = doc[s - 1]
                if p.text in {"'s", "’s"} and s >= 2 and doc[s - 2].text in _PLURAL_OWNERS and _is_titlecase(doc[s]):
                    s -= 1
                    continue
                if _is_titlecase(p) and p.pos_ in {"PROPN", "ADJ", "NOUN", "NUM"} and not p.is_sent_start:
                    if p.lower_ in self._title_words and p.lower_ not in self._org_heads:
                        break
                    if p.ent_type_ == "PERSON" or p.tag_ in {"VBZ", "VBD", "VBP"} or gaz.official(p.text) is not None:
                        break  # "President Donald J. Trump Establishes White House Faith Office": a headline
                    if re.fullmatch(r"[A-Z][a-z]+(?:es|s)", p.text) and s - 2 >= 0 and (doc[s - 2].ent_type_ == "PERSON" or gaz.official(doc[s - 2].text)):
                        break  # a headline verb after a name ("Trump Establishes")
                    s -= 1
                    continue
                if _is_titlecase(p) and p.is_sent_start and p.pos_ == "PROPN" and p.ent_type_ in {"ORG", "NORP", "GPE"}:
                    s -= 1
                break
            e = tok.i + 1
            while e < len(doc):
                n = doc[e]
                if n.ent_type_ == "PERSON" or n.text in {"No", "No."} or (n.lower_ in self._role_words and n.lower_ not in self._org_heads):
                    break  # "Sovereign Council Chair General Burhan": the body ends where a title starts
                if _is_titlecase(n) and n.pos_ in {"PROPN", "NOUN", "ADJ", "NUM"}:
                    e += 1
                    continue
                if n.lower_ in _PREPS and e + 1 < len(doc):
                    k = e + 1
                    if doc[k].lower_ == "the" and k + 1 < len(doc):
                        if n.lower_ in {"and", "with"}:
                            break  # "X and the Government of Y": two bodies, not one
                        k += 1
                    if _is_titlecase(doc[k]) and doc[k].pos_ in {"PROPN", "NOUN", "ADJ"} and doc[k].ent_type_ != "DATE":
                        e = k + 1
                        continue
                if n.lower_ == "in" and low in _LOCATIVE_HEADS and e + 1 < len(doc) and gaz.country_of(doc[e + 1].text):
                    e += 2
                    continue
                break
            while e > tok.i + 1 and doc[e - 1].lower_ in {"and", "of", "for", "the"}:
                e -= 1
            if e - 1 > tok.i and gaz.country_of(doc[e - 1].text) and doc[e - 2].lower_ == "and":
                e -= 2  # "Department of State and U.S. ...": a list, not one name
            span = doc[s:e]
            words = [t.text for t in span]
            if words[-1].lower() in self._role_words:
                continue  # "Department Spokesperson": a role, not a body
            before_head = [t for t in doc[s : tok.i] if not t.is_punct]
            if before_head and all(gaz.country_of(t.text) or all(gaz.country_of(x) for x in re.split(r"[-–]", t.text) if x) for t in before_head):
                continue  # "Japan-U.S. Alliance", "U.S.-Pakistan Health Dialogue": a relationship, not a body
            content = [t for t in span if _is_titlecase(t) or t.pos_ in {"ADJ", "PROPN"}]
            head = self._org_head(words)
            if head in self._non_party or any(w.lower() in self._non_party for w in words if w[:1].isupper()):
                continue
            gm = _GOVERNMENT.match(span.text)
            if gm and gaz.country_of((gm.group(1) or gm.group(2) or "").strip()):
                continue  # "the Pakistani government", "Government of Pakistan": the state itself
            if gaz.country_of(doc[s : tok.i + 1].text) or gaz.country_of(span.text):
                continue  # "Russian Federation": a state's own name
            if s >= 2 and doc[s - 1].lower_ in {"of", "for", "on"} and doc[s - 2].lower_ in self._non_party:
                continue  # "Compacts of Free Association": part of a document's name
            if len(content) < 2 and gaz.organization(span.text) is None:
                continue
            add(span.start_char, span.end_char)

        # 3. the base NER and the organisation gazetteer
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ not in {"ORG", "NORP", "GPE", "FAC"}:
                    continue
                surface = _STRIP_LEFT.sub("", ent.text)
                entry = gaz.organization(surface)
                if entry is None and surface not in acronyms:
                    if ent.label_ != "ORG":
                        continue
                    words = surface.split()
                    if any(w[:1].islower() and w.lower() not in {"of", "for", "on", "and", "the", "in", "to", "with"} for w in words):
                        continue
                    head = self._org_head(words)
                    if head not in self._org_heads or any(w.lower() in self._non_party for w in words):
                        continue
                    if len(words) < 2:
                        continue
                add(ent.start_char, ent.end_char)
        defined: list[tuple[int, int]] = []
        for short in sorted(acronyms, key=len, reverse=True):
            for m in re.finditer(r"(?<![\w.])" + re.escape(short) + r"(?![\w])", text):
                if any(a <= m.start() < b for a, b in defined):
                    continue
                defined.append((m.start(), m.end()))
                add(m.start(), m.end(), form="acronym")
        for m in re.finditer(r"(?<![\w.])([A-Z][A-Za-z]{1,7}|G-?\d{1,2})(?![\w])", text):
            if any(a <= m.start(1) < b for a, b in defined):
                continue
            word = m.group(1)
            # exact case: "Who" is not the WHO; a one-word name must be a gazetteer form ("Hamas", "G7")
            if gaz.organization(word, exact=True) is not None:
                add(m.start(1), m.end(1), form="acronym")
        return _longest_first(found)

    def _acronym_long_form(self, doc: Doc, paren: int, short: str) -> tuple[int, int] | None:
        """Schwartz-Hearst: the shortest run of capitalised words before the parenthesis that spells it."""
        base = max(0, paren - 200)
        left = doc_text(doc)[base:paren]
        words = list(re.finditer(r"[\w.'’&-]+", left))
        stop = {"of", "for", "and", "the", "on", "in", "with", "to", "de", "du", "la", "des", "&"}
        run: list[re.Match[str]] = []
        for w in reversed(words):
            if left[w.end() :].strip(" ") and not run:
                break
            if not w.group()[:1].isupper() and w.group().lower() not in stop:
                break
            if run and left[w.end() : run[0].start()].strip():
                break  # punctuation between words ends the run
            run.insert(0, w)
            if len(run) > 14:
                break
        while run and run[0].group().lower() in stop:
            run.pop(0)
        if not run:
            return None
        if " " in short:
            first = short.split()[0]
            k = next((i for i, w in enumerate(run) if w.group() == first), None)
            return None if k is None else (base + run[k].start(), base + run[-1].end())
        letters = re.sub(r"[^A-Za-z]", "", short)
        for k in range(len(run) - 1, -1, -1):
            cand = run[k:]
            if cand[0].group().lower() in stop:
                continue
            if _sh_match(letters, " ".join(w.group() for w in cand)):
                return base + cand[0].start(), base + cand[-1].end()
        return None

    # -- persons ----------------------------------------------------------
    def _is_name_token(self, tok: Token) -> bool:
        t = tok.text
        if tok.lower_ in self._particles:
            return True
        if not t[:1].isupper() or tok.is_punct or tok.like_num:
            return False
        if tok.lower_ in self._title_words or tok.lower_ in self._org_heads or tok.lower_ in self._non_party or tok.lower_ in self._title_complements:
            return False
        if self.gaz.country_of(t) or any(self.gaz.country_of(part) for part in re.split(r"[-–/]", t) if part):
            return False
        if tok.tag_ in {"VBZ", "VBD", "VBG", "VBP"} and tok.pos_ != "PROPN":
            return False
        return tok.pos_ in {"PROPN", "X", "NOUN", "ADJ"} or bool(re.fullmatch(r"[A-Z]\.", t))

    def _name_run(self, doc: Doc, i: int) -> tuple[int, int]:
        """The proper-noun run that starts at token i: [i, j)."""
        j = i
        while j < len(doc) and self._is_name_token(doc[j]) and j - i < 6:
            j += 1
        while j > i and doc[j - 1].lower_ in self._particles:
            j -= 1
        for k in range(j - 1, i, -1):
            if self.gaz.official(doc[i:k].text) is not None and self.gaz.official(doc[i:j].text) is None:
                j = k
                break
        if j < len(doc) - 1 and doc[j].text == "," and doc[j + 1].text in {"Jr.", "Sr.", "II", "III"}:
            j += 2
        return i, j

    def _title_before(self, doc: Doc, i: int) -> tuple[int, str] | None:
        """The title phrase that ends just before token i, as (start token, text)."""
        left = doc_text(doc)[max(0, doc[i].idx - 80) : doc[i].idx]
        for title in self._titles:
            if left.endswith(title + " ") or left.endswith(title + "\u00a0"):
                start_char = doc[i].idx - len(title) - 1
                sp = doc.char_span(start_char, start_char + len(title), alignment_mode="expand")
                if sp is not None:
                    return sp.start, title
        return None

    def _find_persons(self, doc: Doc, hits: list[Any], taken: list[tuple[int, int]], orgs: list[_Mention]) -> list[_Mention]:
        gaz = self.gaz
        out: list[_Mention] = []
        starts: set[int] = set()

        def overlaps(a: int, b: int) -> bool:
            return any(a < e and s < b for s, e in taken)

        candidates: list[tuple[int, int]] = []
        weak: set[tuple[int, int]] = set()  # bare one-word names: kept only as a known person's surname
        # titled names: "Ambassador Moin ul Haque", "Chairperson Moussa Faki Mahamat"
        for tok in doc:
            if tok.i == 0 or not self._is_name_token(tok) or tok.lower_ in self._particles:
                continue
            prev = doc[tok.i - 1]
            if self._title_before(doc, tok.i) is not None and not self._is_name_token(prev):
                candidates.append(self._name_run(doc, tok.i))
        # appositive roles: "Moin ul Haque, Pakistan's Ambassador to China"
        for tok in doc:
            if tok.text != "," or tok.i + 2 >= len(doc) or tok.i == 0:
                continue
            k = tok.i + 1
            while k < len(doc) and k < tok.i + 6 and (gaz.country_of(doc[k].text) or doc[k].text in {"'s", "’s", "the", "The"} or doc[k].lower_ in {"vice", "deputy", "senior", "former", "first", "acting"}):
                k += 1
            if k < len(doc) and doc[k].lower_ in self._role_words and doc[k].text[:1].isupper():
                j = tok.i
                i = j
                while i > 0 and self._is_name_token(doc[i - 1]) and j - i < 6:
                    i -= 1
                while i < j and doc[i].lower_ in self._particles:
                    i += 1
                if j - i >= 2:
                    candidates.append((i, j))
        for tok in doc:
            if tok.lower_ not in self._role_words or not _is_titlecase(tok):
                continue
            j = tok.i + 1
            while j < len(doc) and j < tok.i + 16 and (_is_titlecase(doc[j]) or doc[j].lower_ in {"of", "for", "and", "the", "on", ","}):
                if doc[j].text == "," and j + 1 < len(doc) and not _is_titlecase(doc[j + 1]) and doc[j + 1].lower_ != "and":
                    break
                j += 1
            end = j
            while end > tok.i and not _is_titlecase(doc[end - 1]):
                end -= 1
            k = end
            while k > tok.i + 1 and self._is_name_token(doc[k - 1]) and doc[k - 1].pos_ == "PROPN" and end - k < 3:
                k -= 1
            if (
                end - k >= 2
                and end - tok.i > 3
                and doc[k - 1].text != ","
                and doc[k - 1].lower_ not in {"for", "of", "on", "to", "the", "and", "in"}
                and not any(t.lower_ in self._title_complements for t in doc[k:end])
                and (end >= len(doc) or not _is_titlecase(doc[end]))
            ):
                candidates.append((k, end))
        if self.use_ner:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                i = ent.start
                while i < ent.end and not self._is_name_token(doc[i]):
                    i += 1
                if i >= ent.end:
                    continue
                s, e = self._name_run(doc, i)
                e = max(e, min(ent.end, e)) if e > s else e
                if e <= s:
                    continue
                root = doc[s:e].root
                if root.dep_ in {"compound", "amod"} and root.head.i >= e and not _is_titlecase(root.head):
                    continue  # "the Biden administration": not a mention of the person
                nxt = doc[ent.end] if ent.end < len(doc) else None
                if any(t.lower_ in self._non_party for t in ent) or (nxt is not None and nxt.lower_ in self._non_party):
                    continue  # "Winter Olympic and Paralympic Games"
                if e - s == 1 and self._title_before(doc, s) is None:
                    weak.add((s, e))
                candidates.append((s, e))
        seen_spans: set[tuple[int, int]] = set()
        for s, e in sorted(candidates, key=lambda x: (x[0], -(x[1] - x[0]))):
            if e <= s or any(s < b and a < e for a, b in seen_spans):
                continue
            span = doc[s:e]
            if overlaps(span.start_char, span.end_char):
                continue
            if any(t.like_num for t in span) or all(t.lower_ in self._particles for t in span):
                continue
            seen_spans.add((s, e))
            starts.add(s)
            name = span.text
            role, country, affiliation = self._role_and_country(doc, s, e, hits, orgs)
            official = gaz.official(name)
            if country is None and official is not None:
                country = official.country
                if official.affiliation and affiliation is None:
                    affiliation = _norm(official.affiliation)
            if country is None and affiliation is None and official is None:
                country = self._nearby_state(doc, span, hits)
            mention = _Mention(span.start_char, span.end_char, name, "person", name, "weak" if (s, e) in weak and official is None else "name", country=country, role=role, affiliation=affiliation)
            title = self._title_before(doc, s)
            if title is not None and e - s == 1:
                mention.aliases.add(f"{title[1]} {name}")
            out.append(mention)
        return out

    @staticmethod
    def _nearby_state(doc: Doc, span: Span, hits: list[Any]) -> str | None:
        """The state a person most likely represents: the last one named before them in the sentence."""
        b0, b1 = sentence_bounds(span.doc, span.start)
        sent = span.doc[b0:b1]
        hits = [h for h in hits if h.form != "capital"]
        before = [h for h in hits if sent.start_char <= h.start < span.start_char]
        if before:
            return before[-1].iso3
        after = [h for h in hits if span.end_char <= h.start < sent.end_char]
        return after[0].iso3 if len(after) == 1 else None

    def _role_and_country(self, doc: Doc, s: int, e: int, hits: list[Any], orgs: list[_Mention]) -> tuple[str | None, str | None, str | None]:
        text = doc_text(doc)
        role = country = affiliation = None
        # before: "U.S. Secretary of State", "African Union Commission (AUC) Chairperson", "Chinese President"
        i = s
        while i > 0 and i > s - 10:
            p = doc[i - 1]
            if _is_titlecase(p) or p.lower_ in {"of", "the", "for", "and", "'s", "’s", "(", ")", "d’affaires", "d'affaires", "a.i."} or p.text in {"-", "–"}:
                i -= 1
                continue
            break
        while i < s and doc[i].lower_ in {"of", "the", "for", "and", ")", "'s", "’s"}:
            i += 1
        pre = doc[i:s]
        if len(pre):
            title = self._title_before(doc, s)
            if title is not None:
                role = title[1]
                tstart = title[0]
                # widen to the whole title run: "Secretary of State", "Vice Premier"
                if tstart > i:
                    rest = doc[i:tstart]
                    role_words = [t for t in rest if t.lower_ in self._role_words or t.lower_ in {"vice", "deputy", "foreign", "prime", "crown", "under", "assistant", "chief", "special"}]
                    if role_words:
                        role = doc[role_words[0].i : s].text
                else:
                    role = doc[tstart:s].text
            for h in hits:
                if pre.start_char <= h.start and h.end <= pre.end_char:
                    country = h.iso3
                    break
            for o in orgs:
                if pre.start_char <= o.start and o.end <= pre.end_char:
                    affiliation = o.key
                    if country is None:
                        country = o.country
                    break
        # after: ", Pakistan's Ambassador to China", " of Kenya", ", Vice Premier of the State Council"
        after = text[doc[e - 1].idx + len(doc[e - 1].text) : doc[e - 1].idx + len(doc[e - 1].text) + 120]
        m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})", after)
        if m and country is None:
            for k in range(len(m.group(1).split()), 0, -1):
                iso = self.gaz.country_of(" ".join(m.group(1).split()[:k]))
                if iso:
                    country = iso
                    break
        m = re.match(r",\s+((?:the\s+)?[A-Z][^,.;:()“”\"]{2,90}?)(?=\s+(?:said|says|told|noted|added|stated|announced)\b|[,.;:()“”\"]|$)", after)
        if m:
            appos = m.group(1)
            first = appos.split()[0].lower().strip("'’s")
            poss = re.match(r"(?:the\s+)?([A-Z][\w. ]*?)['’]s\s+(.+)$", appos)
            words = {w.lower().strip(",") for w in appos.split()}
            if re.search(r"\b(?:President|Prime Minister|Chancellor|Minister|Secretary|King|Queen|Premier|Emir|Amir|General|Ambassador)\s+[A-Z][\w’'-]+\s+[A-Z]", appos):
                pass  # ", President Emmanuel Macron of France": the next person of a list, not an apposition
            elif words & self._role_words:
                if poss and self.gaz.country_of(poss.group(1)):
                    country = country or self.gaz.country_of(poss.group(1))
                    role = role or poss.group(2).strip()
                elif first in self._role_words or first in {"vice", "deputy", "foreign", "prime", "crown", "senior", "special", "under", "assistant", "chief", "u.s."} or self.gaz.country_of(appos.split()[0]):
                    role = role or re.sub(r"^the\s+", "", appos).strip()
                    if country is None:
                        for h in self.gaz.find_countries(appos):
                            before = appos[max(0, h.start - 4) : h.start].strip().lower()
                            if not before.endswith("to") and not before.endswith("in"):
                                country = h.iso3
                                break
        return role, country, affiliation

    # -- merging ------------------------------------------------------------
    def _merge(self, doc: Doc, mentions: list[_Mention]) -> list[dict[str, Any]]:
        parties: dict[str, dict[str, Any]] = {}
        forms: dict[str, str] = {}  # normalised form -> party id
        mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
        persons = [m for m in mentions if m.kind == "person"]
        full_names = {m.text: m for m in sorted(persons, key=lambda m: -len(m.text.split()))}

        def new_party(pid: str, m: _Mention) -> dict[str, Any]:
            base, n = pid, 2
            while pid in parties:
                pid = f"{base}-{n}"
                n += 1
            party = {"id": pid, "kind": m.kind, "name": m.text, "aliases": [], "country": m.country,
                     "role": m.role, "affiliation": m.affiliation, "principal": False, "mentions": []}
            parties[pid] = party
            return party

        def attach(party: dict[str, Any], m: _Mention) -> None:
            party["mentions"].append({"text": m.text, "start": m.start, "end": m.end})
            if m.kind != "state" and m.form != "surname":
                if len(m.text) > len(party["name"]) and m.form != "acronym":
                    party["aliases"].append(party["name"])
                    party["name"] = m.text
                elif m.text != party["name"]:
                    party["aliases"].append(m.text)
            elif m.kind == "state" and m.form == "name":
                if len(m.text) > len(party["name"]) or party.get("_weak"):
                    if not party.get("_weak"):
                        party["aliases"].append(party["name"])
                    party["name"] = m.text
                    party.pop("_weak", None)
                elif m.text != party["name"]:
                    party["aliases"].append(m.text)
            elif m.kind == "state" and m.text != party["name"] and m.form in {"capital", "demonym"}:
                party["aliases"].append(m.text)
            else:
                party["aliases"].append(m.text)
            for a in m.aliases:
                party["aliases"].append(a)
            for key in ("country", "role", "affiliation"):
                if party.get(key) is None and getattr(m, key) is not None:
                    party[key] = getattr(m, key)

        for m in mentions:
            if m.kind == "state":
                party = parties.get(m.key)
                if party is None:
                    party = new_party(m.key, m)
                    party["country"] = m.key
                    if m.form != "name":
                        party["_weak"] = True
                attach(party, m)
                continue
            if m.kind == "person":
                key = None
                words = m.text.replace(",", " ").split()
                if len(words) == 1:
                    # a surname: the fullest person whose name ends with it
                    titles = {a.rsplit(" ", 1)[0] for a in m.aliases}
                    for full, fm in full_names.items():
                        fw = [w for w in full.replace(",", " ").split() if w not in {"Jr.", "Sr.", "II", "III"}]
                        patronymic = len(fw) > 2 and fw[-2].lower() in {"bin", "ibn", "bint", "ben"}
                        if titles and fm.role and patronymic and not any(t in fm.role for t in titles):
                            continue  # "King Salman" is not "Crown Prince Mohammed bin Salman"
                        surname_first = len(fw) in {2, 3} and fw[0] == words[0] and (
                            self.gaz.official(full) is not None or fm.country in _SURNAME_FIRST or "-" in fw[-1]
                        )
                        if len(fw) > 1 and (fw[-1] == words[0] or surname_first):
                            key = forms.get("person:" + _norm(full))
                            if key is None:
                                p = new_party(slugify(full), fm)
                                forms["person:" + _norm(full)] = p["id"]
                                key = p["id"]
                            m.form = "surname"
                            break
                if key is None:
                    key = forms.get("person:" + _norm(m.text))
                if key is None:
                    for full in forms:
                        if full.startswith("person:") and _norm(m.text) in full and len(words) >= 2:
                            key = forms[full]
                            break
                if key is None and len(words) >= 2:
                    for full, pid in forms.items():
                        fw = full.removeprefix("person:").replace(",", " ").split()
                        if not full.startswith("person:") or len(fw) < 2:
                            continue
                        first, last = words[0].lower(), words[-1].lower()
                        if fw[-1] == last and (fw[0] == first or fw[0].endswith(first) or first.endswith(fw[0])):
                            key = pid  # "Antony Blinken", "Tony Blinken" and "Antony J. Blinken": one person
                            break
                if key is None and m.form == "weak":
                    continue
                if key is None:
                    party = new_party(slugify(m.text), m)
                    forms["person:" + _norm(m.text)] = party["id"]
                    party["mentions"].append({"text": m.text, "start": m.start, "end": m.end})
                    party["aliases"].extend(m.aliases)
                    continue
                party = parties[key]
                if m.form == "surname":
                    party["aliases"].append(m.text)
                attach(party, m)
                continue
            # organisations
            entry = self.gaz.organization(m.text)
            keys = {m.key} | {_norm(a) for a in m.aliases}
            if entry is not None:
                keys |= {_norm(entry.name)} | {_norm(a) for a in entry.aliases}
            pid = next((forms[k] for k in keys if k in forms), None)
            if pid is None:
                for k, v in forms.items():
                    if k.startswith("person:") or parties[v]["kind"] != "organization":
                        continue
                    short, long_ = sorted((m.key, k), key=len)
                    if len(short.split()) >= 2 and long_.endswith(" " + short):
                        prefix = self._raw_prefix(m.text if len(m.key) > len(k) else parties[v]["name"], short)
                        if prefix is not None and (self.gaz.country_of(prefix) or prefix.lower() in {"u.s.", "us", "u. s."}):
                            pid = v
                            break
            if pid is None:
                party = new_party(slugify(m.text), m)
                party["mentions"].append({"text": m.text, "start": m.start, "end": m.end})
                party["aliases"].extend(m.aliases)
            else:
                party = parties[pid]
                attach(party, m)
            for k in keys:
                forms.setdefault(k, party["id"])
            if party["country"] is None and m.country is not None:
                party["country"] = m.country

        # national bodies named without any state ("Bureau of Land Management"): the text's home state,
        # the one its officials and bodies most often belong to
        votes: dict[str, int] = {}
        for p in parties.values():
            if p["kind"] != "state" and p.get("country"):
                votes[p["country"]] = votes.get(p["country"], 0) + len(p["mentions"])
        home = max(votes, key=lambda k: votes[k]) if votes else None
        for p in parties.values():
            if p["kind"] == "person" and p.get("country") is None and not p.get("affiliation") and home is not None:
                p["country"] = home  # an official the text names without a state: most likely one of its own
            if p["kind"] == "organization" and p.get("country") is None and home is not None:
                if self._org_head(p["name"].split()) in _NATIONAL_HEADS and not _INTERNATIONAL.search(p["name"]) and not self.gaz.organization(p["name"]):
                    p["country"] = home
        # persons who speak for an organisation take its id as affiliation
        for p in parties.values():
            if p["kind"] == "person" and p.get("affiliation"):
                p["affiliation"] = forms.get(p["affiliation"], None)
            p.pop("_weak", None)
            seen: list[str] = []
            for a in p["aliases"]:
                if a != p["name"] and a not in seen and _norm(a) != _norm(p["name"]):
                    seen.append(a)
            p["aliases"] = seen
            p["mentions"].sort(key=lambda x: x["start"])
        self._mark_principals(doc, parties)
        ordered = sorted(parties.values(), key=lambda p: p["mentions"][0]["start"] if p["mentions"] else 0)
        return ordered + self._implied_states(ordered)

    def _implied_states(self, parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """States the text never names but whose officials it does ("Secretary Blinken" and no
        "United States"): a stance of the official is the state's, so the state needs an entry.
        They carry ``implied: True``; the Extraction lists only those a commitment refers to."""
        have = {p["id"] for p in parties}
        out: dict[str, dict[str, Any]] = {}
        for p in parties:
            iso = p.get("country")
            if p["kind"] != "person" or not iso or iso in have:
                continue
            if iso not in out:
                names = self.gaz.names_by_iso.get(iso) or [iso]
                name = max(names, key=lambda n: (" " in n, len(n))) if iso != "USA" else "United States"
                out[iso] = {"id": iso, "kind": "state", "name": name, "aliases": [], "country": iso, "role": None,
                            "affiliation": None, "principal": True, "mentions": [], "implied": True}
        return list(out.values())

    @staticmethod
    def _raw_prefix(longer: str, short_norm: str) -> str | None:
        """What stands before the shorter name in the longer one: "U.S." in "U.S. Department of State"."""
        words = longer.split()
        n = len(short_norm.split())
        return " ".join(words[: len(words) - n]) or None if len(words) > n else None

    @staticmethod
    def _speaks_in_title(title: str, start: int) -> bool:
        """In "Statement on Sudan" Sudan is the topic; in "Call with President Ruto of Kenya" a side."""
        words = re.findall(r"[A-Za-z]+", title[:start].lower())
        for w in reversed(words):
            if w in {"with", "by", "between", "and", "of", "from"}:
                return True
            if w in {"on", "regarding", "concerning", "about", "in", "against", "for", "to", "toward", "towards", "over"}:
                return False
        return True

    def _mark_principals(self, doc: Doc, parties: dict[str, dict[str, Any]]) -> None:
        """The sides a statement is about: named in its title or first sentence, else the most named."""
        text = doc_text(doc)
        first_break = text.find("\n")
        sents = list(doc.sents)
        lead_end = sents[0].end_char if sents else 0
        if 0 < first_break < 200:
            second = next((s for s in sents if s.start_char > first_break), None)
            lead_end = second.end_char if second is not None else first_break
        states = [p for p in parties.values() if p["kind"] == "state"]
        lead = []
        if 0 < first_break < 200:
            title = text[:first_break]
            lead = [p for p in states if any(m["start"] < first_break and self._speaks_in_title(title, m["start"]) for m in p["mentions"])]
        title_speakers = 0 < first_break < 200 and any(
            p["kind"] != "state" and any(m["start"] < first_break for m in p["mentions"]) for p in parties.values()
        )
        if not lead and not title_speakers:
            lead = [p for p in states if any(m["start"] < lead_end for m in p["mentions"])]
        if not lead and states and not title_speakers:
            top = max(len(p["mentions"]) for p in states)
            lead = [p for p in states if len(p["mentions"]) == top]
        for p in lead:
            p["principal"] = True
        principal_states = {p["id"] for p in lead}
        title_end = first_break if 0 < first_break < 200 else -1
        for p in parties.values():
            if p["kind"] == "state":
                continue
            in_title = any(m["start"] < title_end for m in p["mentions"])
            in_lead = any(m["start"] < lead_end for m in p["mentions"])
            if p["kind"] == "person" and (in_title or (in_lead and (p.get("country") in principal_states or p.get("affiliation")))):
                p["principal"] = True
            international = self.gaz.organization(p["name"]) is not None or _INTERNATIONAL.search(p["name"]) is not None
            if p["kind"] == "organization" and p.get("country") is None and international and (in_title or (title_end < 0 and in_lead)):
                p["principal"] = True

    # -- serialisation -------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", self.cfg)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> PartiesComponent:
        cfg = srsly.read_json(Path(path) / "cfg")
        self.use_ner = bool(cfg.get("use_ner", True))
        self.cfg = cfg
        self.initialize()
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.cfg).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> PartiesComponent:
        self.cfg = srsly.json_loads(data)
        self.use_ner = bool(self.cfg.get("use_ner", True))
        self.initialize()
        return self


def _sh_match(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): every letter of the short form, right to left, in the long form,
    the first one starting a word, and the long form's first word used."""
    s_i, l_i = len(short) - 1, len(long) - 1
    while s_i >= 0:
        c = short[s_i].lower()
        while l_i >= 0 and (long[l_i].lower() != c or (s_i == 0 and l_i > 0 and long[l_i - 1].isalnum())):
            l_i -= 1
        if l_i < 0:
            return False
        l_i -= 1
        s_i -= 1
    return " " not in long[: l_i + 1].strip()


def _longest_first(found: list[_Mention]) -> list[_Mention]:
    """Drop mentions that sit inside a longer one."""
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[_Mention] = []
    for m in found:
        host = next((k for k in kept if m.start < k.end and k.start < m.end), None)
        if host is not None:
            host.aliases |= m.aliases  # "(DHHS)" defined on the shorter name belongs to the longer one
            continue
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)


@registry.scorers("diplotext.parties_scorer.v1")
def make_parties_scorer() -> Callable[..., dict[str, Any]]:
    def score(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("getter", _span_group)
        return Scorer.score_spans(examples, attr=f"spans_{SPAN_KEY}", allow_overlap=True, **kwargs)

    return score


@Language.factory(
    "diplotext_parties",
    default_config={"use_ner": True, "scorer": {"@scorers": "diplotext.parties_scorer.v1"}},
    assigns=["doc.spans", "doc._.diplotext_parties"],
    requires=["token.pos", "token.dep", "doc.ents"],
    default_score_weights={f"spans_{SPAN_KEY}_f": 1.0, f"spans_{SPAN_KEY}_p": None, f"spans_{SPAN_KEY}_r": None},
)
def make_parties(nlp: Language, name: str, use_ner: bool, scorer: Callable | None) -> PartiesComponent:
    return PartiesComponent(nlp, name, use_ner=use_ner, scorer=scorer)
