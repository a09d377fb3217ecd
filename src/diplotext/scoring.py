"""Score extractions against gold files, by the rules of the reference scorer.

Same matching as ``../shared/tools/score.py`` (and ``ANNOTATION.md``, "How
extractions are scored"), kept in the package so the repository scores without
the shared tree:

- parties match by normalised name or alias (a state also by its ISO code, a
  non-state also when one name of two or more words stands inside the other);
  strict also needs ``kind`` and ``country``;
- counts and dates match by overlapping spans, strict also needs ``value``;
- commitments match when they overlap at least half the gold span, strict also
  needs ``kind`` and the ``actors`` (as matched parties);
- a prediction overlapping only an optional item is ignored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AREAS = ("parties", "counts", "dates", "commitments")

Item = Mapping[str, Any]  # one gold or predicted item (count, date, commitment) as JSON
Error = tuple[Any, ...]  # (doc_id, area, "FP" | "FN" | "WRONG" | ..., details...)
DetailCheck = Callable[[Item, Item], tuple[bool, str]]  # (prediction, gold) -> (strict match?, why not)

__all__ = ["AREAS", "Report", "Tally", "format_report", "load_gold", "score", "score_doc"]


def norm_name(s: str) -> str:
    """A party name as the scorer compares it: NFKC, casefolded, no leading "the", punctuation
    and runs of spaces collapsed, so "the U.S." and "U.S" match as the annotation contract says."""
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").casefold()
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w' ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def contains(a: str, b: str) -> bool:
    """One normalised name inside the other, the shorter being at least two words."""
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) >= 2 and f" {short} " in f" {long_} "


def overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """Characters two ``start``/``end`` items share (0 when apart): span matching is by overlap,
    not exact offsets, because annotators and rules disagree on the edges."""
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def as_dict(obj: Any) -> dict[str, Any]:
    """A prediction as a JSON dict, whether an Extraction, its JSON text or already a dict, so
    callers score live output and saved batch lines alike."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, str):
        return json.loads(obj)
    return obj


@dataclass
class Tally:
    """Matches of one area: ``tp`` lenient (span or name matched), ``strict_tp`` those also right in
    every detail, ``fp``/``fn`` unmatched predictions and gold items."""

    tp: int = 0
    strict_tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self, strict: bool) -> tuple[float, float, float]:
        """Precision, recall and F1 (rounded to 4 places), lenient or strict; an empty area scores 1."""
        tp = self.strict_tp if strict else self.tp
        # an item matched leniently but wrong in detail counts as FP and FN when strict
        fp = self.fp + (self.tp - tp)
        fn = self.fn + (self.tp - tp)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 4), round(r, 4), round(f, 4)

    def row(self) -> dict[str, Any]:
        """The tally and both P/R/F1 triples, as the reference scorer's JSON report holds them."""
        return {"tp": self.tp, "strict_tp": self.strict_tp, "fp": self.fp, "fn": self.fn,
                "lenient_prf": self.prf(False), "strict_prf": self.prf(True)}


@dataclass
class Report:
    """A scoring run: per-area tallies, the error list (``--errors``) and the time spent extracting."""

    documents: int
    tallies: dict[str, Tally]
    errors: list[Error] = field(default_factory=list)
    seconds: float = 0.0

    def strict_f1(self) -> dict[str, float]:
        """Strict F1 per area: the figure the regression test pins (tests/regression_baseline.json)."""
        return {area: tally.prf(True)[2] for area, tally in self.tallies.items()}

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON (without the error list), as ``diplotext evaluate --json`` writes it."""
        return {"documents": self.documents, "seconds_in_extract": round(self.seconds, 3),
                "areas": {a: t.row() for a, t in self.tallies.items()}}


def party_keys(p: Mapping[str, Any]) -> set[str]:
    """Every key a party can be matched by: its normalised name and aliases, and ``iso:XXX`` for a
    state, so "Pakistan" and "Islamic Republic of Pakistan" meet through PAK."""
    keys = {norm_name(p.get("name", ""))}
    keys |= {norm_name(a) for a in p.get("aliases") or []}
    if p.get("kind") == "state" and p.get("country"):
        keys.add("iso:" + p["country"].upper())
    return {k for k in keys if k}


def match_parties(gold: Mapping[str, Any], pred: Mapping[str, Any], tally: Tally, errors: list[Error],
                  doc_id: str) -> dict[str, str]:
    """A map from predicted party id to gold party id (commitment actors are compared through it)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    optional = {k for g in gold.get("parties_optional", []) for k in party_keys(g)}
    for pp in pred.get("parties", []):
        pk = party_keys(pp)
        hit = None
        for g in gold["parties"]:
            if g["id"] not in used and pk & party_keys(g):
                hit = g
                break
        if hit is None and pp.get("kind") != "state":
            for g in gold["parties"]:
                if g["id"] in used or g["kind"] == "state":
                    continue
                if any(contains(a, b) for a in pk for b in party_keys(g)):
                    hit = g
                    break
        if hit is None:
            if pk & optional:
                continue
            tally.fp += 1
            errors.append((doc_id, "parties", "FP", pp.get("name"), pp.get("kind"), pp.get("country")))
            continue
        used.add(hit["id"])
        mapping[pp.get("id")] = hit["id"]
        tally.tp += 1
        if pp.get("kind") == hit["kind"] and (pp.get("country") or None) == (hit.get("country") or None):
            tally.strict_tp += 1
        else:
            errors.append((doc_id, "parties", "WRONG", pp.get("name"), f"kind={pp.get('kind')} country={pp.get('country')}",
                           f"gold kind={hit['kind']} country={hit.get('country')}"))
    for g in gold["parties"]:
        if g["id"] not in used:
            tally.fn += 1
            errors.append((doc_id, "parties", "FN", g["name"], g["kind"], g.get("country")))
    return mapping


def match_spans(area: str, gold_items: list[Item], optional_items: list[Item], pred_items: list[Item], tally: Tally,
                errors: list[Error], doc_id: str, detail_ok: DetailCheck, min_frac: float = 0.0) -> None:
    """Match predicted to gold spans of one area, each gold item at most once, by largest overlap
    (at least ``min_frac`` of the gold span); ``detail_ok`` decides the strict match. A prediction
    that overlaps only an optional gold item is neither right nor wrong."""
    used: set[int] = set()
    for it in pred_items:
        if "start" not in it or "end" not in it:
            tally.fp += 1
            errors.append((doc_id, area, "FP-nospan", it.get("text")))
            continue
        best, best_ov = None, 0
        for i, g in enumerate(gold_items):
            if i in used:
                continue
            ov = overlap(it, g)
            need = max(1, int(min_frac * (g["end"] - g["start"])))
            if ov >= need and ov > best_ov:
                best, best_ov = i, ov
        if best is None:
            if any(overlap(it, o) > 0 for o in optional_items):
                continue
            tally.fp += 1
            errors.append((doc_id, area, "FP", it.get("text"), it.get("value", it.get("kind"))))
            continue
        used.add(best)
        g = gold_items[best]
        tally.tp += 1
        ok, why = detail_ok(it, g)
        if ok:
            tally.strict_tp += 1
        else:
            errors.append((doc_id, area, "WRONG", g["text"][:80], why))
    for i, g in enumerate(gold_items):
        if i not in used:
            tally.fn += 1
            errors.append((doc_id, area, "FN", g["text"][:80], g.get("value", g.get("kind"))))


def same_number(a: Any, b: Any) -> bool:
    """Equal as numbers up to float noise ("9", 9 and 9.0 agree); anything unparsable disagrees."""
    try:
        return abs(float(a) - float(b)) < 1e-9 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def score_doc(gold: Mapping[str, Any], pred: Mapping[str, Any], tallies: dict[str, Tally], errors: list[Error]) -> None:
    """Add one document's matches to ``tallies`` (and its misses to ``errors``)."""
    doc_id = gold["doc_id"]
    mapping = match_parties(gold, pred, tallies["parties"], errors, doc_id)

    def count_ok(p: Item, g: Item) -> tuple[bool, str]:
        """A count matches when its value is the gold one (the span is matched already)."""
        if not same_number(p.get("value"), g["value"]):
            return False, f"value {p.get('value')!r} != {g['value']!r}"
        return True, ""

    def date_ok(p: Item, g: Item) -> tuple[bool, str]:
        """A date matches when its TIMEX3 value is the gold one."""
        if str(p.get("value")) != g["value"]:
            return False, f"value {p.get('value')!r} != {g['value']!r}"
        return True, ""

    def commitment_ok(p: Item, g: Item) -> tuple[bool, str]:
        """A commitment matches when its kind and its actors (mapped to gold party ids) are the gold ones."""
        actors = {mapping.get(a, "?" + str(a)) for a in p.get("actors") or []}
        if p.get("kind") != g["kind"]:
            return False, f"kind {p.get('kind')!r} != {g['kind']!r}"
        if actors != set(g["actors"]):
            return False, f"actors {sorted(actors)} != {sorted(g['actors'])}"
        return True, ""

    match_spans("counts", gold["counts"], gold.get("counts_optional", []), pred.get("counts", []),
                tallies["counts"], errors, doc_id, count_ok)
    match_spans("dates", gold["dates"], gold.get("dates_optional", []), pred.get("dates", []),
                tallies["dates"], errors, doc_id, date_ok)
    match_spans("commitments", gold["commitments"], gold.get("commitments_optional", []),
                pred.get("commitments", []), tallies["commitments"], errors, doc_id, commitment_ok, min_frac=0.5)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold files (``NAME.gold.json`` with ``NAME.txt`` beside it) of a folder, or one file; text under ``_text``."""
    path = Path(path)
    files = sorted(path.glob("*.gold.json")) if path.is_dir() else [path]
    docs: list[dict[str, Any]] = []
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        g["_text"] = f.with_name(f.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
        docs.append(g)
    return docs


def score(golds: Iterable[Mapping[str, Any]], preds: Mapping[str, Any]) -> Report:
    """Score predictions (Extractions or dicts, by doc_id) against gold documents."""
    golds = list(golds)
    tallies = {a: Tally() for a in AREAS}
    errors: list[Error] = []
    for g in golds:
        p = preds.get(g["doc_id"])
        if p is None:
            p = {}
            errors.append((g["doc_id"], "doc", "MISSING"))
        score_doc(g, as_dict(p), tallies, errors)
    return Report(len(golds), tallies, errors)


def format_report(report: Report) -> str:
    """The reference scorer's lines: strict and lenient P/R/F1 per area, then a one-line summary."""
    lines = []
    for a, t in report.tallies.items():
        r = t.row()
        lines.append(f"{a:12s} strict P/R/F1 {r['strict_prf']}  lenient {r['lenient_prf']}  "
                     f"tp={r['tp']} strict_tp={r['strict_tp']} fp={r['fp']} fn={r['fn']}")
    summary = " ".join(f"{a}={t.prf(True)[2]:.3f}" for a, t in report.tallies.items())
    lines.append(f"strict F1 over {report.documents} docs: {summary}")
    if report.seconds:
        lines.append(f"{report.documents / report.seconds:.2f} docs/s ({report.seconds:.2f}s in extract)")
    return "\n".join(lines)
