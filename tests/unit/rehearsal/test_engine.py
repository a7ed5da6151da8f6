"""The rehearsal loop: moves, tension, authored lines, the optional model behind the gate."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from coach.errors import UserError
from coach.llm import LLMClient, ScriptedChatModel
from coach.rehearsal import RehearsalSession, generate, new_session, respond
from coach.rehearsal.persona import Persona, generic_persona
from coach.rehearsal.scenarios import get_scenario
from coach.settings import Settings

# Hand-scored with coach/rehearsal/rules.py TENSION_EFFECT (before difficulty scaling):
#   "Hoe gaat het met je?"            open question            -0.5
#   "Heb je het druk?"                closed question          +0.5
#   "Het klinkt alsof ... zien."      complex reflection       -1.5
#   "Je moet gewoon ... liggen."      premature advice         +1.5
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
GOOD = [
    "Ik wilde even rustig met je zitten, want ik zie dat je al weken tot laat werkt.",
    "Dat klinkt echt zwaar.",
    "Wat speelt er voor jou op dit moment?",
    "Het klinkt alsof je het gevoel hebt dat alles op jouw schouders terechtkomt.",
    "Wat zou je het meest helpen?",
    "Je wilt je team niet laten vallen, en tegelijk raak je zelf op.",
    "Zullen we afspreken dat ik de weekrapportage tijdelijk overneem?",
]
POOR = [
    "Er zijn klachten over je.",
    "Je bent de laatste tijd altijd prikkelbaar tegen iedereen.",
    "Je moet gewoon eerder naar huis gaan.",
    "Waarom heb je dat niet eerder gezegd?",
    "Slaap je wel genoeg?",
    "Laten we afspreken dat het vanaf nu beter gaat.",
]
Make = Callable[..., tuple[LLMClient, ScriptedChatModel]]


def _session(
    difficulty: str = "medium", language: str = "nl", scenario: str = "burnout", seed: int = 7
) -> RehearsalSession:
    sc = get_scenario(scenario)
    return new_session(sc, generic_persona(sc, language), difficulty, language, seed=seed)


@pytest.mark.parametrize(
    ("difficulty", "expected"),
    [
        # start 5, factors 1/1: 5 -0.5 +0.5 -1.5 +1.5
        ("medium", [5.0, 4.5, 5.0, 3.5, 5.0]),
        # start 7, up x1.5, down x0.5: 7 -0.25 +0.75 -0.75 +2.25
        ("hard", [7.0, 6.75, 7.5, 6.75, 9.0]),
        # start 3, up x0.5, down x1.5: 3 -0.75 +0.25 -2.25 +0.75
        ("easy", [3.0, 2.25, 2.5, 0.25, 1.0]),
    ],
)
def test_tension_moves_as_specified(difficulty: str, expected: list[float]) -> None:
    session = _session(difficulty)
    for line in SCRIPT:
        respond(None, session, line)
    assert session.trajectory == expected
    moves = [t.move for t in session.manager_turns]
    assert moves == ["open_question", "closed_question", "complex_reflection", "premature_advice"]
    assert all(t.source == "authored" for t in session.persona_turns[1:])


def test_why_didnt_you_raises_tension() -> None:
    """The issue's scripted run left "Waarom heb je dat niet eerder gezegd?" at 0."""
    session = _session()
    respond(None, session, "Waarom heb je dat niet eerder gezegd?")
    assert session.manager_turns[-1].move == "reproach"
    assert session.tension == 7.0


def test_questions_after_empathy_open_the_person_up() -> None:
    plain, after = _session(), _session()
    respond(None, plain, "Wat speelt er voor jou?")
    respond(None, after, "Dat klinkt echt zwaar.")
    before = after.openness
    respond(None, after, "Wat speelt er voor jou?")
    assert after.openness - before > plain.openness - 2.0  # 2.0: medium's start openness


def test_good_manager_reaches_agreement_poor_one_does_not() -> None:
    good, poor = _session(), _session()
    for line in GOOD:
        respond(None, good, line)
    for line in POOR:
        respond(None, poor, line)
    assert good.phase == "agreement" and good.reached_agreement
    assert good.persona_turns[-1].text in good.dialogue.pool("agreement", "low", "nl")
    assert not poor.reached_agreement and poor.phase == "stalemate"
    assert poor.tension == 10.0


def test_no_repeats_no_echo_and_slots_filled_over_a_long_session() -> None:
    session = _session(scenario="declined-promotion")
    turns = [*GOOD, *POOR, *SCRIPT] * 3
    lines = [respond(None, session, t).text for t in turns]
    assert len(lines) == len(set(lines)), "a persona line was said twice"
    assert all("{" not in x and "}" not in x for x in lines)
    for manager, line in zip(turns, lines, strict=True):
        assert line.strip().lower() != manager.strip().lower()


def test_same_seed_same_lines_other_seed_other_lines() -> None:
    def play(seed: int) -> list[str]:
        s = _session(seed=seed)
        return [respond(None, s, t).text for t in GOOD]

    assert play(1) == play(1)
    assert play(1) != play(2)


def test_restart_resumes_in_the_same_state() -> None:
    """A restart mid-session (the UI keeps to_dict in the thread) plays on identically."""
    session = _session()
    for line in GOOD[:3]:
        respond(None, session, line)
    copy = RehearsalSession.from_dict(session.to_dict())
    assert copy.to_dict() == session.to_dict()
    assert respond(None, copy, GOOD[3]).text == respond(None, session, GOOD[3]).text


def test_session_saved_before_the_dialogue_engine_still_loads() -> None:
    old = _session().to_dict()
    for key in ("openness", "phase", "used_lines", "seed"):
        old.pop(key)
    old["turns"][0]["source"] = "fallback"
    for t in old["turns"]:
        for key in ("move", "phase", "openness"):
            t.pop(key)
    session = RehearsalSession.from_dict(old)
    assert session.phase == "opening" and session.openness == 2.0
    assert respond(None, session, "Hoe gaat het met je?").source == "authored"


def test_bad_turns_are_refused_and_nothing_is_recorded() -> None:
    session = _session()
    with pytest.raises(UserError) as too_long:
        respond(None, session, "Ik wil je iets vertellen. " * 80)
    assert too_long.value.key == "rehearsal_turn_too_long"
    with pytest.raises(UserError) as english:
        respond(None, session, "I wanted to talk to you about how things are going at work.")
    assert english.value.key == "rehearsal_turn_language_nl"
    assert len(session.turns) == 1 and session.tension == 5.0
    one_word = respond(None, session, "Ok")
    assert session.manager_turns[-1].move == "silence" and one_word.text


def test_capable_model_words_the_line(make_llm: Make) -> None:
    llm, model = make_llm(*REPLIES)
    session = _session()
    for line in SCRIPT:
        respond(llm, session, line)
    assert [t.speaker for t in session.turns] == ["employee"] + ["manager", "employee"] * 4
    assert [t.text for t in session.persona_turns if t.source == "llm"] == REPLIES
    assert session.generated_count == 4 and session.authored_count == 1  # the opening
    system = str(model.prompts[3][0].content)
    assert "Je bent Mark (hij/hem), Teamleider klantenservice" in system
    assert "geeft je ongevraagd advies" in system  # the move of the last turn
    assert "Strekking van je antwoord:" in system  # the authored line as the gist
    assert "Oefen om" not in system  # the exercise line is for the manager, not the persona
    roles = [m.type for m in model.prompts[1]]
    assert roles == ["system", "ai", "human", "ai", "human"]


def test_system_prompt_puts_each_card_field_in_its_place() -> None:
    persona = Persona(
        scenario_id="burnout",
        language="nl",
        name="Ilse Brouwer",
        role="accountmanager",
        background="Tien jaar in dienst.",
        style="Kort en direct.",
        recent_events=["Offerte te laat", "Klant boos"],
        concerns=["Werkdruk", "Erkenning"],
        pronouns="zij/haar",
    )
    state = {
        "language": "nl",
        "description": "Ilse werkt al weken door. Oefen om eerst te luisteren.",
        "band": "high",
        "move": "premature_advice",
        "phase": "reaction",
        "gist": "Ik weet het niet.",
    }
    assert generate.system_prompt(persona, **state).splitlines()[:9] == [
        "Je bent Ilse Brouwer (zij/haar), accountmanager. Je praat met je leidinggevende.",
        "Situatie: Ilse werkt al weken door.",
        "Achtergrond: Tien jaar in dienst.",
        "Zo praat je: Kort en direct.",
        "Recent gebeurd: Offerte te laat; Klant boos",
        "Wat je dwarszit: Werkdruk; Erkenning",
        "Stemming: Je bent gespannen en defensief; je reageert kortaf of geïrriteerd.",
        "Je leidinggevende geeft je ongevraagd advies.",
        "Het gesprek: je reageert nog op het nieuws.",
    ]
    # An empty fact drops its labelled line; no pronouns, no brackets.
    bare = replace(persona, pronouns="", background="", style="", recent_events=[])
    assert generate.system_prompt(bare, **state).splitlines()[:3] == [
        "Je bent Ilse Brouwer, accountmanager. Je praat met je leidinggevende.",
        "Situatie: Ilse werkt al weken door.",
        "Wat je dwarszit: Werkdruk; Erkenning",
    ]


BAD = {
    # the Dutch nonsense from the embedded model
    "Dat is jaar. Ik zou je jaren in de gehele groeipad hier, wat kan weer verderderen om het "
    "tegenzaken op gerekelkeerseken?": "unknown_words",
    "Als AI-taalmodel kan ik daar niets over zeggen.": "ai_mention",
    "I am fine, thank you very much for asking.": "language",
    "": "empty",
}


def test_model_lines_that_fail_the_gate_give_the_authored_line(make_llm: Make) -> None:
    llm, _ = make_llm(*BAD)
    session = _session()
    turns = [respond(llm, session, line) for line in SCRIPT]
    assert [t.rejected for t in turns] == list(BAD.values())
    assert all(t.source == "authored" for t in turns)
    assert session.generated_count == 0


def test_persona_that_contradicts_its_card_is_replaced(make_llm: Make) -> None:
    """The issue's English run: a cheerful, tense Sanne with an invented mother."""
    llm, _ = make_llm(
        "Honestly, it's going to be amazing, I can't wait.",
        "My mother has mental-health problems, so it's been a lot.",
        "I'm so proud of you!",
    )
    session = _session("hard", "en")
    turns = [
        respond(llm, session, "You're always behind with everything."),
        respond(llm, session, "What's going on for you?"),
        respond(llm, session, "How do you see it yourself?"),
    ]
    assert [t.rejected for t in turns] == ["tone", "card", "assistant_voice"]
    assert all(t.source == "authored" for t in turns)


def test_near_repeat_of_a_model_line_is_replaced(make_llm: Make) -> None:
    llm, _ = make_llm(
        "Het gaat wel, ik heb het gewoon heel druk met alles.",
        "Het gaat wel hoor, ik heb het gewoon heel druk met alles.",
    )
    session = _session()
    assert respond(llm, session, "Hoe gaat het met je?").source == "llm"
    second = respond(llm, session, "Wat speelt er?")
    assert (second.source, second.rejected) == ("authored", "repeat")


def test_a_model_line_that_echoes_the_manager_is_replaced(make_llm: Make) -> None:
    """The embedded model's habit, measured by `coach eval rehearsal --model local`: the
    manager's own sentence given back ("Als dit over, jij begint er altijd mee.")."""
    llm, _ = make_llm("Ja, jij begint er altijd mee, zeg je.")
    session = _session()
    turn = respond(llm, session, "Jij begint er altijd mee, dat weet iedereen.")
    assert (turn.source, turn.rejected) == ("authored", "echo")


class _Broken(ScriptedChatModel):
    def _generate(self, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("connection refused")


def test_unavailable_model_and_the_embedded_default(settings: Settings, tmp_path: Any) -> None:
    session = _session("hard")
    turn = respond(LLMClient(settings, model=_Broken()), session, "Hoe gaat het met je?")
    assert (turn.source, turn.rejected) == ("authored", "unavailable")
    local = Settings(data_dir=tmp_path / "d", llm="local", _env_file=None)  # type: ignore[call-arg]
    model = ScriptedChatModel(replies=["Prima."])
    turn = respond(LLMClient(local, model=model), session, "Wat speelt er?")
    assert turn.source == "authored" and turn.rejected is None
    assert model.prompts == []  # below the measured pass rate: `local` is not asked at all
