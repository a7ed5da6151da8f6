"""The first screen's texts and logo are ours (issue 12, acceptance 7): the Dutch translation
asks for a username, names Gesprekscoach and leaves no English string behind."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / ".chainlit" / "translations"
KEEP = {"alerts.info", "alerts.debug", "alerts.help", "alerts.beta"}  # same word in Dutch


def _flat(d: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = str(v)
    return out


def test_dutch_login_asks_for_a_username_of_gesprekscoach() -> None:
    nl = _flat(json.loads((TRANSLATIONS / "nl.json").read_text(encoding="utf-8")))
    en = _flat(json.loads((TRANSLATIONS / "en-US.json").read_text(encoding="utf-8")))
    assert nl["auth.login.form.email.label"] == "Gebruikersnaam"
    assert en["auth.login.form.email.label"] == "Username"
    assert "Gesprekscoach" in nl["auth.login.title"] and "Gesprekscoach" in en["auth.login.title"]
    assert "E-mailadres" not in nl.values()
    english = {k for k, v in nl.items() if len(v) > 3 and en.get(k) == v and k not in KEEP}
    assert english == set()


def test_name_and_logo_are_ours() -> None:
    config = tomllib.loads((ROOT / ".chainlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["UI"]["name"] == "Gesprekscoach"
    for theme in ("light", "dark"):
        svg = (ROOT / "public" / f"logo_{theme}.svg").read_text(encoding="utf-8")
        assert "<title>Gesprekscoach</title>" in svg
    assert (ROOT / "public" / "favicon.svg").is_file()
