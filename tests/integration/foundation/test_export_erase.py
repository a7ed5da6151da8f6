"""A person can be exported and erased: every row about them, their vectors, their rehearsals.
Real SQLite, real Chroma, the real embedder; the CLI runs in-process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

import coach.cli.common as common
from coach.auth import create_manager
from coach.checkin.page import CheckinAnswers
from coach.cli.main import app
from coach.container import Container
from coach.rehearsal import debrief, respond, store
from coach.storage import models, repo

pytestmark = pytest.mark.integration
NOTE = "Sanne wil een cursus Python volgen en twijfelt over haar rol in het team."
MEETING_NOTES = "Ik vraag het budget voor de cursus volgende week vrijdag aan."


def _fill(c: Container) -> tuple[int, int, int]:
    """Manager mira with Sanne (everything) and Thomas (one note); manager bob with nothing."""
    mid = create_manager(c.db, "mira", "password-1").id
    bob = create_manager(c.db, "bob", "password-2").id
    with c.db.session() as s:
        sanne = repo.add_person(s, mid, "Sanne de Vries").id
        repo.add_person(s, mid, "Thomas Bakker")
    c.notes.add(mid, "Sanne", NOTE)
    c.notes.add(mid, "Thomas", "Thomas wil meer klantcontact.")
    followup = c.followup
    result = followup.analyse(mid, "Sanne", MEETING_NOTES, dt.date(2026, 11, 2))
    followup.save(mid, "Sanne", dt.date(2026, 11, 2), MEETING_NOTES, result)
    checkins = c.checkins
    url, _ = checkins.create_link(mid, "Sanne")
    checkins.submit(url.rsplit("/", 1)[1], CheckinAnswers(2, 3, "demo af", "druk", "rol", "SQL"))
    session = c.rehearsal.start(mid, "burnout", person_ref="Sanne")
    respond(None, session, "Hoe gaat het echt met je?")
    store.save(c.db, mid, session, debrief(session))
    generic = c.rehearsal.start(mid, "praise")
    respond(None, generic, "Dank je voor je inzet.")
    store.save(c.db, mid, generic, debrief(generic))
    return mid, bob, sanne


def _count(c: Container, model: type[models.Base], person_id: int) -> int:
    with c.db.session() as s:
        return int(
            s.scalar(select(func.count()).select_from(model).where(model.person_id == person_id))  # type: ignore[attr-defined]
            or 0
        )


def test_export_holds_everything_about_the_person(container: Container) -> None:
    mid, bob, _ = _fill(container)
    data = container.team.export(mid, "Sanne")
    assert data["person"]["name"] == "Sanne de Vries"
    assert [n["text"] for n in data["notes"] if n["source"] == "typed"] == [NOTE]
    assert len(data["meetings"]) == 1 and data["action_items"][0]["owner"] == "manager"
    assert data["checkins"][0]["energy"] == 2 and data["checkins"][0]["learn"] == "SQL"
    assert [r["scenario"] for r in data["rehearsals"]] == ["burnout"]
    assert "Thomas" not in json.dumps(data)
    with pytest.raises(Exception, match="person_not_found|Sanne"):
        container.team.export(bob, "Sanne")  # another manager finds no one


def test_erase_removes_rows_vectors_and_rehearsals_and_nothing_else(container: Container) -> None:
    mid, _, sanne = _fill(container)
    assert container.retriever.search(mid, "cursus Python", k=3)[0].person_id == sanne
    container.team.erase(mid, "Sanne")
    for model in (
        models.Note,
        models.Meeting,
        models.ActionItem,
        models.CheckIn,
        models.CheckinLink,
        models.RehearsalSession,
    ):
        assert _count(container, model, sanne) == 0, model.__name__
    hits = container.retriever.search(mid, "cursus Python twijfelt rol", k=5)
    assert all(h.person_id != sanne for h in hits)
    assert container.index.count(mid) == 1  # Thomas's note is still indexed
    remaining = store.history(container.db, mid)
    assert [r.scenario for r in remaining] == ["praise"]  # the generic rehearsal stays
    with container.db.session() as s:
        assert [p.name for p in repo.list_people(s, mid)] == ["Thomas Bakker"]


def test_cli_export_to_file_and_erase_with_confirmation(
    container: Container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill(container)
    monkeypatch.setattr(common, "_container", container)
    monkeypatch.setenv("COACH_LANG", "en")
    runner = CliRunner()
    out = tmp_path / "sanne.json"
    r = runner.invoke(app, ["person", "export", "Sanne", "-m", "mira", "--out", str(out)])
    assert r.exit_code == 0 and "Everything about Sanne de Vries" in r.output, r.output
    assert json.loads(out.read_text())["notes"]
    r = runner.invoke(app, ["person", "erase", "Sanne", "-m", "mira"], input="n\n")
    assert r.exit_code == 1 and "Nothing was erased" in r.output, r.output
    r = runner.invoke(app, ["person", "erase", "Sanne", "-m", "mira"], input="y\n")
    assert r.exit_code == 0 and "has been erased" in r.output, r.output
    r = runner.invoke(app, ["person", "erase", "Sanne", "-m", "mira", "--yes"])
    assert r.exit_code == 1 and "Sanne" in r.output  # already gone: a friendly not-found
