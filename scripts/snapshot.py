#!/usr/bin/env python3
"""Behaviour snapshot: every extraction of a fixed set of real texts, to compare two versions exactly.

A refactor that should not change behaviour must give the same snapshot. The texts are the corpus
(with its gold reference dates), the shared dev set and the shared archive's HTML sample (where
../shared is present). Writes one JSON line per document, sorted by id.

    python scripts/snapshot.py OUT.jsonl [--limit N]
    python scripts/snapshot.py NEW.jsonl --compare OLD.jsonl    # prints differing documents per area
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
AREAS = ("parties", "counts", "dates", "commitments", "warnings")


def items(limit: int | None) -> list[tuple[str, str, str | None]]:
    """(id, text, reference date) for each document, corpus first."""
    out: list[tuple[str, str, str | None]] = []
    for folder, tag in ((ROOT / "corpus", "corpus"), (SHARED / "gold" / "dev", "dev")):
        for gold in sorted(folder.glob("*.gold.json")):
            txt = gold.with_name(gold.name.removesuffix(".gold.json") + ".txt")
            if txt.exists():
                ref = json.loads(gold.read_text(encoding="utf-8")).get("reference_date")
                out.append((f"{tag}/{txt.stem}", txt.read_text(encoding="utf-8"), ref))
    sample = SHARED / "archive" / "html-sample"
    if sample.is_dir():
        from diplotext.textify import html_to_text

        for p in sorted(sample.glob("*.html")):
            page = html_to_text(p.read_text(encoding="utf-8", errors="replace"))
            if page.text and page.text.strip():
                out.append((f"html/{p.stem}", page.text, None))
    return out[:limit] if limit else out


def run(out_path: Path, limit: int | None) -> None:
    import diplotext

    docs = items(limit)
    pairs = [(text, {"doc_id": doc_id, "reference_date": ref}) for doc_id, text, ref in docs]
    with out_path.open("w", encoding="utf-8") as fh:
        for ex in diplotext.extract_many(pairs):
            d = ex.model_dump(mode="json")
            fh.write(json.dumps({k: d[k] for k in ("doc_id", *AREAS)}, sort_keys=True) + "\n")
    print(f"{len(docs)} documents -> {out_path}")


def compare(new: Path, old: Path) -> int:
    a = {d["doc_id"]: d for d in map(json.loads, old.read_text(encoding="utf-8").splitlines())}
    b = {d["doc_id"]: d for d in map(json.loads, new.read_text(encoding="utf-8").splitlines())}
    diffs = 0
    for area in AREAS:
        ids = [i for i in a if i in b and a[i][area] != b[i][area]]
        diffs += len(ids)
        print(f"{area}: {len(ids)} documents differ" + (f" (first: {ids[0]})" if ids else ""))
        for i in ids[:3]:
            old_items = [json.dumps(x, sort_keys=True) for x in a[i][area]]
            new_items = [json.dumps(x, sort_keys=True) for x in b[i][area]]
            for x in old_items:
                if x not in new_items:
                    print(f"  {i} - {x[:300]}")
            for x in new_items:
                if x not in old_items:
                    print(f"  {i} + {x[:300]}")
    missing = set(a) ^ set(b)
    if missing:
        print(f"{len(missing)} documents in only one snapshot")
    return 1 if diffs or missing else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--compare", type=Path, help="an older snapshot: compare OUT with it instead of writing OUT")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    if args.compare:
        return compare(args.out, args.compare)
    run(args.out, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
