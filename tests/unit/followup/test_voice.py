"""followup.voice: one set of rules over each language's words (voice.<lang>.yaml).

The cases pin every rule of both languages; they gave the same output before the word lists
moved out of the code (and so did 442,344 calls over the phrases of the repo's evals and tests).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coach.followup.voice import LANGUAGES, VoiceRules, rules, second_person

CASES = [
    # subject pronoun, and the verb after it agrees with "je"
    (
        "Laten weten welke cursus ze wil volgen",
        "nl",
        "Sanne",
        "Laten weten welke cursus je wilt volgen",
    ),
    (
        "Hij heeft het rapport klaar en zal zijn team bellen",
        "nl",
        "Daan",
        "Je hebt het rapport klaar en zal je team bellen",
    ),
    # possessive, object after a preposition, always-object, object before a final infinitive
    ("Haar rooster naar Thomas sturen", "nl", "Sanne", "Je rooster naar Thomas sturen"),
    ("Met haar de planning bespreken", "nl", "Sanne", "Met jou de planning bespreken"),
    ("Hem de stukken sturen", "nl", "Daan", "Je de stukken sturen"),
    ("Een mentor voor haar zoeken", "nl", "Sanne", "Een mentor voor jou zoeken"),
    # the employee's name: "jij", after a preposition "jou"
    (
        "Sanne kan de cijfers delen, samen met Sanne plannen",
        "nl",
        "Sanne",
        "Jij kan de cijfers delen, samen met jou plannen",
    ),
    # English: subject with agreement (table and -s), object, possessive, reflexive, name
    ("She sends her plan to Thomas", "en", "Priya", "You send your plan to Thomas"),
    (
        "Give her the deck and ask him about his goals",
        "en",
        "Priya",
        "Give you the deck and ask you about your goals",
    ),
    (
        "They were hard on themselves; she wants a break",
        "en",
        "Priya",
        "You were hard on yourself; you want a break",
    ),
    (
        "Priya has the numbers, plan it with Priya",
        "en",
        "Priya",
        "You has the numbers, plan it with you",
    ),
    # a language without its own rules is read as Dutch
    ("Ze plant het zelf", "de", "Sanne", "Je plant het zelf"),
]


@pytest.mark.parametrize(("text", "lang", "name", "expected"), CASES)
def test_second_person_addresses_the_employee(
    text: str, lang: str, name: str, expected: str
) -> None:
    assert second_person(text, lang, name) == expected


def test_the_employees_own_words_swap_first_and_second_person() -> None:
    assert second_person("Ik stuur je mijn rooster", "nl", "Sanne", voice="employee") == (
        "Je stuur mij je rooster"
    )
    assert second_person("I send you my plan myself", "en", "Priya", voice="employee") == (
        "You send me your plan yourself"
    )


def test_every_language_has_valid_rules() -> None:
    for lang in LANGUAGES:
        assert rules(lang).subject_pronouns


def _raw(lang: str) -> dict[str, object]:
    return rules(lang).model_dump(mode="python")


def test_a_pronoun_in_two_groups_fails_at_load() -> None:
    raw = _raw("nl") | {"object_pronouns": ["hem", "haar"]}
    with pytest.raises(ValidationError, match="more than one group"):
        VoiceRules.model_validate(raw)


def test_a_capitalised_word_fails_at_load() -> None:
    raw = _raw("en") | {"articles": ["The", "a"]}
    with pytest.raises(ValidationError, match="lower case"):
        VoiceRules.model_validate(raw)


def test_an_unknown_field_fails_at_load() -> None:
    with pytest.raises(ValidationError):
        VoiceRules.model_validate(_raw("nl") | {"subject_pronoun": ["ze"]})
