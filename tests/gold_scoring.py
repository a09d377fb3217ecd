"""Strict/lenient F1 of an Extraction against a gold file, matching as ../shared/tools/score.py does.

A minimal re-implementation for the tests (the project's tests must not import ../shared):
parties match by normalised name/alias or ISO code (or, for non-states, one name of two or
more words inside the other); spans match by overlap (commitments: half the gold span);
strict also needs kind/country, value, or kind and actors to agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

AREAS = ("parties", "counts", "dates", "commitments")


@dataclass
class Tally:
    tp: int = 0
    strict_tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self, strict: bool = True) -> float:
        tp = self.strict_tp if strict else self.tp
        fp = self.fp + (self.tp - tp)
        fn = self.fn + (self.tp - tp)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return round(2 * p * r / (p + r), 4) if p + r else 0.0


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").casefold()
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"[^\w' ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _contains(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) >= 2 and f" {short} " in f" {long_} "


def _party_keys(p: dict[str, Any]) -> set[str]:
    keys = {norm_name(p.get("name", ""))} | {norm_name(a) for a in p.get("aliases") or []}
    if p.get("kind") == "state" and p.get("country"):
        keys.add("iso:" + p["country"].upper())
    return {k for k in keys if k}


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _match_parties(gold: dict[str, Any], pred: dict[str, Any], t: Tally) -> dict[str, str]:
    mapping: dict[str, str] = {}
    used: set[str] = set()
    optional = {k for g in gold.get("parties_optional", []) for k in _party_keys(g)}
    for pp in pred.get("parties", []):
        pk = _party_keys(pp)
        hit = next((g for g in gold["parties"] if g["id"] not in used and pk & _party_keys(g)), None)
        if hit is None and pp.get("kind") != "state":
            hit = next(
                (g for g in gold["parties"] if g["id"] not in used and g["kind"] != "state"
                 and any(_contains(a, b) for a in pk for b in _party_keys(g))),
                None,
            )
        if hit is None:
            if not pk & optional:
                t.fp += 1
            continue
        used.add(hit["id"])
        mapping[pp["id"]] = hit["id"]
        t.tp += 1
        t.strict_tp += pp.get("kind") == hit["kind"] and (pp.get("country") or None) == (hit.get("country") or None)
    t.fn += sum(1 for g in gold["parties"] if g["id"] not in used)
    return mapping


def _match_spans(gold: list[dict], optional: list[dict], pred: list[dict], t: Tally, ok, min_frac: float = 0.0) -> None:
    used: set[int] = set()
    for it in pred:
        best, best_ov = None, 0
        for i, g in enumerate(gold):
            if i in used:
                continue
            ov = _overlap(it, g)
            if ov >= max(1, int(min_frac * (g["end"] - g["start"]))) and ov > best_ov:
                best, best_ov = i, ov
        if best is None:
            if not any(_overlap(it, o) > 0 for o in optional):
                t.fp += 1
            continue
        used.add(best)
        t.tp += 1
        t.strict_tp += bool(ok(it, gold[best]))
    t.fn += len(gold) - len(used)


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Tally]:
    """Tallies per area for one document."""
    tallies = {a: Tally() for a in AREAS}
    mapping = _match_parties(gold, pred, tallies["parties"])

    def same_number(p: dict, g: dict) -> bool:
        return abs(float(p["value"]) - float(g["value"])) < 1e-9 * max(1.0, abs(float(g["value"])))

    def commitment_ok(p: dict, g: dict) -> bool:
        actors = {mapping.get(a, "?" + a) for a in p.get("actors") or []}
        return p.get("kind") == g["kind"] and actors == set(g["actors"])

    _match_spans(gold["counts"], gold.get("counts_optional", []), pred.get("counts", []), tallies["counts"], same_number)
    _match_spans(gold["dates"], gold.get("dates_optional", []), pred.get("dates", []), tallies["dates"],
                 lambda p, g: str(p["value"]) == g["value"])
    _match_spans(gold["commitments"], gold.get("commitments_optional", []), pred.get("commitments", []),
                 tallies["commitments"], commitment_ok, min_frac=0.5)
    return tallies


def strict_f1(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, float]:
    return {area: t.f1(strict=True) for area, t in score(gold, pred).items()}
