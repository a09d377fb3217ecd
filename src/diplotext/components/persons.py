"""diplotext_persons: the officials a text names, with role, state and affiliation.

Candidates come from titles ("Ambassador Moin ul Haque", "Chairperson Moussa
Faki Mahamat"), appositive roles ("Moin ul Haque, Pakistan's Ambassador to
China"), capitalised title runs that end in a name ("Minister of Foreign
Affairs Wang Yi") and the base NER's PERSON entities (when ``use_ner``; a bare
one-word name from the NER is kept only as the surname of a known person). A
person's role and state come from the title before the name, ", Pakistan's
Ambassador ..." or " of Kenya" after it, the officials gazetteer, or the state
named nearest in the sentence; the affiliation from a body named in the title
("African Union Commission (AUC) Chairperson").

Reads span groups ``diplotext_country_forms`` (attrs ``hits``) and
``diplotext_orgs`` (attrs ``mentions``: no person overlaps a body); writes span
group ``diplotext_persons`` (label ``PERSON``) with the mention records in
``attrs["mentions"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteer import CountryHit, Gazetteer, subdivision_names
from ..util import doc_text, sentence_bounds
from ._base import GAZETTEER_SLOTS, LEXICON_SLOTS, DataPipe, Slot
from ._mentions import (
    COUNTRY_FORMS_KEY,
    ORGS_KEY,
    PERSONS_KEY,
    POSSESSIVES,
    Form,
    Mention,
    char_spans,
    is_titlecase,
    norm,
    read_hits,
    read_mentions,
    write_group,
)

__all__ = ["PersonRules", "PersonsComponent"]

# tags, POS, labels, punctuation and shapes (structure, not vocabulary)
_VERB_TAGS = frozenset({"VBZ", "VBD", "VBG", "VBP"})
_NAME_POS = frozenset({"PROPN", "X", "NOUN", "ADJ"})
_MODIFIER_DEPS = frozenset({"compound", "amod"})
_PARENS = frozenset({"(", ")"})
_HYPHEN_TOKENS = frozenset({"-", "–"})
_INITIAL = re.compile(r"[A-Z]\.")
_NAME_PART_SPLIT = re.compile(r"[-–/]")
_MAX_NAME = 6  # tokens in a name
_MAX_TITLE_RUN = 16  # tokens in a title run after a role word
_MAX_TITLE_BEFORE = 10  # tokens of title before a name
_TITLE_WINDOW = 80  # characters before a name searched for a title
_AFTER_WINDOW = 120  # characters after a name searched for " of Kenya" or an appositive


@dataclass(frozen=True)
class PersonRules:
    """The vocabulary the person rules read, built once from the pipe's data."""

    gaz: Gazetteer
    titles: tuple[str, ...]  # longest first
    particles: frozenset[str]
    non_name_words: frozenset[str]
    title_complements: frozenset[str]
    role_words: frozenset[str]
    non_party: frozenset[str]
    name_suffixes: frozenset[str]
    appositive_modifiers: frozenset[str]
    articles_cased: frozenset[str]  # "the", "The"
    title_run_connectors: frozenset[str]
    list_conjunctions: frozenset[str]
    name_preceding_stops: frozenset[str]
    title_run_words: frozenset[str]
    dangling: frozenset[str]
    title_modifiers: frozenset[str]
    appositive_openers: frozenset[str]
    non_owner: tuple[str, ...]
    destination: tuple[str, ...]
    honorifics: frozenset[str]
    leading_noise: re.Pattern[str]
    of_state: re.Pattern[str]
    appositive: re.Pattern[str]
    possessive_role: re.Pattern[str]
    next_person: re.Pattern[str]
    leading_article: re.Pattern[str]


class _PersonFinder:
    """The person mentions of one Doc."""

    def __init__(self, rules: PersonRules, doc: Doc, hits: list[CountryHit], orgs: list[Mention]) -> None:
        self.r = rules
        self.doc = doc
        self.text = doc_text(doc)
        self.hits = hits
        self.orgs = orgs
        self.weak: set[tuple[int, int]] = set()  # bare one-word names: kept only as a known person's surname
        self.in_state: set[int] = set()  # tokens of a state's name or demonym ("Sri Lanka", "Sri Lankan")
        for h in hits:
            if h.form != "capital":
                sp = doc.char_span(h.start, h.end, alignment_mode="expand")
                if sp is not None:
                    self.in_state.update(range(sp.start, sp.end))

    # -- names --------------------------------------------------------------------------
    def is_name_token(self, tok: Token) -> bool:
        """A word that can be part of a person's name: a particle ("ul", "bin"), or a
        capitalised word that is no title, head, state or verb."""
        t, r = tok.text, self.r
        if tok.i in self.in_state:
            return False  # "Sri Lanka": each word alone is no state, together they are
        if tok.lower_ in r.particles:
            return True
        if not t[:1].isupper() or tok.is_punct or tok.like_num:
            return False
        if tok.lower_ in r.non_name_words:
            return False
        if r.gaz.country_of(t) or any(r.gaz.country_of(part) for part in _NAME_PART_SPLIT.split(t) if part):
            return False
        if tok.tag_ in _VERB_TAGS and tok.pos_ != "PROPN":
            return False
        return tok.pos_ in _NAME_POS or bool(_INITIAL.fullmatch(t))

    def name_run(self, i: int) -> tuple[int, int]:
        """The name that starts at token i, [i, j): at most six name words, no trailing particle,
        cut where a known official's name ends, with ", Jr." kept."""
        doc, gaz = self.doc, self.r.gaz
        j = i
        titled = self.title_before(i) is not None  # "President Bashar al-Assad"; "the Bab al-Mandab" is a strait
        while j < len(doc) and j - i < _MAX_NAME + 2:
            if self._name_hyphen(j, i):
                j += 2  # "Jean-Claude": the hyphen and the second part
                continue
            if not (self.is_name_token(doc[j]) or (titled and self._particle_hyphen(j))):
                break
            j += 1
        while j > i and doc[j - 1].lower_ in self.r.particles:
            j -= 1
        for k in range(j - 1, i, -1):
            if gaz.official(doc[i:k].text) is not None and gaz.official(doc[i:j].text) is None:
                j = k
                break
        if j < len(doc) - 1 and doc[j].text == "," and doc[j + 1].text in self.r.name_suffixes:
            j += 2
        return i, j

    def _particle_hyphen(self, j: int) -> bool:
        """The hyphen of "al-Assad", "bin-Salman": a particle glued to the next name word."""
        doc = self.doc
        return (self._glued_hyphen(j) and doc[j - 1].lower_ in self.r.particles and doc[j + 1].text[:1].isupper())

    def _glued_hyphen(self, j: int) -> bool:
        doc = self.doc
        return doc[j].text in _HYPHEN_TOKENS and 0 < j < len(doc) - 1 and not doc[j - 1].whitespace_ and not doc[j].whitespace_

    def _name_hyphen(self, j: int, i: int) -> bool:
        """The hyphen inside "Frank-Walter", "Jean-Claude", "Eui-yong": two parts of one name word."""
        doc = self.doc
        return (j > i and self._glued_hyphen(j) and doc[j + 1].is_alpha and doc[j - 1].text[:1].isupper()
                and doc[j - 1].lower_ not in self.r.particles and j + 1 not in self.in_state)

    def title_before(self, i: int) -> tuple[int, str] | None:
        """The title that ends just before token i, as (its first token, its text)."""
        doc = self.doc
        left = self.text[max(0, doc[i].idx - _TITLE_WINDOW) : doc[i].idx]
        for title in self.r.titles:
            if left.endswith(title + " ") or left.endswith(title + "\u00a0"):
                start_char = doc[i].idx - len(title) - 1
                sp = doc.char_span(start_char, start_char + len(title), alignment_mode="expand")
                if sp is not None:
                    return sp.start, title
        return None

    # -- candidates ---------------------------------------------------------------------
    def candidates(self, use_ner: bool) -> list[tuple[int, int]]:
        """Every candidate name as a token range, from each source."""
        found = self._titled() + self._appositive() + self._title_runs()
        if use_ner:
            found += self._entities()
        return found

    def _titled(self) -> list[tuple[int, int]]:
        """Names right after a title: "Ambassador Moin ul Haque", "Chairperson Moussa Faki Mahamat"."""
        out = []
        for tok in self.doc:
            if tok.i == 0 or not self.is_name_token(tok) or tok.lower_ in self.r.particles:
                continue
            if self.title_before(tok.i) is not None and not self.is_name_token(self.doc[tok.i - 1]):
                out.append(self.name_run(tok.i))
        return out

    def _appositive(self) -> list[tuple[int, int]]:
        """Names before an appositive role: "Moin ul Haque, Pakistan's Ambassador to China"."""
        doc, r, out = self.doc, self.r, []
        for tok in doc:
            if tok.text != "," or tok.i + 2 >= len(doc) or tok.i == 0:
                continue
            k = tok.i + 1
            while k < len(doc) and k < tok.i + 6 and self._before_appositive_role(doc[k]):
                k += 1
            if not (k < len(doc) and doc[k].lower_ in r.role_words and doc[k].text[:1].isupper()):
                continue
            j = i = tok.i
            while i > 0 and self.is_name_token(doc[i - 1]) and j - i < _MAX_NAME:
                i -= 1
            while i < j and doc[i].lower_ in r.particles:
                i += 1
            if j - i >= 2:
                out.append((i, j))
        return out

    def _before_appositive_role(self, tok: Token) -> bool:
        """What may stand between ", " and the role word: a state, "'s", "the", "Deputy"."""
        r = self.r
        return bool(
            r.gaz.country_of(tok.text) or tok.text in POSSESSIVES or tok.text in r.articles_cased or tok.lower_ in r.appositive_modifiers
        )

    def _title_runs(self) -> list[tuple[int, int]]:
        """Names that end a capitalised title run: "Minister of Foreign Affairs Wang Yi"."""
        doc, out = self.doc, []
        for tok in doc:
            if tok.lower_ not in self.r.role_words or not is_titlecase(tok):
                continue
            end = self._title_run_end(tok)
            k = end
            while k > tok.i + 1 and self.is_name_token(doc[k - 1]) and doc[k - 1].pos_ == "PROPN" and end - k < 3:
                k -= 1
            if self._run_ends_in_name(tok, k, end):
                out.append((k, end))
        return out

    def _title_run_end(self, tok: Token) -> int:
        """The end of the capitalised run after role word ``tok``, back to its last capitalised word."""
        doc, r = self.doc, self.r
        j = tok.i + 1
        while j < len(doc) and j < tok.i + _MAX_TITLE_RUN and (is_titlecase(doc[j]) or doc[j].lower_ in r.title_run_connectors or doc[j].text == ","):
            if doc[j].text == "," and j + 1 < len(doc) and not is_titlecase(doc[j + 1]) and doc[j + 1].lower_ not in r.list_conjunctions:
                break
            j += 1
        end = j
        while end > tok.i and not is_titlecase(doc[end - 1]):
            end -= 1
        return end

    def _run_ends_in_name(self, tok: Token, k: int, end: int) -> bool:
        """The last words [k, end) of a title run are a name: two or more, after a title of at
        least two words, not after a preposition or a comma, no title complement among them,
        and no capitalised word after them."""
        doc, r = self.doc, self.r
        return (
            end - k >= 2
            and end - tok.i > 3
            and doc[k - 1].text != ","
            and doc[k - 1].lower_ not in r.name_preceding_stops
            and not any(t.lower_ in r.title_complements for t in doc[k:end])
            and (end >= len(doc) or not is_titlecase(doc[end]))
        )

    def _entities(self) -> list[tuple[int, int]]:
        """The base NER's PERSON entities, cut to their name words; not a name used as a
        modifier ("the Biden administration") nor part of an event ("Winter Olympic and
        Paralympic Games"). A one-word one without a title is weak."""
        doc, out = self.doc, []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            i = ent.start
            while i < ent.end and not self.is_name_token(doc[i]):
                i += 1
            if i >= ent.end:
                continue
            s, e = self.name_run(i)
            if e <= s or self._not_a_person(ent, s, e):
                continue
            if e - s == 1 and self.title_before(s) is None:
                self.weak.add((s, e))
            out.append((s, e))
        return out

    def _not_a_person(self, ent: Span, s: int, e: int) -> bool:
        """"the Biden administration": a modifier of a lower-case noun; "Winter Olympic and
        Paralympic Games": an event word in or right after the entity."""
        doc, r = self.doc, self.r
        root = doc[s:e].root
        if root.dep_ in _MODIFIER_DEPS and root.head.i >= e and not is_titlecase(root.head):
            return True
        nxt = doc[ent.end] if ent.end < len(doc) else None
        return any(t.lower_ in r.non_party for t in ent) or (nxt is not None and nxt.lower_ in r.non_party)

    # -- mentions -------------------------------------------------------------------------
    def mentions(self, candidates: list[tuple[int, int]]) -> list[Mention]:
        """The candidates, longest first at each start, that overlap neither an earlier one nor
        a body, hold no number and are not only particles."""
        taken = [(o.start, o.end) for o in self.orgs]
        out: list[Mention] = []
        seen: set[tuple[int, int]] = set()
        for s, e in sorted(candidates, key=lambda x: (x[0], -(x[1] - x[0]))):
            if e <= s or any(s < b and a < e for a, b in seen):
                continue
            span = self.doc[s:e]
            if any(a < span.end_char and span.start_char < b for a, b in taken):
                continue
            if any(t.like_num for t in span) or all(t.lower_ in self.r.particles for t in span):
                continue
            if span.text in subdivision_names() and self.r.gaz.official(span.text) is None:
                continue  # "Tamil Nadu", "Bavaria": a place inside a state
            seen.add((s, e))
            out.append(self._mention(span))
        return out

    def _mention(self, span: Span) -> Mention:
        """The person mention of ``span`` with its role, state and affiliation."""
        gaz, s, e = self.r.gaz, span.start, span.end
        name = span.text
        role, country, affiliation = self.role_and_country(s, e)
        if role in self.r.honorifics:
            role = None  # "H.E.": a form of address, not an office
        official = gaz.official(name)
        if country is None and official is not None:
            country = official.country
            if official.affiliation and affiliation is None:
                affiliation = norm(official.affiliation, self.r.leading_noise)
        if country is None and affiliation is None and official is None:
            country = self.nearby_state(span)
        form: Form = "weak" if (s, e) in self.weak and official is None else "name"
        mention = Mention(span.start_char, span.end_char, name, "person", name, form, country=country, role=role, affiliation=affiliation)
        title = self.title_before(s)
        if title is not None and e - s == 1:
            mention.add_alias(f"{title[1]} {name}")
        return mention

    def nearby_state(self, span: Span) -> str | None:
        """The state a person most likely represents: the last one named before them in the
        sentence, else the only one named after them that is not inside another official's title
        ("Minister X spoke with the Foreign Minister of Egypt"); capitals do not count."""
        b0, b1 = sentence_bounds(self.doc, span.start)
        sent = self.doc[b0:b1]
        hits = [h for h in self.hits if h.form != "capital"]
        before = [h for h in hits if sent.start_char <= h.start < span.start_char and not self._destination(h, self.r.destination)]
        if before:
            return before[-1].iso3
        after = [(h, self._title_of(h, span)) for h in hits
                 if span.end_char <= h.start < sent.end_char and not self._destination(h, self.r.destination)]
        own = [h for h, whose in after if whose == "own"]
        if own:
            return own[0].iso3  # "Lijian Zhao, the deputy chief of the Chinese embassy"
        free = [h for h, whose in after if whose is None]
        return free[0].iso3 if len(free) == 1 and len(free) == len(after) else None

    def _title_of(self, hit: CountryHit, span: Span) -> str | None:
        """Whose title a state after a person sits in, on the parse: "own" when a role word governs
        it in the person's appositive ("X, the deputy chief of the Chinese embassy"), "other" when a
        role word governs it before the path reaches the person ("spoke with the Foreign Minister of
        Egypt", "met Kenyan President Ruto"), None when no role word does."""
        sp = self.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if sp is None:
            return None
        t = sp.root
        role: Token | None = None
        for _ in range(8):
            if t.head.i == t.i:
                break
            if span.start <= t.head.i < span.end:
                return "own" if role is not None and role.i == t.i and t.dep_ == "appos" else ("other" if role is not None else None)
            t = t.head
            if role is None and t.lower_ in self.r.role_words:
                role = t
        return "other" if role is not None else None

    # -- role, state, affiliation ---------------------------------------------------------
    def role_and_country(self, s: int, e: int) -> tuple[str | None, str | None, str | None]:
        """Role, state and affiliation from the title before the name ("U.S. Secretary of State",
        "African Union Commission (AUC) Chairperson", "Chinese President") and what follows it
        (" of Kenya", ", Pakistan's Ambassador to China", ", Vice Premier of the State Council")."""
        role, country, affiliation = self._from_title(s)
        doc = self.doc
        tail = doc[e - 1].idx + len(doc[e - 1].text)
        after = self.text[tail : tail + _AFTER_WINDOW]
        if country is None:
            country = self._state_after(after)
        return (*self._from_appositive(after, role, country), affiliation)

    def _title_start(self, s: int) -> int:
        """The first token of the title run before the name at s (at most ten tokens back)."""
        doc, r = self.doc, self.r
        i = s
        while i > 0 and i > s - _MAX_TITLE_BEFORE:
            p = doc[i - 1]
            if is_titlecase(p) or p.lower_ in r.title_run_words or p.lower_ in POSSESSIVES or p.text in _PARENS or p.text in _HYPHEN_TOKENS:
                i -= 1
                continue
            break
        while i < s and (doc[i].lower_ in r.dangling or doc[i].text == ")" or doc[i].lower_ in POSSESSIVES):
            i += 1
        return i

    def _from_title(self, s: int) -> tuple[str | None, str | None, str | None]:
        """Role, state and affiliation from the title run before the name."""
        i = self._title_start(s)
        pre = self.doc[i:s]
        if not len(pre):
            return None, None, None
        role = self._role_in_title(i, s)
        country = self._owner_in_title(pre)
        affiliation = None
        for o in self.orgs:
            if pre.start_char <= o.start and o.end <= pre.end_char:
                affiliation = o.key
                if country is None:
                    country = o.country
                break
        return role, country, affiliation

    def _destination(self, hit: CountryHit, preps: tuple[str, ...] | None = None) -> bool:
        """A state after "to" or "in" ("Ambassador to China"): a place or destination, not an owner
        (``preps``: only these of the non-owner prepositions)."""
        before = self.text[max(0, hit.start - 4) : hit.start].lower().split()
        return bool(before) and before[-1] in (preps or self.r.non_owner)

    def _owner_in_title(self, pre: Span) -> str | None:
        """The state of a title before a name: the last one named in it that is no destination
        ("Ambassador of Pakistan to China" is Pakistan's; in a headline "Sri Lankan President X
        Telephones Indian Premier Y" the run reaches back over X, and Y's state is the nearer one)."""
        owners = []
        for h in self.hits:
            if pre.start_char <= h.start and h.end <= pre.end_char and not self._destination(h):
                owners.append(h.iso3)
        return owners[-1] if owners else None

    def _role_in_title(self, i: int, s: int) -> str | None:
        """The title before the name, widened to the whole title run ("Secretary of State",
        "Vice Premier") from its first role word or title modifier."""
        title = self.title_before(s)
        if title is None:
            return None
        tstart, role = title
        if tstart <= i:
            return self.doc[tstart:s].text
        r = self.r
        words = [t for t in self.doc[i:tstart] if t.lower_ in r.role_words or t.lower_ in r.title_modifiers]
        return self.doc[words[0].i : s].text if words else role

    def _state_after(self, after: str) -> str | None:
        """" of Kenya" right after the name: the longest leading part that is a state."""
        m = self.r.of_state.match(after)
        if not m:
            return None
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            iso = self.r.gaz.country_of(" ".join(words[:k]))
            if iso:
                return iso
        return None

    def _from_appositive(self, after: str, role: str | None, country: str | None) -> tuple[str | None, str | None]:
        """Role and state from an appositive after the name (", Pakistan's Ambassador to China"),
        unless it is the next person of a list (", President Emmanuel Macron of France")."""
        r = self.r
        m = r.appositive.match(after)
        if not m or r.next_person.search(m.group(1)):
            return role, country
        appos = m.group(1)
        if not {w.lower().strip(",") for w in appos.split()} & r.role_words:
            return role, country
        poss = r.possessive_role.match(appos)
        if poss and r.gaz.country_of(poss.group(1)):
            return role or poss.group(2).strip(), country or r.gaz.country_of(poss.group(1))
        first = appos.split()[0].lower().strip("'’s")
        if first in r.role_words or first in r.appositive_openers or r.gaz.country_of(appos.split()[0]):
            role = role or r.leading_article.sub("", appos).strip()
            if country is None:
                country = self._owner_in(appos)
        return role, country

    def _owner_in(self, appos: str) -> str | None:
        """The first state named in an appositive that is not a place or destination
        ("Ambassador to China" is not China's)."""
        for h in self.r.gaz.find_countries(appos):
            before = appos[max(0, h.start - 4) : h.start].strip().lower()
            if not before.endswith(self.r.non_owner):
                return h.iso3
        return None


class PersonsComponent(DataPipe[PersonRules]):
    """Find the persons a text names, with the role, state and body each speaks for."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, **GAZETTEER_SLOTS}

    def __init__(self, nlp: Language, name: str = "diplotext_persons", *, use_ner: bool = True) -> None:
        super().__init__(nlp, name)
        self.use_ner = use_ner

    def build_rules(self) -> PersonRules:
        """The rule vocabulary from this pipe's data (read through :attr:`rules`)."""
        v = self.vocabulary
        titles = v.ordered("person_titles")
        title_words = frozenset(w.lower() for t in titles for w in t.split())
        return PersonRules(
            gaz=self.gaz,
            titles=tuple(sorted(titles, key=len, reverse=True)),
            particles=v.words("name_particles"),
            non_name_words=title_words | v.words("org_heads") | v.words("non_party_heads") | v.words("title_complements"),
            title_complements=v.words("title_complements"),
            role_words=v.words("role_words"),
            non_party=v.words("non_party_heads"),
            name_suffixes=v.words("name_suffixes"),
            appositive_modifiers=v.words("appositive_role_modifiers"),
            articles_cased=v.words("articles") | {w.capitalize() for w in v.words("articles")},
            title_run_connectors=v.words("title_run_connectors"),
            list_conjunctions=v.words("list_conjunctions"),
            name_preceding_stops=v.words("name_preceding_stops"),
            title_run_words=v.words("title_run_words"),
            dangling=v.words("dangling_function_words"),
            title_modifiers=v.words("title_modifiers"),
            appositive_openers=v.words("appositive_role_openers"),
            non_owner=v.ordered("non_owner_prepositions"),
            destination=v.ordered("destination_prepositions"),
            honorifics=v.words("honorifics"),
            leading_noise=v.regex("leading_noise"),
            of_state=v.regex("of_state_after_name"),
            appositive=v.regex("appositive_role"),
            possessive_role=v.regex("possessive_role"),
            next_person=v.regex("next_titled_person"),
            leading_article=v.regex("leading_article"),
        )

    def __call__(self, doc: Doc) -> Doc:
        """Write span group ``diplotext_persons`` with the mention records in its attrs."""
        self.ensure_initialized()
        finder = _PersonFinder(self.rules, doc, read_hits(doc, COUNTRY_FORMS_KEY), read_mentions(doc, ORGS_KEY))
        mentions = finder.mentions(finder.candidates(self.use_ner))
        spans = char_spans(doc, [(m.start, m.end, "PERSON") for m in mentions])
        write_group(doc, PERSONS_KEY, spans, mentions=[m.to_dict() for m in mentions])
        return doc


@Language.factory(
    "diplotext_persons",
    default_config={"use_ner": True},
    # doc.spans["diplotext_persons"]
    assigns=["doc.spans"],
    # doc.spans["diplotext_country_forms"], doc.spans["diplotext_orgs"]
    requires=["doc.spans", "doc.ents", "doc.sents", "token.pos", "token.tag", "token.dep", "token.head"],
)
def make_persons(nlp: Language, name: str, use_ner: bool) -> PersonsComponent:
    """The person finder (span group ``diplotext_persons``); ``use_ner`` adds the base NER's PERSON entities."""
    return PersonsComponent(nlp, name, use_ner=use_ner)
