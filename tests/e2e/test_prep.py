"""Prepare flow in a real browser: the Voorbereiden profile, a cited brief for Sanne whose
sources open, a cited follow-up answer, /formulering advice, and a follow-up that still
knows the person after a server restart. Tests run in order and share one page."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import Server, choose_profile, login, send, shot

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
    # a note marker opens the note: date, person and text
    step.get_by_text(NOTE_MARK).first.click()
    page.get_by_text(re.compile(r"^Notitie over Sanne de Vries · \d+ \w+ \d{4}$")).last.wait_for()
    shot(page, "prep-brief.png")


def test_followup_about_energy_is_answered_with_a_citation(page: Any) -> None:
    send(page, FOLLOWUP)
    step = last_step(page, "Uit je notities over Sanne de Vries")
    step.wait_for(timeout=SLOW_S)
    assert "Vragen die je kunt stellen" in step.inner_text()
    step.get_by_text(NOTE_MARK).first.click()
    page.get_by_text(re.compile(r"^Notitie over Sanne de Vries · ")).last.wait_for()
    shot(page, "prep-followup.png")


def test_phrasing_shows_issues_and_rewrites(page: Any) -> None:
    send(page, '/formulering "Waarom ben je altijd te laat?"')
    step = last_step(page, "Andere formuleringen:")
    step.wait_for()
    text = step.inner_text()
    assert "Aandachtspunten:" in text and "Waarom-vraag" in text, text
    for rewrite in ("Bij [situatie] zag ik", "Ik merk dat ik me zorgen maak", "Wat maakt dat je"):
        assert rewrite in text, text
    assert "'Waarom' klinkt als verantwoording afleggen" in text, text  # each with a reason
    shot(page, "prep-phrasing.png")


def test_followup_after_restart_still_knows_the_person(page: Any, server: Server) -> None:
    server.restart()
    page.goto(server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(ASK).first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text(TITLE).first.wait_for()
    send(page, "Wat moet ik vragen over haar ambitie?")
    step = last_step(page, "Vragen die je kunt stellen (Vragen over ambities")
    step.wait_for(timeout=SLOW_S)
    assert "Sanne de Vries" in step.inner_text()
    step.get_by_text("vragen-ambities").first.click()
    page.get_by_text("Kennisbank: Vragen over ambities en loopbaan").last.wait_for()
    shot(page, "prep-resumed.png")
