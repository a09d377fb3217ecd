"""diplotext.gazetteer: country forms over raw text, organisations and officials."""

from __future__ import annotations

import pytest

from diplotext.gazetteer import Gazetteer, gazetteer, gazetteer_from
from diplotext.resources import CountryEntry, Official, OrgEntry


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # both halves of a hyphenated pair, whatever the tokenizer does
        ("China-Pakistan ties", [("China", "CHN", "name"), ("Pakistan", "PAK", "name")]),
        ("the U.S.-Kenya talks", [("U.S.", "USA", "name"), ("Kenya", "KEN", "name")]),
        # the longest form at a position
        ("the People's Republic of China", [("People's Republic of China", "CHN", "name")]),
        # demonyms and capitals
        ("a Kenyan official in Islamabad", [("Kenyan", "KEN", "demonym"), ("Islamabad", "PAK", "capital")]),
        # not inside a longer word or an abbreviation
        ("Chinatown and U.S.A.F. bases", []),
        # removed forms: special administrative regions are places, not states
        ("Hong Kong and Macau", []),
    ],
)
def test_gazetteer_find_countries(gaz, text, found):
    hits = gaz.find_countries(text)
    assert [(h.text, h.iso3, h.form) for h in hits] == found
    assert all(text[h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize(
    ("form", "iso"),
    [
        ("Kenya", "KEN"),
        ("Kenyan", "KEN"),  # the regular demonym added for a name in -a
        ("Slovenian", "SVN"),
        ("PRC", "CHN"),  # a press-release form from the overrides
        ("Taiwan", "TWN"),
        ("Republic of China", None),  # removed by the overrides
        ("Congolese", None),  # a demonym that names no single state
        ("Victoria", None),  # an ambiguous capital
        (" Kenya ", "KEN"),
        ("Atlantis", None),
    ],
)
def test_gazetteer_country_of(gaz, form, iso):
    assert gaz.country_of(form) == iso


@pytest.mark.parametrize(
    ("form", "exact", "name"),
    [
        ("WHO", True, "World Health Organization"),
        ("Who", True, None),  # exact case: "Who" is not the WHO
        ("Who", False, "World Health Organization"),
        ("the European Union", False, "European Union"),
        ("Houthis", False, "Houthis"),
        ("U.S. Department of State", False, "Department of State"),  # a "U.S." prefix does not matter
        ("Ministry of Magic", False, None),
    ],
)
def test_gazetteer_organization(gaz, form, exact, name):
    entry = gaz.organization(form, exact=exact)
    assert (entry.name if entry else None) == name


def test_gazetteer_official_and_names_by_iso(gaz):
    blinken = gaz.official("Antony Blinken")
    assert blinken is not None and (blinken.name, blinken.country) == ("Antony J. Blinken", "USA")
    assert gaz.official("antony blinken") is None  # exact forms only
    assert "United States" in gaz.names_by_iso["USA"]


def test_gazetteer_rows_override_countryinfo():
    rows = [
        CountryEntry(iso3="KEN", names=["Kenia"], demonyms=["Kenyaish"]),
        CountryEntry(iso3=None, remove=["Kenya"]),
        CountryEntry(iso3=None, capitals=["Kenia"]),  # a form some row names as a state stays a name
    ]
    gaz = Gazetteer(rows, [OrgEntry(name="Kenyan Wildlife Service", country="KEN")], [Official(name="Jane Doe", country="KEN")])
    assert [(h.text, h.form) for h in gaz.find_countries("Kenia, Kenya and the Kenyaish side")] == [("Kenia", "name"), ("Kenyaish", "demonym")]
    assert gaz.organization("kenyan wildlife service").country == "KEN"
    assert gaz.official("Jane Doe").country == "KEN"


def test_gazetteer_is_built_once_per_content():
    assert gazetteer() is gazetteer()
    rows = ([CountryEntry(iso3="KEN", names=["Kenia"])], [], [])
    assert gazetteer_from(*rows) is gazetteer_from(*rows)
    assert gazetteer_from(*rows) is not gazetteer_from([CountryEntry(iso3="KEN", names=["Kenja"])], [], [])


@pytest.mark.parametrize(
    ("articles", "prefixes", "form", "name"),
    [
        (("the",), (), "the Kenyan Wildlife Service", "Kenyan Wildlife Service"),
        (("the",), (), "The Kenyan Wildlife Service", "Kenyan Wildlife Service"),  # capitalised too
        ((), (), "the Kenyan Wildlife Service", None),  # the lookup looks past only the words it is given
        ((), ("U.S.",), "U.S. Kenyan Wildlife Service", "Kenyan Wildlife Service"),
        ((), ("U.S.",), "US Kenyan Wildlife Service", None),
        (("the",), ("U. S.",), "the U. S. Kenyan Wildlife Service", "Kenyan Wildlife Service"),
    ],
)
def test_gazetteer_organization_looks_past_the_articles_and_prefixes_it_is_given(articles, prefixes, form, name):
    gaz = gazetteer_from([], [OrgEntry(name="Kenyan Wildlife Service", country="KEN")], [], articles=articles, prefixes=prefixes)
    entry = gaz.organization(form)
    assert (entry.name if entry else None) == name


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("the Lao People’s Democratic Republic", "LAO"),
        ("the United Mexican States", "MEX"),
        ("the Republic of the Union of Myanmar", "MMR"),
    ],
    ids=["typographic-apostrophe", "official-name", "long-official-name"],
)
def test_gazetteer_official_names_come_from_pycountry(gaz, text, iso3):
    assert [h.iso3 for h in gaz.find_countries(text)] == [iso3]


@pytest.mark.parametrize("text", ["Latin America", "Central America", "the South China Sea", "the Indian Ocean"])
def test_gazetteer_regions_hide_the_state_inside_them(gaz, text):
    assert gaz.find_countries(text) == []


def test_gazetteer_offices_list_their_bodies_in_row_order(gaz):
    assert [o.name for o in gaz.offices["Secretary-General"]][:1] == ["United Nations"]
    assert gaz.office_regex.search("The High Representative said").group() == "High Representative"
