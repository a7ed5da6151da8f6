"""The Coach chat in a real browser on the demo team: a Dutch question gets a cited answer
(any model paragraph shown passes the gate), a pronoun follow-up keeps the person, a typo
gets a "Bedoel je" button that answers, a 1 MB paste gets a clear message, after a server
restart the thread resumes and a follow-up still resolves, and in an English browser a Dutch
question is answered in Dutch. Tests run in order and share one page."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from coach.gate import check

from .conftest import (
    BIN,
    ROOT,
    Server,
    back_to_chat,
    browser_page,
    login,
    resumed,
    send,
    settled,
    shot,
)

pytestmark = pytest.mark.e2e

FIRST = "Hoe gaat het met de energie van Sanne?"
SLOW_MS = 150_000  # the first answer loads the embedding model on a cold server


DEMO_TIMEOUT_S = 900  # `coach demo` embeds ~60 notes; on a shared 2-core machine it can crawl


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Its own demo server, so this file runs alone (and with a patient `coach demo`)."""
    data = tmp_path_factory.mktemp("coach-chat-e2e")
    srv = Server(data / "data", data / "serve.log")
    subprocess.run(
        [str(BIN / "coach"), "demo"], env=srv.env, cwd=ROOT, check=True, timeout=DEMO_TIMEOUT_S
    )
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def page(browser: Any, server: Server) -> Iterator[Any]:
    with browser_page(browser) as pg:
        yield pg


def last_step(page: Any, text: str) -> Any:
    return page.locator(".step", has_text=text).last


def test_dutch_question_gets_a_cited_answer(page: Any, server: Server) -> None:
    login(page, server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom").first.wait_for(timeout=SLOW_MS)  # the socket is connected
    send(page, FIRST)
    step = last_step(page, "Sanne de Vries over energie")
    step.wait_for(timeout=SLOW_MS)
    settled(page)
    text = step.inner_text()
    assert "slecht kan slapen en veel stress ervaart" in text  # the note never says energie
    assert re.search(r"Sanne de Vries · \d{4}-\d{2}-\d{2}", text, re.I)  # chips in capitals
    if "Kort gezegd" in text:  # a model paragraph is shown only when it passed the gate
        paragraph = text.split("Kort gezegd", 1)[1].strip()
        assert check(paragraph, language="nl", question=FIRST).ok, paragraph
    step.get_by_text(re.compile(r"Sanne de Vries · \d{4}")).first.click()
    page.locator("#element-view").get_by_text("al weken slecht kan slapen").wait_for()
    back_to_chat(page)  # the source opened on its own page


def test_pronoun_follow_up_keeps_the_person(page: Any) -> None:
    send(page, "En wat kan ik haar dan vragen?")
    step = last_step(page, "Vragen die je kunt stellen")
    step.wait_for(timeout=SLOW_MS)
    settled(page)
    text = step.inner_text()
    # a source chip is written in capitals (CSS), and innerText follows the CSS
    assert "Over Sanne de Vries" in text and "vragen over energie" in text.lower(), text
    for other in ("Thomas", "Priya", "Daan", "Joost", "Marta", "Noor"):
        assert other not in text


def test_typo_gets_a_suggestion_button_that_answers(page: Any) -> None:
    send(page, "Wat heb ik met Sane afgesproken?")
    page.get_by_text("Bedoel je Sanne de Vries?").last.wait_for(timeout=SLOW_MS)
    page.get_by_role("button", name="Ja, Sanne de Vries").last.click()
    step = last_step(page, "Laatste 1:1")
    step.wait_for(timeout=SLOW_MS)
    assert "Over Sanne de Vries" in step.inner_text()
    assert "Laten weten of ze een gesprek met de bedrijfsarts wil" in step.inner_text()


def test_a_1mb_paste_gets_a_clear_message(page: Any) -> None:
    box = page.locator("#chat-input")
    box.fill("x" * (1024 * 1024))
    page.locator("#chat-submit").click()
    notice = page.get_by_role("alert").filter(has_text="Je bericht is te lang (1048576 tekens")
    notice.wait_for()
    assert len(box.input_value()) == 1024 * 1024  # nothing lost: the text stays to split up
    box.fill("")
    send(page, "Hoe gaat het met Sanne?")  # a normal message goes out again
    notice.wait_for(state="detached")
    settled(page)


def test_restart_resumes_the_thread_and_the_follow_up_resolves(page: Any, server: Server) -> None:
    server.restart()
    page.ws_frames.clear()
    page.goto(server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(FIRST).first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text("Sanne de Vries over energie").first.wait_for(timeout=SLOW_MS)
    resumed(page)
    send(page, "Hoe gaat het met haar welzijn?")
    step = last_step(page, "Sanne de Vries over welzijn")
    step.wait_for(timeout=SLOW_MS)
    assert "Over Sanne de Vries" in step.inner_text()
    shot(page, "coach-chat-resumed.png")


@pytest.fixture
def english_page(browser: Any) -> Iterator[Any]:
    """An en-US page (the failure hook saves its text and a screenshot)."""
    with browser_page(browser, locale="en-US") as pg:
        yield pg


def test_an_english_browser_gets_a_dutch_answer_to_a_dutch_question(
    english_page: Any, server: Server
) -> None:
    english = english_page
    login(english, server.url)
    english.wait_for_selector("#chat-input")
    english.get_by_text("Welcome").first.wait_for(timeout=SLOW_MS)
    send(english, FIRST)
    step = last_step(english, "Sanne de Vries over energie")
    step.wait_for(timeout=SLOW_MS)
    settled(english)
    assert "Over Sanne de Vries" in step.inner_text()
    send(english, "And how is Priya's job satisfaction?")
    step = last_step(english, "About Priya")
    step.wait_for(timeout=SLOW_MS)
    settled(english)
    assert "Priya Raman on job satisfaction" in step.inner_text()
