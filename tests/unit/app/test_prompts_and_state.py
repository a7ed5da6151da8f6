from __future__ import annotations

from pathlib import Path

import pytest

from coach.app.state import SessionState, from_metadata, pick_language
from coach.i18n import catalogue
from coach.prompts import PromptError, get_prompt, load_prompts


def test_shipped_prompts_load_in_both_languages() -> None:
    prompts = load_prompts()
    assert ("coach_answer", "nl") in prompts and ("coach_answer", "en") in prompts
    system, user = get_prompt("coach_answer", "en").render(question="Q?", notes="N", knowledge="K")
    assert "Q?" in user and "English" in system


def test_render_needs_exactly_the_declared_variables() -> None:
    p = get_prompt("coach_answer", "nl")
    with pytest.raises(PromptError):
        p.render(question="q", notes="n")
    with pytest.raises(PromptError):
        p.render(question="q", notes="n", knowledge="k", extra="x")


def _write(root: Path, name: str, body: str) -> None:
    (root / name).write_text(body, encoding="utf-8")


GOOD = "version: 1\nvariables: [a]\nsystem: s\ntemplate: 'x {a}'\n"


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("version: 1\nvariables: []\nsystem: s\ntemplate: 'x {a}'\n", "undeclared"),
        ("version: 1\nvariables: [a, b]\nsystem: s\ntemplate: 'x {a}'\n", "unused"),
        (GOOD + "temperature: 0.2\n", "Extra inputs"),
        ("version: 1\nvariables: [a]\ntemplate: 'x {a}'\n", "system"),
        (GOOD + "parts: {tone: 'calm {a}'}\n", "may not take placeholders"),
    ],
)
def test_bad_prompt_files_fail_at_load(tmp_path: Path, body: str, needle: str) -> None:
    _write(tmp_path, "p.nl.yaml", body)
    _write(tmp_path, "p.en.yaml", GOOD)
    with pytest.raises(PromptError, match=needle):
        load_prompts(tmp_path)


def test_a_prompt_missing_a_language_fails(tmp_path: Path) -> None:
    _write(tmp_path, "p.nl.yaml", GOOD)
    with pytest.raises(PromptError, match="lacks languages"):
        load_prompts(tmp_path)


def test_parts_must_match_across_languages(tmp_path: Path) -> None:
    _write(tmp_path, "p.nl.yaml", GOOD + "parts: {tone: rustig}\n")
    _write(tmp_path, "p.en.yaml", GOOD)
    with pytest.raises(PromptError, match="different parts"):
        load_prompts(tmp_path)


def test_rehearsal_prompt_has_a_tone_per_band_and_labels() -> None:
    for lang in ("nl", "en"):
        p = get_prompt("rehearsal", lang)
        assert p.template == ""  # the conversation itself is the user side
        for key in ("tone_low", "tone_medium", "tone_high", "label_background"):
            assert p.part(key).strip()
        with pytest.raises(PromptError, match="no part"):
            p.part("tone_extreme")


def test_pick_language_and_state_round_trip() -> None:
    assert pick_language("en-US", "nl") == "en"
    assert pick_language(None, "fr-FR", "nl-BE") == "nl"
    assert pick_language("de-DE", default="en") == "en"
    state = SessionState(3, "rehearse", "en")
    assert (
        from_metadata(state.to_metadata(), manager_id=3, mode=None, fallback_language="nl") == state
    )
    # the manager always comes from the login, never from stored metadata
    other = from_metadata(state.to_metadata(), manager_id=9, mode=None, fallback_language="nl")
    assert other.manager_id == 9
    fresh = from_metadata(None, manager_id=9, mode="prepare", fallback_language="nl")
    assert fresh == SessionState(9, "prepare", "nl")


def test_every_mode_has_its_texts_in_both_languages() -> None:
    from coach.app.modes import MODES, chat_profiles

    keys = catalogue()
    for mode in MODES:
        for suffix in ("label", "desc", "intro"):
            assert set(keys[f"mode_{mode}_{suffix}"]) >= {"nl", "en"}
    nl = chat_profiles("nl")
    assert [p.display_name for p in nl] == ["Coach", "Voorbereiden", "Oefenen", "Nabespreken"]
    assert [p.display_name for p in chat_profiles("en")][1:] == ["Prepare", "Rehearse", "Debrief"]
    assert all(p.starters for p in nl)
