import pytest

from coach.analytics import analyze


def test_judging_and_you_statements_nl() -> None:
    result = analyze("Je bent gewoon lui.")
    assert result.judging_words == ("lui",)
    assert result.you_statements == ("Je bent gewoon lui.",)
    assert result.is_feedback and result.sbi is not None and not result.sbi.complete


def test_judging_and_generalising_en() -> None:
    result = analyze("You're always so negative in meetings.")
    assert result.judging_words == ("negative",)
    assert result.generalising_words == ("always",)
    assert len(result.you_statements) == 1


def test_judging_without_you_is_not_a_you_statement() -> None:
    result = analyze("Dat rapport was slordig.")
    assert result.judging_words == ("slordig",) and result.you_statements == ()


@pytest.mark.parametrize(
    "text",
    [
        "Je kunt altijd bij mij terecht als er iets is.",
        "Ik wil altijd eerst horen hoe het met je gaat.",
        "I always like to hear how you're doing first.",
        "Ik hoor dat je het werk nog steeds leuk vindt.",
        "In yesterday's retro you split up the actions; because of that everyone knew the plan.",
    ],
)
def test_harmless_generalising_words(text: str) -> None:
    assert analyze(text).generalising_words == ()


def test_generalising_phrases() -> None:
    assert analyze("Je komt elke keer met een smoes.").generalising_words == ("elke keer",)
    assert "all the time" in analyze("Why does it go wrong all the time?").generalising_words


@pytest.mark.parametrize(
    "text",
    [
        "In het teamoverleg van dinsdag onderbrak je Sanne twee keer, waardoor zij haar punt "
        "niet kon afmaken.",
        "Gisteren bij de klantpresentatie begon je tien minuten te laat. Daardoor moesten we "
        "de demo inkorten.",
        "Yesterday at the client demo you started ten minutes late. As a result we had to cut "
        "the demo short.",
        "Last Monday in the leadership meeting you presented the numbers very clearly, which "
        "meant we could decide quickly.",
    ],
)
def test_complete_sbi(text: str) -> None:
    result = analyze(text)
    assert result.is_feedback
    assert result.sbi is not None
    assert result.sbi.situation and result.sbi.behaviour and result.sbi.impact


@pytest.mark.parametrize(
    ("text", "missing"),
    [
        ("Je onderbrak Sanne twee keer.", {"situation", "impact"}),
        ("During last week's sprint review you gave the demo.", {"impact"}),
        ("Goed gedaan!", {"situation", "behaviour", "impact"}),
        ("You could be a bit more proactive.", {"situation", "behaviour", "impact"}),
    ],
)
def test_incomplete_sbi(text: str, missing: set[str]) -> None:
    result = analyze(text)
    assert result.is_feedback and result.sbi is not None
    parts = {"situation": result.sbi.situation, "behaviour": result.sbi.behaviour}
    parts["impact"] = result.sbi.impact
    assert {name for name, present in parts.items() if not present} == missing


def test_not_feedback() -> None:
    for text in ("Hoe gaat het met je?", "Thanks for being so open.", "Het klinkt zwaar."):
        result = analyze(text)
        assert not result.is_feedback and result.sbi is None


@pytest.mark.parametrize(
    "text",
    [
        "Je moet gewoon beter plannen.",
        "Als ik jou was, zou ik eerst met Pieter praten.",
        "Probeer eens om je agenda op maandag te blokken.",
        "Have you tried talking to Mark about it?",
        "If I were you, I'd talk to Mark first.",
        "You just need to plan better.",
    ],
)
def test_premature_advice(text: str) -> None:
    assert analyze(text).premature_advice


def test_eliciting_questions_are_not_advice() -> None:
    assert not analyze("What have you tried so far?").premature_advice
    assert not analyze("Wat heb je zelf al geprobeerd?").premature_advice


def test_to_dict_is_plain() -> None:
    data = analyze("Je bent gewoon lui.").to_dict()
    assert data["judging_words"] == ["lui"]
    assert data["sbi"]["complete"] is False
    assert data["language"] == "nl"
