import pytest

from coach.analytics import analyze


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hoe gaat het met je?", "open"),
        ("hoe gaat het met het project", "open"),  # no question mark in chat
        ("Wat heb je nodig om dit af te ronden?", "open"),
        ("Vertel eens wat er gisteren gebeurde.", "open"),
        ("Kun je vertellen hoe je tot die beslissing kwam?", "open"),
        ("Ik ben benieuwd hoe jij daar zelf naar kijkt.", "open"),
        ("Heb je het rapport al af?", "closed"),
        ("heb je de klant al teruggebeld", "closed"),
        ("Hoeveel uur heb je eraan besteed?", "closed"),
        ("Wie neemt de notulen, jij of Fatima?", "closed"),
        ("Je komt morgen gewoon naar kantoor?", "closed"),
        ("What's on your mind this week?", "open"),
        ("Tell me about the client call yesterday.", "open"),
        ("Could you tell me about how the handover went?", "open"),
        ("what happened", "open"),
        ("Did you finish the deck?", "closed"),
        ("How many hours did you spend on it?", "closed"),
        ("Any questions?", "closed"),
    ],
)
def test_question_type(text: str, kind: str) -> None:
    assert analyze(text).question == kind


@pytest.mark.parametrize(
    "text",
    [
        "Wat goed dat je dat aankaart.",
        "Wat mij opviel in het overleg, is dat je Sanne onderbrak.",
        "Hoe dan ook, we moeten de deadline halen.",
        "Dank je wel voor je eerlijkheid.",
        "Zullen we beginnen.",
        "What I noticed is that you interrupted Sara twice.",
        "What matters is that the client stays happy.",
        "When you're done, let me know.",
    ],
)
def test_statements_are_not_questions(text: str) -> None:
    result = analyze(text)
    assert result.question is None
    assert result.question_count == 0


def test_stacked_questions_nl_and_en() -> None:
    nl = analyze("Hoe gaat het met je? En met het project? Lukt het allemaal?")
    assert nl.stacked and nl.question_count == 3 and nl.question == "open"
    en = analyze("What do you think of the new role, are you up for it?")
    assert en.stacked and en.question_count == 2
    assert not analyze("Tell me, what gives you energy at work?").stacked
    assert not analyze("You agree with me, don't you?").stacked


@pytest.mark.parametrize(
    "text",
    [
        "Vind je ook niet dat dit beter had gekund?",
        "We pakken het gewoon zo aan, toch?",
        "Het is toch logisch dat je eerst de klant belt?",
        "Don't you think you should have handled that differently?",
        "You agree with me, don't you?",
        "We'll just go with my approach, okay?",
    ],
)
def test_leading(text: str) -> None:
    assert analyze(text).leading


def test_neutral_questions_are_not_leading() -> None:
    assert not analyze("Hoe kijk jij terug op het overleg?").leading
    assert not analyze("Is the deadline still realistic?").leading


def test_why_questions() -> None:
    nl = analyze("Waarom heb je de klant niet teruggebeld?")
    assert nl.why_question and nl.question == "open"
    assert analyze("Why is that so important to you?").why_question
    assert not analyze("Waarom ik dit vraag: ik wil je beter ondersteunen.").why_question
    assert not analyze("What made you decide that?").why_question
