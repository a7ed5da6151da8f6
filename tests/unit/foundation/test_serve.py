"""`coach serve` start-up files: the auth secret and the Chainlit app root in the data dir."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coach.cli import serve


@pytest.fixture(autouse=True)
def _no_env_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(serve.SECRET_KEY, raising=False)


def test_auth_secret_is_made_once_and_kept_private(tmp_path: Path) -> None:
    first = serve.ensure_auth_secret(tmp_path)
    assert len(first) >= 32
    assert serve.ensure_auth_secret(tmp_path) == first
    folder = tmp_path / "secrets"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / serve.SECRET_FILE).stat().st_mode) == 0o600


def test_the_old_secrets_file_becomes_a_folder_and_keeps_its_secret(tmp_path: Path) -> None:
    (tmp_path / "secrets").write_text("CHAINLIT_AUTH_SECRET=kept-from-before\nOTHER=x\n")
    assert serve.ensure_auth_secret(tmp_path) == "kept-from-before"
    assert (tmp_path / "secrets").is_dir()
    assert serve.ensure_auth_secret(tmp_path) == "kept-from-before"


def test_environment_secret_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(serve.SECRET_KEY, "from-env")
    assert serve.ensure_auth_secret(tmp_path) == "from-env"
    assert not (tmp_path / "secrets").exists()


def test_app_root_holds_the_chainlit_files_and_is_idempotent(tmp_path: Path) -> None:
    root = serve.app_root(tmp_path)
    assert root == tmp_path / "app"
    config = root / ".chainlit" / "config.toml"
    assert config.is_file() and config.resolve() == (serve.ROOT / ".chainlit/config.toml").resolve()
    assert (root / "chainlit.md").read_text() == (serve.ROOT / "chainlit.md").read_text()
    assert (root / "public" / "logo_light.svg").is_file()  # our logo, where Chainlit looks
    translated = root / "chainlit_nl-NL.md"
    assert not translated.is_symlink()  # Chainlit only takes a readme inside its root
    assert translated.read_text() == (serve.ROOT / "chainlit_nl-NL.md").read_text()
    (root / "chainlit.md").write_text("stale copy")
    serve.app_root(tmp_path)
    assert (root / "chainlit.md").read_text() == (serve.ROOT / "chainlit.md").read_text()
    assert not (root / ".files").exists()  # Chainlit makes (and deletes) it, not us
