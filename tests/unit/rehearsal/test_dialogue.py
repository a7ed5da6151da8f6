"""The authored dialogue as content: complete, validated on load, reachable, >= 150 lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from coach.rehearsal import rules
from coach.rehearsal.dialogue import (
    DIALOGUE_DIR,
    authored_line_count,
    has_marker,
    load_dialogues,
    slots,
)
from coach.rehearsal.scenarios import SCENARIO_IDS


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_at_least_150_authored_lines_per_language(lang: str) -> None:
    assert authored_line_count(lang) >= 150


def test_every_scenario_has_dialogue_and_the_same_slots_in_both_languages() -> None:
    dialogues = load_dialogues()
    assert list(dialogues) == list(SCENARIO_IDS)
    for d in dialogues.values():
        assert set(d.facts("nl")) == set(d.facts("en"))
        for lang in ("nl", "en"):
            used = {s for line in d.all_lines(lang) for s in slots(line)}
            assert used <= {"name", "role", *d.facts(lang)}


def test_every_phase_and_band_is_reachable() -> None:
    reached = rules.reachable_states()
    assert {p for p, _ in reached} == set(rules.PLAYED_PHASES)
    assert {b for _, b in reached} == {"low", "medium", "high"}
    assert ("agreement", "high") not in reached  # an agreement needs tension below 7


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "dialogue"
    shutil.copytree(DIALOGUE_DIR, root)
    return root


def _edit(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        ("burnout.yaml", lambda d: d["agreement"]["en"].append("Fine, {boss}."), "unknown slot"),
        ("burnout.yaml", lambda d: d["exploration"].pop("en"), "en"),
        ("burnout.yaml", lambda d: d["facts"]["nl"].update(extra="x"), "facts differ"),
        ("moves.yaml", lambda d: d["moves"].pop("empathy"), "lacks the moves"),
        ("moves.yaml", lambda d: d["moves"]["reproach"]["high"].update(nl=["Eén."]), "two lines"),
        ("moves.yaml", lambda d: d["moves"]["silence"]["low"]["nl"].append("{tenure}?"), "only"),
    ],
)
def test_broken_content_fails_on_load(
    tmp_path: Path, file: str, change: object, message: str
) -> None:
    root = _copy(tmp_path)
    _edit(root / file, change)
    with pytest.raises(ValueError, match=message):
        load_dialogues(root)


def test_missing_dialogue_file_fails(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "praise.yaml").unlink()
    with pytest.raises(ValueError, match="praise"):
        load_dialogues(root)


def test_markers_match_whole_words() -> None:
    assert has_marker("Zullen we iets afspreken?", "proposal", "nl")
    assert not has_marker("Het gaat wel weer over.", "off_topic", "nl")  # "weer" = again
    assert has_marker("Hoe was het weer in Zeeland?", "off_topic", "nl")
    assert has_marker("Let's agree on a next step.", "proposal", "en")
