"""diplotext_linebreaks: a line break ends a sentence, before the parser runs.

Press releases put titles, datelines, lead-ins ending in ":" and bullets on
lines of their own. en_core_web_sm's parser often runs a title into the first
paragraph, and a tree that spans both breaks subjects, cues and clauses. Marking
the token after each line break as a sentence start constrains the parser.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc


class LinebreaksComponent:
    """Set ``is_sent_start`` on the first token after every line break, so that the parser that
    runs next never builds one tree over a title and the paragraph below it."""

    def __init__(self, nlp: Language, name: str = "diplotext_linebreaks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark the token after each whitespace token holding a newline (not spaces, not a break
        at the end of the text) as a sentence start."""
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                nxt = doc[tok.i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc

    # nothing to save: the component holds no data, but nlp.to_disk/from_disk call these for every pipe
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Create the component's (empty) folder, as spaCy expects of a saved pipe."""
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LinebreaksComponent:
        """Nothing to read: the component is the same whatever was saved."""
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """No data: empty bytes."""
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LinebreaksComponent:
        """Nothing to restore."""
        return self


@Language.factory("diplotext_linebreaks", assigns=["token.is_sent_start"], requires=[])
def make_linebreaks(nlp: Language, name: str) -> LinebreaksComponent:
    """The line-break sentence marker; it goes before the parser (reads the text only)."""
    return LinebreaksComponent(nlp, name)
