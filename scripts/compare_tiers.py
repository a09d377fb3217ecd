#!/usr/bin/env python3
"""Rules-only vs trained tiers: strict F1 per area and docs/s on gold sets, scored as the reference scorer does.

    python scripts/compare_tiers.py --gold DEV_DIR --gold corpus:training/corpus/split.json:dev \\
        --tier rules=default --tier textcat=training/commitments/model-best --tier trf=training/trf/model-best

``--gold`` is a folder of ``NAME.txt`` + ``NAME.gold.json`` files, or ``DIR:SPLIT_JSON:PART`` for one side of
a ``diplotext corpus convert`` split. ``--tier LABEL=PIPELINE`` (``default`` = the rules-only pipeline);
``--set KEY=VALUE`` overrides a classifier-policy setting of ``diplotext_cues`` in the trained tiers (e.g. ``threshold=0.3``).
Scoring is ``diplotext.scoring`` (the reference scorer's matching rules), so no ``../shared`` is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from diplotext.pipeline import load
from diplotext.scoring import AREAS
from diplotext.training.train import evaluate


def _gold(spec: str) -> tuple[str, str, list[str] | None]:
    """``DIR`` or ``DIR:SPLIT_JSON:PART`` → (label, folder, names or None)."""
    parts = spec.split(":")
    if len(parts) == 3:
        folder, split, part = parts
        names = json.loads(Path(split).read_text(encoding="utf-8"))[part]
        return f"{Path(folder).name} {part} split ({len(names)} docs)", folder, names
    n = len(list(Path(spec).glob("*.gold.json")))
    return f"{Path(spec).name} ({n} docs)", spec, None


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", action="append", required=True, help="gold folder, or DIR:SPLIT_JSON:PART")
    ap.add_argument("--tier", action="append", required=True, help="LABEL=PIPELINE (PIPELINE 'default': rules only)")
    ap.add_argument("--set", action="append", default=[], help="KEY=VALUE for the classifier policy of diplotext_cues in trained tiers")
    ap.add_argument("--json", help="also write the rows here")
    args = ap.parse_args(argv)

    overrides = {k: _value(v) for k, _, v in (s.partition("=") for s in args.set)}
    rows = []
    for label, _, pipeline in (t.partition("=") for t in args.tier):
        nlp = load(None if pipeline == "default" else pipeline)
        if pipeline != "default" and overrides:
            cues = nlp.get_pipe("diplotext_cues")
            for key, value in overrides.items():
                if key not in {"textcat", "threshold", "veto_below", "relabel", "add"}:
                    raise SystemExit(f"--set {key}: not a diplotext_cues setting")
                setattr(cues, key, value)
        for spec in args.gold:
            set_label, folder, names = _gold(spec)
            report = evaluate(pipeline, folder, names=names, nlp=nlp)
            f1 = {a: report.tallies[a].prf(True)[2] for a in AREAS}
            docs_s = report.documents / report.seconds if report.seconds else 0.0
            rows.append({"set": set_label, "tier": label, **f1, "commitments_prf": report.tallies["commitments"].prf(True),
                         "docs_per_s": round(docs_s, 1)})
            print(f"{set_label:32s} {label:12s} " + " ".join(f"{a[:5]}={f1[a]:.3f}" for a in AREAS)
                  + f"  {docs_s:.1f} docs/s", file=sys.stderr)
    print("| set | tier | " + " | ".join(AREAS) + " | docs/s |")
    print("| --- | --- | " + " | ".join("---" for _ in AREAS) + " | --- |")
    for r in rows:
        print(f"| {r['set']} | {r['tier']} | " + " | ".join(f"{r[a]:.3f}" for a in AREAS) + f" | {r['docs_per_s']} |")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
