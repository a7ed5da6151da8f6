"""Load coach/demo/team.yaml into SQL and the index, with dates relative to today.

Running it again replaces the demo manager's data, so the demo is always fresh.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from coach.auth import hash_password
from coach.container import Container
from coach.storage import repo
from coach.storage.models import Manager

TEAM_FILE = Path(__file__).with_name("team.yaml")
DEMO_PASSWORD = "demo-demo"  # documented in the README; demo data is fictional


def load_team(path: Path = TEAM_FILE) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _meeting_time(day: dt.date, tz: str) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(10, 0), tzinfo=ZoneInfo(tz))
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def install_demo(
    c: Container,
    *,
    today: dt.date | None = None,
    password: str = DEMO_PASSWORD,
    team: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Create (or recreate) the demo manager with its team; returns counts."""
    team = team or load_team()
    today = today or c.today()
    tz = c.settings.timezone
    m = team["manager"]
    counts = {"people": 0, "notes": 0, "meetings": 0, "action_items": 0, "checkins": 0}
    with c.db.session() as s:
        old = repo.find_manager(s, m["username"])
        if old is not None:
            c.index.drop_manager(old.id)
            s.delete(old)
            s.flush()
        manager: Manager = repo.add_manager(
            s,
            m["username"],
            password_hash=hash_password(password),
            display_name=m.get("display_name", ""),
            language=m.get("language", "nl"),
            email=m.get("email"),
        )
        mid = manager.id
        for p in team["people"]:
            details = repo.PersonDetails(
                role=p.get("role", ""),
                email=p.get("email"),
                start_date=today - dt.timedelta(days=p.get("start_days_ago", 365)),
                cadence_days=p.get("cadence_days", c.settings.cadence_days),
                language=p.get("language", "nl"),
                profile=p.get("profile", ""),
                meeting_minutes=p.get("meeting_minutes", c.settings.meeting_minutes),
            )
            person = repo.add_person(s, mid, p["name"], details)
            counts["people"] += 1
            for n in p.get("notes", []):
                repo.add_note(
                    s,
                    mid,
                    person.id,
                    n["text"].strip(),
                    date=today - dt.timedelta(days=n["days_ago"]),
                    source=n.get("source", "typed"),
                )
                counts["notes"] += 1
            for mt in p.get("meetings", []):
                day = today - dt.timedelta(days=mt["days_ago"])
                text = mt["notes"].strip()
                meeting = repo.add_meeting(s, mid, person.id, _meeting_time(day, tz), summary=text)
                repo.add_note(
                    s, mid, person.id, text, date=day, source="meeting", meeting_id=meeting.id
                )
                counts["meetings"] += 1
                counts["notes"] += 1
                for a in mt.get("action_items", []):
                    due = a.get("due_days_after_meeting")
                    repo.add_action_item(
                        s,
                        mid,
                        person.id,
                        a["text"],
                        owner=a.get("owner", "employee"),
                        due_date=day + dt.timedelta(days=due) if due is not None else None,
                        status=a.get("status", "open"),
                        meeting_id=meeting.id,
                    )
                    counts["action_items"] += 1
            for ci in p.get("checkins", []):
                day = today - dt.timedelta(days=ci["days_ago"])
                repo.add_checkin(
                    s,
                    mid,
                    person.id,
                    submitted_at=_meeting_time(day, tz),
                    energy=ci.get("energy"),
                    werkgeluk=ci.get("werkgeluk"),
                    wins=ci.get("wins", ""),
                    hard=ci.get("hard", ""),
                    discuss=ci.get("discuss", ""),
                    learn=ci.get("learn", ""),
                )
                counts["checkins"] += 1
    c.notes.reindex(mid)
    return counts
