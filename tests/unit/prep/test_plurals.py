"""Counts read right in both languages ("1 notitie", "1 note"), everywhere the brief counts."""

from __future__ import annotations

import pytest

from coach.i18n import plural


@pytest.mark.parametrize(
    ("key", "n", "lang", "expected"),
    [
        ("prep_agenda_recent", 1, "nl", "Wat er speelde sinds de vorige 1:1 (1 notitie)"),
        ("prep_agenda_recent", 1, "en", "What happened since the last 1:1 (1 note)"),
        ("prep_agenda_recent", 3, "en", "What happened since the last 1:1 (3 notes)"),
        ("prep_agenda_recent_never", 1, "nl", "Wat er recent speelde (1 notitie)"),
        ("prep_reason_actions", 1, "en", "1 open, 0 past due"),
        ("prep_reason_onboarding_meetings", 1, "nl", "pas 1 1:1 gehad en geen startdatum bekend"),
        ("prep_reason_onboarding_meetings", 2, "en", "only 2 1:1s so far and no start date known"),
    ],
)
def test_plural(key: str, n: int, lang: str, expected: str) -> None:
    assert plural(key, n, lang, overdue=0) == expected
