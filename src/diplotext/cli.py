"""The ``diplotext`` command line: extract, schema (and batch, train, evaluate, corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="diplotext: parties, counts, dates and commitments in diplomatic texts.")


def fail(message: str, code: int = 2) -> NoReturn:
    """One clear line on stderr and a non-zero exit: a user error is a message, never a traceback."""
    typer.echo(f"diplotext: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="text files to read; '-' reads standard input")],
    reference_date: Annotated[str | None, typer.Option("--reference-date", "-r", help="publication date, YYYY-MM-DD")] = None,
    publisher: Annotated[str | None, typer.Option("--publisher", "-p", help="who issued the text: a state code (JPN) or an organisation's name")] = None,
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
            ex = run_extract(text, reference_date=ref, doc_id=doc_id, publisher=publisher, nlp=nlp)
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


@app.command()
def batch(
    inputs: Annotated[list[Path], typer.Argument(help="folders (recursive) of .txt/.md/.html/.htm files, .jsonl/.jsonl.gz dumps, or single files", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="OUT.jsonl: one Extraction per line; errors go to OUT.errors.jsonl")],
    n_process: Annotated[int, typer.Option("--n-process", "-n", min=1, help="worker processes (local engine) or LocalCluster workers (dask)")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="'local' (this machine) or 'dask' (needs diplotext[dask])")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://host:8786")] = None,
    tables: Annotated[Path | None, typer.Option("--tables", help="also write flat parties/counts/dates/commitments tables (CSV, Parquet) here")] = None,
    id_field: Annotated[str, typer.Option("--id-field", help="JSONL field with the document id")] = "id",
    text_field: Annotated[str, typer.Option("--text-field", help="JSONL field with plain text")] = "text",
    html_field: Annotated[str, typer.Option("--html-field", help="JSONL field with HTML")] = "html",
    markdown_field: Annotated[str, typer.Option("--markdown-field", help="JSONL field with Markdown")] = "markdown",
    date_field: Annotated[str, typer.Option("--date-field", help="JSONL field with the publication date (YYYY-MM-DD)")] = "published",
    publisher_field: Annotated[str, typer.Option("--publisher-field", help="JSONL field naming who issued the text")] = "publisher",
    publisher: Annotated[str | None, typer.Option("--publisher", help="who issued texts that name no publisher: a state code (JPN) or an organisation's name")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="documents per task sent to a worker")] = 16,
    retry_errors: Annotated[bool, typer.Option("--retry-errors", help="forget OUT.errors.jsonl and try those documents again")] = False,
    model: Annotated[str | None, typer.Option("--model", "-m", help="a saved or trained pipeline directory")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar (for logs); the summary line stays")] = False,
) -> None:
    """Extract a whole archive into JSONL, resumably; rerun the same command to resume."""
    import os

    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # before numpy is imported: one thread per process

    from .batch.sources import Fields

    problem = _batch_usage_error(inputs, output, engine, scheduler)
    if problem:
        fail(problem)

    from .batch.run import run_batch
    from .batch.tables import write_tables
    from .batch.writer import OutputError

    fields = Fields(id=id_field, text=text_field, html=html_field, markdown=markdown_field, date=date_field,
                    publisher=publisher_field, default_publisher=publisher.strip() if publisher and publisher.strip() else None)
    try:
        summary = run_batch(
            inputs,
            output,
            fields=fields,
            engine=engine,
            n_process=n_process,
            scheduler=scheduler,
            model=model,
            chunk_size=chunk_size,
            retry_errors=retry_errors,
            progress=False if quiet else None,
        )
        if tables is not None:
            write_tables(output, tables)
    except OutputError as err:
        fail(str(err))
    except OSError as err:
        fail(f"I/O error: {err}")
    typer.echo(summary.line(), err=True)


def _batch_usage_error(inputs: list[Path], output: Path, engine: str, scheduler: str | None) -> str | None:
    """What is wrong with a ``batch`` command line, checked before any worker starts (a run of a
    million documents must not fail after loading pipelines), or None when it can start."""
    import os

    from .batch.sources import check_inputs

    if engine not in ("local", "dask"):
        return f"unknown engine {engine!r}: use 'local' or 'dask'"
    if scheduler and engine != "dask":
        return "--scheduler needs --engine dask"
    problem = check_inputs(inputs)
    if problem:
        return problem
    if not output.parent.is_dir():
        return f"output folder {output.parent} does not exist"
    if not os.access(output.parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        return f"cannot write {output}: permission denied"
    if engine == "dask":
        try:
            import distributed  # noqa: F401
        except ImportError:
            return "the dask engine needs dask and distributed: pip install 'diplotext[dask]'"
    return None


def main() -> None:
    """The ``diplotext`` console script (pyproject's ``[project.scripts]``) runs the Typer app."""
    app()


if __name__ == "__main__":
    main()
