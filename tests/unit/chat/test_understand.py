"""Turn understanding and the person resolver: pure functions, no storage."""

from __future__ import annotations

import pytest

from coach.chat.understand import ConversationState, next_state, quoted_part, understand
from coach.knowledge.entries import load_entries
from coach.team.lookup import PersonRef, edit_distance, mention_in

TEAM = [
    PersonRef(1, "Sanne de Vries"),
    PersonRef(2, "Thomas Bakker"),
    PersonRef(3, "Priya Raman"),
    PersonRef(4, "Daan Visser"),
    PersonRef(5, "Joost Mulder"),
]


def test_edit_distance_counts_a_swap_once() -> None:
    assert edit_distance("sane", "sanne") == 1
    assert edit_distance("snane", "sanne") == 1
    assert edit_distance("tomas", "thomas") == 1
    assert edit_distance("kees", "sanne") > 2


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("Hoe gaat het met Sanne de Vries?", 1),
        ("Wat heb ik met sanne afgesproken?", 1),
        ("How is Priya's energy?", 3),
        ("Hoe gaat het met Tho?", 2),  # a unique prefix
        ("and what about Daan?", 4),
    ],
)
def test_the_person_a_question_names(question: str, person: int) -> None:
    assert mention_in(question, TEAM).person == PersonRef(person, TEAM[person - 1].name)


@pytest.mark.parametrize(
    ("question", "suggested"),
    [("Hoe gaat het met Sane?", 1), ("What did I agree with Tomas?", 2), ("En Daaan?", 4)],
)
def test_a_typo_is_a_suggestion_not_an_answer(question: str, suggested: int) -> None:
    m = mention_in(question, TEAM)
    assert m.person is None and m.suggestion is not None and m.suggestion.id == suggested


@pytest.mark.parametrize(
    ("question", "name"),
    [("Hoe gaat het met Kees?", "Kees"), ("How is Kevin doing?", "Kevin")],
)
def test_a_name_that_is_nobody_in_the_team_is_unknown(question: str, name: str) -> None:
    m = mention_in(question, TEAM)
    assert m.unknown == name and m.person is None and m.suggestion is None


@pytest.mark.parametrize(
    "question",
    ["Wat kan ik vragen over samenwerking?", "Hoe geef ik goede feedback?", "Prepare my 1:1"],
)
def test_ordinary_words_are_not_taken_for_names(question: str) -> None:
    assert mention_in(question, TEAM) == mention_in(question, [])


def test_pronoun_follow_up_keeps_the_person_and_topic() -> None:
    first = understand("Hoe gaat het met de energie van Sanne?", "nl", TEAM)
    assert (first.intent, first.topic, first.person) == ("topic_status", "energy", TEAM[0])
    state = next_state(first, ConversationState())
    follow = understand("En wat kan ik haar dan vragen?", "nl", TEAM, state)
    assert follow.person == TEAM[0] and follow.from_state
    assert (follow.intent, follow.topic) == ("what_to_ask", "energy")
    state = next_state(follow, state)
    other = understand("and what about Priya?", "en", TEAM, state)
    assert other.person == TEAM[2] and other.intent == "what_to_ask"


def test_elliptic_follow_up_takes_the_intent_but_names_a_new_topic() -> None:
    state = next_state(
        understand("Hoe staat Joost ervoor met zijn resultaten?", "nl", TEAM), ConversationState()
    )
    follow = understand("en zijn ontwikkeling?", "nl", TEAM, state)
    assert (follow.person, follow.intent, follow.topic) == (TEAM[4], "topic_status", "development")


def test_a_general_question_after_a_person_is_not_about_them() -> None:
    state = next_state(understand("Hoe gaat het met Sanne?", "nl", TEAM), ConversationState())
    general = understand(
        "Hoe geef ik goede feedback aan iemand die overbelast is?", "nl", TEAM, state
    )
    assert general.person is None and general.intent == "approach"


def test_yes_after_did_you_mean_answers_the_first_question() -> None:
    typo = understand("Wat heb ik met Sane afgesproken?", "nl", TEAM)
    state = next_state(typo, ConversationState())
    assert state.pending_id == 1
    yes = understand("ja", "nl", TEAM, state)
    assert yes.person == TEAM[0] and yes.intent == "agreements"
    yep = understand("yep", "nl", TEAM, state)  # the other language's yes counts too
    assert yep.person == TEAM[0] and yep.intent == "agreements"


def test_the_state_keeps_the_language_each_kind_of_turn_was_answered_in() -> None:
    typo = understand("What did I agree with Sane?", "en", TEAM)
    assert next_state(typo, ConversationState(language="nl")).language == "en"
    unknown = understand("Hoe gaat het met Pieter?", "nl", TEAM)
    assert next_state(unknown, ConversationState(language="en")).language == "nl"
    plain = understand("Hoe gaat het met Sanne?", "nl", TEAM)
    assert next_state(plain, ConversationState(language="en")).language == "nl"


def test_state_round_trips_and_rejects_junk() -> None:
    state = ConversationState(1, "Sanne de Vries", "agreements", "energy", language="nl")
    assert ConversationState.from_dict(state.to_dict()) == state
    junk = ConversationState.from_dict(
        {"person_id": "1; drop", "intent": "hack", "x": 1, "language": "fr"}
    )
    assert junk == ConversationState()
    assert ConversationState.from_dict(None) == ConversationState()


@pytest.mark.parametrize(
    ("question", "lang", "intent"),
    [
        ("Wanneer is mijn volgende 1:1 met Sanne?", "nl", "cadence"),
        ("Bereid mijn gesprek met Daan voor", "nl", "prepare"),
        ("Is dit een goede vraag: 'Waarom ben je te laat?'", "nl", "phrasing"),
        ("Welke vragen kan ik Joost stellen?", "nl", "what_to_ask"),
        ("How do I handle a conflict between colleagues?", "en", "approach"),
        ("What are Thomas's open action items?", "en", "agreements"),
        ("Vertel iets over het weer in de zomer", "nl", "other"),
    ],
)
def test_intent(question: str, lang: str, intent: str) -> None:
    assert understand(question, lang, TEAM).intent == intent


def test_quoted_part_of_a_phrasing_question() -> None:
    assert (
        quoted_part("Is dit een goede vraag: 'Waarom ben je te laat?'") == "Waarom ben je te laat?"
    )
    assert quoted_part('How does this sound: "You always miss deadlines"?') == (
        "You always miss deadlines"
    )


def test_every_knowledge_entry_names_its_audience() -> None:
    entries = load_entries()
    assert entries and all(e.audience in ("manager", "employee", "both") for e in entries)
    raw = {e.path: e.path.read_text(encoding="utf-8") for e in entries}
    assert all("\naudience: " in text for text in raw.values())
    both = [e for e in entries if e.id == "het-goede-gesprek"]
    assert {e.audience_of(s.heading) for e in both for s in e.sections} == {"both", "employee"}


def test_two_notes_of_one_day_keep_their_own_source() -> None:
    import datetime as dt

    from coach.chat.sources import Answer, Source, note_name

    out = Answer()
    name = note_name("Sanne de Vries", dt.date(2026, 5, 1))
    first = out.add(Source("note", name, "een", note_id=1, refs=("note:1",)))
    again = out.add(Source("note", name, "een", note_id=1, refs=("action:9",)))
    other = out.add(Source("note", name, "twee", note_id=2, refs=("note:2",)))
    assert first == again == name and other == f"{name} (2)"
    assert [s.refs for s in out.sources] == [("note:1", "action:9"), ("note:2",)]
