"""Special categories of personal data (GDPR art. 9) in what the manager is about to send.

A follow-up message goes to the employee by mail, so health, family, religion and union details
stay out of it by default; the manager sees what was left out and may add it back. The terms
live in special_categories.yaml (data, per language); both languages are always checked,
because Dutch notes often carry English words and the other way round.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

_PATH = Path(__file__).with_name("special_categories.yaml")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = yaml.safe_load(_PATH.read_text(encoding="utf-8"))
    out: list[tuple[str, re.Pattern[str]]] = []
    for by_kind in raw.values():
        for kind, terms in by_kind.items():
            for term in terms:
                word = re.escape(str(term).lower()).replace(r"\ ", r"\s+")
                # Short terms ("ill", "rug", "son") only as a whole word (plural allowed).
                end = r"(?:s|en|e)?(?![\w-])" if len(str(term)) <= 4 else r"[\w-]*"
                out.append((kind, re.compile(rf"(?<![\w-]){word}{end}", re.IGNORECASE)))
    return tuple(out)


def special_kinds(text: str) -> set[str]:
    """The special categories ("health", "family", "religion", "union") the text touches."""
    return {kind for kind, pattern in _patterns() if pattern.search(text)}


def is_special(text: str) -> bool:
    return bool(special_kinds(text))
