"""Turn gold files (``NAME.txt`` + ``NAME.gold.json``) into spaCy DocBins for training.

``convert(corpus_dir, out_dir)`` writes, with a seeded document-level split:

- ``train.spacy`` / ``dev.spacy``: one reference Doc per document, tokenised by
  the base model's tokenizer, with span groups for all four areas
  (``diplotext_parties``, labelled with the party id; ``diplotext_counts``,
  labelled with the unit; ``diplotext_dates``, with the TIMEX3 type;
  ``diplotext_commitments``, with the kind) and ``doc.ents`` for NER
  fine-tuning: gold party names and aliases found in the text as ORG, PERSON or
  GPE, the base model's other entity types kept where they do not clash, every
  other token left *missing* (not "outside"), so fine-tuning does not unlearn
  what the gold does not annotate;
- ``commitments_train.spacy`` / ``commitments_dev.spacy``: one Doc per segment
  (sentence, cut again at line breaks, exactly as the cues component
  segments) with ``doc.cats`` over pledge/support/opposition/aspiration: 1.0
  where the segment overlaps a gold commitment of that kind by at least half of
  either span, else 0.0. Segments that touch only an optional commitment are
  left out;
- ``split.json``: the document names of each side.

The gold fixture ``china-pakistan-2021`` (also in the shared dev set) always
goes to the dev side, so dev-set scores stay clean of training data.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from ..components.cues import KINDS, segments
from ..scoring import load_gold

ALWAYS_DEV = ("china-pakistan-2021",)
NER_LABEL = {"state": "GPE", "organization": "ORG", "person": "PERSON"}
SPAN_KEYS = {"parties": "diplotext_parties", "counts": "diplotext_counts", "dates": "diplotext_dates",
             "commitments": "diplotext_commitments"}

__all__ = ["convert", "evaluation_only", "gold_to_doc", "segment_docs", "split_names"]


def doc_name(gold: dict[str, Any]) -> str:
    """The name a document is split by: its file stem where known (doc_ids need not be unique
    across folders), else its doc_id."""
    return gold.get("_name") or gold["doc_id"]


def read_corpus(corpus_dir: str | Path) -> list[dict[str, Any]]:
    """Gold documents of a folder, each with its text (``_text``) and file stem (``_name``)."""
    corpus_dir = Path(corpus_dir)
    golds = load_gold(corpus_dir)
    for g, f in zip(golds, sorted(corpus_dir.glob("*.gold.json")), strict=True):
        g["_name"] = f.name[: -len(".gold.json")]
    return golds


def evaluation_only(corpus_dir: str | Path) -> set[str]:
    """Names the corpus manifest marks ``evaluation_only`` (texts whose licence allows scoring, not training)."""
    manifest = Path(corpus_dir) / "manifest.jsonl"
    if not manifest.is_file():
        return set()
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {str(r["name"]) for r in rows if r.get("evaluation_only")}


def split_names(names: Iterable[str], dev_fraction: float = 0.2, seed: int = 0,
                keep_out: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """A seeded document-level split; the fixture and the ``keep_out`` names (evaluation-only
    texts) are always on the dev side."""
    names = sorted(set(names))
    held = set(ALWAYS_DEV) | set(keep_out)
    fixed = [n for n in names if n in held]
    rest = [n for n in names if n not in held]
    random.Random(seed).shuffle(rest)
    n_dev = max(0, math.ceil(dev_fraction * len(names)) - len(fixed)) if dev_fraction > 0 else 0
    dev = sorted(fixed + rest[:n_dev])
    train = sorted(rest[n_dev:])
    return train, dev


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle.strip():
        return []
    rx = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def _party_mentions(text: str, parties: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Non-overlapping occurrences of gold party names and aliases, longest names first."""
    forms: list[tuple[str, dict[str, Any]]] = []
    for p in parties:
        for name in [p.get("name", ""), *(p.get("aliases") or [])]:
            if name and len(name) > 1:
                forms.append((name, p))
    forms.sort(key=lambda x: -len(x[0]))
    taken = [False] * (len(text) + 1)
    out = []
    for name, p in forms:
        for s, e in _find_all(text, name):
            if any(taken[s:e]):
                continue
            for k in range(s, e):
                taken[k] = True
            out.append((s, e, p))
    return sorted(out, key=lambda x: x[0])


def _spans(doc: Doc, items: Iterable[dict[str, Any]], label_of: Callable[[dict[str, Any]], str]) -> list[Span]:
    """Spans of ``doc`` over the gold items' character offsets, widened to token bounds, labelled
    by ``label_of``; an item no token range can hold is left out rather than failing the document."""
    out = []
    for it in items:
        sp = doc.char_span(it["start"], it["end"], label=str(label_of(it)), alignment_mode="expand")
        if sp is not None:
            out.append(sp)
    return out


def gold_to_doc(nlp: Language, gold: dict[str, Any], base_doc: Doc | None = None) -> Doc:
    """The reference Doc of one gold document (``base_doc``: the base model's parse, for its other entities)."""
    text = gold["_text"]
    doc = nlp.make_doc(text)
    doc.user_data["diplotext_doc_id"] = gold["doc_id"]
    if gold.get("reference_date"):
        doc.user_data["diplotext_reference_date"] = gold["reference_date"]
    mentions = _party_mentions(text, gold.get("parties", []))
    doc.spans[SPAN_KEYS["parties"]] = [sp for s, e, p in mentions
                                       if (sp := doc.char_span(s, e, label=p["id"], alignment_mode="expand")) is not None]
    doc.spans[SPAN_KEYS["counts"]] = _spans(doc, gold.get("counts", []), lambda it: it.get("unit") or "count")
    doc.spans[SPAN_KEYS["dates"]] = _spans(doc, gold.get("dates", []), lambda it: it.get("type") or "date")
    doc.spans[SPAN_KEYS["commitments"]] = _spans(doc, gold.get("commitments", []), lambda it: it["kind"])
    # entities: gold parties, then the base model's other types where free
    ents: list[Span] = []
    used: set[int] = set()
    for s, e, p in mentions:
        sp = doc.char_span(s, e, label=NER_LABEL.get(str(p.get("kind")), "ORG"), alignment_mode="expand")
        if sp is None or used & set(range(sp.start, sp.end)):
            continue
        ents.append(sp)
        used |= set(range(sp.start, sp.end))
    if base_doc is not None:
        for ent in base_doc.ents:
            if ent.label_ in NER_LABEL.values():
                continue
            sp = doc.char_span(ent.start_char, ent.end_char, label=ent.label_, alignment_mode="expand")
            if sp is None or used & set(range(sp.start, sp.end)):
                continue
            ents.append(sp)
            used |= set(range(sp.start, sp.end))
    doc.set_ents(sorted(ents, key=lambda s: s.start), default="missing")
    return doc


def _cover(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two char ranges as a share of the shorter."""
    ov = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return ov / max(1, min(a[1] - a[0], b[1] - b[0]))


def segment_docs(nlp: Language, gold: dict[str, Any], parsed: Doc) -> list[Doc]:
    """One Doc per segment of ``parsed`` with commitment-kind cats."""
    out = []
    gold_items = [(c["start"], c["end"], c["kind"]) for c in gold.get("commitments", [])]
    optional = [(c["start"], c["end"]) for c in gold.get("commitments_optional", [])]
    for seg in segments(parsed):
        rng = (seg.start_char, seg.end_char)
        cats = dict.fromkeys(KINDS, 0.0)
        for s, e, kind in gold_items:
            if _cover(rng, (s, e)) >= 0.5:
                cats[kind] = 1.0
        if not any(cats.values()) and any(_cover(rng, o) >= 0.5 for o in optional):
            continue
        d = nlp.make_doc(seg.text)
        d.cats = cats
        d.user_data["diplotext_doc_id"] = gold["doc_id"]
        out.append(d)
    return out


def convert(corpus_dir: str | Path, out_dir: str | Path, *, dev_fraction: float = 0.2, seed: int = 0,
            base_model: str | None = None) -> dict[str, Any]:
    """Write the DocBins and ``split.json`` into ``out_dir``; return a summary."""
    import spacy

    from ..pipeline import BASE_MODEL

    golds = read_corpus(corpus_dir)
    if not golds:
        raise FileNotFoundError(f"no *.gold.json files in {corpus_dir}")
    nlp = spacy.load(base_model or BASE_MODEL)
    train_names, dev_names = split_names([doc_name(g) for g in golds], dev_fraction, seed, keep_out=evaluation_only(corpus_dir))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    bins = {k: DocBin(store_user_data=True) for k in ("train", "dev", "commitments_train", "commitments_dev")}
    side = {n: "train" for n in train_names} | {n: "dev" for n in dev_names}
    parsed_docs = nlp.pipe([g["_text"] for g in golds], batch_size=16)
    counts = {k: 0 for k in bins}
    for g, parsed in zip(golds, parsed_docs, strict=True):
        part = side[doc_name(g)]
        bins[part].add(gold_to_doc(nlp, g, parsed))
        counts[part] += 1
        for d in segment_docs(nlp, g, parsed):
            bins[f"commitments_{part}"].add(d)
            counts[f"commitments_{part}"] += 1
    for k, db in bins.items():
        db.to_disk(out_dir / f"{k}.spacy")
    summary = {"corpus": str(corpus_dir), "seed": seed, "dev_fraction": dev_fraction,
               "train": train_names, "dev": dev_names, "docs": counts}
    (out_dir / "split.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return summary
