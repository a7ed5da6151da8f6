"""The prep flow's deterministic parsers: which messages ask for a brief or a phrasing check."""

from __future__ import annotations

import pytest

from coach.prep.intent import PrepIntent, parse_phrasing, parse_prep_intent


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bereid mijn gesprek met Sanne voor", "Sanne"),
        ("bereid mijn 1-op-1 met Sanne de Vries morgen voor.", "Sanne de Vries"),
        ("Kun je mijn gesprek met Thomas voorbereiden?", "Thomas"),
        ("help me mijn 1:1 met Noor voor te bereiden", "Noor"),
        ("Wat moet ik bespreken met Thomas?", "Thomas"),
        ("Voorbereiding gesprek met Joost", "Joost"),
        ("prepare my 1:1 with Priya", "Priya"),
        ("Please prepare for my meeting with Marta tomorrow", "Marta"),
        ("Can you help me prepare my one-on-one with Daan?", "Daan"),
        ("what should I discuss with Marta?", "Marta"),
        ("get ready for my 1:1 with Noor El Amrani", "Noor El Amrani"),
    ],
)
def test_prep_request_with_a_name(text: str, name: str) -> None:
    assert parse_prep_intent(text) == PrepIntent(name)


@pytest.mark.parametrize(
    "text",
    ["bereid mijn gesprek voor", "Bereid het eenopeen voor", "prepare my 1:1", "prep a meeting"],
)
def test_prep_request_without_a_name(text: str) -> None:
    assert parse_prep_intent(text) == PrepIntent(None)


@pytest.mark.parametrize(
    "text",
    [
        "Hoe gaat het met Sanne?",
        "Wat moet ik vragen over haar ambitie?",
        "what should I ask about her ambition?",
        "voorbereiding van de vergadering",
        "prepare my 1:1 with 123",
        "Bereid mijn gesprek met Sanne en Thomas en Noor en Bas voor",
        "/notities Sanne",
        "",
        "bereid mijn gesprek met Sanne voor " * 20,
    ],
)
def test_other_messages_are_not_prep_requests(text: str) -> None:
    assert parse_prep_intent(text) is None


@pytest.mark.parametrize(
    ("text", "planned"),
    [
        ('/formulering "Waarom ben je altijd te laat?"', "Waarom ben je altijd te laat?"),
        ("/Phrasing Why are you late?", "Why are you late?"),
        ("/formulering", ""),
        ("hoe zeg ik dat hij altijd te laat is?", "dat hij altijd te laat is"),
        ("Hoe zeg ik: waarom ben je te laat?", "waarom ben je te laat?"),
        ('How do I say "you never listen"?', "you never listen"),
        ('hoe zeg ik tegen Sanne: "dit kan beter"', "dit kan beter"),
        ("“Je bent te laat.”", "Je bent te laat."),
        ("'Jij bent te laat'", "Jij bent te laat"),
        ('"Onafgesloten citaat', "Onafgesloten citaat"),
    ],
)
def test_phrasing_requests(text: str, planned: str) -> None:
    assert parse_phrasing(text) == planned


def test_phrasing_command_chosen_in_the_composer() -> None:
    assert parse_phrasing('"Waarom?"', command="formulering") == "Waarom?"
    assert parse_phrasing("Why?", command="/phrasing") == "Why?"
    assert parse_phrasing("Eva", command="persoon") is None


@pytest.mark.parametrize(
    "text",
    ["'s Ochtends ben ik moe", "/persoon Eva", "gewoon een vraag", "Hoe gaat het met Sanne?"],
)
def test_not_phrasing(text: str) -> None:
    assert parse_phrasing(text) is None
