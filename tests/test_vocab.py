"""diplotext.vocab: named word lists and patterns; placeholders expand in file order, and a bad
reference fails when the Vocabulary is built, with an error that names what to fix."""

from __future__ import annotations

import re

import pytest

from diplotext.resources import LexiconEntry, PatternEntry, load_rows
from diplotext.vocab import Vocabulary

LISTS = [
    LexiconEntry(name="heads", values=["Council", "Council of Ministers", "Ministry"]),
    LexiconEntry(name="titles", values=["Minister", "Deputy Minister", "Dr."]),
]


def _vocab(*patterns: PatternEntry) -> Vocabulary:
    return Vocabulary(LISTS, patterns)


def test_vocab_ordered_keeps_file_order_and_words_is_a_set():
    v = _vocab()
    assert v.ordered("heads") == ("Council", "Council of Ministers", "Ministry")
    assert v.words("titles") == frozenset({"Minister", "Deputy Minister", "Dr."})
    assert v.lower("titles") == frozenset({"minister", "deputy minister", "dr."})


def test_vocab_list_placeholder_expands_escaped_words_in_file_order():
    v = _vocab(PatternEntry(name="title", regex=r"\b<<list:titles>>\b"))
    assert v.source("title") == r"\b(?:Minister|Deputy\ Minister|Dr\.)\b"


def test_vocab_file_order_decides_which_alternative_matches():
    """The list has "Council" before "Council of Ministers", so the shorter one wins: order is data."""
    v = _vocab(PatternEntry(name="head", regex=r"<<list:heads>>"))
    assert v.regex("head").match("Council of Ministers").group() == "Council"


def test_vocab_pattern_placeholder_expands_another_pattern():
    v = _vocab(
        PatternEntry(name="title", regex=r"<<list:titles>>"),
        PatternEntry(name="titled", regex=r"<<pattern:title>>\s+[A-Z]\w+", flags=["I"]),
    )
    assert v.source("titled") == r"(?:(?:Minister|Deputy\ Minister|Dr\.))\s+[A-Z]\w+"
    assert v.regex("titled").flags & re.IGNORECASE
    assert v.regex("titled").fullmatch("deputy minister Ito")


@pytest.mark.parametrize(
    ("patterns", "error", "message"),
    [
        pytest.param([PatternEntry(name="p", regex="<<list:nope>>")], KeyError,
                     r"'p' refers to list 'nope', which the lexicon does not have; known lists: heads, titles",
                     id="unknown-list-in-pattern"),
        pytest.param([PatternEntry(name="p", regex="<<pattern:nope>>")], KeyError,
                     r"no pattern 'nope' \(referred to by 'p'\)", id="unknown-pattern-in-pattern"),
        pytest.param([PatternEntry(name="p", regex="<<lists:titles>>")], ValueError,
                     r"'p' has a malformed placeholder '<<lists:titles>>'", id="misspelt-placeholder"),
        pytest.param([PatternEntry(name="p", regex="(<<list:titles>>")], ValueError,
                     r"'p' does not compile", id="bad-regex"),
        pytest.param([PatternEntry(name="p", regex="a"), PatternEntry(name="p", regex="b")], ValueError,
                     r"pattern 'p' is defined twice", id="pattern-twice"),
    ],
)
def test_vocab_bad_pattern_fails_when_built(patterns, error, message):
    with pytest.raises(error, match=message):
        Vocabulary(LISTS, patterns)


def test_vocab_list_defined_twice_is_refused():
    with pytest.raises(ValueError, match="list 'heads' is defined twice"):
        Vocabulary([*LISTS, LexiconEntry(name="heads", values=[])])


@pytest.mark.parametrize(("method", "name"), [("ordered", "nope"), ("words", "nope"), ("regex", "nope")])
def test_vocab_unknown_name_raises_naming_it_and_the_known_ones(method, name):
    v = _vocab(PatternEntry(name="title", regex="<<list:titles>>"))
    with pytest.raises(KeyError, match=f"no (list|pattern) '{name}'.*(heads, titles|title)"):
        getattr(v, method)(name)


@pytest.mark.parametrize(
    ("patterns", "cycle"),
    [
        pytest.param([PatternEntry(name="a", regex="x<<pattern:a>>")], "a -> a", id="self"),
        pytest.param([PatternEntry(name="a", regex="<<pattern:b>>"), PatternEntry(name="b", regex="<<pattern:a>>")],
                     "a -> b -> a", id="through-another"),
    ],
)
def test_vocab_self_reference_is_refused(patterns, cycle):
    with pytest.raises(ValueError, match=f"'a' refers to itself through {cycle}"):
        Vocabulary(LISTS, patterns)


def test_vocab_packaged_lexicon_and_patterns_build():
    """The shipped files make a Vocabulary: every placeholder in them refers to a real list or pattern."""
    v = Vocabulary(load_rows("lexicon.v1.jsonl", LexiconEntry), load_rows("patterns.v1.jsonl", PatternEntry))
    assert "common_english_words" in v.list_names
    assert all(isinstance(v.regex(name), re.Pattern) for name in v.pattern_names)
