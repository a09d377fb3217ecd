"""Country names, demonyms and capitals mapped to ISO 3166-1 alpha-3.

The base data is countryinfo's (names, alternative spellings, demonyms,
capitals); ``resources/countries.v1.jsonl`` adds the forms press releases use
("U.S.", "PRC", "Britain") and removes ambiguous ones ("Congolese", "Victoria").
Matching is one compiled regular expression over the raw text, so hyphenated
pairs ("China-Pakistan", "U.S.-Kenya") yield both halves whatever the tokenizer does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from .resources import CountryEntry, Official, OrgEntry, lexicon, load_jsonl

FormKind = Literal["name", "demonym", "capital"]

__all__ = ["CountryHit", "Gazetteer", "gazetteer", "gazetteer_from", "subdivision_names"]

# altSpellings that are two-letter codes or words of English ("Chad" stays: it is the name)
_MIN_ALT_LEN = 4
# the lexicon lists of the words an organisation lookup looks past (see Gazetteer.organization)
ARTICLES_LIST = "articles"
PREFIXES_LIST = "us_prefix_forms"


@dataclass(frozen=True)
class CountryHit:
    """One country form found in a text: where, which state, and which kind of form."""

    start: int
    end: int
    text: str
    iso3: str
    form: FormKind


# a country form and what it is: the state's ISO code (None: drop the form) and the kind of form
_Forms = dict[str, tuple[str | None, FormKind]]
_KINDS: tuple[FormKind, ...] = ("name", "demonym", "capital")
_INFO_KINDS: tuple[FormKind, ...] = ("demonym", "capital")  # countryinfo's keys for these kinds


def _countryinfo() -> list[Mapping[str, Any]]:
    """countryinfo's record of every country (names, altSpellings, demonym, capital, ISO codes)."""
    try:
        from countryinfo import all_countries

        return [c.info() for c in all_countries()]
    except Exception:  # pragma: no cover - countryinfo is a hard dependency
        return []


def _base_forms(base: list[Mapping[str, Any]]) -> _Forms:
    """The forms countryinfo gives: ASCII names and long alternative spellings, demonyms, capitals
    (the first record to claim a form keeps it)."""
    forms: _Forms = {}
    for info in base:
        iso = (info.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        names = [info.get("name")] + [a for a in info.get("altSpellings") or [] if len(a) >= _MIN_ALT_LEN]
        for n in names:
            if isinstance(n, str) and n.isascii() and n[:1].isupper():
                forms.setdefault(n, (iso, "name"))
        for kind in _INFO_KINDS:
            vals = info.get(kind)
            for v in vals if isinstance(vals, list) else [vals]:
                if isinstance(v, str) and v and v[:1].isupper():
                    forms.setdefault(v, (iso, kind))
    return forms


def _official_names() -> _Forms:
    """pycountry's ISO 3166 names, official names ("Lao People's Democratic Republic", "United
    Mexican States") and common names, with a typographic apostrophe variant of each."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a hard dependency
        return {}
    forms: _Forms = {}
    for c in pycountry.countries:
        for attr in ("official_name", "common_name", "name"):
            n = getattr(c, attr, None)
            if not isinstance(n, str) or "," in n or "(" in n:
                continue  # "Korea, Republic of", "Bolivia (Plurinational State of)": index forms, not text
            for form in dict.fromkeys((n, n.replace("'", "\u2019"))):
                forms.setdefault(form, (c.alpha_3, "name"))
    return forms


@lru_cache(maxsize=1)
def subdivision_names() -> frozenset[str]:
    """The names of ISO 3166-2 subdivisions (pycountry), as written and without diacritics
    ("Tamil Nādu", "Tamil Nadu"): places inside a state, never a person's name."""
    import unicodedata

    import pycountry

    out: set[str] = set()
    for sub in pycountry.subdivisions:
        out.add(sub.name)
        out.add(unicodedata.normalize("NFKD", sub.name).encode("ascii", "ignore").decode())
    return frozenset(n for n in out if " " in n or len(n) > 3)


def _apply_override(forms: _Forms, entry: CountryEntry, named: set[str]) -> None:
    """One row of countries.v1.jsonl: remove its ``remove`` forms, then set its own forms. A row
    without an ISO code marks its forms as not states (an ambiguous capital or demonym); a form
    some row names as a state stays a name."""
    for n in entry.remove:
        forms.pop(n, None)
    for kind, values in zip(_KINDS, (entry.names, entry.demonyms, entry.capitals), strict=True):
        for v in values:
            if entry.iso3 is None and kind != "name" and (v in named or forms.get(v, (None, "capital"))[1] == "name"):
                continue  # "Singapore" the capital is ambiguous, "Singapore" the state is not
            if kind != "name" and v in named:
                continue  # a name stays a name ("New Zealand", "DPRK")
            forms[v] = (entry.iso3, kind)


def _add_regular_demonyms(forms: _Forms) -> None:
    """"Slovenia" -> "Slovenian", "Kenya" -> "Kenyan": the regular demonym countryinfo may lack."""
    for form, (iso, kind) in list(forms.items()):
        if iso and kind == "name" and form.endswith("a") and " " not in form and len(form) > 4:
            forms.setdefault(form + "n", (iso, "demonym"))


def _country_forms(overrides: list[CountryEntry]) -> dict[str, tuple[str, FormKind]]:
    """Every country form of countryinfo and the overrides, mapped to (ISO code, kind)."""
    forms = _base_forms(_countryinfo())
    for form, value in _official_names().items():
        forms.setdefault(form, value)
    named = {v for e in overrides if e.iso3 for v in e.names}
    for entry in overrides:
        _apply_override(forms, entry, named)
    _add_regular_demonyms(forms)
    return {k: (iso, kind) for k, (iso, kind) in forms.items() if iso is not None}


def _leading_words_regex(articles: Iterable[str]) -> re.Pattern[str] | None:
    """The articles (and their capitalised forms) at the start of a name, with the space after
    them: "the European Union" is looked up as "European Union"; None when there are none."""
    words = dict.fromkeys(w for a in articles for w in (a, a.capitalize()))
    if not words:
        return None
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\s+")


def _form_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """One alternation of every form, longest first, on word edges ("U.S." not inside "U.S.A", "US"
    not inside the currency sign "US$")."""
    return re.compile(
        r"(?<![\w.])(?=[A-ZÀ-Þ])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w$])(?!\.\w)"
    )


class Gazetteer:
    """Lookup tables for states, organisations and well-known officials."""

    def __init__(
        self,
        overrides: list[CountryEntry],
        organizations: list[OrgEntry],
        officials: list[Official],
        *,
        articles: Iterable[str] = (),
        prefixes: Iterable[str] = (),
    ) -> None:
        """``articles`` (lexicon list ``articles``) and ``prefixes`` (``us_prefix_forms``) are the
        words an organisation lookup looks past: "the European Union", "U.S. Department of State"."""
        self.forms = _country_forms(overrides)
        self.regions = frozenset(r for e in overrides for r in e.regions) - set(self.forms)
        self._regex = _form_regex([*self.forms, *self.regions])
        self.names_by_iso: dict[str, list[str]] = {}
        for form, (iso, kind) in self.forms.items():
            if kind == "name":
                self.names_by_iso.setdefault(iso, []).append(form)
        self.organizations = organizations
        self.org_by_form: dict[str, OrgEntry] = {}
        for org in organizations:
            for form in (org.name, *org.aliases):
                self.org_by_form.setdefault(form, org)
                self.org_by_form.setdefault(form.lower(), org)
        self.offices: dict[str, list[OrgEntry]] = {}  # "Secretary-General" -> the bodies it speaks for, in row order
        for org in organizations:
            for office in org.offices:
                self.offices.setdefault(office, []).append(org)
        self.offices_longest_first = tuple(sorted(self.offices, key=len, reverse=True))
        self.office_regex = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(o) for o in sorted(self.offices, key=len, reverse=True)) + r")(?![\w-])") if self.offices else re.compile(r"(?!x)x")
        self.officials: dict[str, Official] = {}
        for off in officials:
            for form in (off.name, *off.aliases):
                self.officials.setdefault(form, off)
        self._article = _leading_words_regex(articles)
        self._prefixes = tuple(p + " " for p in prefixes)

    def find_countries(self, text: str) -> list[CountryHit]:
        """Every country form in ``text``, longest first at each position."""
        out = []
        for m in self._regex.finditer(text):
            if m.group() in self.regions:
                continue  # "Latin America": a region, and no "America" inside it
            iso, kind = self.forms[m.group()]
            out.append(CountryHit(m.start(), m.end(), m.group(), iso, kind))
        return out

    def country_of(self, form: str) -> str | None:
        """ISO alpha-3 for a name, demonym or capital, or None."""
        hit = self.forms.get(form) or self.forms.get(form.strip())
        return hit[0] if hit else None

    def organization(self, form: str, *, exact: bool = False) -> OrgEntry | None:
        """The organisation a name or alias stands for, after a leading article; without ``exact``,
        case, a plural "s" and a state prefix ("U.S.") do not matter ("Who" is not the WHO only
        with ``exact``)."""
        form = form.strip()
        if self._article is not None:
            form = self._article.sub("", form)
        if exact:
            return self.org_by_form.get(form)
        hit = self.org_by_form.get(form) or self.org_by_form.get(form.lower())
        if hit is None and form.endswith("s"):
            hit = self.org_by_form.get(form[:-1]) or self.org_by_form.get(form[:-1].lower())
        if hit is None:
            prefix = next((p for p in self._prefixes if form.startswith(p)), None)
            if prefix is not None:
                return self.organization(form[len(prefix) :])
        return hit

    def official(self, form: str) -> Official | None:
        """The well-known official with this name or alias (exact form), with state and affiliation."""
        return self.officials.get(form)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process (for code outside a pipeline; a component
    builds its own from the rows it holds)."""
    words = lexicon()
    return Gazetteer(
        load_jsonl("countries.v1.jsonl", CountryEntry),
        load_jsonl("organizations.v1.jsonl", OrgEntry),
        load_jsonl("officials.v1.jsonl", Official),
        articles=words[ARTICLES_LIST],
        prefixes=words[PREFIXES_LIST],
    )


_BUILT: dict[str, Gazetteer] = {}


def gazetteer_from(
    countries: list[CountryEntry],
    organizations: list[OrgEntry],
    officials: list[Official],
    *,
    articles: Iterable[str] = (),
    prefixes: Iterable[str] = (),
) -> Gazetteer:
    """A gazetteer for these rows and lookup words, built once per process for each distinct content
    (several components hold the same rows; the regex over all country forms is costly to compile)."""
    articles, prefixes = tuple(articles), tuple(prefixes)
    blob = json.dumps(
        [[r.model_dump(mode="json") for r in rows] for rows in (countries, organizations, officials)] + [articles, prefixes],
        sort_keys=True,
    )
    key = hashlib.sha1(blob.encode("utf-8")).hexdigest()
    if key not in _BUILT:
        _BUILT[key] = Gazetteer(countries, organizations, officials, articles=articles, prefixes=prefixes)
    return _BUILT[key]
