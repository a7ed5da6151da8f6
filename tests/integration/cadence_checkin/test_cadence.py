"""Cadence over the demo team and the `coach cadence` / `coach checkin` CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import coach.cli.common as common
from coach import auth
from coach.checkin.service import CheckinError
from coach.cli.main import app
from coach.container import Container
from coach.demo.loader import install_demo

pytestmark = pytest.mark.integration

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(container: Container) -> int:
    install_demo(container, today=TODAY)
    return auth.manager_id(container.db, "demo")


def test_demo_team_cadence(container: Container, demo: int) -> None:
    rows = {r.person.name: r.to_dict() for r in container.cadence.team(demo, now=NOW)}
    assert len(rows) == 7
    thomas = rows["Thomas Bakker"]
    # last 1:1 61 days ago, cadence 28 days: 33 days overdue
    assert thomas["status"] == "overdue"
    assert thomas["last"] == (TODAY - dt.timedelta(days=61)).isoformat()
    assert thomas["next_due"] == (TODAY - dt.timedelta(days=33)).isoformat()
    assert thomas["overdue_days"] == 33
    noor = rows["Noor El Amrani"]  # started 20 days ago, never met
    assert noor["status"] == "never" and noor["last"] is None
    assert noor["next_due"] == TODAY.isoformat()
    joost = rows["Joost Mulder"]  # met 9 days ago
    assert joost["status"] == "ok" and joost["overdue_days"] == 0
    # demo meetings 55, 30 and 9 days before 10 March fall in 2026
    assert joost["count_this_year"] == 3


def test_due_lists_overdue_first_and_skips_ok(container: Container, demo: int) -> None:
    due = container.cadence.due(demo, now=NOW)
    names = [r.person.name for r in due]
    assert names[0] == "Thomas Bakker"
    assert "Noor El Amrani" in names
    assert all(r.cadence.status != "ok" for r in due)
    assert "Joost Mulder" not in names


def test_cadence_is_scoped_to_the_manager(container: Container, demo: int) -> None:
    other = auth.create_manager(container.db, "kees", "geheim123")
    assert container.cadence.team(other.id, now=NOW) == []


@pytest.fixture
def cli(container: Container, demo: int, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(common, "_container", container)
    monkeypatch.setenv("COACH_LANG", "en")
    return CliRunner()


def test_cli_cadence_json_shape(cli: CliRunner) -> None:
    r = cli.invoke(app, ["cadence", "--manager", "demo", "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert len(rows) == 7
    for row in rows:
        assert {"person", "last", "next_due", "overdue_days", "count_this_year"} <= set(row)
        assert isinstance(row["overdue_days"], int)
    thomas = next(row for row in rows if row["person"] == "Thomas Bakker")
    assert thomas["overdue_days"] > 0


def test_cli_checkin_link_and_revoke(cli: CliRunner, container: Container) -> None:
    args = ["checkin", "link", "--manager", "demo", "--person", "Sanne", "--days", "3"]
    r = cli.invoke(app, args)
    assert r.exit_code == 0, r.output
    url = r.stdout.strip()
    assert url.startswith("http://127.0.0.1:8000/checkin/")
    token = url.rsplit("/", 1)[1]
    svc = container.checkins
    assert svc.resolve(token)[1].name == "Sanne de Vries"
    link_id = int(r.stderr.split()[1].rstrip(":"))
    r = cli.invoke(app, ["checkin", "revoke", str(link_id), "--manager", "demo"])
    assert r.exit_code == 0, r.output
    with pytest.raises(CheckinError) as err:
        svc.resolve(token)
    assert err.value.reason == "revoked"
    r = cli.invoke(app, ["checkin", "revoke", "9999", "--manager", "demo"])
    assert r.exit_code == 1 and "does not exist" in r.output


def test_cli_checkin_link_unknown_person(cli: CliRunner) -> None:
    r = cli.invoke(app, ["checkin", "link", "-m", "demo", "--person", "Nobody"])
    assert r.exit_code == 1
    assert "Nobody" in r.output and "http" not in r.output
