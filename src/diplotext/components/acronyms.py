"""diplotext_acronyms: abbreviation definitions, "Long Form (LF)", by Schwartz & Hearst (2003).

An abbreviation defined in the text ("Communist Party of China (CPC)") tells the
later components two things: the long form is one name, and every later "CPC"
is that name. Finding definitions is generic (scispacy ships it as its own
``abbreviation_detector``), so this component knows nothing about organisations:
whether a long form is a body or a state's own name ("People's Republic of China
(PRC)") is decided by diplotext_orgs.

Writes span group ``diplotext_acronyms``: one span per long form, labelled with
its short form, and ``attrs["definitions"]``: a list of
``{"short", "short_start", "short_end", "long_start", "long_end"}`` with the
exact character offsets, in text order (token spans may not reproduce them).
"""

from __future__ import annotations

import re
from typing import ClassVar

from spacy.language import Language
from spacy.tokens import Doc

from ..util import doc_text
from ._base import LEXICON_SLOTS, DataPipe, Slot
from ._mentions import ACRONYMS_KEY, AcronymDefinition, char_spans, write_group

__all__ = ["AcronymsComponent", "find_definitions", "long_form", "sh_match"]

# "(CPC)", "(U.S.)": a parenthesised short form of up to 12 characters (shape, not vocabulary)
_ACRONYM = re.compile(r"\(\s*((?:[A-Z][a-z]+\s)?[A-Z][A-Za-z.&-]{1,11})\s*\)")
_WORD = re.compile(r"[\w.'’&-]+")
_WINDOW = 200  # characters before the parenthesis searched for the long form
_MAX_WORDS = 15  # words in a long form


def sh_match(short: str, long: str) -> bool:
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


def _word_run(left: str, connectors: frozenset[str]) -> list[re.Match[str]]:
    """The words that end just before the parenthesis, back to the first lower-case word that is
    not a connector or to punctuation between words; leading connectors dropped."""
    run: list[re.Match[str]] = []
    for w in reversed(list(_WORD.finditer(left))):
        if left[w.end() :].strip(" ") and not run:
            break  # something other than spaces between the last word and "("
        if not w.group()[:1].isupper() and w.group().lower() not in connectors:
            break
        if run and left[w.end() : run[0].start()].strip():
            break  # punctuation between words ends the run
        run.insert(0, w)
        if len(run) >= _MAX_WORDS:
            break
    while run and run[0].group().lower() in connectors:
        run.pop(0)
    return run


def long_form(text: str, paren: int, short: str, connectors: frozenset[str]) -> tuple[int, int] | None:
    """The character span of the shortest run of capitalised words before the parenthesis at
    ``paren`` that spells ``short``; a short form of two words starts at its first word."""
    base = max(0, paren - _WINDOW)
    left = text[base:paren]
    run = _word_run(left, connectors)
    if not run:
        return None
    if " " in short:
        first = short.split()[0]
        k = next((i for i, w in enumerate(run) if w.group() == first), None)
        return None if k is None else (base + run[k].start(), base + run[-1].end())
    letters = re.sub(r"[^A-Za-z]", "", short)
    for k in range(len(run) - 1, -1, -1):
        cand = run[k:]
        if cand[0].group().lower() in connectors:
            continue
        if sh_match(letters, " ".join(w.group() for w in cand)):
            return base + cand[0].start(), base + cand[-1].end()
    return None


def find_definitions(text: str, connectors: frozenset[str]) -> list[AcronymDefinition]:
    """Every abbreviation definition in ``text``, in text order. A short form needs two capitals
    ("(Ms)" defines nothing)."""
    out: list[AcronymDefinition] = []
    for m in _ACRONYM.finditer(text):
        short = m.group(1)
        if len(re.sub(r"[^A-Z]", "", short)) < 2:
            continue
        span = long_form(text, m.start(), short, connectors)
        if span is None:
            continue
        out.append({"short": short, "short_start": m.start(1), "short_end": m.end(1), "long_start": span[0], "long_end": span[1]})
    return out


class AcronymsComponent(DataPipe):
    """Find "Long Form (LF)" definitions, so a body named once in full is known by its short form."""

    slots: ClassVar[dict[str, Slot]] = dict(LEXICON_SLOTS)

    def __init__(self, nlp: Language, name: str = "diplotext_acronyms") -> None:
        super().__init__(nlp, name)
        self._connectors: frozenset[str] = frozenset()

    def setup(self) -> None:
        """The lower-case words a long form may contain (lexicon list ``long_form_connectors``)."""
        self._connectors = self.vocabulary.lower("long_form_connectors")

    def __call__(self, doc: Doc) -> Doc:
        """Write span group ``diplotext_acronyms`` with the definitions in its attrs."""
        self.ensure_initialized()
        definitions = find_definitions(doc_text(doc), self._connectors)
        spans = char_spans(doc, [(d["long_start"], d["long_end"], d["short"]) for d in definitions])
        write_group(doc, ACRONYMS_KEY, spans, definitions=definitions)
        return doc


@Language.factory(
    "diplotext_acronyms",
    default_config={},
    # doc.spans["diplotext_acronyms"]; reads the text only
    assigns=["doc.spans"],
    requires=[],
)
def make_acronyms(nlp: Language, name: str) -> AcronymsComponent:
    """The abbreviation detector (span group ``diplotext_acronyms``)."""
    return AcronymsComponent(nlp, name)
