"""SIGKILL a real `diplotext batch` run at random moments; the reruns must end as one clean run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path


def _start(folder: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "diplotext.cli", "batch", str(folder), "-o", str(out), "--quiet", "--chunk-size", "4", *extra]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_resume_matches_uninterrupted_run(html_sample: Path, tmp_path: Path) -> None:
    # the reference is a fresh process too, so both sides run the same pipeline code
    reference = tmp_path / "reference.jsonl"
    ref = _start(html_sample, reference)
    assert ref.wait(timeout=300) == 0
    out = tmp_path / "out.jsonl"
    rng = random.Random(int(os.environ.get("DIPLOTEXT_KILL_SEED", "3")))
    for attempt, delay in enumerate(sorted(rng.uniform(1.0, 7.0) for _ in range(3))):
        proc = _start(html_sample, out, *(["--n-process", "2"] if attempt == 1 else []))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    proc = _start(html_sample, out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    lines = raw.decode("utf-8").splitlines()
    ids = [json.loads(line)["doc_id"] for line in lines]
    assert len(ids) == len(set(ids)), "a document was written twice"
    want = {json.loads(line)["doc_id"]: line for line in reference.read_text(encoding="utf-8").splitlines()}
    got = dict(zip(ids, lines, strict=True))
    assert set(got) == set(want)
    differ = [(k, got[k], want[k]) for k in want if got[k] != want[k]]
    assert not differ, differ[:1]
    assert not (tmp_path / "out.errors.jsonl").read_text()
