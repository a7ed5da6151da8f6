"""Rehearse flow in a real browser, dark theme, on the embedded default (COACH_LLM=local).

One test, so it runs on its own: pick a scenario, a team member and a difficulty, edit the
card (style and pronouns), start, five Dutch turns with a reproach and a reflection (a
server restart after the fourth: the rehearsal resumes in the same state), /hint, /stop,
then the debrief and the trend chart in dark mode. Every persona line must be an authored
line (the embedded model's Dutch is below the gate's bar, so it is never asked), and the
tension must move as the rules say.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from coach.rehearsal.dialogue import get_dialogue

from .conftest import (
    CHROMIUM_ARGS,
    Server,
    browser_page,
    choose_profile,
    demo_server,
    login,
    resumed,
    send,
    shot,
)

pytestmark = pytest.mark.e2e

AUTHOR = "Sanne de Vries (simulatie)"
THREAD = "Oefenen: Afgewezen promotie"  # the thread started with a button gets this name
TURNS = (
    # statement (0), reproach (+2), simple reflection (-1), open question (-0.5), empathy (-1.5)
    "Sanne, ik heb besloten dat de rol van teamleider naar iemand anders gaat. "
    "Ik wilde je dat zelf vertellen.",
    "Je reageert altijd zo emotioneel op dit soort dingen.",
    "Het klinkt alsof je teleurgesteld bent.",
    "Wat gaat er nu door je heen?",
    "Dat klinkt echt zwaar.",
)
TENSION = "5 → 5 → 7 → 6 → 5.5 → 4"  # medium: start 5, factors 1
REPLY_S = 60.0


@pytest.fixture(scope="module")
def local_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {"COACH_LLM": "local", "COACH_LLM_MAX_TOKENS": "60"}
    with demo_server(tmp_path_factory, "coach-e2e-local", env=env) as srv:
        yield srv


@pytest.fixture
def dark_page(browser: Any, local_server: Server) -> Iterator[Any]:
    with browser_page(browser) as pg:
        pg.add_init_script("localStorage.setItem('vite-ui-theme', 'dark')")
        yield pg


_PERSONA_MSG = re.compile(r'"new_message".*"name":\s*"' + re.escape(AUTHOR) + '"')


def persona_lines(page: Any) -> list[str]:
    """What the persona said so far (from the websocket: the DOM shows no author names)."""
    out = []
    for frame in page.ws_frames:
        if _PERSONA_MSG.search(frame):
            raw = re.search(r'"output":\s*"((?:[^"\\]|\\.)*)"', frame).group(1)  # type: ignore[union-attr]
            out.append(json.loads(f'"{raw}"'))
    return out


def wait_for_reply(page: Any, count: int, timeout: float = REPLY_S) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = persona_lines(page)
        if len(lines) >= count:
            return lines[count - 1]
        page.wait_for_timeout(250)
    raise AssertionError(f"no persona reply #{count} within {timeout} s: {persona_lines(page)}")


def _authored() -> list[re.Pattern[str]]:
    """Every authored line of the scenario, its slots open (the card fills them)."""
    d = get_dialogue("declined-promotion")
    lines = set(d.all_lines("nl"))
    return [re.compile(re.sub(r"\\\{\w+\\\}", ".+", re.escape(x))) for x in lines]


def is_authored(text: str, patterns: list[re.Pattern[str]]) -> bool:
    """One authored line, or an acknowledgement followed by one."""
    if any(p.fullmatch(text) for p in patterns):
        return True
    for i in [m.end() for m in re.finditer(r"[.!?] ", text)]:
        head, tail = text[: i - 1], text[i:]
        if any(p.fullmatch(head) for p in patterns) and any(p.fullmatch(tail) for p in patterns):
            return True
    return False


def test_dutch_rehearsal_in_dark_mode(dark_page: Any, local_server: Server) -> None:
    page = dark_page
    assert "--no-sandbox" in CHROMIUM_ARGS
    login(page, local_server.url)
    page.wait_for_selector("#chat-input")
    assert "dark" in (page.locator("html").get_attribute("class") or "")
    choose_profile(page, "Oefenen")
    page.get_by_text("Welk gesprek wil je oefenen?").last.wait_for()
    page.get_by_role("button", name="Afgewezen promotie").last.click()
    page.get_by_text("Met wie wil je oefenen?").last.wait_for()
    page.get_by_role("button", name="Sanne de Vries").last.click()
    page.get_by_text("Ik speel de persona in het nederlands").last.wait_for()
    page.get_by_role("button", name="Gemiddeld").last.click()
    card = page.locator(".step", has_text="Simulatie: Sanne de Vries").last
    card.wait_for()
    text = card.inner_text()
    assert "Afgewezen promotie" in text and "Dit is een simulatie" in text, text
    assert "Voornaamwoorden" in text and "Feiten" in text, text

    send(page, "stijl: kortaf en verdedigend")
    page.locator(".step", has_text="Aangepast: stijl.").last.wait_for()
    send(page, "voornaamwoorden: zij/haar")
    edited = page.locator(".step", has_text="Aangepast: voornaamwoorden.").last
    edited.wait_for()
    assert "zij/haar" in edited.inner_text() and "kortaf en verdedigend" in edited.inner_text()
    shot(page, "rehearse-card-dark.png")
    page.get_by_role("button", name="Start het gesprek").last.click()
    page.get_by_text("Het gesprek met").last.wait_for()
    assert wait_for_reply(page, 1).strip()

    patterns = _authored()
    said = [persona_lines(page)[0]]
    for n, line in enumerate(TURNS[:4], start=2):
        send(page, line)
        said.append(wait_for_reply(page, n))
    send(page, "/hint")
    page.locator(".step", has_text="Tip").last.wait_for()

    local_server.restart()  # mid-session: the rehearsal resumes in the same state
    page.ws_frames.clear()
    page.goto(local_server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(THREAD).first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text("Je was aan het oefenen met").last.wait_for()
    resumed(page)
    page.ws_frames.clear()  # the resumed thread replays its history; count fresh replies only
    send(page, TURNS[4])
    said.append(wait_for_reply(page, 1))

    assert len(said) == 6 and len(set(said)) == 6, said  # never the same line twice
    for line, turn in zip(said[1:], TURNS, strict=True):
        assert is_authored(line, patterns), line
        assert line.strip().lower() != turn.strip().lower()
    assert "{" not in " ".join(said)

    send(page, "/stop")
    step = page.locator(".step", has_text="Nabespreking van je oefengesprek").last
    step.wait_for(timeout=60_000)
    debrief = step.inner_text()
    assert TENSION in debrief, debrief
    assert "6 zin(nen) uit het geschreven script, 0 door het taalmodel" in debrief, debrief
    assert "Jouw beurt 2" in debrief and "[" not in debrief, debrief  # the reproach's rewrites
    assert "Opgeslagen als oefensessie" in debrief, debrief

    chart = page.locator(".js-plotly-plot").last
    chart.wait_for(timeout=60_000)
    page.get_by_role("button", name="Verwijder deze oefening").last.wait_for()
    style = page.evaluate(
        """() => {
            const svg = [...document.querySelectorAll('.js-plotly-plot .main-svg')].pop();
            const title = [...document.querySelectorAll('.js-plotly-plot .gtitle')].pop();
            const tick = [...document.querySelectorAll('.js-plotly-plot .ytick text')].pop();
            return {bg: getComputedStyle(svg).backgroundColor,
                    title: title && getComputedStyle(title).fill,
                    tick: tick && tick.textContent,
                    page: getComputedStyle(document.body).backgroundColor};
        }"""
    )
    assert style["bg"] == "rgba(0, 0, 0, 0)", style  # the dark theme shows through
    assert style["title"] == "rgb(140, 140, 140)", style  # readable on dark and on light
    assert style["tick"], style  # the scale is drawn
    dark = [int(x) for x in re.findall(r"\d+", style["page"])[:3]]
    assert sum(dark) < 3 * 80, style  # really the dark theme behind it
    shot(page, "rehearse-debrief-dark.png")
