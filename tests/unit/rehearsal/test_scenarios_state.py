"""Scenario catalogue, tension rules and chat commands."""

from __future__ import annotations

import pytest

from coach.rehearsal import list_scenarios, parse_command
from coach.rehearsal.scenarios import SCENARIO_IDS, UnknownScenario, get_scenario
from coach.rehearsal.state import band, next_tension, scaled_delta, start_tension


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_list_scenarios_has_the_eight_in_order(lang: str) -> None:
    choices = list_scenarios(lang)
    assert [c.id for c in choices] == list(SCENARIO_IDS)
    assert all(c.title and c.description for c in choices)


def test_titles_follow_language() -> None:
    nl = {c.id: c.title for c in list_scenarios("nl")}
    en = {c.id: c.title for c in list_scenarios("en")}
    assert nl["burnout"] == "Signalen van overbelasting"
    assert en["burnout"] == "Signs of overload"


def test_unknown_scenario() -> None:
    with pytest.raises(UnknownScenario):
        get_scenario("small-talk")


def test_every_scenario_has_band_lines_for_every_band_and_language() -> None:
    for sid in SCENARIO_IDS:
        sc = get_scenario(sid)
        for b in ("low", "medium", "high"):
            for lang in ("nl", "en"):
                assert len(sc.fallback_lines.get(b, lang)) >= 2


def test_start_tension_by_difficulty() -> None:
    assert [start_tension(d) for d in ("easy", "medium", "hard")] == [3.0, 5.0, 7.0]
    with pytest.raises(ValueError):
        start_tension("extreme")


def test_difficulty_scales_deltas_asymmetrically() -> None:
    assert scaled_delta(2, "easy") == 1.0
    assert scaled_delta(-2, "easy") == -3.0
    assert scaled_delta(2, "medium") == 2.0
    assert scaled_delta(-2, "medium") == -2.0
    assert scaled_delta(2, "hard") == 3.0
    assert scaled_delta(-2, "hard") == -1.0
    assert scaled_delta(0, "hard") == 0.0


def test_tension_is_clamped() -> None:
    assert next_tension(9.0, 5, "hard") == 10.0
    assert next_tension(1.0, -4, "easy") == 0.0


@pytest.mark.parametrize(
    ("tension", "expected"),
    [(0, "low"), (3, "low"), (3.5, "medium"), (6.5, "medium"), (7, "high"), (10, "high")],
)
def test_band(tension: float, expected: str) -> None:
    assert band(tension) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/hint", "hint"),
        (" /HINT ", "hint"),
        ("/stop", "stop"),
        ("/einde", "stop"),
        ("/end please", "stop"),
        ("/dance", "unknown"),
        ("/", "unknown"),
        ("Hoe gaat het?", None),
        ("en/of", None),
    ],
)
def test_parse_command(text: str, expected: str | None) -> None:
    assert parse_command(text) == expected
