#!/usr/bin/env python3
"""A very long text through diplotext.extract (cut into pieces at nlp.max_length): seconds and peak RSS.

The text is the corpus concatenated and repeated up to --mb megabytes (default 20). Runs in this
process; peak RSS is ru_maxrss, reported before and after so the pipeline's own share is visible.

    python scripts/bench_long_text.py [--mb 20]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="size of the text in megabytes (characters / 1e6)")
    args = ap.parse_args(argv)

    import diplotext

    nlp = diplotext.load()
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    target = int(args.mb * 1_000_000)
    text = (base + "\n\n") * (target // (len(base) + 2) + 1)
    text = text[:target]
    diplotext.extract("China and Pakistan signed nine agreements on Thursday.", nlp=nlp)  # warm-up
    before = rss_mb()
    t0 = time.perf_counter()
    ex = diplotext.extract(text, reference_date="2021-12-09", doc_id="long", nlp=nlp)
    seconds = time.perf_counter() - t0
    n_mentions = sum(len(p.mentions) for p in ex.parties)
    print(f"text: {len(text):,} characters ({args.mb:g} MB), nlp.max_length {nlp.max_length:,}")
    print(f"seconds: {seconds:.1f}  ({len(text) / seconds / 1e3:,.0f} k chars/s)")
    print(f"peak RSS: {rss_mb():,.0f} MB (after loading and warm-up: {before:,.0f} MB)")
    print(f"output: {len(ex.parties)} parties ({n_mentions:,} mentions), {len(ex.counts):,} counts, "
          f"{len(ex.dates):,} dates, {len(ex.commitments):,} commitments; warnings: {ex.warnings[-1:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
