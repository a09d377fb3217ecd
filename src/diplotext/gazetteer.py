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
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .resources import CountryEntry, Official, OrgEntry, load_jsonl

FormKind = Literal["name", "demonym", "capital"]

__all__ = ["CountryHit", "Gazetteer", "gazetteer", "gazetteer_from"]

# altSpellings that are two-letter codes or words of English ("Chad" stays: it is the name)
_MIN_ALT_LEN = 4


@dataclass(frozen=True)
class CountryHit:
    start: int
    end: int
    text: str
    iso3: str
    form: FormKind


class Gazetteer:
    """Lookup tables for states, organisations and well-known officials."""

    def __init__(
        self,
        overrides: list[CountryEntry],
        organizations: list[OrgEntry],
        officials: list[Official],
    ) -> None:
        forms: dict[str, tuple[str | None, FormKind]] = {}
        try:
            from countryinfo import all_countries

            base = [c.info() for c in all_countries()]
        except Exception:  # pragma: no cover - countryinfo is a hard dependency
            base = []
        for info in base:
            iso = (info.get("ISO") or {}).get("alpha3")
            if not iso:
                continue
            names = [info.get("name")] + [a for a in info.get("altSpellings") or [] if len(a) >= _MIN_ALT_LEN]
            for n in names:
                if isinstance(n, str) and n.isascii() and n[:1].isupper():
                    forms.setdefault(n, (iso, "name"))
            for key, kind in (("demonym", "demonym"), ("capital", "capital")):
                vals = info.get(key)
                for v in vals if isinstance(vals, list) else [vals]:
                    if isinstance(v, str) and v and v[:1].isupper():
                        forms.setdefault(v, (iso, kind))  # type: ignore[arg-type]
        named = {v for e in overrides if e.iso3 for v in e.names}
        for entry in overrides:
            for n in entry.remove:
                forms.pop(n, None)
            for kind, values in (("name", entry.names), ("demonym", entry.demonyms), ("capital", entry.capitals)):
                for v in values:
                    if entry.iso3 is None and kind != "name" and (v in named or forms.get(v, (None, "capital"))[1] == "name"):
                        continue  # "Singapore" the capital is ambiguous, "Singapore" the state is not
                    if kind != "name" and v in named:
                        continue  # a name stays a name ("New Zealand", "DPRK")
                    forms[v] = (entry.iso3, kind)  # type: ignore[assignment]
        # "Slovenia" -> "Slovenian", "Kenya" -> "Kenyan": the regular demonym countryinfo may lack
        for form, (iso, kind) in list(forms.items()):
            if iso and kind == "name" and form.endswith("a") and " " not in form and len(form) > 4:
                forms.setdefault(form + "n", (iso, "demonym"))
        self.forms = {k: v for k, v in forms.items() if v[0] is not None}
        self._regex = re.compile(
            r"(?<![\w.])(?=[A-ZÀ-Þ])(?:"
            + "|".join(re.escape(f) for f in sorted(self.forms, key=len, reverse=True))
            + r")(?![\w])(?!\.\w)"
        )
        self.names_by_iso: dict[str, list[str]] = {}
        for form, (iso, kind) in self.forms.items():
            if kind == "name" and iso:
                self.names_by_iso.setdefault(iso, []).append(form)
        self.organizations = organizations
        self.org_by_form: dict[str, OrgEntry] = {}
        for org in organizations:
            for form in (org.name, *org.aliases):
                self.org_by_form.setdefault(form, org)
                self.org_by_form.setdefault(form.lower(), org)
        self.officials: dict[str, Official] = {}
        for off in officials:
            for form in (off.name, *off.aliases):
                self.officials.setdefault(form, off)

    def find_countries(self, text: str) -> list[CountryHit]:
        """Every country form in ``text``, longest first at each position."""
        out = []
        for m in self._regex.finditer(text):
            iso, kind = self.forms[m.group()]
            out.append(CountryHit(m.start(), m.end(), m.group(), iso, kind))  # type: ignore[arg-type]
        return out

    def country_of(self, form: str) -> str | None:
        """ISO alpha-3 for a name, demonym or capital, or None."""
        hit = self.forms.get(form) or self.forms.get(form.strip())
        return hit[0] if hit else None

    def organization(self, form: str, *, exact: bool = False) -> OrgEntry | None:
        form = re.sub(r"^(?:the|The)\s+", "", form.strip())
        if exact:
            return self.org_by_form.get(form)
        hit = self.org_by_form.get(form) or self.org_by_form.get(form.lower())
        if hit is None and form.endswith("s"):
            hit = self.org_by_form.get(form[:-1]) or self.org_by_form.get(form[:-1].lower())
        if hit is None and form.startswith(("U.S. ", "US ", "U. S. ")):
            return self.organization(form.split(" ", 1)[1].removeprefix("S. "))
        return hit

    def official(self, form: str) -> Official | None:
        return self.officials.get(form)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process."""
    return Gazetteer(
        load_jsonl("countries.v1.jsonl", CountryEntry),
        load_jsonl("organizations.v1.jsonl", OrgEntry),
        load_jsonl("officials.v1.jsonl", Official),
    )


_BUILT: dict[str, Gazetteer] = {}


def gazetteer_from(countries: list[CountryEntry], organizations: list[OrgEntry], officials: list[Official]) -> Gazetteer:
    """A gazetteer for these rows, built once per process for each distinct content (several
    components hold the same rows; the regex over all country forms is costly to compile)."""
    blob = json.dumps(
        [[r.model_dump(mode="json") for r in rows] for rows in (countries, organizations, officials)], sort_keys=True
    )
    key = hashlib.sha1(blob.encode("utf-8")).hexdigest()
    if key not in _BUILT:
        _BUILT[key] = Gazetteer(countries, organizations, officials)
    return _BUILT[key]
