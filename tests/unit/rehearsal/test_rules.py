"""The persona's rules: which move a turn is, and how tension, openness and phase follow."""

from __future__ import annotations

import pytest

from coach.analytics import analyze
from coach.rehearsal import rules
from coach.rehearsal.rules import PersonaState, step


@pytest.mark.parametrize(
    ("text", "lang", "move"),
    [
        ("Je bent altijd te laat.", "nl", "reproach"),
        ("Waarom heb je dat niet eerder gezegd?", "nl", "reproach"),
        ("Why didn't you tell me?", "en", "reproach"),
        ("Waarom koos je voor deze aanpak?", "nl", "open_question"),
        ("Je moet gewoon beter plannen.", "nl", "premature_advice"),
        ("Het klinkt alsof je teleurgesteld bent.", "nl", "simple_reflection"),
        ("Dat klinkt zwaar.", "nl", "empathy"),
        ("Hoe kijk jij daar zelf naar?", "nl", "open_question"),
        ("Heb je het druk?", "nl", "closed_question"),
        ("Ik heb besloten dat de rol naar iemand anders gaat.", "nl", "statement"),
    ],
)
def test_classify_from_analytics(text: str, lang: str, move: str) -> None:
    a = analyze(text, lang)
    assert rules.classify(a, proposal=False, off_topic=False, silence_word=False) == move


def test_markers_and_their_priority() -> None:
    a = analyze("Zullen we afspreken dat je volgende week begint?", "nl")
    assert rules.classify(a, proposal=True, off_topic=False, silence_word=False) == "proposal"
    rude = analyze("Laten we stoppen, je bent altijd zo lastig.", "nl")
    assert rules.classify(rude, proposal=True, off_topic=False, silence_word=False) == "reproach"
    aside = analyze("Hoe was je weekend?", "nl")
    assert rules.classify(aside, proposal=False, off_topic=True, silence_word=False) == "off_topic"
    long = analyze("In het overleg zag ik dat we het hele weekend " + "door " * 12 + "werkten.")
    assert rules.classify(long, proposal=False, off_topic=True, silence_word=False) != "off_topic"
    for word in ("Ok", "...", "Hm"):
        a = analyze(word, "nl")
        assert rules.classify(a, proposal=False, off_topic=False, silence_word=True) == "silence"


def test_reproach_raises_and_listening_lowers_tension() -> None:
    s = PersonaState(5.0, 2.0, "reaction")
    assert step(s, "reproach", "medium").tension == 7.0
    assert step(s, "empathy", "medium").tension == 3.5
    assert step(s, "complex_reflection", "medium").tension == 3.5
    assert step(s, "simple_reflection", "medium").tension == 4.0
    assert step(s, "sbi_feedback", "medium").tension == 5.0
    assert step(s, "reproach", "hard").tension == 8.0  # escalates x1.5
    assert step(s, "empathy", "hard").tension == 4.25  # calms x0.5


def test_open_question_after_listening_opens_up_more() -> None:
    plain = step(PersonaState(5.0, 2.0, "reaction"), "open_question", "medium")
    after = step(PersonaState(5.0, 2.0, "reaction", "empathy"), "open_question", "medium")
    assert (plain.openness, after.openness) == (2.5, 4.0)
    assert after.phase == "exploration" and plain.phase == "reaction"


def test_proposal_early_raises_tension_ready_reaches_agreement() -> None:
    early = step(PersonaState(5.0, 2.0, "reaction"), "proposal", "medium")
    assert early.tension == 6.0 and early.phase == "reaction"
    ready = step(PersonaState(3.0, 6.0, "exploration"), "proposal", "medium")
    assert ready.tension == 2.0 and ready.phase == "agreement"
    broken = step(PersonaState(6.0, 6.0, "agreement"), "reproach", "medium")
    assert broken.phase != "agreement"


def test_stalemate_and_the_way_out() -> None:
    stuck = step(PersonaState(8.0, 1.0, "reaction"), "reproach", "medium")
    assert stuck.phase == "stalemate"
    still = step(stuck, "empathy", "medium")  # 10 -> 8.5: still above 7
    assert still.phase == "stalemate"
    out = step(step(still, "empathy", "medium"), "empathy", "medium")
    assert out.tension < 7 and out.phase == "reaction"
