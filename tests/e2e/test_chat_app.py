"""The chat app in a real browser: login, team and notes, a cited streamed answer, and a
thread that survives a server restart. Tests run in order and share one page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from .conftest import ARTIFACTS, Server, back_to_chat, demo_server, login, resumed, send, settled

pytestmark = pytest.mark.e2e

PERSON = "Eva Smit"
NOTE = "wil graag meer ontwerpwerk doen en voelt zich overbelast door de releases"
TODAY = dt.datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()  # the app's zone
CITATION = re.compile(rf"{PERSON} · {TODAY}", re.I)


# What the fake model says under the answer: advice naming a particular of Eva's note, so the
# gate passes it and the paragraph streams (the default fake line names nothing: dropped).
PARAGRAPH = "(fake) Vraag Eva welk ontwerpwerk ze graag zou doen naast de releases."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with demo_server(tmp_path_factory, "coach-e2e-chat", {"COACH_LLM": f"fake:{PARAGRAPH}"}) as srv:
        yield srv


def test_wrong_password_is_refused(page: Any, server: Any) -> None:
    login(page, server.url, password="not-the-password")
    page.wait_for_timeout(1500)
    assert page.locator("#chat-input").count() == 0
    assert "/login" in page.url


def test_login_as_demo(page: Any, server: Any) -> None:
    login(page, server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text("Welkom, Mira Jansen").wait_for()


def test_add_person_and_note(page: Any) -> None:
    send(page, f"/persoon {PERSON}; ontwikkelaar")
    page.get_by_text(f"{PERSON} staat nu in je team").wait_for()
    send(page, f"/notitie Eva: {NOTE}")
    page.get_by_text(f"Notitie over {PERSON} opgeslagen").wait_for()


def test_unknown_person_gets_a_clear_message(page: Any) -> None:
    send(page, "/notitie Zoltan: bestaat niet")
    page.get_by_text("Ik ken niemand die 'Zoltan' heet").wait_for()


def test_question_streams_an_answer_citing_the_note(page: Any) -> None:
    before = len(page.ws_frames)
    send(page, "Hoe gaat het met Eva?")
    # The answer's step by its citation: the note's own text also stands in the /notitie
    # message above, which matched at once, before the answer (and its stop button) began.
    step = page.locator(".step", has_text=CITATION).last
    step.wait_for()
    settled(page)
    answer = step.inner_text()
    assert CITATION.search(answer), answer
    assert NOTE[:30] in answer
    assert "Kort gezegd" in answer and PARAGRAPH in answer, answer  # it passed the gate
    frames = " ".join(page.ws_frames[before:])
    assert "stream_start" in frames and "stream_token" in frames
    # the cited note opens as a source, on its own page (only when clicked)
    page.get_by_text(CITATION).last.click()
    page.get_by_text(NOTE).last.wait_for()
    back_to_chat(page)


def test_long_paste_is_refused_and_session_keeps_working(page: Any) -> None:
    box = page.locator("#chat-input")
    box.fill("lang " * 5000)  # 25,000 characters: stopped in the browser, the text kept
    page.locator("#chat-submit").click()
    page.get_by_role("alert").filter(has_text="Je bericht is te lang (").wait_for()
    assert len(box.input_value()) == 25_000
    box.fill("")
    send(page, "/notities Eva")
    page.get_by_text("Recente notities (1)").wait_for()


def test_export_sends_a_file_and_erase_asks_first(page: Any) -> None:
    send(page, "/exporteer Eva")
    page.get_by_text(f"Alles wat ik over {PERSON} bewaar, als JSON-bestand.").wait_for()
    page.get_by_text("eva-smit.json").last.wait_for()
    send(page, "/wis Eva")
    page.get_by_text(f"Alles over {PERSON} wissen").last.wait_for()
    page.get_by_role("button", name="Annuleren").last.click()
    page.get_by_text("Niets gewist.").last.wait_for()


def test_thread_resumes_after_restart(page: Any, server: Any) -> None:
    server.restart()
    page.ws_frames.clear()
    page.goto(server.url)
    page.wait_for_selector("#chat-input")
    page.get_by_text(f"/persoon {PERSON}").first.click()
    page.wait_for_url(re.compile(r"/thread/"))
    page.get_by_text("Hoe gaat het met Eva?").wait_for()
    resumed(page)
    page.get_by_text(f"Notitie over {PERSON} opgeslagen").wait_for()
    page.get_by_text(PARAGRAPH).wait_for()  # the answer and its paragraph are back
    # the cited note was persisted as an element and still opens (owner-only file route)
    page.get_by_text(CITATION).first.click()
    page.get_by_text(NOTE).last.wait_for()
    back_to_chat(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "resumed-thread.png"))
    # the resumed thread still works: state was rebuilt from the thread metadata
    send(page, "/notities Eva")
    page.get_by_text("Recente notities (1)").last.wait_for()


def test_erase_removes_the_person(page: Any) -> None:
    send(page, "/wis Eva")
    page.get_by_role("button", name=f"Ja, wis alles over {PERSON}").last.click()
    page.get_by_text(f"Alles over {PERSON} is gewist").last.wait_for()
    send(page, "/notities Eva")
    page.get_by_text("Ik ken niemand die 'Eva' heet in jouw team.").last.wait_for()


def _switch_language(page: Any, option: str) -> None:
    """Chat settings (the gear in the composer) -> the coach's language -> confirm."""
    page.locator("#chat-settings-open-modal").click()
    page.locator("#language").click()
    page.get_by_role("option", name=option).click()
    page.get_by_role("button", name=re.compile(r"^(Bevestigen|Confirm)$")).click()


def test_language_setting_switches_the_coach_to_english_and_back(page: Any) -> None:
    _switch_language(page, "Engels")
    page.get_by_text("From now on I will talk with you in English.").last.wait_for()
    send(page, "/notes")
    page.get_by_text(re.compile(r"^Recent notes \(\d+\)")).last.wait_for()
    _switch_language(page, "Dutch")
    page.get_by_text("Ik praat vanaf nu Nederlands met je.").last.wait_for()
