"""diplotext_states: every country form in the text, and those that name a state as a party.

The gazetteer matches names, demonyms and capitals over the raw text (so both
halves of "China-Pakistan" are found whatever the tokenizer does). A name is a
mention of the state; a demonym or a capital only where it stands for the state
("the Chinese side", "Beijing said"), not where it describes something ("a
Chinese company") or is part of another place ("New Mexico").

Writes two span groups, spans labelled with the ISO 3166-1 alpha-3 code:
``diplotext_country_forms`` (every form; ``attrs["hits"]`` the exact hits
``{"start", "end", "text", "iso3", "form"}``, which orgs and persons read to
find the state of a body or an official) and ``diplotext_states`` (the forms
that mention the state as a party, with their hits in ``attrs["hits"]``). The
party linker drops those inside an organisation or person mention.
"""

from __future__ import annotations

import re
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..gazetteer import CountryHit
from ..util import doc_text
from ._base import GAZETTEER_SLOTS, LEXICON_SLOTS, DataPipe, Slot
from ._mentions import COUNTRY_FORMS_KEY, HYPHENS, STATES_KEY, char_spans, hit_to_dict, is_titlecase, write_group

__all__ = ["StatesComponent"]

# dependency labels and tags (structure, not vocabulary)
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_SUBJECT_OR_OWNER = frozenset({"nsubj", "nsubjpass", "poss"})
_MODIFIER = frozenset({"amod", "compound", "nmod"})
_PLURAL_NOUN_TAGS = frozenset({"NNPS", "NNS"})
_US_STATE_WINDOW = 60  # characters either side searched for other U.S. states
_STATE_OF_WINDOW = 12  # characters before a form searched for "State of"
_ROLE_LOOKAHEAD = 3  # tokens after a demonym searched for a role word ("Polish Foreign Minister")


class StatesComponent(DataPipe):
    """Find the country forms and decide which of them mention the state as a party."""

    slots: ClassVar[dict[str, Slot]] = {**LEXICON_SLOTS, **GAZETTEER_SLOTS}

    def __init__(self, nlp: Language, name: str = "diplotext_states") -> None:
        super().__init__(nlp, name)
        self._us_states: frozenset[str] = frozenset()
        self._side_nouns: frozenset[str] = frozenset()
        self._role_words: frozenset[str] = frozenset()
        self._place_prefixes: tuple[str, ...] = ()
        self._state_of: re.Pattern[str] = re.compile("(?!)")

    def setup(self) -> None:
        """Word lists: us_states, side_nouns, role_words, place_prefixes; pattern us_state_of."""
        v = self.vocabulary
        self._us_states = v.words("us_states")
        self._side_nouns = v.words("side_nouns")
        self._role_words = v.words("role_words")
        self._place_prefixes = v.ordered("place_prefixes")
        self._state_of = v.regex("us_state_of")

    def __call__(self, doc: Doc) -> Doc:
        """Write ``diplotext_country_forms`` and ``diplotext_states``."""
        self.ensure_initialized()
        hits = self.gaz.find_countries(doc_text(doc))
        states = [h for h in hits if self.is_state_mention(doc, h)]
        for key, found in ((COUNTRY_FORMS_KEY, hits), (STATES_KEY, states)):
            spans = char_spans(doc, [(h.start, h.end, h.iso3) for h in found])
            write_group(doc, key, spans, hits=[hit_to_dict(h) for h in found])
        return doc

    # -- the rules ----------------------------------------------------------------------
    def is_state_mention(self, doc: Doc, h: CountryHit) -> bool:
        """Whether country form ``h`` mentions the state itself."""
        text = doc_text(doc)
        if self._other_place(text, h):
            return False
        if h.form == "name":
            return True
        span = doc.char_span(h.start, h.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        # halves of a hyphenated pair: "Beijing-Islamabad", "Saudi-Chinese" (an empty slice, at an
        # edge of the text, counts as a hyphen too)
        if text[h.end : h.end + 1] in HYPHENS or text[max(0, h.start - 1) : h.start] in HYPHENS:
            return h.form == "capital" or tok.text != text[h.start : h.end]
        if h.form == "capital":
            return _capital_names_state(doc, tok)
        return self._demonym_names_state(doc, tok)

    def _other_place(self, text: str, h: CountryHit) -> bool:
        """The form is part of another place's name ("New Mexico", "New Jersey") or a U.S. state
        ("Florida, Georgia, and South Carolina", "the State of Georgia")."""
        for prefix in self._place_prefixes:
            if text[max(0, h.start - len(prefix) - 1) : h.start] == prefix + " ":
                return True
        if h.text not in self._us_states:
            return False
        window = text[max(0, h.start - _US_STATE_WINDOW) : h.end + _US_STATE_WINDOW]
        if any(st != h.text and st in window for st in self._us_states):
            return True
        return bool(self._state_of.search(text[max(0, h.start - _STATE_OF_WINDOW) : h.start]))

    def _demonym_names_state(self, doc: Doc, tok: Token) -> bool:
        """A demonym names a side ("the Chinese side", "the Pakistani government"), is a plural
        subject ("the Saudis said"), or names an official's state ("Polish Foreign Minister", "the
        Polish, German and French Foreign Ministers")."""
        if tok.dep_ in _SUBJECT and tok.tag_ in _PLURAL_NOUN_TAGS:
            return True
        head = tok.head if tok.dep_ in _MODIFIER else None
        if head is not None and head.lemma_.lower() in self._side_nouns and head.i == tok.i + 1:
            return True
        k = tok.i + 1
        while k < len(doc) and (doc[k].text == "," or doc[k].dep_ == "cc" or (doc[k].dep_ in ("conj", "amod") and doc[k].pos_ in ("ADJ", "PROPN"))):
            k += 1  # "the Polish, German and French Foreign Ministers": the role after the last demonym
        nxt = doc[k : k + _ROLE_LOOKAHEAD]
        is_role = [t.lower_ in self._role_words or t.lower_.removesuffix("s") in self._role_words for t in nxt]  # "Ministers"
        if True not in is_role:
            return False
        return all(is_titlecase(t) for t in nxt[: is_role.index(True) + 1])


def _capital_names_state(doc: Doc, tok: Token) -> bool:
    """A capital stands for its state as a subject or owner ("Beijing said", "Islamabad's
    position"), not after another proper noun ("Hotel Beijing")."""
    if tok.i > 0:
        prev = doc[tok.i - 1]
        if is_titlecase(prev) and prev.pos_ == "PROPN" and not prev.is_sent_start:
            return False
    return tok.dep_ in _SUBJECT_OR_OWNER or (tok.dep_ == "conj" and tok.head.dep_ in _SUBJECT)


@Language.factory(
    "diplotext_states",
    default_config={},
    # doc.spans["diplotext_country_forms"], doc.spans["diplotext_states"]
    assigns=["doc.spans"],
    requires=["token.dep", "token.head", "token.tag", "token.pos", "token.lemma", "token.is_sent_start"],
)
def make_states(nlp: Language, name: str) -> StatesComponent:
    """The country-form finder (span groups ``diplotext_country_forms`` and ``diplotext_states``)."""
    return StatesComponent(nlp, name)
