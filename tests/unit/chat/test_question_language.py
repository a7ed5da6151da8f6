"""The language a chat answer is written in: the question's own, not the app's."""

from __future__ import annotations

import pytest

from coach.chat.language import READ_CHARS, _words, question_language, reply_language
from coach.chat.understand import ConversationState

TEAM = ["Sanne de Vries", "Daan van der Berg", "Tom Baker"]


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hoe gaat het met de energie van Sanne?", "nl"),
        ("Hoe geef ik Tom feedback over de deadlines?", "nl"),
        ("En met Karim?", "nl"),
        ("Was het gesprek met Tom goed?", "nl"),  # "was" and "over" are both languages' words
        ("How is Sanne de Vries doing?", "en"),
        ("Help me prepare my 1:1 with Eva", "en"),
        ("And with Karim?", "en"),
    ],
)
def test_the_stop_words_of_a_language_decide(question: str, language: str) -> None:
    assert question_language(question, TEAM) == language


@pytest.mark.parametrize(
    "question",
    ["Sanne de Vries seems tired", "Is Daan van der Berg doing OK today?", "sanne de vries?"],
)
def test_the_teams_names_and_their_particles_do_not_count(question: str) -> None:
    assert question_language(question, TEAM) in ("en", None)
    assert question_language("Hoe gaat het met sanne de vries?", TEAM) == "nl"


def test_another_name_with_particles_does_not_count() -> None:
    assert question_language("How is Jan van Dijk doing?") == "en"
    assert question_language("Jan van Dijk?") is None


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
    # A new line opens a sentence.
    assert _words("Hi there\nHow is Tom doing") == ["hi", "there", "how", "is", "doing"]


def test_capitals_and_title_case_tell_no_names_apart() -> None:
    assert question_language("HOE GAAT HET MET SANNE?") == "nl"
    assert question_language("HOW IS SANNE DOING?") == "en"
    assert question_language("Ik Maak Me Zorgen Om Tom") == "nl"


def test_a_quoted_wording_in_the_other_language_does_not_decide() -> None:
    assert question_language("How does this sound: 'Je moet echt beter je best doen'?") == "en"
    assert question_language("Is dit goed: 'I think you are not doing your job'?") == "nl"


@pytest.mark.parametrize(
    ("question", "language"),
    [("feedback geven", "nl"), ("release planning", "en"), ("werkdruk hoog", "nl")],
)
def test_on_a_tie_the_words_frequency_decides(question: str, language: str) -> None:
    assert question_language(question) == language


@pytest.mark.parametrize("question", ["ja", "yes", "klopt", "Sanne?", "En Karim?", "Tom feedback"])
def test_a_turn_that_says_too_little_keeps_the_conversations_language(question: str) -> None:
    assert question_language(question, TEAM) is None
    state = ConversationState(language="nl")
    assert reply_language(question, "en", state, TEAM) == "nl"
    assert reply_language(question, "en", None, TEAM) == "en"  # a new conversation: the app's


@pytest.mark.parametrize("yes", ["ja, die", "ja die bedoel ik", "klopt", "that one", "yes"])
def test_a_yes_answers_in_the_language_of_the_question_it_confirms(yes: str) -> None:
    english = ConversationState(pending_id=1, pending_question="What did I agree with Sane?")
    assert reply_language(yes, "nl", english, TEAM) == "en"
    dutch = ConversationState(pending_id=1, pending_question="Wat heb ik met Sane afgesproken?")
    assert reply_language(yes, "en", dutch, TEAM) == "nl"


def test_only_the_start_of_a_long_message_is_read() -> None:
    dutch_then_english = "Hoe gaat het met de planning? " * 40 + "How is it going? " * 500
    assert len(dutch_then_english) > 2 * READ_CHARS
    assert question_language(dutch_then_english) == "nl"
