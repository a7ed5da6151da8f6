import pytest

from coach.analytics import analyze


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Je hebt het op dit moment erg druk.", "simple"),
        ("Dus je zoekt meer rust in je agenda.", "simple"),
        ("Je voelt je overvallen door de reorganisatie.", "simple"),
        ("It sounds like it was a busy week.", "simple"),
        ("You miss your old colleagues.", "simple"),
        ("So the client cancelled the contract.", "simple"),
        (
            "Aan de ene kant wil je die promotie, aan de andere kant ben je bang voor je gezin.",
            "complex",
        ),
        ("Je lijkt eigenlijk toe te zijn aan een nieuwe uitdaging.", "complex"),
        ("Wat je eigenlijk zegt, is dat je meer vertrouwen wilt.", "complex"),
        ("Part of you wants to stay, and part of you is already looking around.", "complex"),
        ("You feel responsible for the team even though it isn't your job.", "complex"),
    ],
)
def test_reflections(text: str, kind: str) -> None:
    result = analyze(text)
    assert result.reflection == kind
    assert result.question is None


@pytest.mark.parametrize(
    "text",
    [
        "Je bent altijd te laat.",  # accusation, not a mirror
        "Jij doet nooit wat we afspreken.",
        "Je bent de beste collega die we hebben.",
        "Ik kan me voorstellen dat dat lastig is.",
        "Als je wilt, kunnen we samen naar je ontwikkelplan kijken.",
        "Dus we spreken af dat je het vrijdag oplevert.",
        "You're always late.",
        "You're just lazy.",
        "You're responsible for the delivery.",
        "So I'll sort that out then.",
        "Glad you're here.",
    ],
)
def test_not_reflections(text: str) -> None:
    assert analyze(text).reflection is None


def test_reflection_with_rising_intonation_is_a_question() -> None:
    result = analyze("Dus je vindt het te veel?")
    assert result.reflection is None and result.question == "closed"


def test_reflection_followed_by_question() -> None:
    result = analyze("Het klinkt alsof het een zware week was. Hoe gaat het nu?")
    assert result.reflection == "simple" and result.question == "open"


def test_empathy() -> None:
    assert analyze("Dat klinkt zwaar.").empathy
    assert analyze("Begrijpelijk.").empathy
    assert analyze("I can imagine that's difficult.").empathy
    assert not analyze("I get that you're busy, but this just has to get done.").empathy
    assert not analyze("Heb je het rapport al af?").empathy
