"""The rehearse flow's pure half: setup state, typed choices, the persona card and its edits."""

from __future__ import annotations

from coach.app.flows.rehearse_view import (
    Setup,
    apply_edits,
    match_difficulty,
    match_scenario,
    parse_edits,
    persona_card,
    wants_generic,
)
from coach.rehearsal import list_scenarios, new_session
from coach.rehearsal.persona import generic_persona
from coach.rehearsal.scenarios import get_scenario


def test_typed_scenarios_are_recognised_in_both_languages() -> None:
    nl, en = list_scenarios("nl"), list_scenarios("en")
    assert match_scenario("Ik wil een gesprek over een afgewezen promotie oefenen", nl) == (
        "declined-promotion"
    )
    assert match_scenario("gemiste deadlines", nl) == "missed-deadlines"
    assert match_scenario("conflict", nl) == "conflict"
    assert match_scenario("I want to rehearse giving praise", en) == "praise"
    assert match_scenario("signs of overload", en) == "burnout"
    assert match_scenario("hallo", nl) is None
    assert match_scenario("", nl) is None


def test_typed_difficulty_and_generic_choice() -> None:
    assert match_difficulty("Moeilijk graag") == "hard"
    assert match_difficulty("easy") == "easy"
    assert match_difficulty("gemiddeld") == "medium"
    assert match_difficulty("makkelijk of moeilijk") is None  # two answers is no answer
    assert match_difficulty("geen idee") is None
    assert wants_generic("Een algemene persona")
    assert wants_generic("generic")
    assert not wants_generic("Sanne")


def test_edits_parse_fields_in_dutch_and_english_and_ignore_the_rest() -> None:
    edits = parse_edits(
        "stijl: kortaf en  verdedigend\n"
        "Concerns: bang om gepasseerd te worden; twijfelt ;\n"
        "onzin: wordt genegeerd\n"
        "- naam: Sanne\n"
        "zonder dubbele punt"
    )
    assert edits == {
        "style": "kortaf en verdedigend",
        "concerns": ["bang om gepasseerd te worden", "twijfelt"],
        "name": "Sanne",
    }
    assert parse_edits("naam:   ") == {}  # a persona keeps a name
    assert parse_edits("achtergrond:") == {"background": ""}  # other fields may be cleared
    assert parse_edits("hoe gaat het?") == {}


def test_card_is_labelled_a_simulation_and_shows_edits() -> None:
    persona = generic_persona(get_scenario("declined-promotion"), "nl")
    setup = Setup(stage="card", scenario_id="declined-promotion", difficulty="hard")
    edited = apply_edits(persona, parse_edits("stijl: kortaf\nzorgen: a; b"))
    card = persona_card(edited, setup, "nl")
    assert card.startswith(f"### 🎭 Simulatie: {persona.name}")
    assert "**Moeilijkheid:** Moeilijk" in card and "**Taal:** Nederlands" in card
    assert "**Stijl:** kortaf" in card and "\n  - a\n  - b" in card
    assert "Dit is een simulatie" in card
    english = persona_card(edited, setup, "en")
    assert "Simulation" in english and "**Difficulty:** Hard" in english


def test_setup_round_trips_and_rejects_malformed_metadata() -> None:
    persona = generic_persona(get_scenario("praise"), "en")
    session = new_session("praise", persona, "easy", "en")
    setup = Setup(
        stage="running",
        scenario_id="praise",
        difficulty="easy",
        language="en",
        persona=persona.to_dict(),
        session=session.to_dict(),
    )
    again = Setup.from_dict(setup.to_dict(), "nl")
    assert again == setup
    assert Setup.from_dict(None, "nl") == Setup(language="nl")
    assert Setup.from_dict({"stage": "bogus"}, "en") == Setup(language="en")
    broken = {**setup.to_dict(), "session": {"scenario_id": "praise"}}
    assert Setup.from_dict(broken, "nl") == Setup(language="nl")
    assert Setup.from_dict({**setup.to_dict(), "language": "fr"}, "nl").language == "nl"


def test_card_shows_pronouns_and_facts_and_both_are_editable() -> None:
    persona = generic_persona(get_scenario("declined-promotion"), "nl")
    setup = Setup(stage="card", scenario_id="declined-promotion", difficulty="medium")
    card = persona_card(persona, setup, "nl")
    assert "**Voornaamwoorden:** zij/haar" in card and "tenure = zes jaar" in card
    edits = parse_edits("voornaamwoorden: hen/hun\nfeiten: tenure = vijf jaar; onbekend = x")
    edited = apply_edits(persona, edits)
    assert edited.pronouns == "hen/hun" and edited.facts == {"tenure": "vijf jaar"}
    blank = persona_card(apply_edits(persona, {"pronouns": ""}), setup, "en")
    assert "**Pronouns:** not filled in" in blank
