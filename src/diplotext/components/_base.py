"""The base of every diplotext component that reads vocabulary or gazetteer data.

A component declares its data *slots* (a packaged file and the pydantic model
that validates each row). ``initialize()`` loads every slot from the packaged
file or from a path given in ``[initialize.components.NAME.resources]``;
``to_disk`` writes the rows into the saved pipeline and ``from_disk`` reads them
back from there, so a saved pipeline keeps giving the same output when the
installed package's files change. Settings are factory arguments only: nothing
here is saved that config.cfg also holds.

What a component derives from its rows (word sets, compiled patterns, the
gazetteer) is built on first use and dropped whenever the rows change: the
``vocabulary`` and ``gaz`` properties, matchers built in ``setup()``, and a
component's own rule tables through ``build_rules()`` / ``rules``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

import srsly
from pydantic import BaseModel
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.training import Example

from ..gazetteer import ARTICLES_LIST, PREFIXES_LIST, Gazetteer, gazetteer_from
from ..resources import CountryEntry, LexiconEntry, Official, OrgEntry, PatternEntry, load_rows
from ..util import set_extensions
from ..vocab import Vocabulary

__all__ = ["GAZETTEER_SLOTS", "LEXICON_SLOTS", "DataPipe", "Slot"]

RulesT = TypeVar("RulesT")


@dataclass(frozen=True)
class Slot:
    """One data file a component reads: its packaged name and the model of one row."""

    file: str
    model: type[BaseModel]


LEXICON_SLOTS: dict[str, Slot] = {
    "lexicon": Slot("lexicon.v1.jsonl", LexiconEntry),
    "patterns": Slot("patterns.v1.jsonl", PatternEntry),
}
GAZETTEER_SLOTS: dict[str, Slot] = {
    "countries": Slot("countries.v1.jsonl", CountryEntry),
    "organizations": Slot("organizations.v1.jsonl", OrgEntry),
    "officials": Slot("officials.v1.jsonl", Official),
}


class DataPipe(Pipe, Generic[RulesT]):
    """A pipe whose vocabulary is data: loaded in ``initialize``, saved with ``to_disk``.

    ``RulesT`` is the type of the component's rule tables (``DataPipe[OrgRules]``), for the
    components that keep them in one frozen record built by :meth:`build_rules`."""

    slots: ClassVar[dict[str, Slot]] = {}

    def __init__(self, nlp: Language, name: str, *, scorer: Callable[..., Any] | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.scorer = scorer
        self.data: dict[str, list[Any]] | None = None
        self._vocabulary: Vocabulary | None = None
        self._gazetteer: Gazetteer | None = None
        self._rules: RulesT | None = None
        set_extensions()

    # -- loading ------------------------------------------------------------------------
    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        resources: dict[str, str] | None = None,
    ) -> None:
        """Load and validate every data slot: the packaged file, or the path ``resources`` gives
        for that slot (``[initialize.components.NAME.resources]`` in a training config)."""
        resources = dict(resources or {})
        unknown = set(resources) - set(self.slots)
        if unknown:
            raise ValueError(f"{self.name}: unknown resource slot(s) {sorted(unknown)}; slots are {sorted(self.slots)}")
        self._set_data({slot: load_rows(resources.get(slot, spec.file), spec.model) for slot, spec in self.slots.items()})

    def _set_data(self, data: dict[str, list[Any]]) -> None:
        self.data = data
        self._vocabulary = None
        self._gazetteer = None
        self._rules = None
        self.setup()

    def setup(self) -> None:
        """Build matchers and lookup tables from ``self.data``; components override this."""

    def ensure_initialized(self) -> None:
        """Load the packaged data when the pipe is run without ``initialize`` (``nlp.add_pipe`` then call)."""
        if self.data is None:
            self.initialize()

    @property
    def vocabulary(self) -> Vocabulary:
        """Word lists and patterns from the ``lexicon`` and ``patterns`` slots."""
        self.ensure_initialized()
        if self._vocabulary is None:
            assert self.data is not None
            self._vocabulary = Vocabulary(self.data.get("lexicon", []), self.data.get("patterns", []))
        return self._vocabulary

    @property
    def gaz(self) -> Gazetteer:
        """The gazetteer built from this pipe's country, organisation and official rows and the
        lexicon's words its organisation lookup looks past (shared between pipes that hold the
        same rows)."""
        if self._gazetteer is None:
            self.ensure_initialized()
            assert self.data is not None
            v = self.vocabulary
            self._gazetteer = gazetteer_from(
                self.data["countries"], self.data["organizations"], self.data["officials"],
                articles=v.ordered(ARTICLES_LIST), prefixes=v.ordered(PREFIXES_LIST),
            )
        return self._gazetteer

    def build_rules(self) -> RulesT:
        """The component's rule tables from ``self.vocabulary`` and ``self.gaz``; a component that
        reads :attr:`rules` overrides this."""
        raise NotImplementedError(f"{type(self).__name__} has no rule tables")

    @property
    def rules(self) -> RulesT:
        """The rule tables, built by :meth:`build_rules` on first use and rebuilt after the data
        changes (``initialize``, ``from_disk``, ``from_bytes``): a pipe that is only loaded or saved
        never compiles them."""
        if self._rules is None:
            self.ensure_initialized()
            self._rules = self.build_rules()
        return self._rules

    # -- serialisation ------------------------------------------------------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write every data slot as JSON lines under ``path``."""
        self.ensure_initialized()
        assert self.data is not None
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for slot, spec in self.slots.items():
            srsly.write_jsonl(path / spec.file, [r.model_dump(mode="json", exclude_defaults=True) for r in self.data[slot]])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataPipe:
        """Read the data slots back from a saved pipeline (not from the installed package)."""
        path = Path(path)
        self._set_data({slot: load_rows(path / spec.file, spec.model) for slot, spec in self.slots.items()})
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The data slots as msgpack bytes."""
        self.ensure_initialized()
        assert self.data is not None
        return srsly.msgpack_dumps({slot: [r.model_dump(mode="json", exclude_defaults=True) for r in rows] for slot, rows in self.data.items()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DataPipe:
        """Restore the data slots from :meth:`to_bytes` output, validating every row."""
        obj = srsly.msgpack_loads(data)
        self._set_data({slot: [spec.model.model_validate(r) for r in obj[slot]] for slot, spec in self.slots.items()})
        return self
