"""To-do text and owner for Dutch and English commitments, also in inverted word order."""

from datetime import date

import pytest

from coach.followup.continued import OpenItem, best_links
from coach.followup.extract import extract
from coach.followup.todo import dutch_infinitive, english_base

MEETING = date(2026, 2, 3)  # a Tuesday


def _items(text: str, **kw: object) -> list[tuple[str, str, date | None]]:
    result = extract(text, MEETING, employee_name="Eva Smits", manager_name="Mark Jansen", **kw)  # type: ignore[arg-type]
    return [(a.text, a.owner, a.due) for a in result.action_items]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Ik verdeel de klantvragen van Pim voor vrijdag over Anna en Rik.",
            ("De klantvragen van Pim over Anna en Rik verdelen", "manager", date(2026, 2, 6)),
        ),
        (
            "Eva laat voor eind van de maand weten welke training ze wil doen.",
            ("Laten weten welke training ze wil doen", "employee", date(2026, 2, 28)),
        ),
        (
            "We bespreken op 20 februari samen haar doelen.",
            ("Samen haar doelen bespreken", "both", date(2026, 2, 20)),
        ),
        (
            "Het verslag levert Eva volgende week op.",
            ("Het verslag opleveren", "employee", date(2026, 2, 13)),
        ),
        (
            "Voor maandag stuur ik haar de planning.",
            ("Haar de planning sturen", "manager", date(2026, 2, 9)),
        ),
        (
            "Ze zet de enquête volgende week uit.",
            ("De enquête uitzetten", "employee", date(2026, 2, 13)),
        ),
    ],
)
def test_dutch_to_do_and_owner(sentence: str, expected: tuple[str, str, date | None]) -> None:
    assert _items(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("I'll send her the planning by Friday.", ("Send her the planning", "manager")),
        ("Eva will book the course by the end of the month.", ("Book the course", "employee")),
        (
            "She'll let me know which training she wants.",
            ("Let me know which training she wants", "employee"),
        ),
        ("We'll review her goals together on 20 February.", ("Review her goals together", "both")),
        ("The report Eva delivers next week.", ("Deliver the report", "employee")),
        ("By Monday I will share the roadmap.", ("Share the roadmap", "manager")),
        ("They'll draft the proposal by Friday.", ("Draft the proposal", "employee")),
    ],
)
def test_english_to_do_and_owner(sentence: str, expected: tuple[str, str]) -> None:
    result = extract(sentence, MEETING, language="en", employee_name="Eva Smits")
    assert [(a.text, a.owner) for a in result.action_items] == [expected]


def test_a_transcript_speaker_owns_her_own_ik() -> None:
    text = (
        "Mark: Hoe gaat het?\nEva: Ik stuur je voor vrijdag mijn voorstel.\n"
        "Mark: Ik lees het maandag."
    )
    assert _items(text) == [
        ("Je mijn voorstel sturen", "employee", date(2026, 2, 6)),
        ("Het lezen", "manager", date(2026, 2, 9)),
    ]


def test_infinitives_and_base_forms() -> None:
    stems = ("stuur", "plan", "verdeel", "schrijf", "meld", "regel")
    assert [dutch_infinitive(s) for s in stems] == [
        "sturen", "plannen", "verdelen", "schrijven", "melden", "regelen",
    ]  # fmt: skip
    assert [english_base(v) for v in ("schedules", "tries", "finishes", "has")] == [
        "schedule", "try", "finish", "have",
    ]  # fmt: skip


def test_a_continued_item_links_to_the_open_one_and_nothing_else() -> None:
    open_items = [
        OpenItem(7, "Twee klantvragen van Pim herverdelen over het team", "manager", None),
        OpenItem(8, "Laten weten of ze een gesprek met de huisarts wil", "employee", None),
    ]
    items = _items(
        "Ik verdeel de klantvragen van Pim voor vrijdag over Anna en Rik.\n"
        "Eva laat voor eind van de maand weten welke training ze wil doen.",
        open_items=open_items,
    )
    result = extract(
        "Ik verdeel de klantvragen van Pim voor vrijdag over Anna en Rik.\n"
        "Eva laat voor eind van de maand weten welke training ze wil doen.",
        MEETING,
        employee_name="Eva Smits",
        open_items=open_items,
    )
    assert len(items) == 2
    assert [a.existing for a in result.action_items] == [7, None]
    # one open item is linked to at most one new item
    assert best_links(
        ["Klantvragen van Pim verdelen", "De klantvragen van Pim verdelen"], open_items
    ) == {0: 7}
