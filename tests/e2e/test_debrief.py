"""Debrief flow in a real browser: Nabespreken, pick Sanne, paste notes with two commitments,
review and save, the follow-up draft with mailto link and .ics, /acties with "klaar", the
carry-over into the next prep brief, and a review that survives a server restart.
Tests run in order and share one page and one fresh demo server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.cadence.ics import parse_invite
from coach.container import Container, build_container
from coach.prep.service import PrepService
from coach.settings import Settings
from coach.storage import repo

from .conftest import Server, choose_profile, demo_server, send, shot

pytestmark = pytest.mark.e2e

NOTES = (
    "Sanne stuurt volgende week vrijdag de planning. "
    "Ik regel voor 15 december het budget voor de cursus."
)
ITEM_1 = "Sanne stuurt de planning"
ITEM_2 = "Ik regel het budget voor de cursus"
PICK = "Met wie had je het gesprek?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh demo of our own, so the open action items are only the demo's and ours."""
    with demo_server(tmp_path_factory, "coach-debrief") as srv:
        yield srv


@pytest.fixture(scope="module")
def data_container(server: Server) -> Iterator[Container]:
    """The server's own database, read in-process (fake LLM)."""
    c = build_container(Settings(data_dir=Path(server.env["COACH_DATA_DIR"]), llm="fake"))
    yield c
    c.db.engine.dispose()


def choose_debrief(page: Any) -> None:
    """Switch the chat profile to Nabespreken (confirming the new chat if asked)."""
    choose_profile(page, "Nabespreken")
    page.get_by_text(PICK).last.wait_for()


def test_login_and_pick_sanne(page: Any, server: Server) -> None:
    page.goto(server.url + "/login")
    page.fill("#email", "demo")
    page.fill("#password", "demo-demo")
    page.click("button[type=submit]")
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom, Mira Jansen").first.wait_for()
    choose_debrief(page)
    page.get_by_role("button", name="Sanne de Vries").last.click()
    page.get_by_text("Plak je aantekeningen of het transcript hier").last.wait_for()


def test_notes_give_summary_and_two_items(page: Any) -> None:
    send(page, NOTES)
    page.get_by_text("Nabespreking met Sanne de Vries (").last.wait_for()
    page.get_by_text("Samenvatting per onderwerp").last.wait_for()
    review = page.locator(".step", has_text="Controleer ze voordat ik iets opsla").last
    review.get_by_text(ITEM_1).wait_for()
    review.get_by_text(ITEM_2).wait_for()
    text = review.inner_text()
    assert "wie: Sanne" in text and "wie: ik" in text, text
    assert "vrijdag 4 december" in text or "december" in text, text
    for n in (1, 2):
        page.get_by_role("button", name=f"Schrap {n}", exact=True).wait_for()
    page.get_by_role("button", name="Opslaan").wait_for()
    shot(page, "debrief-review.png")


def test_save_shows_draft_mailto_and_ics(page: Any, tmp_path: Path) -> None:
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het gesprek met Sanne de Vries is opgeslagen, met 2 actiepunt(en)").wait_for()
    page.get_by_text("Opgeslagen: 2 actiepunt(en) staan nu open.").wait_for()
    assert page.get_by_role("button", name="Opslaan").count() == 0  # no second save
    step = page.locator(".step", has_text="Een opzetje voor je bericht aan Sanne").last
    code = step.locator("pre, code").first.inner_text()
    assert "planning" in code and "budget" in code, code
    link = step.get_by_role("link", name="Open als e-mail aan Sanne")
    href = link.get_attribute("href") or ""
    assert href.startswith("mailto:sanne.devries@example.org?subject="), href
    ics = page.get_by_text("volgende-1-op-1-sanne-de-vries.ics").first
    ics.wait_for()
    shot(page, "debrief-saved.png")
    with page.expect_download() as info:
        ics.click()
    target = tmp_path / "next.ics"
    info.value.save_as(str(target))
    invite = parse_invite(target.read_bytes())
    assert invite["attendees"] == ["sanne.devries@example.org"]


def test_acties_lists_both_items(page: Any) -> None:
    send(page, "/acties")
    listing = page.locator(".step", has_text="Openstaande actiepunten (").last
    listing.get_by_text(ITEM_1).wait_for()
    listing.get_by_text(ITEM_2).wait_for()
    shot(page, "debrief-acties.png")


def test_next_prep_brief_carries_the_items(data_container: Container) -> None:
    with data_container.db.session() as s:
        mid = repo.get_manager(s, "demo").id
    brief = PrepService(data_container).build(mid, "Sanne", language="nl")
    texts = " | ".join(i.text for i in brief.sections["open_actions"])
    assert ITEM_1 in texts and ITEM_2 in texts, texts


def test_klaar_marks_done_and_updates_the_list(page: Any, data_container: Container) -> None:
    listing = page.locator(".step", has_text="Openstaande actiepunten (").last
    rows = [listing.locator("li").nth(i).inner_text() for i in range(listing.locator("li").count())]
    number = next(n for n, row in enumerate(rows, 1) if ITEM_1 in row)
    page.get_by_role("button", name=f"Klaar {number}", exact=True).last.click()
    page.get_by_text(f"✓ Afgerond: {ITEM_1}").wait_for()
    listing = page.locator(".step", has_text="Openstaande actiepunten (").last
    rows = [listing.locator("li").nth(i).inner_text() for i in range(listing.locator("li").count())]
    assert not any(ITEM_1 in row for row in rows), rows  # the list itself updated
    assert any(ITEM_2 in row for row in rows), rows
    with data_container.db.session() as s:
        mid = repo.get_manager(s, "demo").id
        rows = repo.list_action_items(s, mid, status="done")
        assert any(a.text == ITEM_1 for a in rows)


def test_review_survives_a_restart(page: Any, server: Server, data_container: Container) -> None:
    send(page, "Nabespreking met Thomas")
    page.get_by_text("Plak je aantekeningen of het transcript hier").nth(1).wait_for()
    send(page, "Thomas maakt morgen de release notes af. Ik vraag de workshop aan.")
    page.get_by_role("button", name="Schrap 2", exact=True).wait_for()
    # the second item has no due date: the review asks, with the option to leave it empty
    page.get_by_text("Wanneer moet dit af?").last.wait_for()
    page.get_by_role("button", name="Geen datum 2", exact=True).wait_for()
    page.wait_for_timeout(1000)  # let the thread metadata be written
    thread_url = page.url
    assert "/thread/" in thread_url, thread_url
    server.restart()
    page.goto(thread_url)
    page.wait_for_selector("#chat-input")
    page.get_by_text("Je was nog bezig met de nabespreking van Thomas Bakker").wait_for()
    page.get_by_role("button", name="Verder met de nabespreking").last.click()
    page.get_by_role("button", name="Verder met de nabespreking").wait_for(state="detached")
    page.get_by_role("button", name="Geen datum 2", exact=True).wait_for()  # the review is back
    page.get_by_role("button", name="Geen datum 2", exact=True).last.click()
    # the list is re-rendered in place: the question and its buttons go away
    page.get_by_role("button", name="Geen datum 2", exact=True).wait_for(state="detached")
    review = page.locator(".step", has_text="Controleer ze voordat ik iets opsla").last
    assert "Wanneer moet dit af?" not in review.inner_text()
    page.get_by_role("button", name="Schrap 1", exact=True).last.click()
    page.get_by_text("(geschrapt)").last.wait_for()
    page.get_by_role("button", name="Opslaan").last.click()
    page.get_by_text("Het gesprek met Thomas Bakker is opgeslagen, met 1 actiepunt(en).").wait_for()
    shot(page, "debrief-resumed.png")
    with data_container.db.session() as s:
        mid = repo.get_manager(s, "demo").id
        thomas = repo.find_person(s, mid, "Thomas").id
        rows = repo.list_action_items(s, mid, person_id=thomas, status="open")
        texts = {a.text: a.due_date for a in rows}
    assert texts.get("Ik vraag de workshop aan", "missing") is None, texts
    assert not any("release notes" in text for text in texts), texts
