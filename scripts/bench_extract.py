#!/usr/bin/env python3
"""Speed of diplotext.extract_many against the bare base model's nlp.pipe, on the same real texts.

Each variant runs in its own subprocess (so peak RSS is its own): load, one warm-up pass over a few
texts, then a timed pass over all texts. Prints docs/s, tokens/s, peak memory (ru_maxrss and the
tracemalloc peak of the timed pass) and the ratio diplotext/base (target >= 0.9).

    python scripts/bench_extract.py [--repeat N] [--batch-size B] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "archive" / "html-sample"


def load_texts(limit: int | None) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if ARCHIVE.is_dir():
        from diplotext.textify import html_to_text

        for p in sorted(ARCHIVE.glob("*.html")):
            try:
                t = html_to_text(p.read_text(encoding="utf-8", errors="replace")).text
            except Exception as err:  # a page textify cannot read is skipped, not fatal
                print(f"skip {p.name}: {err}", file=sys.stderr)
                continue
            if t and t.strip():
                texts.append(t)
    return texts[:limit] if limit else texts


def run_variant(variant: str, batch_size: int, repeat: int, limit: int | None) -> dict:
    import resource
    import time
    import tracemalloc

    texts = load_texts(limit)
    if variant == "base":
        import spacy

        from diplotext.pipeline import BASE_MODEL

        nlp = spacy.load(BASE_MODEL)

        def run(ts: list[str]) -> int:
            return sum(len(d) for d in nlp.pipe(ts, batch_size=batch_size))
    else:
        import diplotext

        nlp = diplotext.load()

        def run(ts: list[str]) -> int:
            return sum(1 for _ in diplotext.extract_many(ts, batch_size=batch_size, nlp=nlp))

    run(texts[:5])  # warm-up: lazy tables, gazetteer, dateparser
    tokens = sum(len(nlp.make_doc(t)) for t in texts) * repeat
    tracemalloc.start()
    t0 = time.perf_counter()
    for _ in range(repeat):
        run(texts)
    seconds = time.perf_counter() - t0
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # the timed pass again without tracemalloc's overhead, for the speed figures
    t0 = time.perf_counter()
    for _ in range(repeat):
        run(texts)
    seconds = time.perf_counter() - t0
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs = len(texts) * repeat
    return {"variant": variant, "docs": docs, "tokens": tokens, "chars": sum(map(len, texts)) * repeat,
            "seconds": round(seconds, 3), "docs_per_s": round(docs / seconds, 1), "tokens_per_s": round(tokens / seconds),
            "peak_rss_mb": round(maxrss_kb / 1024, 1), "tracemalloc_peak_mb": round(traced_peak / 2**20, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    ap.add_argument("--variant", choices=["base", "diplotext"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.batch_size, args.repeat, args.limit)))
        return 0
    rows = {}
    for variant in ("base", "diplotext"):
        cmd = [sys.executable, __file__, "--variant", variant, "--repeat", str(args.repeat), "--batch-size", str(args.batch_size)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            sys.exit(f"bench_extract: the {variant} run failed:\n{proc.stderr[-3000:]}")
        out = proc.stdout
        rows[variant] = json.loads(out.strip().splitlines()[-1])
    print(f"{'variant':10s} {'docs':>6s} {'tokens':>8s} {'seconds':>8s} {'docs/s':>8s} {'tokens/s':>9s} {'peak RSS MB':>12s} {'tracemalloc MB':>15s}")
    for r in rows.values():
        print(f"{r['variant']:10s} {r['docs']:6d} {r['tokens']:8d} {r['seconds']:8.2f} {r['docs_per_s']:8.1f} {r['tokens_per_s']:9d} "
              f"{r['peak_rss_mb']:12.1f} {r['tracemalloc_peak_mb']:15.1f}")
    ratio = rows["diplotext"]["tokens_per_s"] / rows["base"]["tokens_per_s"]
    print(f"ratio diplotext/base (tokens/s): {ratio:.3f}  (target >= 0.9: {'met' if ratio >= 0.9 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
