"""The `coach` CLI in-process against a real container (SQLite, Chroma, embeddings)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

import coach.cli.common as common
from coach.cli.main import app
from coach.container import Container
from coach.storage import repo

pytestmark = pytest.mark.integration


@pytest.fixture
def cli(container: Container, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setattr(common, "_container", container)
    monkeypatch.setenv("COACH_LANG", "en")
    runner = CliRunner()
    result = runner.invoke(app, ["user", "add", "mira", "--password-stdin"], input="geheim123\n")
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["person", "add", "Sanne de Vries", "-m", "mira", "--role", "Analist"]
    )
    assert result.exit_code == 0, result.output
    yield runner


def test_user_add_refuses_duplicates_and_short_passwords(cli: CliRunner) -> None:
    r = cli.invoke(app, ["user", "add", "mira", "--password-stdin"], input="anders123\n")
    assert r.exit_code == 1 and "already exists" in r.output
    r = cli.invoke(app, ["user", "add", "kees", "--password-stdin"], input="kort\n")
    assert r.exit_code == 1 and "at least 8" in r.output


def test_person_and_note_roundtrip_with_json(cli: CliRunner) -> None:
    r = cli.invoke(app, ["person", "list", "-m", "mira", "--json"])
    assert r.exit_code == 0
    people = json.loads(r.output)
    assert [p["name"] for p in people] == ["Sanne de Vries"]
    r = cli.invoke(
        app, ["note", "add", "Sanne", "Sanne wil een cursus SQL volgen.", "-m", "mira", "--json"]
    )
    assert r.exit_code == 0, r.output
    note = json.loads(r.output)
    assert note["person"] == "Sanne de Vries" and note["source"] == "typed"
    r = cli.invoke(app, ["search", "cursus SQL", "-m", "mira", "--json"])
    hits = json.loads(r.output)
    assert hits[0]["note_id"] == note["id"]
    r = cli.invoke(app, ["note", "list", "-m", "mira", "--json"])
    assert [n["id"] for n in json.loads(r.output)] == [note["id"]]


def test_note_changes_are_confirmed_in_the_users_language(
    cli: CliRunner, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = cli.invoke(app, ["note", "add", "Sanne", "Sanne wil een cursus SQL.", "-m", "mira"])
    assert (
        r.exit_code == 0
        and r.output.startswith("Note ")
        and "about Sanne de Vries saved" in r.output
    )
    note_id = int(r.output.split()[1])
    r = cli.invoke(
        app, ["note", "edit", str(note_id), "Sanne wil een cursus Python.", "-m", "mira"]
    )
    assert (
        r.exit_code == 0
        and r.output.strip() == f"Note {note_id} is updated; the search index follows."
    )
    r = cli.invoke(app, ["search", "Python", "-m", "mira", "--json"])
    assert [h["note_id"] for h in json.loads(r.output)] == [note_id]
    monkeypatch.setenv("COACH_LANG", "nl")
    r = cli.invoke(app, ["note", "delete", str(note_id), "-m", "mira"])
    assert r.exit_code == 0 and "Notitie" in r.output and "verwijderd" in r.output
    r = cli.invoke(app, ["note", "delete", str(note_id), "-m", "mira"])
    assert r.exit_code == 1 and "verwijderd" not in r.output
    r = cli.invoke(app, ["person", "add", "Piet Jansen", "-m", "mira"])
    assert r.exit_code == 0 and r.output.startswith("Piet Jansen is toegevoegd (id ")
    with container.db.session() as s:
        assert repo.count_notes(s, repo.get_manager(s, "mira").id) == 0


def test_bad_input_gives_clear_message_and_nonzero_exit(
    cli: CliRunner, container: Container
) -> None:
    r = cli.invoke(app, ["note", "add", "Nobody", "tekst", "-m", "mira"])
    assert r.exit_code == 1 and "don't know anyone called 'Nobody'" in r.output
    r = cli.invoke(app, ["note", "add", "Sanne", "   ", "-m", "mira"])
    assert r.exit_code == 1 and "empty" in r.output
    r = cli.invoke(app, ["person", "list", "-m", "ghost"])
    assert r.exit_code == 1 and "does not exist" in r.output
    with container.db.session() as s:
        assert repo.count_notes(s, repo.get_manager(s, "mira").id) == 0


def test_import_folder_skips_bad_files_and_duplicates(
    cli: CliRunner, tmp_path: Path, container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# 1:1\nSanne had het over haar ambitie om teamlead te worden.\n")
    (folder / "b.txt").write_text("Korte notitie over werkdruk.")
    d = docx.Document()
    d.add_paragraph("Word-notitie: feedback over de presentatie.")
    d.save(str(folder / "c.docx"))
    (folder / "latin1.txt").write_bytes("caf\xe9 met collega's".encode("latin-1"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "big.md").write_bytes(b"a" * (10 * 1024 * 1024))
    (folder / "empty.md").write_text("   \n")
    (folder / "ignored.pdf").write_bytes(b"%PDF")
    r = cli.invoke(app, ["import", str(folder), "--person", "Sanne", "-m", "mira", "--json"])
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert sorted(report["imported"]) == ["a.md", "b.txt", "c.docx"]
    assert dict(report["skipped"]) == {
        "latin1.txt": "file_not_utf8",
        "binary.txt": "file_binary",
        "big.md": "file_too_large",
        "empty.md": "file_empty",
    }
    r = cli.invoke(app, ["import", str(folder), "--person", "Sanne", "-m", "mira", "--json"])
    again = json.loads(r.output)
    assert again["imported"] == []
    assert dict(again["skipped"])["a.md"] == "file_duplicate"
    assert r.exit_code == 1
    monkeypatch.setenv("COACH_LANG", "nl")
    (folder / "d.md").write_text("Sanne wil meer thuiswerken.")
    r = cli.invoke(app, ["import", str(folder), "--person", "Sanne", "-m", "mira"])
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert r.exit_code == 0 and lines[0] == "1 bestand(en) geïmporteerd."
    assert "a.md: Dit bestand is al eerder geïmporteerd; ik heb het overgeslagen." in lines
    with container.db.session() as s:
        assert repo.count_notes(s, repo.get_manager(s, "mira").id) == 4


def test_import_unknown_folder(cli: CliRunner, tmp_path: Path) -> None:
    r = cli.invoke(app, ["import", str(tmp_path / "nope"), "--person", "Sanne", "-m", "mira"])
    assert r.exit_code == 1 and "does not exist" in r.output


def test_demo_creates_a_team_with_history(cli: CliRunner, container: Container) -> None:
    r = cli.invoke(app, ["demo", "--json"])
    assert r.exit_code == 0, r.output
    counts = json.loads(r.output)
    assert counts["people"] >= 5 and counts["notes"] >= 50 and counts["meetings"] >= 20
    with container.db.session() as s:
        mid = repo.get_manager(s, "demo").id
        items = repo.list_action_items(s, mid)
        assert {a.status for a in items} >= {"open", "done"}
        dates = [n.date for n in repo.list_notes(s, mid)]
        assert (max(dates) - min(dates)).days >= 150
        langs = {p.language for p in repo.list_people(s, mid)}
        assert langs == {"nl", "en"}
    assert container.index.count(mid) >= counts["notes"]
    r = cli.invoke(app, ["demo", "--json"])  # idempotent: replaces the demo
    assert json.loads(r.output) == counts


def test_person_set_changes_the_meeting_length_and_refuses_a_wrong_one(cli: CliRunner) -> None:
    r = cli.invoke(app, ["person", "set", "Sanne", "-m", "mira", "--minutes", "30", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["meeting_minutes"] == 30
    r = cli.invoke(app, ["person", "set", "Sanne", "-m", "mira", "--minutes", "5"])
    assert r.exit_code == 1 and "between 15 and 240 minutes" in r.output
    r = cli.invoke(app, ["person", "list", "-m", "mira", "--json"])
    assert json.loads(r.output)[0]["meeting_minutes"] == 30


def test_person_add_and_set_store_every_option(cli: CliRunner) -> None:
    """Each option lands in its own column, both for `add` and `set` (one PersonDetails
    record carries them from the CLI to the row)."""
    r = cli.invoke(
        app,
        ["person", "add", "  Eva   Smit ", "-m", "mira", "--role", " Ontwikkelaar ",
         "--email", "eva@example.org", "--start", "2024-02-01", "--cadence", "14",
         "--minutes", "30", "--language", "en", "--json"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    added = json.loads(r.output)
    assert {k: v for k, v in added.items() if k != "id"} == {
        "name": "Eva Smit",
        "role": "Ontwikkelaar",
        "email": "eva@example.org",
        "language": "en",
        "start_date": "2024-02-01",
        "cadence_days": 14,
        "meeting_minutes": 30,
        "pronouns": "",
    }
    r = cli.invoke(
        app,
        ["person", "set", "Eva", "-m", "mira", "--role", "Tech lead", "--email", "",
         "--start", "2024-03-01", "--cadence", "21", "--minutes", "60",
         "--pronouns", " zij /  haar ", "--language", "nl", "--json"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert json.loads(r.output) == {
        "id": added["id"],
        "name": "Eva Smit",
        "role": "Tech lead",
        "email": None,
        "language": "nl",
        "start_date": "2024-03-01",
        "cadence_days": 21,
        "meeting_minutes": 60,
        "pronouns": "zij / haar",
    }
    r = cli.invoke(app, ["person", "set", "Eva", "-m", "mira", "--role", "Lead", "--json"])
    changed = json.loads(r.output)
    assert (changed["role"], changed["cadence_days"], changed["pronouns"]) == (
        "Lead",
        21,
        "zij / haar",
    )


def test_person_add_uses_the_configured_rhythm_and_refuses_what_set_refuses(
    cli: CliRunner, container: Container
) -> None:
    r = cli.invoke(app, ["person", "list", "-m", "mira", "--json"])
    sanne = json.loads(r.output)[0]
    assert (sanne["cadence_days"], sanne["meeting_minutes"], sanne["language"]) == (
        container.settings.cadence_days,
        container.settings.meeting_minutes,
        "nl",
    )
    # A wrong language was once stored as "nl" without a word; now `add` says what `set` says.
    r = cli.invoke(app, ["person", "add", "Piet", "-m", "mira", "--language", "de"])
    assert r.exit_code == 1 and "Unknown language 'de'" in r.output
    r = cli.invoke(app, ["person", "add", "Piet", "-m", "mira", "--cadence", "-7"])
    assert r.exit_code == 1 and "1 or more" in r.output
    r = cli.invoke(app, ["person", "list", "-m", "mira", "--json"])
    assert [p["name"] for p in json.loads(r.output)] == ["Sanne de Vries"]


def test_reindex_rebuilds_every_manager_or_the_one_named(cli: CliRunner) -> None:
    r = cli.invoke(app, ["user", "add", "kees", "--password-stdin"], input="geheim456\n")
    assert r.exit_code == 0 and r.output.strip() == "Login kees is created."
    cli.invoke(app, ["note", "add", "Sanne", "Sanne wil een cursus SQL.", "-m", "mira"])
    r = cli.invoke(app, ["reindex"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[:2] == ["mira: 1 note indexed.", "kees: 0 notes indexed."]
    assert lines[2].startswith("Knowledge base: ")
    r = cli.invoke(app, ["reindex", "-m", "kees"])
    assert r.exit_code == 0
    assert r.output.splitlines() == ["kees: 0 notes indexed.", "The knowledge base was up to date."]
    r = cli.invoke(app, ["reindex", "-m", "ghost"])
    assert r.exit_code == 1 and "does not exist" in r.output
    r = cli.invoke(app, ["search", "cursus SQL", "-m", "mira", "--json"])
    assert len(json.loads(r.output)) == 1
