"""public/composer-guard.js stops a send over the limit in the browser; its limit and its
sentences must be the server's own (MAX_MESSAGE_CHARS, chat_message_too_long)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from coach.chat.service import MAX_MESSAGE_CHARS
from coach.i18n import t

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = (ROOT / "public" / "composer-guard.js").read_text(encoding="utf-8")


def test_the_browser_limit_is_the_servers() -> None:
    found = re.search(r"var LIMIT = (\d+);", SCRIPT)
    assert found is not None and int(found.group(1)) == MAX_MESSAGE_CHARS


def test_the_browser_says_what_the_server_says() -> None:
    found = re.search(r"var MESSAGES = (\{.*?\n  \});", SCRIPT, re.S)
    assert found is not None
    messages = json.loads(re.sub(r"(\n\s+)(nl|en):", r'\1"\2":', found.group(1)))
    for lang in ("nl", "en"):
        filled = messages[lang].replace("{count}", "7").replace("{limit}", "5")
        assert filled == t("chat_message_too_long", lang, count=7, limit=5)


def test_chainlit_loads_the_guard() -> None:
    config = (ROOT / ".chainlit" / "config.toml").read_text(encoding="utf-8")
    assert re.search(r'^custom_js = "/public/composer-guard.js"$', config, re.M)
