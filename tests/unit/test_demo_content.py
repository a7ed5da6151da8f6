"""Validate the demo team data (coach/demo/team.yaml) against its own `expect` blocks.

The demo must stay true to itself: counts are recomputed from the raw data (today = day 0),
and topic gaps/coverage are checked with the prep brief's keyword rules. Coverage needs a
whole-word keyword in a meeting of the last 90 days; a gap needs no keyword at all, not even
as a substring, in any text of the last 90 days. That way the expectations hold whether the
classifier matches whole words, prefixes or substrings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

TEAM_FILE = Path(__file__).resolve().parents[2] / "coach" / "demo" / "team.yaml"

RECENT_DAYS = 90
SIX_MONTHS_DAYS = 182
# Boundaries are kept clear of data so that 89/90/91 or 180/182/183-day windows agree.
RECENT_BOUNDARY = range(87, 94)
SIX_MONTHS_BOUNDARY = range(178, 200)

TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "results": (
        "doelen",
        "deadline",
        "resultaat",
        "target",
        "kpi",
        "opgeleverd",
        "goals",
        "delivered",
    ),
    "energy": ("energie", "werkdruk", "moe", "druk", "energy", "workload", "tired"),
    "werkgeluk": ("plezier", "werkgeluk", "motivatie", "enjoy", "happiness", "motivation"),
    "ambitions": (
        "ambitie",
        "loopbaan",
        "promotie",
        "doorgroeien",
        "career",
        "promotion",
        "ambition",
    ),
    "development": (
        "cursus",
        "leren",
        "training",
        "ontwikkeling",
        "course",
        "learning",
    ),
    "feedback": ("feedback", "compliment"),
    "wellbeing": (
        "gezondheid",
        "slapen",
        "ziek",
        "stress",
        "privé",
        "health",
        "sleep",
        "sick",
    ),
}
TOPICS = set(TOPIC_KEYWORDS)
CHECKIN_TEXT_FIELDS = ("wins", "hard", "discuss", "learn")


def _load() -> dict[str, Any]:
    data = yaml.safe_load(TEAM_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


DATA = _load()
PEOPLE: list[dict[str, Any]] = DATA["people"]


def _ids(person: dict[str, Any]) -> str:
    return str(person["key"])


def _action_items(person: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(meeting days_ago, item) for every action item of a person."""
    return [
        (int(m["days_ago"]), item)
        for m in person.get("meetings") or []
        for item in m.get("action_items") or []
    ]


def _dated_texts(person: dict[str, Any]) -> list[tuple[int, str]]:
    """Every free text of a person with its days_ago: meetings, action items, notes, check-ins."""
    texts: list[tuple[int, str]] = []
    for m in person.get("meetings") or []:
        texts.append((int(m["days_ago"]), str(m["notes"])))
        for item in m.get("action_items") or []:
            texts.append((int(m["days_ago"]), str(item["text"])))
    for n in person.get("notes") or []:
        texts.append((int(n["days_ago"]), str(n["text"])))
    for c in person.get("checkins") or []:
        for field in CHECKIN_TEXT_FIELDS:
            texts.append((int(c["days_ago"]), str(c.get(field, ""))))
    return texts


def _has_word(text: str, topic: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(k)}\b", lowered) for k in TOPIC_KEYWORDS[topic])


def _has_substring(text: str, topic: str) -> bool:
    lowered = text.lower()
    return any(k in lowered for k in TOPIC_KEYWORDS[topic])


def _open_count(person: dict[str, Any]) -> int:
    return sum(1 for _, item in _action_items(person) if item["status"] == "open")


def _overdue_count(person: dict[str, Any]) -> int:
    return sum(
        1
        for days_ago, item in _action_items(person)
        if item["status"] == "open" and days_ago - int(item["due_days_after_meeting"]) > 0
    )


def test_file_loads_with_manager() -> None:
    manager = DATA["manager"]
    assert manager["username"] == "demo"
    assert manager["language"] in {"nl", "en"}
    assert manager["display_name"].strip()
    assert manager["email"].endswith("@example.org")


def test_team_size_languages_and_unique_keys() -> None:
    assert len(PEOPLE) >= 6
    keys = [p["key"] for p in PEOPLE]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys)
    languages = [p["language"] for p in PEOPLE]
    assert set(languages) <= {"nl", "en"}
    assert languages.count("en") >= 2
    assert languages.count("nl") >= 2
    emails = [p["email"] for p in PEOPLE]
    assert len(emails) == len(set(emails))
    assert all(e.endswith("@example.org") for e in emails)


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_person_fields(person: dict[str, Any]) -> None:
    for field in ("name", "role", "profile"):
        assert str(person[field]).strip(), field
    assert int(person["cadence_days"]) > 0
    assert int(person["start_days_ago"]) > 0
    assert 3 <= len(person.get("notes") or []) <= 8
    for note in person["notes"]:
        assert note["source"] in {"typed", "imported"}
        assert str(note["text"]).strip()


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_dates_within_employment_and_history(person: dict[str, Any]) -> None:
    start = int(person["start_days_ago"])
    dated = [int(m["days_ago"]) for m in person.get("meetings") or []]
    dated += [int(n["days_ago"]) for n in person.get("notes") or []]
    dated += [int(c["days_ago"]) for c in person.get("checkins") or []]
    for days_ago in dated:
        assert 0 < days_ago <= start, days_ago
        assert days_ago <= 215, days_ago
        assert days_ago not in RECENT_BOUNDARY, days_ago
    meeting_days = [int(m["days_ago"]) for m in person.get("meetings") or []]
    assert len(meeting_days) == len(set(meeting_days))
    assert not any(d in SIX_MONTHS_BOUNDARY for d in meeting_days)


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_action_items_are_well_formed(person: dict[str, Any]) -> None:
    for days_ago, item in _action_items(person):
        assert item["owner"] in {"manager", "employee"}
        assert item["status"] in {"open", "done"}
        assert str(item["text"]).strip()
        due = int(item["due_days_after_meeting"])
        assert due >= 0
        # Nothing open falls due exactly today: "overdue" is then unambiguous.
        assert not (item["status"] == "open" and days_ago == due)


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_checkins_are_well_formed(person: dict[str, Any]) -> None:
    for c in person.get("checkins") or []:
        assert 1 <= int(c["energy"]) <= 5
        assert 1 <= int(c["werkgeluk"]) <= 5
        for field in CHECKIN_TEXT_FIELDS:
            assert str(c[field]).strip()


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_expected_counts_match_data(person: dict[str, Any]) -> None:
    expect = person["expect"]
    meetings = person.get("meetings") or []
    assert expect["open_action_items"] == _open_count(person)
    assert expect["overdue_action_items"] == _overdue_count(person)
    recent = [m for m in meetings if int(m["days_ago"]) <= SIX_MONTHS_DAYS]
    assert expect["meetings_in_last_6_months"] == len(recent)


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_expected_topics_follow_keyword_rules(person: dict[str, Any]) -> None:
    expect = person["expect"]
    gaps, covered = set(expect["gaps"]), set(expect["covered_recently"])
    assert gaps <= TOPICS and covered <= TOPICS
    assert not gaps & covered
    assert gaps | covered == TOPICS
    recent_meetings = [
        str(m["notes"]) for m in person.get("meetings") or [] if int(m["days_ago"]) <= RECENT_DAYS
    ]
    for topic in covered:
        assert any(_has_word(t, topic) for t in recent_meetings), topic
    recent_texts = [t for d, t in _dated_texts(person) if d <= RECENT_DAYS]
    for topic in gaps:
        hits = [t for t in recent_texts if _has_substring(t, topic)]
        assert not hits, (topic, hits)


@pytest.mark.parametrize("person", PEOPLE, ids=_ids)
def test_last_discussed_claims(person: dict[str, Any]) -> None:
    claims: dict[str, int] = person["expect"].get("last_discussed_days_ago") or {}
    for topic, days_ago in claims.items():
        at_that_meeting = [m for m in person["meetings"] if int(m["days_ago"]) == days_ago]
        assert at_that_meeting and _has_word(str(at_that_meeting[0]["notes"]), topic)
        later = [t for d, t in _dated_texts(person) if d < days_ago]
        assert not [t for t in later if _has_substring(t, topic)], topic


def test_meeting_spread_and_storylines() -> None:
    zero = [p for p in PEOPLE if not p.get("meetings")]
    assert len(zero) <= 1
    for p in zero:
        assert int(p["start_days_ago"]) <= 30
    for p in PEOPLE:
        if p.get("meetings"):
            in_window = p["expect"]["meetings_in_last_6_months"]
            assert 4 <= in_window <= 7, p["key"]
    # One 1:1 clearly overdue (more than 1.5 cadences since the last one) and one due soon.
    since_last = {
        p["key"]: (min(int(m["days_ago"]) for m in p["meetings"]), int(p["cadence_days"]))
        for p in PEOPLE
        if p.get("meetings")
    }
    assert any(last > 1.5 * cadence for last, cadence in since_last.values())
    assert any(0 <= cadence - last <= 7 for last, cadence in since_last.values())
    # A prep brief has something to say: check-ins, and open/done items on both sides.
    assert sum(1 for p in PEOPLE if p.get("checkins")) >= 3
    items = [item for p in PEOPLE for _, item in _action_items(p)]
    for owner in ("manager", "employee"):
        for status in ("open", "done"):
            assert any(i["owner"] == owner and i["status"] == status for i in items)
    assert sum(_overdue_count(p) for p in PEOPLE) >= 3
