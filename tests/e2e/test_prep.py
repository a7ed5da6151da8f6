"""Prepare flow in a real browser: the Voorbereiden profile, a cited brief for Sanne whose
sources open, a cited follow-up answer, /formulering advice, and a follow-up that still
knows the person after a server restart. Tests run in order and share one page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Server, back_to_chat, choose_profile, login, resumed, send, shot

pytestmark = pytest.mark.e2e

PICK = "Met wie wil je je gesprek voorbereiden?"
ASK = "Bereid mijn gesprek met Sanne voor"
TITLE = "Voorbereiding 1:1 met Sanne de Vries"
NOTE_MARK = re.compile(r"^n\d+ · \d+ \w+$")
CHECKIN_MARK = re.compile(r"^c\d+ · \d+ \w+$")
FOLLOWUP = "Hoe gaat het met haar energie?"
SLOW_S = 150_000  # the first follow-up loads the embedding model on a cold server


def last_step(page: Any, text: str) -> Any:
    return page.locator(".step", has_text=text).last


def test_login_and_choose_prepare(page: Any, server: Server) -> None:
    login(page, server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom, Mira Jansen").first.wait_for()
    choose_profile(page, "Voorbereiden")
    page.get_by_text("Hier bereid je een 1-op-1 voor").last.wait_for()
    page.get_by_text(PICK).last.wait_for()
    for name in ("Sanne de Vries", "Thomas Bakker"):  # one button per team member
        page.get_by_role("button", name=name).last.wait_for()


def test_brief_for_sanne_with_sources_that_open(page: Any) -> None:
    send(page, ASK)
    step = last_step(page, TITLE)
    step.wait_for()
    text = step.inner_text()
    for heading in ("Ritme", "Sinds de vorige 1:1", "Openstaande afspraken", "Laatste check-in"):
        assert heading in text, text
    assert "Voorgestelde agenda (" in text and "Vragen om te stellen" in text, text
    # the check-in marker opens the check-in's answers in the side panel
    checkin = step.get_by_text(CHECKIN_MARK).first
    checkin.click()
    page.get_by_text(re.compile(r"^Check-in van Sanne de Vries · ")).last.wait_for()
    page.get_by_text(re.compile(r"^Energie \d/5, werkgeluk \d/5")).last.wait_for()
    back_to_chat(page)  # sources open on their own page
    # a note marker opens the note: date, person and text
    step.get_by_text(NOTE_MARK).first.click()
    page.get_by_text(re.compile(r"^Notitie over Sanne de Vries · \d+ \w+ \d{4}$")).last.wait_for()
    shot(page, "prep-brief.png")
    back_to_chat(page)


def test_followup_about_energy_is_answered_with_a_citation(page: Any) -> None:
    send(page, FOLLOWUP)
    step = last_step(page, "Uit je notities over Sanne de Vries")
    step.wait_for(timeout=SLOW_S)
    assert "Vragen die je kunt stellen" in step.inner_text()
    step.get_by_text(NOTE_MARK).first.click()
    page.get_by_text(re.compile(r"^Notitie over Sanne de Vries · ")).last.wait_for()
    back_to_chat(page)
    shot(page, "prep-followup.png")


def test_phrasing_shows_issues_and_rewrites(page: Any) -> None:
    send(page, '/formulering "Waarom ben je altijd te laat?"')
    step = last_step(page, "Andere formuleringen:")
    step.wait_for()
    text = step.inner_text()
    assert "Aandachtspunten:" in text and "Waarom-vraag" in text, text
    for rewrite in (
        "Ik wil het over één concreet moment hebben.",
        "Ik merk dat ik me zorgen maak",
        "Wat maakt dat je",
    ):
        assert rewrite in text, text
    assert "'Waarom' klinkt als verantwoording afleggen" in text, text  # each with a reason
    shot(page, "prep-phrasing.png")


def test_followup_after_restart_still_knows_the_person(page: Any, server: Server) -> None:
    server.restart()
    page.ws_frames.clear()
    page.goto(server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(ASK).first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text(TITLE).first.wait_for()
    resumed(page)
    send(page, "Wat moet ik vragen over haar ambitie?")
    step = last_step(page, "Vragen die je kunt stellen (Vragen over ambities")
    step.wait_for(timeout=SLOW_S)
    assert "Sanne de Vries" in step.inner_text()
    step.get_by_text("vragen-ambities").first.click()
    page.get_by_text("Kennisbank: Vragen over ambities en loopbaan").last.wait_for()
    shot(page, "prep-resumed.png")
    back_to_chat(page)


# --- issue 17: the most strained person gets the signal block first -----------------------


def _agenda_lines(text: str, heading: str) -> list[str]:
    after = text.split(heading, 1)[1]
    return [ln.strip() for ln in after.splitlines() if re.match(r"^\s*(?:- )?\d+ min · ", ln)]


def _switch_language(page: Any, option: str) -> None:
    page.locator("#chat-settings-open-modal").click()
    page.locator("#language").click()
    page.get_by_role("option", name=option).click()
    page.get_by_role("button", name=re.compile(r"^(Bevestigen|Confirm)$")).click()


def test_strained_person_gets_the_signal_block_first_in_dutch_and_english(
    page: Any, server: Server
) -> None:
    page.context.clear_cookies()  # runs on its own too: a fresh login
    login(page, server.url)
    page.wait_for_selector("#chat-input")
    choose_profile(page, "Voorbereiden")
    page.get_by_text(PICK).last.wait_for()
    send(page, ASK)
    step = last_step(page, TITLE)
    step.wait_for()
    lines = _agenda_lines(step.inner_text(), "Voorgestelde agenda (")
    assert lines[0].split(" · ", 1)[1].startswith("Opening"), lines
    assert lines[1].split(" · ", 1)[1].startswith("Welzijn eerst:"), lines
    text = step.inner_text()
    assert "waarom: energie 2/5 in de check-in van" in text, text
    assert "Voorzichtig aankaarten:" in text and "bedrijfsarts" in text, text
    shot(page, "prep-signal-first-nl.png")
    _switch_language(page, "Engels")
    page.get_by_text("From now on I will talk with you in English.").last.wait_for()
    try:
        send(page, "Prepare my 1:1 with Sanne")
        step = last_step(page, "1:1 prep: Sanne de Vries")
        step.wait_for()
        lines = _agenda_lines(step.inner_text(), "Suggested agenda (")
        assert lines[1].split(" · ", 1)[1].startswith("Wellbeing first:"), lines
        assert "why: energy 2/5 in the check-in of" in step.inner_text()
        shot(page, "prep-signal-first-en.png")
    finally:
        _switch_language(page, "Dutch")
        page.get_by_text("Ik praat vanaf nu Nederlands met je.").last.wait_for()
