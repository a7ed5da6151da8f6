"""The prep flow's texts: the brief's next-step hint, phrasing advice, the stored person."""

from __future__ import annotations

import datetime as dt

from coach.app.flows.prep_view import PrepPerson, advice_markdown, brief_markdown, stored_person
from coach.prep.models import SECTIONS, Brief, BriefItem, Citation
from coach.team.lookup import PersonRef


def test_stored_person_round_trip_and_malformed_values() -> None:
    p = PrepPerson(7, "Sanne de Vries")
    assert stored_person(p.to_dict()) == p
    for raw in (None, "x", {}, {"person_id": "7", "name": "S"}, {"person_id": True, "name": "S"}):
        assert stored_person(raw) is None


def test_brief_markdown_ends_with_the_next_step_in_the_managers_language() -> None:
    sections: dict[str, list[BriefItem]] = {name: [] for name in SECTIONS}
    note = Citation("note", 3, dt.date(2026, 11, 2))
    sections["since_last"] = [BriefItem("Kortaf in het overleg.", (note,))]
    brief = Brief(PersonRef(1, "Sanne de Vries"), "nl", dt.date(2026, 11, 20), sections)
    nl = brief_markdown(brief, "nl")
    assert "### Openstaande afspraken" in nl and "[n3 · 2 nov]" in nl
    assert "vervolgvraag over Sanne" in nl and "/formulering" in nl
    en = brief_markdown(brief, "en")
    assert "### Open action items" in en and "follow-up question about Sanne" in en


def test_advice_lists_issues_and_rewrites_with_reasons() -> None:
    text = advice_markdown("Waarom ben je altijd te laat?", "nl")
    assert "> Waarom ben je altijd te laat?" in text
    assert "**Aandachtspunten:**" in text and "Waarom-vraag" in text and "(altijd)" in text
    assert "**Andere formuleringen:**" in text
    rewrites = [line for line in text.splitlines() if line[:3] in ("1. ", "2. ", "3. ")]
    reasons = [line for line in text.splitlines() if line.startswith("   _")]
    assert 2 <= len(rewrites) <= 3 and len(reasons) == len(rewrites)


def test_advice_explains_in_the_managers_language_and_rewrites_in_the_sentences() -> None:
    text = advice_markdown("Why are you always late?", "nl")
    assert "Waarom-vraag" in text  # the issues in Dutch for a Dutch-speaking manager
    assert (
        "1. I'd like to talk about one specific moment." in text
    )  # rewrites: the sentence's language
    en = advice_markdown("Waarom ben je altijd te laat?", "en")
    assert "Why question" in en and "**Other ways to put it:**" in en


def test_advice_without_a_sentence_shows_the_usage_and_a_good_sentence_no_issues() -> None:
    assert advice_markdown("  ", "nl").startswith("Typ na /formulering")
    good = advice_markdown("Wat heb je nodig om je werk goed te kunnen doen?", "nl")
    assert "Geen aandachtspunten gevonden." in good
