"""MI coding conventions in the rules (issue 16), and the pieces around the learned heads."""

from pathlib import Path

import numpy as np
import pytest

from coach.analytics import Turn, analyze, analyze_conversation
from coach.analytics.features import FEATURE_NAMES, check_tag_body, sentence_features
from coach.analytics.learned import HEADS, Detectors, Heads
from coach.analytics.utterance import analyze_many, normalise_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Right. I guess what would you want to do first?", "en"),
        ("Um, so, how did you handle it in the moment?", "en"),
        ("Oké. Nou, eh, wat zou je anders willen?", "nl"),
    ],
)
def test_a_filler_before_a_wh_question_does_not_close_it(text: str, lang: str) -> None:
    a = analyze(text, lang)
    assert (a.question, a.question_count) == ("open", 1)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I was wondering if you could tell me a bit about how it happened?", "en"),
        ("I'm wondering if you could say more about the handover.", "en"),
        ("Ik vroeg me af of je iets kunt vertellen over hoe het ging?", "nl"),
    ],
)
def test_an_invitation_to_tell_is_an_open_question(text: str, lang: str) -> None:
    assert analyze(text, lang).question == "open"


def test_a_plain_wondering_yes_no_stays_closed() -> None:
    assert analyze("I was wondering if you finished the report?", "en").question == "closed"


@pytest.mark.parametrize(
    "text",
    [
        "So you feel stuck, is that right?",
        "Dus je voelt je overvallen door de planning, klopt dat?",
    ],
)
def test_a_reflection_with_a_checking_question_gets_both_codes(text: str) -> None:
    a = analyze(text)
    assert (a.question, a.question_count) == ("closed", 1) and a.reflection is not None


def test_check_tag_body_keeps_the_statement() -> None:
    assert check_tag_body("So you're tired, right?") == "So you're tired"
    assert check_tag_body("Right?") is None


def test_fillers_alone_are_neither_question_nor_reflection() -> None:
    for text in ("Mm-hmm.", "Right, right.", "Ja, ja.", "Uh-huh."):
        a = analyze(text, "en")
        assert (a.question, a.reflection) == (None, None), text


@pytest.mark.parametrize(("given", "want"), [("EN", "en"), ("en-GB", "en"), ("nl_NL", "nl")])
def test_the_callers_language_wins(given: str, want: str) -> None:
    assert normalise_language(given) == want
    assert analyze("Mm-hmm.", given).language == want


def test_short_turns_take_the_language_of_the_whole_conversation() -> None:
    turns = [
        Turn("manager", "How have the last couple of weeks been for you?"),
        Turn("employee", "Busy."),
        Turn("manager", "Mm-hmm."),
        Turn("manager", "It sounds like the migration is eating your days."),
    ]
    assert analyze("Mm-hmm.").language == "nl"  # alone: the Dutch default
    metrics = analyze_conversation(turns)
    assert metrics.manager_turns == 3 and metrics.questions == 1
    assert analyze_many(["Mm-hmm."], ["en"])[0].language == "en"


def test_analyze_many_matches_analyze() -> None:
    texts = ["Heb je het druk?", "Het klinkt alsof je moe bent.", "What else?"]
    assert analyze_many(texts) == [analyze(t) for t in texts]


def test_feature_vector_matches_its_names() -> None:
    feats = sentence_features("So you feel stuck, is that right?", "en")
    assert len(feats) == len(FEATURE_NAMES)
    named = dict(zip(FEATURE_NAMES, feats, strict=True))
    assert named["ends_q"] == 1 and named["check_tag"] == 1 and named["rule_reflection"] == 1


class _Encoder:
    """A stand-in embedder: two dimensions from the text, enough to exercise the plumbing."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[len(t) / 50, t.count("?")] for t in texts], dtype=np.float32)


def _heads(dim: int, question_weight: float) -> Heads:
    weights = np.zeros((len(HEADS), dim))
    weights[0, 2 + FEATURE_NAMES.index("ends_q")] = question_weight
    return Heads(np.zeros(dim), np.ones(dim), weights, np.full(len(HEADS), -1.0), np.full(4, 0.5))


def test_heads_round_trip_and_drive_the_codes(tmp_path: Path) -> None:
    dim = 2 + len(FEATURE_NAMES)
    path = tmp_path / "d.npz"
    _heads(dim, 5.0).save(path)
    loaded = Heads.load(path)
    scored = Detectors(loaded, _Encoder()).score(["Is it done?", "It is done."], ["en", "en"])
    assert scored[:, 0].tolist() == [True, False]
    assert not scored[:, 2].any()  # bias -1, no weights: never a reflection


def test_heads_trained_on_other_features_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.npz"
    np.savez(path, mean=np.zeros(3), feature_names=np.array(["x"]))
    with pytest.raises(ValueError, match="retrain"):
        Heads.load(path)
