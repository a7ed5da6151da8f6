"""`coach rehearse --script FILE --json` end to end with the fake model and real SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coach.cli import common
from coach.cli.main import app
from coach.container import build_container
from coach.settings import Settings
from coach.storage import repo

from .test_engine import SCRIPT


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_LLM", "fake")
    monkeypatch.setenv("COACH_LANG", "nl")
    monkeypatch.setattr(common, "_container", None)
    c = build_container(Settings())
    c.migrate()
    with c.db.session() as s:
        repo.add_manager(s, "mira", password_hash=None)
    script = tmp_path / "turns.txt"
    script.write_text("\n".join(SCRIPT) + "\n\n", encoding="utf-8")
    yield script
    common._container = None


def test_rehearse_json(cli_env: Path) -> None:
    args = ["rehearse", "-m", "mira", "--scenario", "burnout", "--script", str(cli_env)]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    turns = data["session"]["turns"]
    assert [t["text"] for t in turns if t["speaker"] == "manager"] == SCRIPT
    assert len(turns) == 9 and all(t["text"] for t in turns)
    assert data["debrief"]["tension"] == [5.0, 4.5, 5.0, 3.5, 5.0]
    # The fake model says the same line every time: once it may, then it is a repeat and
    # the authored line stands.
    persona = turns[2::2]
    assert [t["source"] for t in persona] == ["llm", "authored", "authored", "authored"]
    assert [t["rejected"] for t in persona] == [None, "repeat", "repeat", "repeat"]
    assert {"speaker", "text", "source", "tension"} <= set(turns[1])
    assert data["debrief"]["measures"]["questions"] == 2 and data["rehearsal_id"] == 1

    wrong = CliRunner().invoke(app, [*args, "--difficulty", "hard", "--lang", "en"])
    assert wrong.exit_code == 1 and "in het Engels" in wrong.output  # Dutch turns, English talk
    english = cli_env.with_name("turns-en.txt")
    english.write_text("How are you doing?\nWhat is on your mind these days?\n", encoding="utf-8")
    en_args = ["rehearse", "-m", "mira", "-s", "burnout", "--script", str(english)]
    again = CliRunner().invoke(app, [*en_args, "--difficulty", "hard", "--lang", "en"])
    assert again.exit_code == 0, again.output
    assert "Debrief of your rehearsal" in again.output


def test_rehearse_errors(cli_env: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["rehearse", "-m", "mira", "-s", "nope", "--script", str(cli_env)])
    assert bad.exit_code == 1 and "burnout" in bad.output
    who = runner.invoke(
        app, ["rehearse", "-m", "mira", "-s", "burnout", "-p", "Nobody", "--script", str(cli_env)]
    )
    assert who.exit_code == 1 and "Nobody" in who.output
