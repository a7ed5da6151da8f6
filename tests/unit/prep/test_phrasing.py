from __future__ import annotations

from coach.prep.phrasing import advise


def test_why_question_is_flagged_with_rewrites_in_dutch() -> None:
    advice = advise("Waarom heb je de deadline weer gemist?")
    labels = [i.label for i in advice.issues]
    assert "why_question" in labels
    assert advice.analysis["language"] == "nl"
    assert "Waarom-vraag" in advice.issues[0].explanation
    assert 1 <= len(advice.rewrites) <= 3
    assert all(r["text"] and r["reason"] for r in advice.rewrites)
    assert all(not r["text"].lower().startswith("waarom") for r in advice.rewrites)


def test_closed_question_in_english() -> None:
    advice = advise("Did you finish the report?", "en")
    assert [i.label for i in advice.issues] == ["closed_question"]
    assert advice.issues[0].explanation.startswith("Closed question")
    assert len(advice.rewrites) >= 2


def test_accusation_gets_two_or_three_rewrites() -> None:
    advice = advise("Je bent altijd te laat.")
    labels = {i.label for i in advice.issues}
    assert {"generalising", "you_statement"} <= labels
    assert 2 <= len(advice.rewrites) <= 3


def test_good_open_question_has_no_issues() -> None:
    advice = advise("Wat geeft je op dit moment energie?")
    assert advice.issues == []
    assert advice.to_dict()["analysis"]["question"] == "open"
