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


corpus_app = typer.Typer(no_args_is_help=True, help="Annotated corpora: convert gold files for training.")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("convert")
def corpus_convert(
    corpus_dir: Annotated[Path, typer.Argument(help="folder of NAME.txt + NAME.gold.json")],
    out_dir: Annotated[Path, typer.Argument(help="where train/dev and commitments_train/dev .spacy files go")],
    dev_fraction: Annotated[float, typer.Option("--dev-fraction", help="share of documents held out")] = 0.2,
    seed: Annotated[int, typer.Option("--seed", help="seed of the document split")] = 0,
) -> None:
    """Turn gold files into .spacy DocBins with a seeded train/dev split."""
    from .training.corpus import convert

    if not corpus_dir.is_dir():
        fail(f"{corpus_dir}: no such folder")
    try:
        summary = convert(corpus_dir, out_dir, dev_fraction=dev_fraction, seed=seed)
    except (FileNotFoundError, ValueError) as err:
        fail(str(err))
    typer.echo(f"wrote {out_dir}: " + ", ".join(f"{k}={v}" for k, v in summary["docs"].items()))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(
    ctx: typer.Context,
    config: Annotated[Path, typer.Argument(help="a training config, e.g. configs/commitments.cfg")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="folder for model-best and model-last")] = None,
    gpu_id: Annotated[int, typer.Option("--gpu-id", "-g", help="GPU id, -1 for CPU")] = -1,
) -> None:
    """spaCy's train with diplotext's components registered; extra --section.key value pairs override the config."""
    from spacy.cli._util import parse_config_overrides

    from .training.train import train as run_train

    if not config.is_file():
        fail(f"{config}: no such config")
    best = run_train(config, output, overrides=parse_config_overrides(ctx.args), gpu_id=gpu_id)
    if best is not None:
        typer.echo(f"trained pipeline: {best} (diplotext.load({str(best)!r}))")


@app.command()
def evaluate(
    pipeline: Annotated[str, typer.Argument(help="a trained pipeline folder, or 'default'")],
    corpus_dir: Annotated[Path, typer.Argument(help="folder of NAME.txt + NAME.gold.json")],
    split: Annotated[Path | None, typer.Option("--split", help="split.json written by 'corpus convert'")] = None,
    part: Annotated[str, typer.Option("--part", help="with --split: train or dev")] = "dev",
    no_reference: Annotated[bool, typer.Option("--no-reference", help="let diplotext infer reference dates")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="also write the report as JSON")] = None,
) -> None:
    """Strict and lenient P/R/F1 per area, scored as ../shared/tools/score.py does."""
    from .scoring import format_report
    from .training.train import evaluate as run_evaluate

    names = None
    if split is not None:
        names = json.loads(split.read_text(encoding="utf-8"))[part]
    try:
        report = run_evaluate(pipeline, corpus_dir, names=names, use_reference=not no_reference)
    except FileNotFoundError as err:
        fail(str(err))
    typer.echo(format_report(report))
    if json_out is not None:
        json_out.write_text(json.dumps(report.as_dict(), indent=1), encoding="utf-8")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
