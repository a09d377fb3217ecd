"""Currency signs, codes and names from CLDR (Babel) and ISO 4217 (pycountry).

A count of money takes its ISO 4217 code as unit whatever way the text writes the currency: a sign
or a code before the amount ("£1.5bn", "CHF 2 million", "AUD 10 million"), a code or a name after
it ("2 million CHF", "3 billion Egyptian pounds", "500 Swiss francs"). The forms come from CLDR's
English data (symbols and display names, singular and plural) for the currencies ISO 4217 lists
as current, so a new currency needs no edit here. What CLDR does not settle for press texts, the
bare names that several currencies share ("dollars", "rupees") and local abbreviations ("Rs",
"RMB"), stays data in ``resources/quantities.v1.jsonl`` and wins over CLDR.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["CurrencyForms", "cldr_currency_forms", "currency_forms"]

_LOCALE = "en"
_MAX_NAME_TOKENS = 4  # "Bosnia-Herzegovina convertible marks" is the longest English name in use


@dataclass(frozen=True)
class CurrencyForms:
    """Which ISO 4217 code a sign before an amount, or the words after it, stand for."""

    signs: Mapping[str, str]  # "£" -> GBP, "CHF" -> CHF, "A$" -> AUD (exact token text)
    names: Mapping[tuple[str, ...], str]  # ("swiss", "francs") -> CHF, ("chf",) -> CHF (lower-case tokens)

    def name_at(self, words: list[str]) -> tuple[str, int] | None:
        """The code and length of the longest currency name at the start of ``words`` (lower case)."""
        for n in range(min(_MAX_NAME_TOKENS, len(words)), 0, -1):
            code = self.names.get(tuple(words[:n]))
            if code is not None:
                return code, n
        return None


@lru_cache(maxsize=1)
def cldr_currency_forms() -> CurrencyForms:
    """The CLDR forms of every current ISO 4217 currency: code, English symbol, English names."""
    import pycountry
    from babel import Locale
    from babel.numbers import get_currency_name

    locale = Locale.parse(_LOCALE)
    symbols = locale.currency_symbols
    signs: dict[str, str] = {}
    names: dict[tuple[str, ...], str] = {}
    for cur in pycountry.currencies:
        code = cur.alpha_3
        if code.startswith("X"):  # gold, SDR, test and fund codes: no money a government pledges
            continue
        signs[code] = code
        names[(code.lower(),)] = code
        symbol = symbols.get(code)
        if symbol and symbol != code:
            signs.setdefault(symbol, code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=_LOCALE)
            if name and name != code:
                names.setdefault(tuple(name.lower().replace("-", " - ").split()), code)
    return CurrencyForms(signs, names)


def currency_forms(signs: Mapping[str, str], words: Mapping[str, str]) -> CurrencyForms:
    """CLDR's forms with a pipe's own rows on top: ``signs`` (token text before an amount) and
    ``words`` (names after it, one or more words, lower case) override CLDR."""
    base = cldr_currency_forms()
    merged_signs = {**base.signs, **signs}
    merged_names = dict(base.names)
    for form, code in words.items():
        merged_names[tuple(form.lower().split())] = code
    return CurrencyForms(merged_signs, merged_names)
