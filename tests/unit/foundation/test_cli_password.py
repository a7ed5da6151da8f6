"""`coach user add` and `coach user passwd` read the password the same way."""

from __future__ import annotations

import io

import pytest

from coach.cli import common


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_password_from_stdin_when_asked_or_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("geheim123\nrest\n"))
    assert common.read_password(False, "Password") == "geheim123"  # a pipe: no prompt
    monkeypatch.setattr("sys.stdin", _Terminal("anders123\n"))
    assert common.read_password(True, "Password") == "anders123"


def test_password_prompted_twice_hidden_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, dict[str, object]]] = []

    def prompt(text: str, **kwargs: object) -> str:
        asked.append((text, kwargs))
        return "geheim123"

    monkeypatch.setattr("sys.stdin", _Terminal(""))
    monkeypatch.setattr(common.typer, "prompt", prompt)
    assert common.read_password(False, "New password") == "geheim123"
    assert asked == [("New password", {"hide_input": True, "confirmation_prompt": True})]
