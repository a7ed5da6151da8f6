from datetime import date, datetime
from urllib.parse import parse_qs, unquote, urlsplit

from coach.followup.extract import ActionItemDraft, FollowupResult
from coach.followup.message import compose, format_date, mailto_link


def _result(language: str) -> FollowupResult:
    return FollowupResult(
        language=language,
        decisions=["De 1:1 wordt tweewekelijks." if language == "nl" else "Biweekly 1:1s."],
        action_items=[
            ActionItemDraft(
                "Sanne stuurt het overzicht",
                "employee",
                date(2027, 3, 12),
                "vrijdag",
                "Sanne stuurt vrijdag het overzicht.",
            ),
            ActionItemDraft(
                "Ik zoek de training uit",
                "manager",
                None,
                "binnenkort",
                "Ik zoek binnenkort de training uit.",
            ),
            ActionItemDraft(
                "Pieter geeft feedback", "Pieter", None, None, "Pieter geeft feedback."
            ),
        ],
    )


def test_dutch_email() -> None:
    text = compose(
        _result("nl"),
        language="nl",
        employee_first_name="Sanne",
        manager_first_name="Mark",
        next_meeting=datetime(2027, 4, 6, 10, 0),
    ).text
    assert text.startswith("Hoi Sanne,")
    assert "Zoals besproken" in text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("- "))
    assert lines[start : start + 4] == [
        "- Jij: het overzicht sturen, uiterlijk vrijdag 12 maart",
        "- Ik: de training uitzoeken",
        "- Pieter: feedback geven",
        "- We hebben afgesproken: De 1:1 wordt tweewekelijks.",
    ]
    assert "Ons volgende gesprek staat op dinsdag 6 april om 10:00." in text
    assert text.endswith("Groet,\nMark")


def test_message_is_second_person_with_samen_and_leaves_out_health() -> None:
    result = FollowupResult(
        language="nl",
        decisions=["Ze heeft besloten toch met de bedrijfsarts te praten."],
        action_items=[
            ActionItemDraft(
                "Laten weten welke cursus ze wil volgen", "employee", date(2027, 1, 31), None, ""
            ),
            ActionItemDraft(
                "Samen haar ontwikkelplan bespreken", "both", date(2027, 1, 15), "op 15 januari", ""
            ),
            ActionItemDraft("Het gesprek met de bedrijfsarts plannen", "employee", None, None, ""),
        ],
    )
    message = compose(
        result,
        language="nl",
        employee_first_name="Sanne",
        manager_first_name="Mark",
        next_meeting=None,
    )
    assert "- Jij: laten weten welke cursus je wilt volgen, uiterlijk zondag 31 januari" in (
        message.text
    )
    assert "- Samen: je ontwikkelplan bespreken, op vrijdag 15 januari" in message.text
    assert "bedrijfsarts" not in message.text and " ze " not in message.text
    assert message.left_out == [
        "Het gesprek met de bedrijfsarts plannen",
        "Ze heeft besloten toch met de bedrijfsarts te praten.",
    ]
    with_all = compose(
        result,
        language="nl",
        employee_first_name="Sanne",
        manager_first_name="Mark",
        next_meeting=None,
        include_special=True,
    )
    assert "bedrijfsarts" in with_all.text and with_all.left_out == []


def test_english_chat_without_next_meeting() -> None:
    text = compose(
        _result("en"),
        language="en",
        employee_first_name="Sam",
        manager_first_name="Helen",
        next_meeting=None,
        style="chat",
    ).text
    assert text.startswith("Hi Sam,\nThanks for our chat! As discussed:")
    assert ", by Friday 12 March" in text
    english = FollowupResult(
        language="en",
        action_items=[
            ActionItemDraft("I'll send the profile", "manager", None, None, "x"),
            ActionItemDraft("Olivia will write down her goals", "employee", None, None, "x"),
            ActionItemDraft(
                "Review her plan together", "both", date(2027, 1, 15), "on 15 January", "x"
            ),
        ],
    )
    text2 = compose(
        english,
        language="en",
        employee_first_name="Olivia",
        manager_first_name="David",
        next_meeting=None,
    ).text
    assert "- You: write down your goals\n- Me: send the profile\n" in text2
    assert "- Together: review your plan, on Friday 15 January" in text2
    assert "Our next conversation" not in text
    assert text.endswith("\nHelen")


def test_no_actions_sentence() -> None:
    text = compose(
        FollowupResult(language="en"),
        language="en",
        employee_first_name="A",
        manager_first_name="B",
        next_meeting=datetime(2027, 1, 4, 9, 30),
    ).text
    assert "We did not agree on any concrete actions." in text
    assert "Monday 4 January at 09:30" in text


def test_format_date() -> None:
    assert format_date(date(2028, 2, 29), "nl") == "dinsdag 29 februari"
    assert format_date(date(2028, 2, 29), "en") == "Tuesday 29 February"


def test_mailto_encoding_round_trip() -> None:
    body = "Hoi Sanne,\n\nWat we afspraken: 50% & meer?\n- ja = goed #1"
    link = mailto_link("sanne.de-vries+1@example.nl", "Opvolging 1:1 & acties", body)
    assert link.startswith("mailto:sanne.de-vries+1@example.nl?subject=")
    assert " " not in link and "\n" not in link
    assert "%0D%0A%0D%0A" in link
    query = parse_qs(urlsplit(link).query, keep_blank_values=True)
    assert query["subject"] == ["Opvolging 1:1 & acties"]
    assert query["body"] == [body.replace("\n", "\r\n")]


def test_mailto_without_recipient() -> None:
    link = mailto_link(None, "Hi", "a b")
    assert link == "mailto:?subject=Hi&body=a%20b"
    assert unquote(link.split("body=")[1]) == "a b"


def test_next_meeting_never_falls_on_a_weekend_or_holiday() -> None:
    import datetime as dt

    from coach.followup.service import next_meeting_at

    friday = dt.date(2026, 11, 27)
    # four weeks on is Christmas Day (a Friday): the first working day is Monday 28 December
    assert next_meeting_at(friday, 28, "Europe/Amsterdam").date() == dt.date(2026, 12, 28)
    sat = next_meeting_at(friday, 1, "Europe/Amsterdam")  # Saturday -> Monday
    assert sat.date() == dt.date(2026, 11, 30) and (sat.hour, sat.tzname()) == (10, "CET")
    assert next_meeting_at(friday, 2, "Europe/Amsterdam").date() == dt.date(2026, 11, 30)
    assert next_meeting_at(friday, 3, "Europe/Amsterdam").date() == dt.date(2026, 11, 30)
