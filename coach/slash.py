"""The one reader of slash commands: a command chosen in Chainlit's composer (the message is
its argument) or typed as `/name argument`. Features keep only their table of names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_TYPED = re.compile(r"^/(?P<name>\S+)(?:\s+(?P<arg>.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Command(Generic[T]):
    """A recognised command: what the feature's table maps its name to, and the argument."""

    action: T
    argument: str


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


def parse(command: str | None, content: str, names: Mapping[str, T]) -> Command[T] | None:
    """The command `names` knows, as a Command; None for no command or an unknown one."""
    found = lookup(command, content, names)
    return Command(*found) if found else None
