#!/usr/bin/env python3
"""Pin the regression test's figures: strict F1 per area of the default pipeline on corpus/ and on
the gold fixture, scored by diplotext.scoring, written to tests/regression_baseline.json.

Run it when a change improves the scores on purpose (and say so in the commit), so the test
guards the new level; never to make a drop pass.

    python scripts/pin_regression.py            # measure and write the baseline
    python scripts/pin_regression.py --check    # measure and print, compared with the pinned file
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "regression_baseline.json"
CORPUS = ROOT / "corpus"
FIXTURE = "china-pakistan-2021"
TOLERANCE = 0.01


def measure() -> dict[str, dict[str, Any]]:
    """Strict F1 per area on the corpus (each file with its gold reference date) and on the fixture."""
    import diplotext
    from diplotext.training.train import evaluate

    nlp = diplotext.load()
    out: dict[str, dict[str, Any]] = {}
    for name, names in (("corpus", None), ("fixture", [FIXTURE])):
        report = evaluate("default", CORPUS, names=names, nlp=nlp)
        out[name] = {"documents": report.documents, "strict_f1": report.strict_f1()}
    return out


def main() -> int:
    """Write (or with --check, compare with) the pinned figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="print the figures beside the pinned ones; write nothing")
    args = ap.parse_args()
    scores = measure()
    if args.check:
        pinned = json.loads(BASELINE.read_text(encoding="utf-8"))
        for name, got in scores.items():
            for area, f1 in got["strict_f1"].items():
                was = pinned[name]["strict_f1"][area]
                flag = "DROP" if f1 < was - pinned["tolerance"] else ""
                print(f"{name:8s} {area:12s} pinned {was:.4f} now {f1:.4f} {flag}")
        return 0
    baseline = {
        "about": "strict F1 per area of the default pipeline, scored by diplotext.scoring; "
                 "tests/test_regression.py fails when one drops more than `tolerance` below. "
                 "Written by scripts/pin_regression.py.",
        "tolerance": TOLERANCE,
        **scores,
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {BASELINE.relative_to(ROOT)}: " + json.dumps(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
