#!/usr/bin/env python3
"""Strict F1 per area for each publisher of a gold folder, from its manifest.jsonl.

A set scored as one number hides which governments and bodies the rules fit: this prints one row per
publisher group (documents, strict F1 per area) and the whole set, as a Markdown table for the README.
Publishers are grouped by ``publisher_party`` (a state code or an organisation's name; news agencies
by their own name), so the many spellings of one ministry count together.

    python scripts/score_by_publisher.py corpus/heldout              # the publisher-held-out split
    python scripts/score_by_publisher.py corpus --min-docs 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import defaultdict
from pathlib import Path

AREAS = ("parties", "counts", "dates", "commitments")


def group_of(row: dict) -> str:
    """The row's publisher group: the agency for news, else the publishing state or body."""
    if row.get("publisher_kind") == "news":
        return str(row.get("publisher") or "?").split(" (")[0]
    return str(row.get("publisher_party") or row.get("publisher") or "?")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--min-docs", type=int, default=1, help="fold smaller groups into 'other'")
    args = ap.parse_args(argv)
    manifest = args.folder / "manifest.jsonl"
    if not manifest.is_file():
        print(f"score_by_publisher: {manifest} not found", file=sys.stderr)
        return 2
    import diplotext
    from diplotext.scoring import load_gold, score

    rows = {r["name"]: r for r in map(json.loads, manifest.read_text(encoding="utf-8").splitlines()) if r}
    golds = [g for g in load_gold(args.folder) if g["doc_id"] in rows]
    nlp = diplotext.load()
    preds = {g["doc_id"]: diplotext.extract(g["_text"], reference_date=dt.date.fromisoformat(g["reference_date"]), nlp=nlp)
             for g in golds}
    groups: dict[str, list[dict]] = defaultdict(list)
    for g in golds:
        groups[group_of(rows[g["doc_id"]])].append(g)
    small = [k for k, v in groups.items() if len(v) < args.min_docs]
    if small:
        groups["other"] = [g for k in small for g in groups.pop(k)]
    print("| publisher | documents | " + " | ".join(AREAS) + " |")
    print("|---|---|" + "---|" * len(AREAS))
    for name in sorted(groups, key=lambda k: (k == "other", -len(groups[k]), k)):
        f1 = score(groups[name], preds).strict_f1()
        print(f"| {name} | {len(groups[name])} | " + " | ".join(f"{f1[a]:.3f}" for a in AREAS) + " |")
    total = score(golds, preds).strict_f1()
    print(f"| **all** | {len(golds)} | " + " | ".join(f"{total[a]:.3f}" for a in AREAS) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
