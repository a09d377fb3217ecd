"""Flat tables (one per area) from a batch output, for pandas, R or Stata users.

Each row carries ``doc_id`` and ``published`` (the reference date when it was
given by the record or page, empty when the pipeline inferred it), plus
``reference_date`` whatever its source. Lists become ``"; "``-joined strings.
CSV always; Parquet too when pyarrow is installed, with the same columns typed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "write_tables"]

_KEY = ["doc_id", "published", "reference_date"]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "parties": [
        ("party_id", "string"), ("kind", "string"), ("name", "string"), ("aliases", "string"), ("country", "string"),
        ("role", "string"), ("affiliation", "string"), ("principal", "bool"), ("mentions", "int64"),
    ],
    "counts": [
        ("text", "string"), ("start", "int64"), ("end", "int64"), ("value", "float64"), ("unit", "string"),
        ("noun_phrase", "string"), ("sentence", "string"),
    ],
    "dates": [
        ("text", "string"), ("start", "int64"), ("end", "int64"), ("value", "string"), ("type", "string"), ("resolved", "bool"),
    ],
    "commitments": [
        ("text", "string"), ("start", "int64"), ("end", "int64"), ("kind", "string"), ("actors", "string"),
        ("trigger", "string"), ("action", "string"), ("confidence", "float64"),
    ],
}


def _rows(area: str, ex: dict[str, Any]) -> Iterator[dict[str, Any]]:
    key = {
        "doc_id": ex.get("doc_id"),
        "published": ex.get("reference_date") if ex.get("reference_date_source") == "given" else None,
        "reference_date": ex.get("reference_date"),
    }
    for item in ex.get(area) or []:
        row = dict(key)
        for name, _ in COLUMNS[area]:
            if area == "parties" and name == "party_id":
                value = item.get("id")
            elif area == "parties" and name == "mentions":
                value = len(item.get("mentions") or [])
            else:
                value = item.get(name)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            row[name] = value
        yield row


def _parquet(csv_path: Path, area: str) -> Path | None:
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq
    except ImportError:
        return None
    types = {name: pa.string() for name in _KEY}
    types.update({name: getattr(pa, "bool_" if t == "bool" else t)() for name, t in COLUMNS[area]})
    table = pacsv.read_csv(
        csv_path,
        convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, true_values=["True"], false_values=["False"]),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
    )
    out = csv_path.with_suffix(".parquet")
    pq.write_table(table, out)
    return out


def write_tables(out_jsonl: Path, folder: Path) -> list[Path]:
    """Write ``parties/counts/dates/commitments.csv`` (and ``.parquet``) in ``folder``; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = {area: (folder / f"{area}.csv").open("w", newline="", encoding="utf-8") for area in COLUMNS}
    try:
        writers = {area: csv.DictWriter(fh, fieldnames=_KEY + [n for n, _ in COLUMNS[area]]) for area, fh in handles.items()}
        for w in writers.values():
            w.writeheader()
        with out_jsonl.open("rb") as lines:
            for raw in lines:
                if not raw.endswith(b"\n"):
                    break  # a torn tail: not a finished line
                ex = json.loads(raw)
                for area, w in writers.items():
                    w.writerows(_rows(area, ex))
    finally:
        for fh in handles.values():
            fh.close()
    written = [folder / f"{area}.csv" for area in COLUMNS]
    for area in COLUMNS:
        pq_path = _parquet(folder / f"{area}.csv", area)
        if pq_path is not None:
            written.append(pq_path)
    return written
