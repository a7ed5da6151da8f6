"""Rhythm flow in a real browser: the daily nudge, planning a 1:1 with an .ics invite, the
team overview (table + chart), a check-in link answered without logging in, and the answers
in the next prep brief. Tests run in order and share one page and one fresh demo server."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from coach.cadence.ics import parse_invite
from coach.container import Container, build_container
from coach.prep.render import render_markdown
from coach.settings import Settings
from coach.storage import repo
from coach.storage.models import Manager

from .conftest import ARTIFACTS, Server, demo_server, send, shot

pytestmark = pytest.mark.e2e

NUDGE = "Even een seintje"
URL_RE = re.compile(r"https?://\S+/checkin/[A-Za-z0-9_\-]+")
ANSWERS = {
    "wins": "De migratie van het dashboard is live gegaan.",
    "hard": "Ik slaap slecht door de piek in de rapportages.",
    "discuss": "Of ik de Python-cursus in januari kan starten.",
    "learn": "Beter nee zeggen tegen extra verzoeken.",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh demo of our own: the nudge is once per day per manager, so a server shared
    with other test files could already have used today's nudge."""
    with demo_server(tmp_path_factory, "coach-rhythm") as srv:
        yield srv


@pytest.fixture(scope="module")
def data_container(server: Server) -> Iterator[Container]:
    """The server's own database, read in-process (fake LLM, nothing else loaded)."""
    c = build_container(Settings(data_dir=Path(server.env["COACH_DATA_DIR"]), llm="fake"))
    yield c
    c.db.engine.dispose()


def test_login_shows_the_nudge_with_thomas(page: Any, server: Server) -> None:
    page.goto(server.url + "/login")
    page.fill("#email", "demo")
    page.fill("#password", "demo-demo")
    page.click("button[type=submit]")
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom, Mira Jansen").wait_for()
    nudge = page.locator(".step", has_text=NUDGE)
    nudge.wait_for()
    text = nudge.inner_text()
    assert re.search(r"Thomas Bakker: \d+ dagen over tijd", text), text
    assert "Noor El Amrani" in text  # never met: also on the list
    assert "Sanne de Vries" not in text  # not due yet
    page.get_by_role("button", name="Voorbereiden · Thomas").wait_for()
    page.get_by_role("button", name="Plannen · Thomas").wait_for()
    assert page.locator(".step", has_text=NUDGE).count() == 1


def test_plan_offers_three_slots_and_sends_an_ics(page: Any, tmp_path: Path) -> None:
    page.get_by_role("button", name="Plannen · Thomas").click()
    page.get_by_text("Kies een moment voor je 1-op-1 met Thomas (45 minuten)").wait_for()
    slots = page.get_by_role("button", name=re.compile(r"^(ma|di|wo|do|vr) \d{1,2} \w+ 10:00$"))
    slots.first.wait_for()
    assert slots.count() == 3
    label = slots.first.inner_text().strip()
    slots.first.click()
    page.get_by_text("Uitnodiging voor je 1-op-1 met Thomas Bakker").wait_for()
    file_link = page.get_by_text(re.compile(r"1op1-thomas-bakker-\d{4}-\d{2}-\d{2}\.ics"))
    file_link.first.wait_for()
    shot(page, "rhythm-plan-ics.png")
    with page.expect_download() as info:
        file_link.first.click()
    target = tmp_path / "invite.ics"
    info.value.save_as(str(target))
    invite = parse_invite(target.read_bytes())
    assert invite["attendees"] == ["thomas.bakker@example.org"]
    assert invite["organizer"] == "mira.jansen@example.org"
    assert invite["duration_minutes"] == 45
    assert invite["method"] == "REQUEST"
    assert invite["description"].startswith("Agenda:")
    assert re.search(r"\d+ min · Opening", invite["description"]), invite["description"]
    local = invite["start"].astimezone(ZoneInfo("Europe/Amsterdam"))
    assert local.hour == 10 and local.weekday() < 5
    assert local.date() > dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert f"{local.day} " in label


def test_prepare_sends_the_brief(page: Any) -> None:
    page.get_by_role("button", name="Voorbereiden · Thomas").click()
    brief = page.locator(".step", has_text="Voorbereiding 1:1 met Thomas Bakker")
    brief.wait_for()
    assert "Agenda" in brief.inner_text()


def test_team_overview_table_and_chart(page: Any) -> None:
    send(page, "/team")
    table = page.locator("table", has_text="Thomas Bakker").last
    table.wait_for()
    head = table.locator("thead").inner_text()
    for col in ("Laatste 1-op-1", "Volgende uiterlijk", "Dit jaar (min. 4)", "Besproken thema"):
        assert col in head, head
    rows = {
        r.inner_text().split("\t")[0].replace("🔴", "").strip(): r.inner_text()
        for r in table.locator("tbody tr").all()
    }
    assert len(rows) == 7, rows
    assert "0 / 4 ⚠" in rows["Noor El Amrani"]
    assert "dagen over tijd" in rows["Thomas Bakker"]
    assert "🔴" in rows["Thomas Bakker"]  # overdue stands out (issue 17)
    assert "Energie" in rows["Sanne de Vries"]
    chart = page.locator(".js-plotly-plot").last
    chart.wait_for()
    assert chart.locator(".bars path, .bar path, g.point").count() >= 1
    page.get_by_text("1-op-1's dit jaar per persoon (minimaal 4)").first.wait_for()
    shot(page, "rhythm-team.png")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(ARTIFACTS / "rhythm-team-chart.png"))


def test_checkin_link_answered_without_login(page: Any, browser: Any) -> None:
    send(page, "/checkin Sanne")
    reply = page.locator(".step", has_text="Check-in-link voor Sanne de Vries").last
    reply.wait_for()
    match = URL_RE.search(reply.inner_text())
    assert match, reply.inner_text()
    url = match.group(0)
    ctx = browser.new_context(locale="nl-NL")  # no cookies: not logged in
    try:
        form = ctx.new_page()
        form.goto(url)
        form.get_by_text("Hoi Sanne,").wait_for()
        form.locator("label[for=energy-4]").click()
        form.locator("label[for=werkgeluk-3]").click()
        for field, text in ANSWERS.items():
            form.fill(f"#{field}", text)
        form.get_by_role("button", name="Versturen").click()
        form.get_by_text("Bedankt!").wait_for()
        shot(form, "rhythm-checkin-thanks.png")
        form.goto(url)  # single use
        form.get_by_text("Deze link werkt niet").wait_for()
    finally:
        ctx.close()


def test_next_prep_for_sanne_contains_the_answers(data_container: Container) -> None:
    with data_container.db.session() as s:
        mid = repo.get_manager(s, "demo").id
    brief = data_container.prep.build(mid, "Sanne", language="nl")
    md = render_markdown(brief, "nl")
    for text in ANSWERS.values():
        assert text in md, md
    assert "energie 4/5" in md.lower() and "werkgeluk 3/5" in md.lower(), md


def test_no_second_nudge_in_a_new_thread_today(
    page: Any, server: Server, data_container: Container
) -> None:
    before = len(page.ws_frames)
    page.goto(server.url)  # a new thread, same manager, same day
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom, Mira Jansen").first.wait_for(timeout=120_000)  # busy CI machine
    send(page, "/checkin")  # a reply proves on_chat_start is over
    page.get_by_text("Gebruik: /checkin <naam>").wait_for()
    frames = " ".join(page.ws_frames[before:])
    assert "Welkom, Mira Jansen" in frames  # the new thread did start
    assert NUDGE not in frames  # ... without a second nudge
    assert page.locator(".step", has_text=NUDGE).count() == 0
    # the thread started with a nudge button is listed under the button's label
    page.get_by_text("Plannen · Thomas").first.wait_for()
    assert page.get_by_text("rhythm_plan").count() == 0
    with data_container.db.session() as s:
        nudged = s.scalar(select(Manager.nudged_on).where(Manager.username == "demo"))
    assert nudged == dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    shot(page, "rhythm-second-thread.png")
