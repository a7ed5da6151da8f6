"""The test profile: tests see only the settings they set themselves (issue 15, line 6)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.settings import PROFILE_VAR, Settings, enter_test_profile


def test_entering_the_profile_drops_inherited_coach_variables() -> None:
    environ = {
        "COACH_DB__URL": "postgresql+psycopg://me@prod/coach",
        "COACH_DATA_DIR": "/srv/coach",
        "DATABASE_URL": "postgresql://x/y",
        "PATH": "/usr/bin",
    }
    dropped = enter_test_profile(environ)
    assert sorted(dropped) == ["COACH_DATA_DIR", "COACH_DB__URL", "DATABASE_URL"]
    assert environ == {"PATH": "/usr/bin", PROFILE_VAR: "test"}


def test_this_session_runs_in_the_profile() -> None:
    assert os.environ[PROFILE_VAR] == "test"
    assert "COACH_DB__URL" not in os.environ


def test_a_dotenv_file_is_ignored_in_the_profile_and_read_outside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("COACH_DB__URL=postgresql+psycopg://me@prod/coach\n")
    monkeypatch.chdir(tmp_path)
    inside = Settings(data_dir=tmp_path)
    assert inside.database_url.startswith("sqlite:///")
    monkeypatch.delenv(PROFILE_VAR)
    outside = Settings(data_dir=tmp_path)
    assert outside.database_url == "postgresql+psycopg://me@prod/coach"


def test_settings_a_test_sets_itself_still_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    assert Settings().data_dir == tmp_path
