"""A capable model may add action items; every proposal is checked against the notes."""

from __future__ import annotations

import datetime as dt
import json

from coach.followup.assist import accept, assist, parse_proposals
from coach.followup.extract import extract
from coach.llm import LLMClient
from coach.llm.fake import ScriptedChatModel
from coach.settings import Settings

MEETING = dt.date(2026, 11, 23)  # a Monday
NOTES = (
    "Sanne wil de Python-cursus volgen; ik vraag het budget volgende week vrijdag aan.\n"
    "Het overleg met Customer Care is wat stroef. Bas zou de planning rond de release "
    "voor de kerst nog eens bekijken."
)
TEAM = ["Sanne de Vries", "Bas Visser"]


def proposal(text: str, owner: str, quote: str, due: str = "") -> dict[str, str]:
    return {"text": text, "owner": owner, "due": due, "quote": quote}


def client(llm: str, reply: str) -> tuple[LLMClient, ScriptedChatModel]:
    model = ScriptedChatModel(replies=[reply])
    return LLMClient(Settings(llm=llm), model=model), model


def test_a_checked_proposal_is_added_with_our_own_due_date() -> None:
    result = extract(NOTES, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    before = [a.text for a in result.action_items]
    reply = (
        "```json\n"
        + json.dumps(
            [
                proposal(
                    "Planning rond de release bekijken",
                    "Bas",
                    "Bas zou de planning rond de release voor de kerst nog eens bekijken",
                    "voor de kerst",
                )
            ]
        )
        + "\n```"
    )
    llm, model = client("openai:gpt-4o-mini", reply)
    out = assist(llm, NOTES, result, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    assert [a.text for a in out.action_items][: len(before)] == before
    added = out.action_items[len(before) :]
    assert [(a.text, a.owner) for a in added] == [
        ("Planning rond de release bekijken", "Bas Visser")
    ]
    assert added[0].due is not None and MEETING < added[0].due < dt.date(2026, 12, 25)
    assert added[0].due_phrase == "voor de kerst"
    assert "Python-cursus" in str(model.prompts[0][-1].content)  # the notes were sent


def test_invented_unowned_and_repeated_items_are_refused() -> None:
    result = extract(NOTES, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    have = result.action_items
    proposals = [
        proposal("Salarisverhoging regelen", "manager", "ik regel een salarisverhoging"),
        proposal("Overleg verbeteren", "Customer Care", "Het overleg met Customer Care"),
        proposal("Iets", "employee", ""),
        proposal(have[0].text, "manager", have[0].source_sentence) if have else {},
        {"text": 3},
    ]
    assert accept(proposals, NOTES, have, MEETING, TEAM) == []


def test_unclear_timing_stays_empty() -> None:
    quote = "Het overleg met Customer Care is wat stroef"
    kept = accept(
        [proposal("Overleg met Customer Care bespreken", "employee", quote, "binnenkort")],
        NOTES,
        [],
        MEETING,
        TEAM,
    )
    assert len(kept) == 1 and kept[0].due is None and kept[0].owner == "employee"


def test_replies_that_are_not_a_json_array_give_nothing() -> None:
    assert parse_proposals("Ik zie geen extra afspraken.") == []
    assert parse_proposals("[not json]") == []
    assert parse_proposals('{"text": "x"}') == []
    assert parse_proposals('Hier: [{"text": "x"}, 4]') == [{"text": "x"}]


def test_embedded_and_fake_models_are_never_asked() -> None:
    result = extract(NOTES, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    for name in ("fake", "local"):
        llm, model = client(name, "[]")
        out = assist(llm, NOTES, result, MEETING, employee_name="Sanne", known_people=TEAM)
        assert out is result and model.prompts == []


def test_a_proposal_whose_text_fails_the_gate_is_refused() -> None:
    result = extract(NOTES, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    quote = "Bas zou de planning rond de release voor de kerst nog eens bekijken."
    reply = json.dumps(
        [
            proposal("Bas will look at the release planning before Christmas", "Bas", quote),
            proposal("Bas bekijkt de plinkerige voortgekeering rond de release", "Bas", quote),
        ]
    )
    llm, _ = client("openai:gpt-4o-mini", reply)
    out = assist(llm, NOTES, result, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    assert [a.text for a in out.action_items] == [a.text for a in result.action_items]
    good = json.dumps([proposal("Planning rond de release bekijken", "Bas", quote)])
    llm, _ = client("openai:gpt-4o-mini", good)
    out = assist(llm, NOTES, result, MEETING, employee_name="Sanne de Vries", known_people=TEAM)
    assert "Planning rond de release bekijken" in [a.text for a in out.action_items]
