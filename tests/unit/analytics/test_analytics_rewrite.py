import pytest

from coach.analytics import UtteranceAnalysis, analyze, suggest_rewrites


def _flags(a: UtteranceAnalysis) -> dict[str, bool]:
    return {
        "closed": a.question == "closed",
        "leading": a.leading,
        "why": a.why_question,
        "stacked": a.stacked,
        "judging": bool(a.judging_words),
        "generalising": bool(a.generalising_words),
        "you_statement": bool(a.you_statements),
        "advice": a.premature_advice,
    }


CASES = [
    ("Heb je het rapport al af?", "nl", "closed"),
    ("Did you finish the deck?", "en", "closed"),
    ("Vind je ook niet dat je dat anders had moeten doen?", "nl", "leading"),
    ("Don't you think you should have handled that differently?", "en", "leading"),
    ("Waarom heb je de klant niet teruggebeld?", "nl", "why"),
    ("Why did you decide to skip the retro?", "en", "why"),
    ("Hoe gaat het met je? En met het project? Lukt het allemaal?", "nl", "stacked"),
    ("Is the report done? And did you check the numbers?", "en", "stacked"),
    ("Je bent gewoon lui.", "nl", "judging"),
    ("You're always late.", "en", "generalising"),
    ("Jij luistert nooit naar wat het team zegt.", "nl", "you_statement"),
    ("You never listen to what the team says.", "en", "you_statement"),
    ("Je moet gewoon beter plannen.", "nl", "advice"),
    ("If I were you, I'd talk to Mark first.", "en", "advice"),
]


@pytest.mark.parametrize(("text", "lang", "problem"), CASES)
def test_rewrites_fix_the_flagged_problem(text: str, lang: str, problem: str) -> None:
    original = analyze(text)
    assert _flags(original)[problem], "precondition: the problem is detected"
    rewrites = suggest_rewrites(original)
    assert 2 <= len(rewrites) <= 3
    for rewrite in rewrites:
        assert rewrite.reason.strip()
        assert rewrite.text.strip() != text
        again = analyze(rewrite.text)
        assert again.language == lang, rewrite.text
        assert not _flags(again)[problem], rewrite.text


def test_rewrites_reuse_content() -> None:
    texts = [r.text for r in suggest_rewrites(analyze("Heb je het rapport al af?"))]
    assert any("het rapport" in t for t in texts)
    why = suggest_rewrites(analyze("Waarom heb je de klant niet teruggebeld?"))[0].text
    assert why.startswith("Wat maakte dat") and "de klant" in why
    stacked = suggest_rewrites(analyze("Hoe gaat het met je? En met het project?"))[0].text
    assert stacked == "Hoe gaat het met je?"


def test_sbi_completion_names_only_what_is_missing() -> None:
    partial = suggest_rewrites(
        analyze("Tijdens de sprintreview van vorige week heb je de demo gegeven.")
    )[0].text
    assert partial.startswith("Tijdens de sprintreview van vorige week heb je de demo gegeven.")
    assert "effect" in partial and "concreet moment" not in partial
    bare = suggest_rewrites(analyze("Goed gedaan!"))[0].text
    assert "concreet moment" in bare and "zag doen" in bare and "effect" in bare


@pytest.mark.parametrize(
    "text",
    [
        "Zullen we een plan maken?",
        "Goed gedaan!",
        "Kun je de planning bespreken?",
        "Je bent altijd te laat.",
        "Tijdens de sprintreview van vorige week heb je de demo gegeven.",
        "Hoe kijk je terug op het afgelopen kwartaal?",
        "Het klinkt alsof je moe bent.",
        "You're always late.",
        "Did you finish the deck?",
    ],
)
def test_rewrites_are_complete_sentences(text: str) -> None:
    """The debrief once showed "over een plan maken?" and "[situatie]: ...bespreken?."."""
    for rewrite in suggest_rewrites(analyze(text)):
        assert not any(mark in rewrite.text for mark in ("[", "]", "?.", "..", "!."))
        assert rewrite.text[0].isupper() and rewrite.text.endswith((".", "?")), rewrite.text
        assert "plan maken?" not in rewrite.text


def test_good_utterances_get_at_most_one_polish() -> None:
    assert len(suggest_rewrites(analyze("Hoe kijk je terug op het afgelopen kwartaal?"))) <= 1
    assert (
        suggest_rewrites(analyze("Part of you wants to stay, and part of you wants to go.")) == []
    )
    assert suggest_rewrites(analyze("Thanks for being so open.")) == []
    assert len(suggest_rewrites(analyze("Heb je het rapport al af?"), max_n=1)) == 1
