"""diplotext.pipeline: extract, extract_many, load, long texts, languages, saving and DocBin."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import spacy
from spacy.tokens import DocBin

import diplotext
from diplotext import pipeline
from diplotext.schema import Extraction
from diplotext.scoring import score

SHORT_TEXTS = [
    "China and Pakistan on Thursday signed nine agreements.",
    "The United States and Japan reaffirmed their commitment to a free and open Indo-Pacific.",
    "",
    "Kenya will host 15 delegations in March 2024. Both countries oppose any attempt to divide them.",
]


def strict_f1(gold: dict, pred: dict) -> dict[str, float]:
    """Strict F1 per area with the project's own scoring code (diplotext.scoring)."""
    report = score([gold], {gold["doc_id"]: {**pred, "doc_id": gold["doc_id"]}})
    return {area: tally.prf(True)[2] for area, tally in report.tallies.items()}


def _assert_spans_slice(ex: Extraction, text: str) -> None:
    for p in ex.parties:
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
    for item in [*ex.counts, *ex.dates, *ex.commitments]:
        assert text[item.start : item.end] == item.text


# -- the gold fixture ---------------------------------------------------------------------------


def test_extract_gold_fixture_strict_f1_is_one_with_reference_date(fixture_extraction, fixture_gold):
    scores = strict_f1(fixture_gold, fixture_extraction.model_dump(mode="json"))
    assert scores == {"parties": 1.0, "counts": 1.0, "dates": 1.0, "commitments": 1.0}


def test_extract_gold_fixture_strict_f1_without_reference_date(nlp, fixture_text, fixture_gold):
    ex = diplotext.extract(fixture_text, doc_id="china-pakistan-2021", nlp=nlp)
    scores = strict_f1(fixture_gold, ex.model_dump(mode="json"))
    assert all(f >= 0.9 for f in scores.values()), scores
    assert ex.reference_date_source in {"inferred", None}


def test_extract_gold_fixture_spans_slice_the_input(fixture_extraction, fixture_text):
    _assert_spans_slice(fixture_extraction, fixture_text)


def test_extract_gold_fixture_keeps_doc_id_and_given_reference(fixture_extraction):
    assert fixture_extraction.doc_id == "china-pakistan-2021"
    assert fixture_extraction.reference_date == dt.date(2021, 12, 9)
    assert fixture_extraction.reference_date_source == "given"


# -- reference_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [dt.date(2021, 12, 9), "2021-12-09", dt.datetime(2021, 12, 9, 15, 30), "2021-12-09T10:00:00", " 2021-12-09 "],
)
def test_extract_reference_date_accepts_date_iso_string_and_datetime(nlp, value):
    ex = diplotext.extract("China and Pakistan on Thursday signed nine agreements.", reference_date=value, nlp=nlp)
    assert isinstance(ex, Extraction)
    assert ex.reference_date == dt.date(2021, 12, 9)
    assert ex.reference_date_source == "given"
    assert [d.value for d in ex.dates] == ["2021-12-09"]


@pytest.mark.parametrize("value", ["2021-13-01", "yesterday", "09/12/2021", "2021-02-30", "", "20211209"])
def test_extract_invalid_reference_date_raises_value_error_naming_it(nlp, value):
    with pytest.raises(ValueError, match="reference_date") as err:
        diplotext.extract("China signed.", reference_date=value, nlp=nlp)
    assert repr(value) in str(err.value)


@pytest.mark.parametrize("value", [20211209, 2021.5, ["2021-12-09"]])
def test_parse_reference_date_wrong_type_raises_type_error_naming_it(value):
    with pytest.raises(TypeError, match=type(value).__name__):
        pipeline.parse_reference_date(value)


# -- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, b"China and Pakistan", 42, ["text"], {"text": "x"}])
def test_extract_non_str_raises_type_error_naming_the_type(nlp, value):
    with pytest.raises(TypeError, match=type(value).__name__):
        diplotext.extract(value, nlp=nlp)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u00a0\u2003"])
def test_extract_empty_or_whitespace_gives_valid_empty_extraction(nlp, text):
    ex = diplotext.extract(text, nlp=nlp)
    assert isinstance(ex, Extraction)
    assert (ex.parties, ex.counts, ex.dates, ex.commitments) == ([], [], [], [])
    Extraction.from_data(ex.model_dump(mode="json"), text)


def test_extract_lone_surrogate_raises_value_error(nlp):
    with pytest.raises(ValueError, match="surrogate"):
        diplotext.extract("China \ud800 Pakistan", nlp=nlp)


@pytest.mark.parametrize(
    "text",
    [
        "Deutschland und Frankreich haben am Donnerstag in Berlin neun Abkommen unterzeichnet. Die beiden Länder "
        "wollen ihre Zusammenarbeit in den Bereichen Handel, Bildung und Kultur weiter vertiefen.",
        "中国和巴基斯坦星期四在北京签署了九项合作协议。两国将继续加强在政治、经济、贸易、科技、教育和文化等领域的友好交流与合作。"
        "双方表示，将共同推动中巴经济走廊建设，造福两国人民。",
        "La France et l'Allemagne ont signé jeudi neuf accords de coopération. Les deux pays veulent renforcer "
        "leurs échanges dans les domaines du commerce et de la culture.",
    ],
    ids=["german", "chinese", "french"],
)
def test_extract_non_english_text_warns(nlp, text):
    ex = diplotext.extract(text, nlp=nlp)
    assert any("English" in w for w in ex.warnings), ex.warnings
    _assert_spans_slice(ex, text)


def test_extract_english_text_has_no_language_warning(fixture_extraction):
    assert not any("English" in w for w in fixture_extraction.warnings)


# -- extract_many ------------------------------------------------------------------------------


def test_extract_many_strings_keeps_order(nlp):
    many = list(diplotext.extract_many(SHORT_TEXTS, nlp=nlp, batch_size=2))
    one = [diplotext.extract(t, nlp=nlp) for t in SHORT_TEXTS]
    assert [e.model_dump() for e in many] == [e.model_dump() for e in one]
    assert all(e.doc_id is None for e in many)


def test_extract_many_pairs_keep_order_doc_ids_and_reference_dates(nlp):
    items = [(t, {"doc_id": f"d{k}", "reference_date": "2021-12-09" if k % 2 else None}) for k, t in enumerate(SHORT_TEXTS)]
    out = list(diplotext.extract_many(items, nlp=nlp, batch_size=3))
    assert [e.doc_id for e in out] == ["d0", "d1", "d2", "d3"]
    assert out[1].reference_date == dt.date(2021, 12, 9) and out[1].reference_date_source == "given"
    assert out[3].reference_date_source == "given"
    assert out[0].reference_date_source != "given"


def test_extract_many_mixed_strings_and_pairs(nlp):
    out = list(diplotext.extract_many(["China signed.", ("Pakistan signed.", {"doc_id": 7})], nlp=nlp))
    assert [e.doc_id for e in out] == [None, "7"]


@pytest.mark.parametrize(
    ("item", "exc"),
    [
        (("text",), TypeError),
        (("text", "not a dict"), TypeError),
        (("text", {"doc_id": "a", "colour": "red"}), ValueError),
        ((b"bytes", {}), TypeError),
        (("text", {"reference_date": "not a date"}), ValueError),
    ],
)
def test_extract_many_bad_item_raises(nlp, item, exc):
    with pytest.raises(exc):
        list(diplotext.extract_many([item], nlp=nlp))


def test_extract_many_two_processes_match_one(nlp):
    items = [(t, {"doc_id": f"d{k}", "reference_date": "2021-12-09"}) for k, t in enumerate(SHORT_TEXTS)]
    one = [e.model_dump_json() for e in diplotext.extract_many(items, nlp=nlp, n_process=1, batch_size=1)]
    two = [e.model_dump_json() for e in diplotext.extract_many(items, nlp=nlp, n_process=2, batch_size=1)]
    assert two == one


# -- texts longer than max_length ----------------------------------------------------------------


@pytest.fixture(scope="module")
def small_nlp():
    nlp = diplotext.build()
    nlp.max_length = 2000
    return nlp


def test_extract_long_text_is_processed_in_pieces_with_right_offsets(small_nlp, fixture_text):
    text = "\n\n".join([fixture_text] * 4)
    assert len(text) > 4 * small_nlp.max_length
    ex = diplotext.extract(text, reference_date="2021-12-09", doc_id="long", nlp=small_nlp)
    assert ex.doc_id == "long"
    assert any("pieces" in w for w in ex.warnings)
    _assert_spans_slice(ex, text)
    Extraction.from_data(ex.model_dump(mode="json"), text)
    ids = [p.id for p in ex.parties]
    assert len(ids) == len(set(ids)), "parties of the pieces are merged by id"
    assert {"CHN", "PAK"} <= set(ids)
    chn = next(p for p in ex.parties if p.id == "CHN")
    assert len(chn.mentions) == 4 * len(
        next(p for p in diplotext.extract(fixture_text, reference_date="2021-12-09").parties if p.id == "CHN").mentions
    )
    assert max(m.end for m in chn.mentions) > 3 * len(fixture_text)
    assert len(ex.counts) == 16 and len(ex.commitments) >= 4


def test_extract_long_text_without_breaks_still_slices(small_nlp):
    text = ("x" * 3000) + " China and Pakistan signed nine agreements. " + ("y" * 2500)
    ex = diplotext.extract(text, nlp=small_nlp)
    _assert_spans_slice(ex, text)


def test_extract_many_long_text_between_short_ones_keeps_order(small_nlp, fixture_text):
    long = fixture_text * 2
    out = list(diplotext.extract_many(["China signed.", (long, {"doc_id": "long"}), ("Pakistan signed.", {"doc_id": "z"})], nlp=small_nlp))
    assert [e.doc_id for e in out] == [None, "long", "z"]
    _assert_spans_slice(out[1], long)


@pytest.mark.parametrize("limit", [50, 200, 1000])
def test_chunks_cover_the_text_in_order_under_the_limit(fixture_text, limit):
    pieces = pipeline._chunks(fixture_text, limit)
    assert "".join(p for _, p in pieces) == fixture_text
    assert all(0 < len(p) <= limit for _, p in pieces)
    assert all(fixture_text[o : o + len(p)] == p for o, p in pieces)


# -- load, save, DocBin -------------------------------------------------------------------------


def test_load_default_is_cached(nlp):
    assert diplotext.load() is nlp
    assert nlp.pipe_names[-len(pipeline.COMPONENTS) :] == list(pipeline.COMPONENTS)


def test_load_missing_path_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no pipeline"):
        diplotext.load(tmp_path / "nothing-here")


def test_to_disk_then_plain_spacy_load_gives_identical_output(nlp, tmp_path, fixture_text, fixture_extraction):
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert again.pipe_names == nlp.pipe_names
    ex = diplotext.extract(fixture_text, reference_date="2021-12-09", doc_id="china-pakistan-2021", nlp=again)
    assert ex.model_dump_json() == fixture_extraction.model_dump_json()
    loaded = diplotext.load(tmp_path / "model")
    ex2 = diplotext.extract(fixture_text, reference_date="2021-12-09", doc_id="china-pakistan-2021", nlp=loaded)
    assert ex2.model_dump_json() == fixture_extraction.model_dump_json()


def test_docbin_round_trip_keeps_span_groups_and_extensions(nlp, fixture_text):
    texts = [fixture_text, SHORT_TEXTS[0], SHORT_TEXTS[3]]
    docs = [pipeline._make_doc(nlp, t, dt.date(2021, 12, 9), f"d{k}") for k, t in enumerate(texts)]
    docs = list(nlp.pipe(docs))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    restored = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    for before, after in zip(docs, restored, strict=True):
        assert set(after.spans) == set(before.spans)
        for key in before.spans:
            assert [(s.start, s.end, s.label_) for s in after.spans[key]] == [(s.start, s.end, s.label_) for s in before.spans[key]]
        for name in ("diplotext_parties", "diplotext_dates", "diplotext_counts", "diplotext_commitments", "reference_date"):
            # DocBin's msgpack gives tuples for lists: compare as JSON
            assert json.loads(json.dumps(getattr(after._, name))) == json.loads(json.dumps(getattr(before._, name)))
        assert pipeline.doc_to_extraction(after, nlp) == pipeline.doc_to_extraction(before, nlp)


@pytest.mark.parametrize("text", ["9" * 4301 + " agreements were signed.", "On " + "1" * 5000 + " January, China met Pakistan."])
def test_extract_huge_numbers_give_valid_output(nlp, text):
    # found by hypothesis: int() refuses strings of more than 4,300 digits
    ex = diplotext.extract(text, nlp=nlp)
    _assert_spans_slice(ex, text)
    assert all(len(str(c.value)) < 50 for c in ex.counts)


def test_english_check_reads_its_words_from_the_lexicon():
    """The common English words are data (lexicon list common_english_words), not a constant in code."""
    from diplotext.resources import lexicon

    assert pipeline._english_words() == frozenset(lexicon()[pipeline.EN_WORDS_LIST])
    assert {"the", "and", "of"} <= pipeline._english_words()


def test_extract_records_the_publisher_and_its_side(nlp):
    ex = diplotext.extract("The ministers met in Tokyo.", publisher=" Ministry of Foreign Affairs of Japan ", nlp=nlp)
    assert ex.publisher is not None
    assert (ex.publisher.name, ex.publisher.id, ex.publisher.kind) == ("Ministry of Foreign Affairs of Japan", "JPN", "state")


def test_extract_without_publisher_records_none(nlp):
    assert diplotext.extract("The ministers met in Tokyo.", nlp=nlp).publisher is None


@pytest.mark.parametrize(("value", "error"), [("   ", ValueError), (42, TypeError)], ids=["blank", "not-a-string"])
def test_extract_bad_publisher_raises_naming_it(nlp, value, error):
    with pytest.raises(error, match="publisher"):
        diplotext.extract("The ministers met.", publisher=value, nlp=nlp)


def test_extract_many_takes_publisher_in_the_item_context(nlp):
    (ex,) = diplotext.extract_many([("We condemn the attack.", {"publisher": "CAN"})], nlp=nlp)
    assert ex.publisher is not None and ex.publisher.id == "CAN"
    assert [(c.kind, c.actors) for c in ex.commitments] == [("opposition", ["CAN"])]
