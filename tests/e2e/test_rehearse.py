"""Rehearse flow in a real browser with the EMBEDDED model (COACH_LLM=local, SmolLM2 GGUF):
pick a scenario, a team member and a difficulty, edit the persona card, start, three turns
(with a server restart in between: the rehearsal goes on), /hint, /stop, and the scored
debrief with the trend chart. Tests run in order and share one page and one server."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import (
    CHROMIUM_ARGS,
    Server,
    browser_page,
    choose_profile,
    demo_server,
    login,
    send,
    shot,
)

pytestmark = pytest.mark.e2e

AUTHOR = "Sanne de Vries (simulatie)"
EDIT = "stijl: kortaf en verdedigend"
THREAD = "Oefenen: Afgewezen promotie"  # the thread started with a button gets this name
TURNS = (
    "Sanne, ik heb besloten dat de rol van teamleider naar iemand anders gaat. "
    "Ik wilde je dat zelf vertellen.",
    "Je klinkt teleurgesteld. Wat gaat er nu door je heen?",
    "Wat zou je helpen om hier een goed vervolg aan te geven?",
)
REPLY_S = 120.0  # the local model on two busy cores, plus loading it on the first turn


@pytest.fixture(scope="module")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"COACH_LLM": "local", "COACH_LLM_MAX_TOKENS": "60"}
    with demo_server(tmp_path_factory, "coach-e2e-local", env=env) as srv:
        yield srv


@pytest.fixture(scope="module")
def page(browser: Any, local_server: Server) -> Iterator[Any]:
    with browser_page(browser) as pg:
        yield pg


_PERSONA_MSG = re.compile(r'"new_message".*"name":\s*"' + re.escape(AUTHOR) + '"')


def persona_lines(page: Any) -> list[str]:
    """What the persona said so far (from the websocket: the DOM shows no author names)."""
    out = []
    for frame in page.ws_frames:
        if _PERSONA_MSG.search(frame):
            out.append(re.search(r'"output":\s*"((?:[^"\\]|\\.)*)"', frame).group(1))  # type: ignore[union-attr]
    return out


def wait_for_reply(page: Any, count: int, timeout: float = REPLY_S) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = persona_lines(page)
        if len(lines) >= count:
            return lines[count - 1]
        page.wait_for_timeout(250)
    raise AssertionError(f"no persona reply #{count} within {timeout} s: {persona_lines(page)}")


def test_scenario_person_and_difficulty(page: Any, local_server: Server) -> None:
    assert "--no-sandbox" in CHROMIUM_ARGS
    login(page, local_server.url)
    page.wait_for_selector("#chat-input")
    choose_profile(page, "Oefenen")
    page.get_by_text("Welk gesprek wil je oefenen?").last.wait_for()
    for title in ("Onderpresteren", "Signalen van overbelasting", "Een compliment geven"):
        page.get_by_role("button", name=title).last.wait_for()
    page.get_by_role("button", name="Afgewezen promotie").last.click()
    page.get_by_text("Met wie wil je oefenen?").last.wait_for()
    page.get_by_role("button", name="Algemene persona").last.wait_for()
    page.get_by_role("button", name="Sanne de Vries").last.click()
    page.get_by_text("Ik speel de persona in het nederlands").last.wait_for()
    page.get_by_role("button", name="Gemiddeld").last.click()
    card = page.locator(".step", has_text="Simulatie: Sanne de Vries").last
    card.wait_for()
    text = card.inner_text()
    assert "Afgewezen promotie" in text and "Gemiddeld" in text, text
    assert "Gebeurtenissen" in text and "Dit is een simulatie" in text, text
    shot(page, "rehearse-card.png")


def test_edit_the_card_and_start(page: Any) -> None:
    send(page, EDIT)
    card = page.locator(".step", has_text="Aangepast: stijl.").last
    card.wait_for()
    assert "kortaf en verdedigend" in card.inner_text()
    page.get_by_role("button", name="Start het gesprek").last.click()
    page.get_by_text("Het gesprek met").last.wait_for()
    opening = wait_for_reply(page, 1, timeout=30)
    assert opening.strip()


def test_two_turns_with_the_embedded_model(page: Any) -> None:
    for n, line in enumerate(TURNS[:2], start=2):
        send(page, line)
        reply = wait_for_reply(page, n)
        assert reply.strip() and reply.strip() != line
    send(page, "/hint")
    page.locator(".step", has_text="Tip").last.wait_for()
    shot(page, "rehearse-turns.png")


def test_the_rehearsal_goes_on_after_a_restart(page: Any, local_server: Server) -> None:
    local_server.restart()
    before = len(persona_lines(page))
    page.goto(local_server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(THREAD).first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text(TURNS[1]).first.wait_for()
    page.get_by_text("Je was aan het oefenen met").last.wait_for()
    page.ws_frames.clear()  # the resumed thread replays its history; count fresh replies only
    send(page, TURNS[2])
    reply = wait_for_reply(page, 1)
    assert reply.strip() and before >= 3


def test_stop_shows_the_scored_debrief_and_trend(page: Any) -> None:
    send(page, "/stop")
    step = page.locator(".step", has_text="Nabespreking van je oefengesprek").last
    step.wait_for(timeout=60_000)
    text = step.inner_text()
    for row in ("Vragen", "Reflecties", "Verhouding reflecties : vragen", "Spanning"):
        assert row in text, text
    assert "Opgeslagen als oefensessie" in text, text
    page.locator(".js-plotly-plot").last.wait_for(timeout=60_000)
    page.get_by_role("button", name="Nog een gesprek oefenen").last.wait_for()
    shot(page, "rehearse-debrief.png")
