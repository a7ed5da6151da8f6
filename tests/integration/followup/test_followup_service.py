"""FollowupService and its CLI against a real container (SQLite, Chroma, embedder; fake LLM)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import coach.cli.common as common
from coach import auth
from coach.cli.main import app
from coach.container import Container
from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import ActionItem, Meeting, Note

pytestmark = pytest.mark.integration

DAY = dt.date(2026, 3, 2)
TRANSCRIPT = """Mira: Hoe gaat het met je energie?
Sanne: Eerlijk gezegd ben ik moe, de werkdruk is hoog.
Mira: We spreken af dat je vrijdag de planning deelt met het team.
Sanne: Ik stuur je uiterlijk volgende week het voorstel voor de SQL-cursus.
Mira: Ik regel voor eind van de maand een gesprek met HR over je opleidingsbudget.
"""


@pytest.fixture
def team(container: Container) -> Iterator[dict[str, int]]:
    mira = auth.create_manager(
        container.db, "mira", "geheim123", display_name="Mira Jansen", email="mira@example.org"
    )
    kees = auth.create_manager(container.db, "kees", "geheim123", display_name="Kees Bakker")
    with container.db.session() as s:
        sanne = repo.add_person(
            s,
            mira.id,
            "Sanne de Vries",
            repo.PersonDetails(email="sanne@example.org", cadence_days=14),
        )
        ids = {"mira": mira.id, "kees": kees.id, "sanne": sanne.id}
    yield ids


def _counts(c: Container, manager_id: int) -> dict[str, int]:
    with c.db.session() as s:

        def n(model: Any) -> int:
            return _count(s, model, manager_id)

        return {
            "meetings": n(Meeting),
            "notes": n(Note),
            "items": n(ActionItem),
            "vectors": c.index.count(manager_id),
        }


def _count(s: Session, model: Any, manager_id: int) -> int:
    return s.scalar(select(func.count(model.id)).where(model.manager_id == manager_id)) or 0


def test_analyse_writes_nothing_and_finds_actions(container: Container, team: dict[str, int]):
    svc = container.followup
    before = _counts(container, team["mira"])
    result = svc.analyse(team["mira"], "Sanne", TRANSCRIPT, meeting_date=DAY)
    assert (
        _counts(container, team["mira"])
        == before
        == {
            "meetings": 0,
            "notes": 0,
            "items": 0,
            "vectors": 0,
        }
    )
    texts = " | ".join(a.text for a in result.action_items)
    assert "SQL-cursus" in texts and "HR" in texts
    assert result.language == "nl"
    with pytest.raises(UserError) as err:
        svc.analyse(team["mira"], "Nobody", TRANSCRIPT, meeting_date=DAY)
    assert err.value.key == "person_not_found"
    with pytest.raises(UserError):  # Sanne belongs to mira, not to kees
        svc.analyse(team["kees"], "Sanne", TRANSCRIPT, meeting_date=DAY)


def test_save_stores_meeting_note_items_and_note_is_searchable(
    container: Container, team: dict[str, int]
) -> None:
    svc = container.followup
    mid = team["mira"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)
    meeting_id = svc.save(mid, "Sanne", DAY, TRANSCRIPT, result)
    counts = _counts(container, mid)
    assert counts["meetings"] == 1 and counts["notes"] == 1 and counts["vectors"] >= 1
    assert counts["items"] == len(result.action_items) > 0
    with container.db.session() as s:
        meeting = repo.list_meetings(s, mid)[0]
        assert meeting.id == meeting_id
        assert set(meeting.topics) == set(result.summary) and "energy" in meeting.topics
        assert "werkdruk" in meeting.summary
        note = repo.list_notes(s, mid)[0]
        assert note.meeting_id == meeting_id and note.source == "meeting" and note.date == DAY
        items = repo.list_action_items(s, mid)
        assert {a.meeting_id for a in items} == {meeting_id}
    hits = container.retriever.search(mid, "voorstel SQL-cursus opleidingsbudget", k=3)
    assert hits and hits[0].note_id == note.id
    assert container.retriever.search(team["kees"], "SQL-cursus", k=3) == []


def test_save_with_reviewed_items_keeps_only_accepted(
    container: Container, team: dict[str, int]
) -> None:
    svc = container.followup
    mid = team["mira"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)
    accepted = [a for a in result.action_items if "SQL" in a.text]
    assert len(accepted) == 1
    svc.save(mid, "Sanne", DAY, TRANSCRIPT, accepted, "Gesprek over werkdruk en de cursus.")
    items = svc.open_items(mid, "Sanne")
    assert [i.text for i in items] == [accepted[0].text]
    assert items[0].due == accepted[0].due and items[0].person == "Sanne de Vries"


def test_failing_index_leaves_nothing(
    container: Container, team: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = container.followup
    mid = team["mira"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("index down")

    monkeypatch.setattr(container.index, "upsert", broken)
    with pytest.raises(RuntimeError):
        svc.save(mid, "Sanne", DAY, TRANSCRIPT, result)
    assert _counts(container, mid) == {"meetings": 0, "notes": 0, "items": 0, "vectors": 0}


def test_failing_commit_removes_the_vectors(
    container: Container, team: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = container.followup
    mid = team["mira"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)
    upserts: list[int] = []
    real_upsert = container.index.upsert

    def counting(manager_id: int, chunks: Any) -> None:
        upserts.append(len(chunks))
        real_upsert(manager_id, chunks)

    def broken_commit(self: Session) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(container.index, "upsert", counting)
    monkeypatch.setattr(Session, "commit", broken_commit)
    with pytest.raises(RuntimeError, match="disk full"):
        svc.save(mid, "Sanne", DAY, TRANSCRIPT, result)
    monkeypatch.undo()
    assert upserts and upserts[0] > 0  # the note was indexed before the commit failed
    assert _counts(container, mid) == {"meetings": 0, "notes": 0, "items": 0, "vectors": 0}


def test_open_items_and_mark_done_are_per_manager(
    container: Container, team: dict[str, int]
) -> None:
    svc = container.followup
    mid, other = team["mira"], team["kees"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)
    svc.save(mid, "Sanne", DAY, TRANSCRIPT, result)
    items = svc.open_items(mid)
    assert len(items) == len(result.action_items)
    assert [i.due for i in items] == sorted(i.due for i in items if i.due)
    assert svc.open_items(other) == []
    with pytest.raises(UserError) as err:
        svc.mark_done(other, items[0].id)
    assert err.value.key == "action_not_found"
    assert len(svc.open_items(mid)) == len(items)
    done = svc.mark_done(mid, items[0].id)
    assert done.status == "done"
    assert [i.id for i in svc.open_items(mid)] == [i.id for i in items[1:]]


def test_draft_message_mailto_and_invite(container: Container, team: dict[str, int]) -> None:
    svc = container.followup
    mid = team["mira"]
    result = svc.analyse(mid, "Sanne", TRANSCRIPT, meeting_date=DAY)
    out = svc.draft(mid, "Sanne", DAY, result)
    assert out.message.startswith("Hoi Sanne") or "Sanne" in out.message.splitlines()[0]
    assert "SQL-cursus" in out.message and out.message.rstrip().endswith("Mira")
    assert out.mailto.startswith("mailto:sanne@example.org?subject=")
    cal = Calendar.from_ical(out.ics)
    event = next(c for c in cal.walk("VEVENT"))
    start = event.decoded("dtstart")
    assert start.date() == DAY + dt.timedelta(days=14) and (start.hour, start.minute) == (10, 0)
    assert str(start.tzinfo) == container.settings.timezone
    assert "sanne@example.org" in str(event.get("attendee"))


# --- CLI ----------------------------------------------------------------------------------


@pytest.fixture
def cli(container: Container, team: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(common, "_container", container)
    monkeypatch.setenv("COACH_LANG", "en")
    return CliRunner()


def test_cli_dry_run_json_shape_and_no_writes(
    cli: CliRunner, container: Container, team: dict[str, int], tmp_path: Path
) -> None:
    f = tmp_path / "gesprek.md"
    f.write_text(TRANSCRIPT, encoding="utf-8")
    args = ["followup", "-m", "mira", "--person", "Sanne", "--file", str(f)]
    r = cli.invoke(app, [*args, "--date", DAY.isoformat(), "--dry-run", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    keys = {"summary", "decisions", "action_items", "signals", "message", "left_out"}
    assert set(data) == keys
    assert isinstance(data["summary"], dict) and data["summary"]
    assert data["action_items"] and all(
        set(a) == {"text", "owner", "due", "existing"} for a in data["action_items"]
    )
    assert {a["owner"] for a in data["action_items"]} <= {"manager", "employee", "both"}
    assert any(a["due"] == "2026-03-13" for a in data["action_items"])
    assert data["message"].startswith("Hoi Sanne,") and "- Jij: " in data["message"]
    assert _counts(container, team["mira"])["meetings"] == 0

    r = cli.invoke(app, [*args, "--date", DAY.isoformat(), "--json"])
    assert r.exit_code == 0, r.output
    saved = json.loads(r.output)
    assert set(saved) == {"meeting_id", *keys} and saved["message"] == data["message"]
    assert _counts(container, team["mira"])["meetings"] == 1

    r = cli.invoke(app, ["actions", "-m", "mira", "--json"])
    assert r.exit_code == 0, r.output
    items = json.loads(r.output)
    assert len(items) == len(data["action_items"])
    r = cli.invoke(app, ["actions", "done", str(items[0]["id"]), "-m", "kees"])
    assert r.exit_code == 1 and "does not exist" in r.output
    r = cli.invoke(app, ["actions", "done", str(items[0]["id"]), "-m", "mira"])
    assert r.exit_code == 0, r.output
    r = cli.invoke(app, ["actions", "-m", "mira", "--person", "Sanne", "--json"])
    assert len(json.loads(r.output)) == len(items) - 1


def test_cli_bad_files_give_friendly_messages(
    cli: CliRunner, container: Container, team: dict[str, int], tmp_path: Path
) -> None:
    pdf = tmp_path / "gesprek.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    latin = tmp_path / "gesprek.txt"
    latin.write_bytes("Caf\xe9 gesprek".encode("latin-1"))
    broken = tmp_path / "gesprek.docx"
    broken.write_bytes(b"not a zip")
    cases = {
        pdf: "Use .txt, .md, .docx, .vtt or .srt",
        latin: "not UTF-8",
        broken: "looks damaged",
        tmp_path / "missing.txt": "does not exist",
    }
    for path, message in cases.items():
        r = cli.invoke(app, ["followup", "-m", "mira", "-p", "Sanne", "-f", str(path)])
        assert r.exit_code == 1 and message in r.output, (path, r.output)
        assert "Traceback" not in r.output
    assert _counts(container, team["mira"])["notes"] == 0


CONTINUED = """Sanne plant volgende week alsnog het gesprek met de bedrijfsarts.
Ik vraag voor vrijdag bij HR het opleidingsbudget na.
We bespreken op 20 maart samen haar ontwikkelplan.
"""


def test_a_continued_item_updates_the_open_one_instead_of_a_duplicate(
    container: Container, team: dict[str, int]
) -> None:
    svc = container.followup
    mid, sanne = team["mira"], team["sanne"]
    with container.db.session() as s:
        doctor = repo.add_action_item(
            s, mid, sanne, "Gesprek met de bedrijfsarts plannen", due_date=dt.date(2026, 2, 20)
        ).id
        budget = repo.add_action_item(
            s, mid, sanne, "Opleidingsbudget navragen bij HR", owner="manager"
        ).id
    result = svc.analyse(mid, "Sanne", CONTINUED, meeting_date=DAY)
    links = {a.existing: (a.owner, a.due) for a in result.action_items}
    assert links == {
        doctor: ("employee", dt.date(2026, 3, 13)),
        budget: ("manager", dt.date(2026, 3, 6)),
        None: ("both", dt.date(2026, 3, 20)),
    }
    # The manager chose "mark done" for the budget item in the review.
    for a in result.action_items:
        if a.existing == budget:
            a.existing_op = "done"
    svc.save(mid, "Sanne", DAY, CONTINUED, result)
    with container.db.session() as s:
        rows = {a.id: a for a in repo.list_action_items(s, mid, person_id=sanne)}
        assert len(rows) == 3  # two old ones (one updated, one done) and the new "samen" item
        assert rows[doctor].status == "open" and rows[doctor].due_date == dt.date(2026, 3, 13)
        assert rows[doctor].text == "Gesprek met de bedrijfsarts plannen"
        assert rows[budget].status == "done"
        (new,) = [a for a in rows.values() if a.id not in (doctor, budget)]
        assert new.owner == "both" and new.due_date == dt.date(2026, 3, 20)
    draft = svc.draft(mid, "Sanne", DAY, result)
    assert "bedrijfsarts" not in draft.message
    assert draft.left_out == [a.text for a in result.action_items if a.existing == doctor]
    assert "- Samen: je ontwikkelplan bespreken, op vrijdag 20 maart" in draft.message
