from datetime import date

import pytest

from coach.followup.dates import parse_due

WED = date(2027, 3, 10)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("volgende week vrijdag", date(2027, 3, 19)),
        ("vrijdag volgende week", date(2027, 3, 19)),
        ("vrijdag", date(2027, 3, 12)),
        ("morgen", date(2027, 3, 11)),
        ("overmorgen", date(2027, 3, 12)),
        ("over twee weken", date(2027, 3, 24)),
        ("over 3 weken", date(2027, 3, 31)),
        ("binnen een maand", date(2027, 4, 10)),
        ("eind deze maand", date(2027, 3, 31)),
        ("eind van de maand", date(2027, 3, 31)),
        ("voor de zomer", date(2027, 6, 25)),
        ("na de zomer", date(2027, 9, 6)),
        ("voor kerst", date(2027, 12, 24)),
        ("eind Q1", date(2027, 3, 31)),
        ("eind Q2", date(2027, 6, 30)),
        ("eind van het kwartaal", date(2027, 3, 31)),
        ("15 maart", date(2027, 3, 15)),
        ("15-03", date(2027, 3, 15)),
        ("2027-03-15", date(2027, 3, 15)),
        ("volgende maand", date(2027, 4, 30)),
        ("deze week", date(2027, 3, 12)),
        ("eind van de week", date(2027, 3, 12)),
        ("begin volgende week", date(2027, 3, 15)),
        ("eind maart", date(2027, 3, 31)),
        ("medio april", date(2027, 4, 15)),
        ("in week 14", date(2027, 4, 9)),
        ("tweede kwartaal", date(2027, 6, 30)),
        ("eind van het jaar", date(2027, 12, 31)),
        ("next Friday", date(2027, 3, 12)),
        ("by Friday", date(2027, 3, 12)),
        ("Friday next week", date(2027, 3, 19)),
        ("tomorrow", date(2027, 3, 11)),
        ("the day after tomorrow", date(2027, 3, 12)),
        ("in two weeks", date(2027, 3, 24)),
        ("within a month", date(2027, 4, 10)),
        ("end of the month", date(2027, 3, 31)),
        ("by the end of the month", date(2027, 3, 31)),
        ("by end of Q1", date(2027, 3, 31)),
        ("before the summer", date(2027, 6, 25)),
        ("by March 15", date(2027, 3, 15)),
        ("15 March", date(2027, 3, 15)),
        ("15th of March 2028", date(2028, 3, 15)),
        ("next week", date(2027, 3, 19)),
        ("end of next week", date(2027, 3, 19)),
        ("early next month", date(2027, 4, 1)),
        ("in 3 working days", date(2027, 3, 15)),
        ("next quarter", date(2027, 6, 30)),
        ("03/15", date(2027, 3, 15)),
    ],
)
def test_phrases(phrase: str, expected: date) -> None:
    found, matched = parse_due(phrase, WED)
    assert found == expected
    assert matched is not None and matched.lower() in phrase.lower()


@pytest.mark.parametrize(
    "phrase",
    [
        "binnenkort",
        "soon",
        "asap",
        "ooit",
        "zo snel mogelijk",
        "over een paar weken",
        "in a few weeks",
        "een week of twee",
        "at some point",
    ],
)
def test_vague_returns_phrase_without_date(phrase: str) -> None:
    assert parse_due(f"Ik regel het {phrase}.", WED) == (None, phrase)


@pytest.mark.parametrize(
    "text",
    [
        "Ik regel het.",
        "Een 1:1 van 10.00 tot 11.00",
        "Het kost 2-3 weken werk",
        "'s morgens werk ik thuis",
        "31-02",
    ],
)
def test_no_date(text: str) -> None:
    assert parse_due(text, WED) == (None, None)


def test_sentence_returns_matched_phrase() -> None:
    assert parse_due("Ik stuur je het document uiterlijk vrijdag.", WED) == (
        date(2027, 3, 12),
        "uiterlijk vrijdag",
    )


def test_concrete_date_beats_vague_word() -> None:
    assert parse_due("Binnenkort, uiterlijk morgen.", WED)[0] == date(2027, 3, 11)


def test_noun_modifier_date_is_not_preferred() -> None:
    found = parse_due("Ik stuur hem morgen de planning van het tweede kwartaal.", WED)
    assert found == (date(2027, 3, 11), "morgen")


def test_year_end_rollover() -> None:
    ref = date(2027, 12, 30)  # Thursday
    assert parse_due("volgende maand", ref)[0] == date(2028, 1, 31)
    assert parse_due("over een maand", ref)[0] == date(2028, 1, 30)
    assert parse_due("eind Q1", ref)[0] == date(2028, 3, 31)
    assert parse_due("volgende week vrijdag", ref)[0] == date(2028, 1, 7)
    assert parse_due("begin volgende maand", ref)[0] == date(2028, 1, 1)
    assert parse_due("15 januari", ref)[0] == date(2028, 1, 15)
    assert parse_due("voor kerst", ref)[0] == date(2028, 12, 22)  # 24 Dec 2028 is a Sunday


def test_month_end_clamping_and_leap_years() -> None:
    assert parse_due("over een maand", date(2027, 1, 31))[0] == date(2027, 2, 28)
    assert parse_due("over een maand", date(2028, 1, 31))[0] == date(2028, 2, 29)
    assert parse_due("morgen", date(2028, 2, 28))[0] == date(2028, 2, 29)
    assert parse_due("morgen", date(2027, 2, 28))[0] == date(2027, 3, 1)
    assert parse_due("29 februari", date(2027, 3, 1))[0] == date(2028, 2, 29)
    assert parse_due("29-02", date(2028, 2, 1))[0] == date(2028, 2, 29)
    assert parse_due("eind van de maand", date(2028, 2, 3))[0] == date(2028, 2, 29)
    assert parse_due("2027-02-29", date(2027, 1, 1)) == (None, None)


def test_weekend_meeting_end_of_week_is_next_friday() -> None:
    assert parse_due("eind van de week", date(2027, 3, 13))[0] == date(2027, 3, 19)


def test_summer_when_first_of_july_is_friday() -> None:
    # 1 July 2022 was a Friday: "voor de zomer" is the Friday before, 24 June.
    assert parse_due("voor de zomer", date(2022, 5, 1))[0] == date(2022, 6, 24)
    assert parse_due("voor de zomer", date(2027, 7, 10))[0] == date(2028, 6, 30)
