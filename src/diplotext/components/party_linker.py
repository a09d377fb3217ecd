"""diplotext_party_linker: mentions merged into parties, the only writer of the parties.

Reads the mention records of diplotext_orgs, diplotext_persons and
diplotext_states (span-group attrs), drops state mentions inside a body's or a
person's name ("Embassy of Pakistan"), and merges the rest into parties: a
state by its ISO code; a person by full name, surname ("Blinken" after "Antony
J. Blinken", "Xi" after "Xi Jinping", but "King Salman" is not "Crown Prince
Mohammed bin Salman") or first-name variant ("Tony Blinken"); a body by its
normalised name, acronym, gazetteer aliases or a state prefix ("U.S.
Department of State" is "Department of State"). Then each party gets its
state (a body or official named without one belongs to the text's home state),
its affiliation (the id of the body a person speaks for), whether it is a
principal (a side the statement is about), and states named only through their
officials are added as implied parties ("Secretary Blinken" and no "United
States").

Writes ``doc._.diplotext_parties`` (a list of party dicts) and span group
``diplotext_parties`` (each mention, labelled with its party's id); downstream
components and the Extraction read these two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, NotRequired, TypedDict

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..gazetteer import Gazetteer
from ..util import doc_text, slugify, span_group_scorer, span_score_weights
from ._base import GAZETTEER_SLOTS, LEXICON_SLOTS, DataPipe, Slot
from ._mentions import (
    ORGS_KEY,
    PARTIES_KEY,
    PERSONS_KEY,
    STATES_KEY,
    Mention,
    char_spans,
    norm,
    org_head,
    read_hits,
    read_mentions,
    write_group,
)

__all__ = ["SPAN_KEY", "LinkerRules", "MentionRef", "Party", "PartyDict", "PartyLinker", "link_parties", "make_parties_scorer"]

SPAN_KEY = PARTIES_KEY
_PERSON = "person:"  # prefix of a person's normalised name among the forms
_TITLE_CHARS = 200  # a first line shorter than this is the statement's title


class MentionRef(TypedDict):
    """Where a party is mentioned: the text and its character offsets."""

    text: str
    start: int
    end: int


class PartyDict(TypedDict):
    """One party as ``doc._.diplotext_parties`` holds it (the schema's Party fields)."""

    id: str
    kind: str
    name: str
    aliases: list[str]
    country: str | None
    role: str | None
    affiliation: str | None
    principal: bool
    mentions: list[MentionRef]
    implied: NotRequired[bool]


@dataclass
class Party:
    """A party while mentions are merged into it; :meth:`to_dict` gives its JSON form."""

    id: str
    kind: str
    name: str
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    principal: bool = False
    mentions: list[MentionRef] = field(default_factory=list)
    implied: bool = False

    def to_dict(self) -> PartyDict:
        """The party's dict, keys in the order the Extraction has always had them."""
        out: PartyDict = {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "aliases": list(self.aliases),
            "country": self.country,
            "role": self.role,
            "affiliation": self.affiliation,
            "principal": self.principal,
            "mentions": list(self.mentions),
        }
        if self.implied:
            out["implied"] = True
        return out


@dataclass(frozen=True)
class LinkerRules:
    """The vocabulary the merging rules read, built once from the pipe's data."""

    gaz: Gazetteer
    name_suffixes: frozenset[str]
    patronymic: frozenset[str]
    surname_first: frozenset[str]
    us_prefixes: frozenset[str]
    head_prepositions: frozenset[str]
    national_heads: frozenset[str]
    side_prepositions: frozenset[str]
    topic_prepositions: frozenset[str]
    preferred_state_names: tuple[str, ...]
    leading_noise: re.Pattern[str]
    international: re.Pattern[str]
    news_publisher: re.Pattern[str]

    def norm(self, text: str) -> str:
        """The normalised form two mentions of one party share."""
        return norm(text, self.leading_noise)

    def is_international(self, name: str) -> bool:
        """A body the gazetteer lists or whose name marks it international."""
        return self.gaz.organization(name) is not None or self.international.search(name) is not None


def _ref(m: Mention) -> MentionRef:
    return {"text": m.text, "start": m.start, "end": m.end}


def _raw_prefix(longer: str, short_norm: str) -> str | None:
    """What stands before the shorter name in the longer one: "U.S." in "U.S. Department of State"."""
    words = longer.split()
    n = len(short_norm.split())
    if len(words) <= n:
        return None
    return " ".join(words[: len(words) - n]) or None


class _Merger:
    """Mentions merged into parties, one mention at a time in text order."""

    def __init__(self, rules: LinkerRules, mentions: list[Mention]) -> None:
        self.r = rules
        self.parties: dict[str, Party] = {}
        self.forms: dict[str, str] = {}  # normalised form -> party id ("person:" + name for persons)
        self.weak: set[str] = set()  # states first seen as a demonym or capital: their name is still to come
        persons = [m for m in mentions if m.kind == "person"]
        self.full_names = {m.text: m for m in sorted(persons, key=lambda m: -len(m.text.split()))}

    def new_party(self, pid: str, m: Mention) -> Party:
        """A new party from mention ``m`` under id ``pid`` ("-2", "-3" added when taken)."""
        base, n = pid, 2
        while pid in self.parties:
            pid = f"{base}-{n}"
            n += 1
        party = Party(pid, m.kind, m.text, country=m.country, role=m.role, affiliation=m.affiliation)
        self.parties[pid] = party
        return party

    def attach(self, party: Party, m: Mention) -> None:
        """Add mention ``m`` to ``party``: the longest name (never an acronym or a surname) becomes
        the party's name, other forms its aliases; country, role and affiliation fill in."""
        party.mentions.append(_ref(m))
        self._rename(party, m)
        party.aliases.extend(m.aliases)
        if party.country is None and m.country is not None:
            party.country = m.country
        if party.role is None and m.role is not None:
            party.role = m.role
        if party.affiliation is None and m.affiliation is not None:
            party.affiliation = m.affiliation

    def _rename(self, party: Party, m: Mention) -> None:
        if m.kind != "state" and m.form != "surname":
            if len(m.text) > len(party.name) and m.form != "acronym":
                party.aliases.append(party.name)
                party.name = m.text
            elif m.text != party.name:
                party.aliases.append(m.text)
        elif m.kind == "state" and m.form == "name":
            weak = party.id in self.weak
            if len(m.text) > len(party.name) or weak:
                if not weak:
                    party.aliases.append(party.name)
                party.name = m.text
                self.weak.discard(party.id)
            elif m.text != party.name:
                party.aliases.append(m.text)
        elif m.kind == "state" and m.text != party.name and m.form in {"capital", "demonym"}:
            party.aliases.append(m.text)
        else:
            party.aliases.append(m.text)

    # -- states -----------------------------------------------------------------------------
    def add_state(self, m: Mention) -> None:
        """A state mention joins the party of its ISO code."""
        party = self.parties.get(m.key)
        if party is None:
            party = self.new_party(m.key, m)
            party.country = m.key
            if m.form != "name":
                self.weak.add(party.id)
        self.attach(party, m)

    # -- persons ----------------------------------------------------------------------------
    def add_person(self, m: Mention) -> None:
        """A person mention joins the person it names (by surname, full name or a variant of
        it); a weak one-word name that names nobody known is dropped."""
        words = m.text.replace(",", " ").split()
        key = self._surname_owner(m, words) if len(words) == 1 else None
        if key is None:
            key = self._person_by_name(m, words)
        if key is None and m.form == "weak":
            return
        if key is None:
            party = self.new_party(slugify(m.text), m)
            self.forms[_PERSON + self.r.norm(m.text)] = party.id
            party.mentions.append(_ref(m))
            party.aliases.extend(m.aliases)
            return
        party = self.parties[key]
        if m.form == "surname":
            party.aliases.append(m.text)
        self.attach(party, m)
        self.forms.setdefault(_PERSON + self.r.norm(m.text), party.id)  # a fuller name is found by its surname later

    def _surname_owner(self, m: Mention, words: list[str]) -> str | None:
        """The id of the fullest person whose name ends (or, where names put the family name
        first, starts) with this one word; ``m`` becomes a surname mention."""
        titles = {a.rsplit(" ", 1)[0] for a in m.aliases}
        for full, fm in self.full_names.items():
            fw = [w for w in full.replace(",", " ").split() if w not in self.r.name_suffixes]
            if self._other_person(fw, fm, titles):
                continue  # "King Salman" is not "Crown Prince Mohammed bin Salman"
            surname_first = len(fw) in {2, 3} and fw[0] == words[0] and (
                self.r.gaz.official(full) is not None or fm.country in self.r.surname_first or "-" in fw[-1]
            )
            if len(fw) > 1 and (fw[-1] == words[0] or surname_first):
                key = self.forms.get(_PERSON + self.r.norm(full))
                if key is None:
                    key = self.new_party(slugify(full), fm).id
                    self.forms[_PERSON + self.r.norm(full)] = key
                m.form = "surname"
                return key
        return None

    def _other_person(self, fw: list[str], fm: Mention, titles: set[str]) -> bool:
        """A titled one-word name is not the father named in a patronymic of a person with
        another title."""
        patronymic = len(fw) > 2 and fw[-2].lower() in self.r.patronymic
        return bool(titles and fm.role and patronymic and not any(t in fm.role for t in titles))

    def _person_by_name(self, m: Mention, words: list[str]) -> str | None:
        """The id of the person with this name, a name holding it, a name of two or more words it
        completes, or the same surname and a first name that is a variant ("Antony Blinken", "Tony Blinken" and "Antony J. Blinken":
        one person)."""
        key = self.forms.get(_PERSON + self.r.norm(m.text))
        if key is not None or len(words) < 2:
            return key
        name = self.r.norm(m.text)
        for full, pid in self.forms.items():
            if not full.startswith(_PERSON):
                continue
            known = full.removeprefix(_PERSON)
            if name in full or (len(known.split()) >= 2 and name.startswith(known + " ")):
                return pid  # a name holding this one, or one this name completes ("Anura Kumara" -> "... Dissanayake")
        first, last = words[0].lower(), words[-1].lower()
        for full, pid in self.forms.items():
            fw = full.removeprefix(_PERSON).replace(",", " ").split()
            if not full.startswith(_PERSON) or len(fw) < 2:
                continue
            if fw[-1] == last and (fw[0] == first or fw[0].endswith(first) or first.endswith(fw[0])):
                return pid
        return None

    # -- organisations ------------------------------------------------------------------------
    def add_org(self, m: Mention) -> None:
        """A body mention joins the party of any of its forms (name, acronyms, gazetteer aliases)
        or of the same name after a state prefix; its forms then name that party."""
        keys = self._org_keys(m)
        pid = next((self.forms[k] for k in keys if k in self.forms), None)
        if pid is None:
            pid = self._prefixed_match(m)
        if m.form == "office":
            self._add_office(m, pid, keys)
            return
        if pid is None:
            party = self.new_party(slugify(m.text), m)
            party.mentions.append(_ref(m))
            party.aliases.extend(m.aliases)
        else:
            party = self.parties[pid]
            self.attach(party, m)
        for k in keys:
            self.forms.setdefault(k, party.id)
        if party.country is None and m.country is not None:
            party.country = m.country

    def _add_office(self, m: Mention, pid: str | None, keys: list[str]) -> None:
        """ "The Secretary-General": a mention of the body the office speaks for, which is listed
        under its own name (the office is neither its name nor an alias)."""
        if pid is None:
            name = m.canonical or m.text
            base, n, pid_new = slugify(name), 2, slugify(name)
            while pid_new in self.parties:
                pid_new, n = f"{base}-{n}", n + 1
            party = Party(pid_new, "organization", name, country=m.country)
            self.parties[party.id] = party
        else:
            party = self.parties[pid]
        party.mentions.append(_ref(m))
        for k in keys:
            self.forms.setdefault(k, party.id)

    def _org_keys(self, m: Mention) -> list[str]:
        """The normalised forms of a body: its name, its aliases, and the gazetteer entry's."""
        keys = [m.key, *(self.r.norm(a) for a in m.aliases)]
        entry = self.r.gaz.organization(m.text)
        if entry is not None:
            keys += [self.r.norm(entry.name), *(self.r.norm(a) for a in entry.aliases)]
        return list(dict.fromkeys(keys))

    def _prefixed_match(self, m: Mention) -> str | None:
        """A body already named with or without a state prefix: "U.S. Department of State" and
        "Department of State" (names of at least two words)."""
        for k, v in self.forms.items():
            if k.startswith(_PERSON) or self.parties[v].kind != "organization":
                continue
            short, long_ = sorted((m.key, k), key=len)
            if len(short.split()) >= 2 and long_.endswith(" " + short):
                prefix = _raw_prefix(m.text if len(m.key) > len(k) else self.parties[v].name, short)
                if prefix is not None and (self.r.gaz.country_of(prefix) or prefix.lower() in self.r.us_prefixes):
                    return v
        return None

    # -- after merging ------------------------------------------------------------------------
    def home_state(self, publisher: str | None = None) -> None:
        """National bodies named without any state ("Bureau of Land Management") and officials
        named without one belong to the text's home state: the publisher's state when the caller
        names one, else the one the text's officials and bodies most often belong to."""
        votes: dict[str, int] = {}
        for p in self.parties.values():
            if p.kind != "state" and p.country:
                votes[p.country] = votes.get(p.country, 0) + len(p.mentions)
        if not votes and publisher is None:
            return
        home = publisher or max(votes, key=lambda k: votes[k])
        side = publisher or self._unclaimed_state(home) or home
        for p in self.parties.values():
            if p.kind == "person" and p.country is None and not p.affiliation:
                p.country = side  # an official the text names without a state: most likely one of its own
            if p.kind == "organization" and p.country is None and self._national(p.name):
                p.country = home

    def _unclaimed_state(self, home: str) -> str | None:
        """When the home state is the one the text's other officials are explicitly given, the one
        state the text names that none of them is: in "Prime Minister Carney met with the President
        of the United States" (a text naming two states), the official without a state is of the side
        nobody else speaks for (Canada), not of the state the text names most."""
        claimed = {p.country for p in self.parties.values() if p.kind == "person" and p.country}
        if home not in claimed:
            return None
        states = [p.id for p in self.parties.values() if p.kind == "state"]
        others = [x for x in states if x not in claimed]
        return others[0] if len(states) == 2 and len(others) == 1 else None  # a text of two sides

    def _national(self, name: str) -> bool:
        head = org_head(name.split(), self.r.head_prepositions)
        return head in self.r.national_heads and not self.r.international.search(name) and not self.r.gaz.organization(name)

    def office_holders(self) -> None:
        """A person whose title is an office of an international body ("Secretary-General António
        Guterres") and who has no other affiliation or state speaks for that body, as does one the
        officials gazetteer affiliates with a body; the body joins the parties as implied when the
        text never names it (listed only if a commitment needs it)."""
        gaz = self.r.gaz
        for p in list(self.parties.values()):
            if p.kind != "person":
                continue
            body = gaz.organization(p.affiliation) if p.affiliation and p.affiliation not in self.forms else None
            if body is None and not (p.affiliation or p.country) and p.role:
                office = next((o for o in gaz.offices_longest_first if o in p.role), None)
                holders = gaz.offices.get(office or "", [])
                named = [o for o in holders if self.r.norm(o.name) in self.forms]
                body = next(iter(named or holders), None)
            if body is None:
                continue
            key = self.r.norm(body.name)
            if key not in self.forms:
                party = Party(slugify(body.name), "organization", body.name, aliases=list(body.aliases), country=body.country, implied=True)
                self.parties[party.id] = party
                self.forms[key] = party.id
            p.affiliation = key

    def finish(self) -> None:
        """Affiliations become party ids; aliases lose duplicates and the name; mentions in text order."""
        for p in self.parties.values():
            if p.kind == "person" and p.affiliation:
                p.affiliation = self.forms.get(p.affiliation, None)  # persons who speak for a body take its id
            name = self.r.norm(p.name)
            seen: list[str] = []
            for a in p.aliases:
                if a != p.name and a not in seen and self.r.norm(a) != name:
                    seen.append(a)
            p.aliases = seen
            p.mentions.sort(key=lambda x: x["start"])


def _speaks_in_title(rules: LinkerRules, title: str, start: int) -> bool:
    """In "Statement on Sudan" Sudan is the topic; in "Call with President Ruto of Kenya" a side."""
    words = re.findall(r"[A-Za-z]+", title[:start].lower())
    for w in reversed(words):
        if w in rules.side_prepositions:
            return True
        if w in rules.topic_prepositions:
            return False
    return True


def _first_mentioned(p: Party, end: int) -> bool:
    return any(m["start"] < end for m in p.mentions)


def mark_principals(rules: LinkerRules, doc: Doc, parties: list[Party]) -> None:
    """The sides a statement is about: the states named as sides in its title, else in its first
    sentence (when no person or body is named in the title), else the most named; persons named
    in the title, or in the lead for a principal state or a body; international bodies named in
    the title (or, without a title, in the lead)."""
    text = doc_text(doc)
    first_break = text.find("\n")
    titled = 0 < first_break < _TITLE_CHARS
    sents = list(doc.sents)
    lead_end = sents[0].end_char if sents else 0
    if titled:
        second = next((s for s in sents if s.start_char > first_break), None)
        lead_end = second.end_char if second is not None else first_break
    title_end = first_break if titled else -1
    lead = _lead_states(rules, text, parties, title_end, lead_end)
    for p in lead:
        p.principal = True
    principal_states = {p.id for p in lead}
    for p in parties:
        if p.kind == "state":
            continue
        in_title = _first_mentioned(p, title_end)
        in_lead = _first_mentioned(p, lead_end)
        if p.kind == "person" and (in_title or (in_lead and (p.country in principal_states or p.affiliation))):
            p.principal = True
        if p.kind == "organization" and p.country is None and rules.is_international(p.name) and (in_title or (title_end < 0 and in_lead)):
            p.principal = True


def _lead_states(rules: LinkerRules, text: str, parties: list[Party], title_end: int, lead_end: int) -> list[Party]:
    """The principal states: sides named in the title; else, when nobody else is named in the
    title, those named in the lead; else the most named."""
    states = [p for p in parties if p.kind == "state"]
    lead: list[Party] = []
    title_speakers = False
    if title_end > 0:
        title = text[:title_end]
        lead = [p for p in states if any(m["start"] < title_end and _speaks_in_title(rules, title, m["start"]) for m in p.mentions)]
        title_speakers = any(p.kind != "state" and _first_mentioned(p, title_end) for p in parties)
    if not lead and not title_speakers:
        lead = [p for p in states if _first_mentioned(p, lead_end)]
    if not lead and states and not title_speakers:
        top = max(len(p.mentions) for p in states)
        lead = [p for p in states if len(p.mentions) == top]
    return lead


def implied_states(rules: LinkerRules, parties: list[Party]) -> list[Party]:
    """States the text never names but whose officials it does ("Secretary Blinken" and no
    "United States"): a stance of the official is the state's, so the state needs an entry.
    They carry ``implied: True``; the Extraction lists only those a commitment refers to."""
    have = {p.id for p in parties}
    out: dict[str, Party] = {}
    for p in parties:
        iso = p.country
        if p.kind != "person" or not iso or iso in have or iso in out:
            continue
        out[iso] = Party(iso, "state", _state_name(rules, iso), country=iso, principal=True, implied=True)
    return list(out.values())


def _state_name(rules: LinkerRules, iso: str) -> str:
    """The name an implied state is listed under: the preferred one, else the fullest the gazetteer has."""
    preferred = next((n for n in rules.preferred_state_names if rules.gaz.country_of(n) == iso), None)
    names = rules.gaz.names_by_iso.get(iso) or [iso]
    return preferred or max(names, key=lambda n: (" " in n, len(n)))


def publisher_side(rules: LinkerRules, name: str, parties: dict[str, Party]) -> tuple[str | None, str, str]:
    """(party id, kind, name) of the side a publisher stands for: a state for a state code, a state's
    name or a body of one state ("Ministry of Foreign Affairs of Japan", "U.S. Department of State");
    an international body (a party of the text, or one the gazetteer lists) stands for itself; a
    news agency (pattern ``news_publisher``) stands for no side (id None)."""
    gaz = rules.gaz
    if name.upper() in gaz.names_by_iso and len(name) == 3:
        return name.upper(), "state", name.upper()
    iso = gaz.country_of(name)
    if iso:
        return iso, "state", name
    key = rules.norm(name)
    for p in parties.values():
        if p.kind == "organization" and key in {rules.norm(n) for n in (p.name, *p.aliases)}:
            return (p.country, "state", name) if p.country else (p.id, "organization", p.name)
    org = gaz.organization(name)
    if org is not None:
        return (org.country, "state", name) if org.country else (slugify(org.name), "organization", org.name)
    if rules.news_publisher.search(name):
        return None, "organization", name  # a news agency reports others' stances: its "we" is nobody's here
    hits = [h for h in gaz.find_countries(name) if h.form != "capital"]
    if hits and not rules.is_international(name):
        return hits[0].iso3, "state", name
    return slugify(name), "organization", name


def _publisher_party(rules: LinkerRules, pid: str, kind: str, name: str) -> Party:
    """The publisher's side when the text never names it: implied, listed only if a commitment needs it."""
    if kind == "state":
        return Party(pid, "state", _state_name(rules, pid), country=pid, principal=False, implied=True)
    return Party(pid, "organization", name, principal=False, implied=True)


def link_parties(rules: LinkerRules, doc: Doc, mentions: list[Mention]) -> list[Party]:
    """Merge ``mentions`` (bodies, then persons, then states) into parties, in order of first mention,
    followed by the implied states (and the publisher's side, when the caller named a publisher the
    text does not); ``doc._.diplotext_publisher`` gets the publisher's party id and kind."""
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    merger = _Merger(rules, mentions)
    for m in mentions:
        if m.kind == "state":
            merger.add_state(m)
        elif m.kind == "person":
            merger.add_person(m)
        else:
            merger.add_org(m)
    publisher = doc._.diplotext_publisher
    side = publisher_side(rules, publisher["name"], merger.parties) if publisher else None
    merger.home_state(side[0] if side and side[1] == "state" else None)
    merger.office_holders()
    merger.finish()
    parties = list(merger.parties.values())
    mark_principals(rules, doc, parties)
    ordered = sorted(parties, key=lambda p: p.mentions[0]["start"] if p.mentions else 0)
    implied = implied_states(rules, ordered)
    if side is not None:
        pid, kind, name = side
        doc._.diplotext_publisher = {"name": publisher["name"], "id": pid, "kind": kind}
        if pid is not None and pid not in {p.id for p in ordered + implied}:
            implied.append(_publisher_party(rules, pid, kind, name))
    return ordered + implied


class PartyLinker(DataPipe[LinkerRules]):
    """Merge the mentions of states, bodies and persons into the parties of the text."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, **GAZETTEER_SLOTS}

    def __init__(self, nlp: Language, name: str = "diplotext_party_linker", *, scorer: Callable[..., Any] | None = None) -> None:
        super().__init__(nlp, name, scorer=scorer)

    def build_rules(self) -> LinkerRules:
        """The rule vocabulary from this pipe's data (read through :attr:`rules`)."""
        v = self.vocabulary
        return LinkerRules(
            gaz=self.gaz,
            name_suffixes=v.words("name_suffixes"),
            patronymic=v.lower("patronymic_particles"),
            surname_first=v.words("surname_first_countries"),
            us_prefixes=v.lower("us_prefix_forms"),
            head_prepositions=v.words("name_head_prepositions"),
            national_heads=v.words("national_heads"),
            side_prepositions=v.words("side_prepositions"),
            topic_prepositions=v.words("topic_prepositions"),
            preferred_state_names=v.ordered("preferred_state_names"),
            leading_noise=v.regex("leading_noise"),
            international=v.regex("international_name"),
            news_publisher=v.regex("news_publisher"),
        )

    def mentions(self, doc: Doc) -> list[Mention]:
        """Bodies, persons, then the state mentions outside every body's and person's name."""
        named = read_mentions(doc, ORGS_KEY, PERSONS_KEY)
        taken = [(m.start, m.end) for m in named]
        states = []
        for h in read_hits(doc, STATES_KEY):
            if not any(s <= h.start and h.end <= e for s, e in taken):
                states.append(Mention(h.start, h.end, h.text, "state", h.iso3, h.form, country=h.iso3))
        return named + states

    def __call__(self, doc: Doc) -> Doc:
        """Write ``doc._.diplotext_parties`` and span group ``diplotext_parties``."""
        self.ensure_initialized()
        parties = link_parties(self.rules, doc, self.mentions(doc))
        doc._.diplotext_parties = [p.to_dict() for p in parties]
        spans = char_spans(doc, [(m["start"], m["end"], p.id) for p in parties for m in p.mentions])
        write_group(doc, SPAN_KEY, spans)
        return doc


@registry.scorers("diplotext.parties_scorer.v1")
def make_parties_scorer() -> Callable[..., dict[str, Any]]:
    """Span P/R/F of span group ``diplotext_parties`` (labels are party ids);
    examples whose reference has no such group are skipped (:func:`~diplotext.util.span_group_scorer`)."""
    return span_group_scorer(SPAN_KEY, labeled=True)


@Language.factory(
    "diplotext_party_linker",
    default_config={"scorer": {"@scorers": "diplotext.parties_scorer.v1"}},
    # doc.spans["diplotext_parties"]
    assigns=["doc.spans", "doc._.diplotext_parties"],
    # doc.spans["diplotext_orgs"], doc.spans["diplotext_persons"], doc.spans["diplotext_states"]
    requires=["doc.spans", "doc.sents"],
    default_score_weights=span_score_weights(SPAN_KEY),
)
def make_party_linker(nlp: Language, name: str, scorer: Callable[..., Any] | None) -> PartyLinker:
    """The party linker: the only writer of ``doc._.diplotext_parties`` and span group ``diplotext_parties``."""
    return PartyLinker(nlp, name, scorer=scorer)
