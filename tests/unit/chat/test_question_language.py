"""The language a chat answer is written in: the question's own, not the app's."""

from __future__ import annotations

import pytest

from coach.chat.language import _words, question_language, reply_language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hoe gaat het met de energie van Sanne?", "nl"),
        ("Hoe geef ik Tom feedback over de deadlines?", "nl"),
        ("En met Karim?", "nl"),
        ("How is Sanne de Vries doing?", "en"),
        ("Help me prepare my 1:1 with Eva", "en"),
        ("And with Karim?", "en"),
    ],
)
def test_the_stop_words_of_a_language_decide(question: str, language: str) -> None:
    assert question_language(question) == language


def test_names_inside_a_sentence_do_not_count_but_its_first_word_and_i_do() -> None:
    assert _words("Hoe gaat het met Sanne de Vries? En Karim. I think Tom is OK") == [
        "hoe",
        "gaat",
        "het",
        "met",
        "de",
        "en",
        "i",
        "think",
        "is",
    ]


def test_a_quoted_wording_in_the_other_language_does_not_decide() -> None:
    assert question_language("How does this sound: 'Je moet echt beter je best doen'?") == "en"
    assert question_language("Is dit goed: 'I think you are not doing your job'?") == "nl"


@pytest.mark.parametrize(
    ("question", "language"),
    [("feedback geven", "nl"), ("Karim release planning", "en"), ("Sanne is moe", "nl")],
)
def test_on_a_tie_the_words_frequency_decides(question: str, language: str) -> None:
    assert question_language(question) == language


@pytest.mark.parametrize(
    "question", ["ja", "yes", "klopt", "ok", "Sanne?", "En Karim?", "Tom burnout?", "1:1"]
)
def test_a_turn_that_says_too_little_keeps_the_conversations_language(question: str) -> None:
    assert question_language(question) is None
    assert reply_language(question, "en", previous="nl") == "nl"
    assert reply_language(question, "en") == "en"  # a new conversation: the app's
