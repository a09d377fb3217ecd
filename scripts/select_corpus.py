"""Pick archive releases for annotation and write their texts into corpus/.

Seeded and stratified: half State Department, half White House; within each,
an even spread over kinds of release (joint statements, readouts, fact sheets,
signings and agreements, other statements) and over the publication dates.
Writes ``corpus/NAME.txt`` (title, blank line, body) and adds a line per text
to ``corpus/manifest.jsonl``. Existing names are kept, so rerunning adds none twice.

    python scripts/select_corpus.py ../shared/archive --n 84 --seed 13
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

from diplotext.textify import html_to_text, markdown_to_text

KINDS = {
    "joint": re.compile(r"joint (statement|declaration|readout)|declaration", re.I),
    "readout": re.compile(r"readout|call with|meeting with|meets with", re.I),
    "fact_sheet": re.compile(r"fact sheet", re.I),
    "signing": re.compile(r"sign|memorandum|agreement|accord|mou\b", re.I),
    "statement": re.compile(r"statement|dialogue|partnership|cooperation", re.I),
}


DOMESTIC = re.compile(r"disaster|emergency declaration|storm|hurricane|wildfire|flood|clemency|nominat", re.I)


def kind_of(title: str) -> str | None:
    if DOMESTIC.search(title):
        return None
    for kind, rx in KINDS.items():
        if rx.search(title):
            return kind
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("archive", type=Path)
    ap.add_argument("--out", type=Path, default=Path("corpus"))
    ap.add_argument("--n", type=int, default=84)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-chars", type=int, default=700)
    ap.add_argument("--max-chars", type=int, default=4500)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    manifest = args.out / "manifest.jsonl"
    have = set()
    if manifest.exists():
        have = {json.loads(line)["name"] for line in manifest.read_text().splitlines() if line}
    picked: list[dict] = []
    for fname, field in (("state-dept-2021-2022.jsonl.gz", "html"), ("white-house-statements.jsonl.gz", "markdown")):
        by_kind: dict[str, list[dict]] = {k: [] for k in KINDS}
        with gzip.open(args.archive / fname, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                kind = kind_of(rec["title"])
                if kind is None:
                    continue
                body = html_to_text(rec[field]).text if field == "html" else markdown_to_text(rec[field])
                text = rec["title"].strip().replace("\u00a0", " ").replace("\u2060", "") + "\n\n" + body
                if args.min_chars <= len(text) <= args.max_chars:
                    rec["_text"], rec["_kind"], rec["_file"] = text, kind, fname
                    by_kind[kind].append(rec)
        quota = args.n // 2
        per_kind = {k: quota // len(KINDS) + (1 if i < quota % len(KINDS) else 0) for i, k in enumerate(KINDS)}
        for kind, recs in by_kind.items():
            recs.sort(key=lambda r: r["published"])
            k = min(per_kind[kind], len(recs))
            # even spread over the date-sorted list, jittered by the seed
            step = len(recs) / k if k else 1
            idx = sorted({min(len(recs) - 1, int(i * step + rng.random() * step)) for i in range(k)})
            picked += [recs[i] for i in idx]
    args.out.mkdir(parents=True, exist_ok=True)
    with manifest.open("a", encoding="utf-8") as out:
        for rec in picked:
            name = re.sub(r"[^a-z0-9-]+", "-", rec["id"].lower())[:80].strip("-")
            if name in have:
                continue
            have.add(name)
            (args.out / f"{name}.txt").write_text(rec["_text"], encoding="utf-8")
            row = {"name": name, "id": rec["id"], "source": rec["_file"], "kind": rec["_kind"],
                   "title": rec["title"].strip(), "published": rec["published"],
                   "publisher": rec["publisher"], "url": rec["url"], "chars": len(rec["_text"])}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(have)} texts listed in {manifest}")


if __name__ == "__main__":
    main()
