"""Per-session state (manager, mode, language) and its copy in the thread metadata.

The manager id always comes from the authenticated user, never from thread metadata, so a
resumed thread cannot change whose data a session reads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from coach.i18n import LANGUAGES, normalise_language

METADATA_KEY = "coach"


@dataclass(frozen=True)
class SessionState:
    manager_id: int
    mode: str
    language: str

    def to_metadata(self) -> dict[str, Any]:
        return {METADATA_KEY: asdict(self)}


def pick_language(*candidates: str | None, default: str = "nl") -> str:
    """The first candidate that names one of our languages (nl-NL -> nl), else the default."""
    for c in candidates:
        if c and normalise_language(c, "") in LANGUAGES:
            return normalise_language(c)
    return default


def from_metadata(
    metadata: dict[str, Any] | None, *, manager_id: int, mode: str | None, fallback_language: str
) -> SessionState:
    """Rebuild the state of a resumed thread; the stored mode and language win."""
    saved = (metadata or {}).get(METADATA_KEY) or {}
    language = pick_language(saved.get("language"), default=fallback_language)
    return SessionState(manager_id, str(saved.get("mode") or mode or "coach"), language)
