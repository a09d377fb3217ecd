#!/usr/bin/env python3
"""Convert TimeML files (TimeBank, AQUAINT, TempEval-3) into diplotext gold files, dates only.

Each ``.tml`` file becomes ``NAME.txt`` (its TITLE, a blank line and its TEXT, tags removed) and
``NAME.gold.json`` whose ``dates`` are the TIMEX3 elements of the TEXT with their value and type
(DATE -> date, DURATION -> duration, TIME -> time, SET -> set), and whose reference date is the
document creation time. The other areas are left empty, so score only dates on such a set:

    python scripts/convert_timeml.py TBAQ-cleaned/ OUT/
    python ../shared/tools/score.py OUT --run     # read the dates line

TIMEX3 elements with an empty value or an anchor-only value are kept as they are written; the
TempEval-3 platinum test set is for judging, not for development, so do not convert it here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TYPES = {"DATE": "date", "DURATION": "duration", "TIME": "time", "SET": "set"}


def _flatten(elem: ET.Element, out: list[str], timexes: list[dict[str, object]], offset: list[int]) -> None:
    """Append the element's text to ``out``, recording each TIMEX3's span."""
    start = offset[0]
    if elem.text:
        out.append(elem.text)
        offset[0] += len(elem.text)
    for child in elem:
        _flatten(child, out, timexes, offset)
        if child.tail:
            out.append(child.tail)
            offset[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        timexes.append({"start": start, "end": offset[0], "value": elem.get("value", ""), "type": TYPES.get(elem.get("type", ""), "date")})


def convert(path: Path) -> tuple[str, dict[str, object]]:
    """The text and the gold record of one TimeML file."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    if dct is None or not dct.get("value"):
        raise ValueError(f"{path.name}: no document creation time")
    title = " ".join((root.findtext("TITLE") or "").split())
    head = f"{title}\n\n" if title else ""
    pieces: list[str] = [head]
    timexes: list[dict[str, object]] = []
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise ValueError(f"{path.name}: no TEXT element")
    _flatten(text_elem, pieces, timexes, [len(head)])
    raw = "".join(pieces)
    text = raw.rstrip()
    lead = len(raw) - len(raw.lstrip()) if not head else 0
    text = text[lead:]
    dates = []
    for t in timexes:
        s, e = int(t["start"]) - lead, int(t["end"]) - lead  # type: ignore[call-overload]
        if 0 <= s < e <= len(text) and t["value"]:
            dates.append({"text": text[s:e], "start": s, "end": e, "value": t["value"], "type": t["type"]})
    gold = {
        "doc_id": path.name.removesuffix(".tml"),
        "source": f"TimeML: {path.name}",
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "reference_date": str(dct.get("value"))[:10],
        "parties": [], "parties_optional": [], "counts": [], "counts_optional": [],
        "dates": dates, "dates_optional": [], "commitments": [], "commitments_optional": [],
    }
    return text, gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="a folder of .tml files (searched recursively)")
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    files = sorted(args.source.rglob("*.tml"))
    if not files:
        print(f"convert_timeml: no .tml files under {args.source}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    done = 0
    for path in files:
        try:
            text, gold = convert(path)
        except (ET.ParseError, ValueError) as err:
            print(f"skipped {path}: {err}", file=sys.stderr)
            continue
        name = re.sub(r"[^A-Za-z0-9._-]", "_", str(gold["doc_id"]))
        (args.out / f"{name}.txt").write_text(text, encoding="utf-8")
        (args.out / f"{name}.gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        done += 1
    print(f"{done} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
