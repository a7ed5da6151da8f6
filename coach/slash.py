"""The one reader of slash commands: a command chosen in Chainlit's composer (the message is
its argument) or typed as `/name argument`. Features keep only their table of names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")

_TYPED = re.compile(r"^/(?P<name>\S+)(?:\s+(?P<arg>.*))?$", re.DOTALL)


def split(command: str | None, content: str) -> tuple[str, str] | None:
    """(name in lower case, argument) of the composer's command or of a typed `/name ...`;
    None when the message is no command."""
    text = content.strip()
    if command:
        return command.strip().lstrip("/").lower(), text
    m = _TYPED.match(text)
    return (m.group("name").lower(), (m.group("arg") or "").strip()) if m else None


def lookup(command: str | None, content: str, names: Mapping[str, T]) -> tuple[T, str] | None:
    """(what `names` maps the command to, argument); None for no command or an unknown one."""
    found = split(command, content)
    if found is None or found[0] not in names:
        return None
    return names[found[0]], found[1]
