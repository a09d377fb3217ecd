"""The ``diplotext`` command line: extract, schema (and batch, train, evaluate, corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="diplotext: parties, counts, dates and commitments in diplomatic texts.")


def fail(message: str, code: int = 2) -> None:
    """One clear line on stderr and a non-zero exit."""
    typer.echo(f"diplotext: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="text files to read; '-' reads standard input")],
    reference_date: Annotated[str | None, typer.Option("--reference-date", "-r", help="publication date, YYYY-MM-DD")] = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="indent the JSON")] = False,
    model: Annotated[str | None, typer.Option("--model", "-m", help="a saved or trained pipeline directory")] = None,
) -> None:
    """Print one Extraction as JSON per input file."""
    from .pipeline import extract as run_extract
    from .pipeline import load, parse_reference_date

    try:
        ref = parse_reference_date(reference_date)
    except ValueError as err:
        fail(str(err))
    texts: list[tuple[str, str]] = []
    for name in files:
        if name == "-":
            data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8", "surrogateescape")
            try:
                texts.append(("-", data.decode("utf-8-sig")))
            except UnicodeDecodeError as err:
                fail(f"<stdin>: not UTF-8 text ({err.reason} at byte {err.start})")
            continue
        path = Path(name)
        if not path.is_file():
            fail(f"{name}: no such file")
        try:
            texts.append((name, path.read_text(encoding="utf-8-sig")))
        except UnicodeDecodeError as err:
            fail(f"{name}: not UTF-8 text ({err.reason} at byte {err.start})")
        except OSError as err:
            fail(f"{name}: cannot read: {err.strerror}")
    try:
        nlp = load(model) if model else None
    except (OSError, ValueError) as err:
        fail(f"cannot load pipeline {model!r}: {err}")
    for name, text in texts:
        doc_id = None if name == "-" else Path(name).stem
        try:
            ex = run_extract(text, reference_date=ref, doc_id=doc_id, nlp=nlp)
        except (TypeError, ValueError) as err:
            fail(f"{'<stdin>' if name == '-' else name}: {err}")
        typer.echo(ex.model_dump_json(indent=2 if pretty else None))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Extraction output."""
    from .schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
