"""The rehearsal loop with a scripted fake model: tension, prompts, checks and fallbacks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from coach.llm import LLMClient, ScriptedChatModel
from coach.rehearsal import RehearsalSession, new_session, respond
from coach.rehearsal.persona import generic_persona
from coach.rehearsal.replies import check_reply
from coach.rehearsal.scenarios import get_scenario
from coach.settings import Settings

# Hand-scored with coach.analytics.scoring weights:
#   "Hoe gaat het met je?"            open question            -1
#   "Heb je het druk?"                closed question          +1
#   "Het klinkt alsof ... zien."      complex reflection       -2
#   "Je moet gewoon ... liggen."      premature advice         +2
SCRIPT = [
    "Hoe gaat het met je?",
    "Heb je het druk?",
    "Het klinkt alsof je je zorgen maakt over je team, ook al wil je dat niet laten zien.",
    "Je moet gewoon wat taken laten liggen.",
]
REPLIES = [
    "Het gaat wel, ik heb het gewoon erg druk.",
    "Ja, sinds Ilse weg is doe ik haar werk erbij.",
    "Klopt, ik wil mijn mensen echt niet in de steek laten.",
    "Misschien, maar wat dan precies?",
]
Make = Callable[..., tuple[LLMClient, ScriptedChatModel]]


def _session(difficulty: str = "medium", language: str = "nl") -> RehearsalSession:
    sc = get_scenario("burnout")
    return new_session(sc, generic_persona(sc, language), difficulty, language)


@pytest.mark.parametrize(
    ("difficulty", "expected"),
    [
        # start 5, factors 1/1: 5 -1 +1 -2 +2
        ("medium", [5.0, 4.0, 5.0, 3.0, 5.0]),
        # start 7, up x1.5, down x0.5: 7 -0.5 +1.5 -1 +3
        ("hard", [7.0, 6.5, 8.0, 7.0, 10.0]),
        # start 3, up x0.5, down x1.5: 3 -1.5 +0.5 -3 (clamped at 0) +1
        ("easy", [3.0, 1.5, 2.0, 0.0, 1.0]),
    ],
)
def test_tension_moves_as_specified(make_llm: Make, difficulty: str, expected: list[float]) -> None:
    llm, _ = make_llm(*REPLIES)
    session = _session(difficulty)
    for line in SCRIPT:
        respond(llm, session, line)
    assert session.trajectory == expected
    assert [t.effect for t in session.manager_turns] == [-1, 1, -2, 2]
    assert session.tension == expected[-1]


def test_model_replies_pass_and_transcript_alternates(make_llm: Make) -> None:
    llm, model = make_llm(*REPLIES)
    session = _session()
    for line in SCRIPT:
        respond(llm, session, line)
    assert [t.speaker for t in session.turns] == ["employee"] + ["manager", "employee"] * 4
    assert session.turns[0].source == "opening"
    assert [t.text for t in session.turns if t.source == "llm"] == REPLIES
    assert session.fallback_count == 0
    assert len(model.prompts) == 4


def test_prompt_follows_the_tension_band(make_llm: Make) -> None:
    llm, model = make_llm(*REPLIES)
    session = _session("hard")
    respond(llm, session, "Hoe gaat het met je?")  # 6.5: medium
    respond(llm, session, "Je bent altijd te laat, dat is slordig.")  # +5*1.5 -> 10: high
    first, second = (str(p[0].content) for p in model.prompts)
    assert "Je bent Mark, Teamleider klantenservice" in first
    assert "in het Nederlands" in first and "AI" in first
    assert "gereserveerd" in first and "gespannen" not in first
    assert "gespannen en defensief" in second
    assert "Oefen om" not in first  # the exercise line is for the manager, not the persona
    # History: opening line as the model's own turn, the manager's words as the human turn.
    roles = [m.type for m in model.prompts[1]]
    assert roles == ["system", "ai", "human", "ai", "human"]
    assert session.band == "high"


def test_english_prompt(make_llm: Make) -> None:
    llm, model = make_llm("I'm fine, just tired.")
    session = _session(language="en")
    turn = respond(llm, session, "How are you doing?")
    assert turn.source == "llm"
    assert "in English" in str(model.prompts[0][0].content)


BAD = [
    "",
    "I am fine, thank you very much for asking.",
    "As an AI language model, I cannot answer that.",
    "Als AI-taalmodel kan ik daar niets over zeggen.",
]


def test_fallback_for_invalid_replies(make_llm: Make) -> None:
    llm, _ = make_llm(*BAD)
    session = _session("medium")
    lines = get_scenario("burnout").fallback_lines
    script = [
        "Hoe gaat het met je?",
        "Wat heb je nodig?",
        "Wat speelt er?",
        "Hoe kijk jij daar tegenaan?",
    ]
    turns = [respond(llm, session, line) for line in script]
    # tension 4 (medium), 3, 2, 1 (low): rotate within each band
    assert [t.text for t in turns] == [
        lines.get("medium", "nl")[0],
        lines.get("low", "nl")[0],
        lines.get("low", "nl")[1],
        lines.get("low", "nl")[2],
    ]
    assert [t.rejected for t in turns] == ["empty", "language", "ai_mention", "ai_mention"]
    assert all(t.source == "fallback" for t in turns)
    assert session.fallback_count == 4


class _Broken(ScriptedChatModel):
    def _generate(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("connection refused")


def test_fallback_when_model_unavailable_or_absent(settings: Settings) -> None:
    session = _session("hard")
    turn = respond(LLMClient(settings, model=_Broken()), session, "Hoe gaat het met je?")
    assert turn.source == "fallback" and turn.rejected == "unavailable"
    assert turn.text == get_scenario("burnout").fallback_lines.get("medium", "nl")[0]
    turn = respond(None, session, "Wat speelt er?")
    assert turn.rejected == "no_model"
    assert turn.text == get_scenario("burnout").fallback_lines.get("medium", "nl")[1]


def test_repeated_model_reply_is_replaced(make_llm: Make) -> None:
    llm, _ = make_llm("Het gaat wel, ik heb het druk.", "Het gaat wel, ik heb het druk.")
    session = _session()
    assert respond(llm, session, "Hoe gaat het met je?").source == "llm"
    second = respond(llm, session, "Wat speelt er?")
    assert (second.source, second.rejected) == ("fallback", "repeat")


def test_session_round_trip(make_llm: Make) -> None:
    llm, _ = make_llm(*REPLIES)
    session = _session()
    respond(llm, session, SCRIPT[0])
    copy = RehearsalSession.from_dict(session.to_dict())
    assert copy.to_dict() == session.to_dict()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("Mark: Het gaat wel, ik heb het druk.", None),
        ('"Ik red me wel."', None),
        ("Het is erg druk.\nManager: Fijn om te horen.", None),
        ("Hoe kun yeet?", "unknown_words"),
        ("Hoe gaat het dan met je?", "echo"),
        ("Hoe gaat het met je? Dit is zijn deel.", "echo"),
        ("Ik ben een assistent en help je graag.", "ai_mention"),
        ("Het spijt me te horen dat je het zo druk hebt.", "assistant_voice"),
        ("Sinds Ilse weg is doe ik haar werk er gewoon bij, echt.", "repeat"),
        ("Je praat met je leidinggevende over het werk.", "prompt_echo"),
        ("Ik flurp de grommel snork plenk.", "unknown_words"),
        ("Ja. " + "Het is druk en het is veel werk, " * 12 + "echt.", "too_long"),
    ],
)
def test_check_reply(raw: str, reason: str | None) -> None:
    verdict = check_reply(
        raw,
        language="nl",
        persona_name="Mark",
        manager_text="Hoe gaat het met je?",
        system_prompt="Je bent Mark. Je praat met je leidinggevende over het werk.",
        earlier_lines=["Sinds Ilse weg is, doe ik haar werk er eigenlijk gewoon bij."],
    )
    assert verdict.reason == reason, verdict
    if reason is None:
        assert not verdict.text.startswith(("Mark:", '"')) and "Manager" not in verdict.text


def test_clean_reply_strips_labels_and_extra_sentences() -> None:
    from coach.rehearsal.replies import clean_reply

    assert clean_reply("Sanne: Het gaat wel.\nLeidinggevende: Oké.", "Sanne de Vries") == (
        "Het gaat wel."
    )
    assert clean_reply("Mark: Ja. Nee. Misschien. Toch niet.", "Mark") == "Ja. Nee. Misschien."
    assert clean_reply("Ik ben moe. Het werk is zo veel dat", "Mark") == "Ik ben moe."
    assert clean_reply("Ik ben moe en", "Mark") == "Ik ben moe en"


def test_english_assistant_register_is_out_of_character() -> None:
    verdict = check_reply(
        "I'm so sorry to hear that. I want you to know it takes courage.",
        language="en",
        persona_name="Mark",
        manager_text="I've noticed you've been working late and I'm worried.",
        system_prompt="You are Mark.",
    )
    assert verdict.reason == "assistant_voice"
