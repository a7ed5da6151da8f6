"""The topic summary keeps every content sentence once; special categories are recognised."""

from datetime import date

from coach.followup.extract import extract
from coach.followup.privacy import special_kinds
from coach.followup.textsum import is_heading, topic_summary
from coach.followup.voice import second_person

NOTES = """Notities 1:1 Eva, 3 februari
Aanwezig: Eva, Mark
Datum: 3 februari 2026
Eva haalt haar doelen voor het project bij de provincie.
We bespreken op 20 februari samen haar ontwikkelplan en de cursus.
Ze heeft last van migraine en gaat naar de huisarts.
De samenwerking met het team loopt beter.
Ik stuur haar de planning."""


def test_every_content_sentence_once_under_one_topic() -> None:
    result = extract(NOTES, date(2026, 2, 3), employee_name="Eva Smits")
    joined = " ".join(result.summary.values())
    content = NOTES.splitlines()[3:]
    for sentence in content:
        assert joined.count(sentence) == 1, sentence
    assert "Aanwezig" not in joined and "Notities" not in joined and "Datum" not in joined
    assert sum(len(v.split(". ")) for v in result.summary.values()) >= len(content)


def test_english_sentences_are_not_dropped() -> None:
    sentences = [
        "Priya finished the migration and the client was happy.",
        "Priya will send her review comments on the roadmap by Friday.",
        "She finds the on-call rota tiring.",
        "Short one.",
    ]
    summary = topic_summary(sentences, "en")
    joined = " ".join(summary.values())
    assert all(joined.count(s) == 1 for s in sentences[:3])


def test_headings() -> None:
    assert is_heading("1:1 Sanne - 14 januari")
    assert is_heading("Attendees: Priya, Tom")
    assert is_heading("14-01-2026")
    assert not is_heading("Sanne stuurt vrijdag de planning.")
    assert not is_heading("Energie: wisselend, drukke periode door de migratie")


def test_special_categories() -> None:
    assert special_kinds("Het gesprek met de bedrijfsarts plannen") == {"health"}
    assert special_kinds("Her father is in hospital") == {"family", "health"}
    assert special_kinds("Vrij voor het gebed") == {"religion"}
    assert special_kinds("joins the union strike") == {"union"}
    assert special_kinds("Illustrate the roadmap for the rugby club") == set()
    assert special_kinds("De planning sturen") == set()


def test_second_person() -> None:
    assert second_person("Laten weten welke cursus ze wil volgen", "nl", "Sanne") == (
        "Laten weten welke cursus je wilt volgen"
    )
    assert second_person("Een mentor voor haar zoeken", "nl", "Sanne").endswith("voor jou zoeken")
    assert second_person("Review her plan with Priya", "en", "Priya") == "Review your plan with you"
    assert second_person("Je mijn voorstel sturen", "nl", "Sanne", voice="employee") == (
        "Mij je voorstel sturen"
    )
