from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from coach.chat.commands import Command, parse_command, split_note, split_person
from coach.errors import UserError


def test_parse_command_from_composer_and_typed() -> None:
    assert parse_command("persoon", "Eva; dev") == Command("person", "Eva; dev")
    assert parse_command("note", " Eva: tekst ") == Command("note", "Eva: tekst")
    assert parse_command(None, "/notities Eva") == Command("notes", "Eva")
    assert parse_command(None, "/NOTES") == Command("notes", "")
    assert parse_command(None, "/onbekend x") is None
    assert parse_command(None, "Hoe gaat het?") is None
    assert parse_command("iets-anders", "x") is None


def test_split_person_and_note() -> None:
    assert split_person("Eva Smit; ontwikkelaar") == ("Eva Smit", "ontwikkelaar")
    assert split_person("Eva") == ("Eva", "")
    assert split_note("Eva: wil meer ontwerpen: echt") == ("Eva", "wil meer ontwerpen: echt")
    with pytest.raises(UserError) as e:
        split_note("Eva wil meer")
    assert e.value.key == "cmd_note_usage"


def test_commands_add_person_note_and_list(env: dict[str, Any]) -> None:
    svc = env["c"].commands
    alice = env["alice"]
    assert "**Lotte Berg** staat nu in je team (rol: tester)" in svc.run(
        alice, Command("person", "Lotte Berg; tester"), "nl"
    )
    assert "Note about **Lotte Berg** saved" in svc.run(
        alice, Command("note", "Lotte: wil een cursus testautomatisering"), "en"
    )
    listing = svc.run(alice, Command("notes", "Lotte"), "nl")
    assert "Recente notities (1)" in listing and "testautomatisering" in listing
    assert "Geheim" not in svc.run(alice, Command("notes", ""), "nl")


@pytest.mark.parametrize(
    ("cmd", "key"),
    [
        (Command("note", "Zoltan: bestaat niet"), "person_not_found"),
        (Command("note", "Eva Smit:   "), "note_empty"),
        (Command("person", " ; rol"), "cmd_person_usage"),
        (Command("person", "Eva Smit; dubbel"), "person_exists"),
        (Command("notes", "Eva Jansen"), "person_not_found"),  # bob's person, not alice's
    ],
)
def test_bad_commands_raise_user_errors(env: dict[str, Any], cmd: Command, key: str) -> None:
    with pytest.raises(UserError) as e:
        env["c"].commands.run(env["alice"], cmd, "nl")
    assert e.value.key == key


def _docx(text: str) -> bytes:
    d = docx.Document()
    d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_uploads(env: dict[str, Any]) -> None:
    svc = env["c"].commands
    alice = env["alice"]
    assert "'eva.docx'" in svc.add_file(
        alice, "Karim", "eva.docx", _docx("Karim wil coachen"), "nl"
    )
    assert "Karim wil coachen" in svc.list_notes(alice, "Karim", "nl")
    cases = [
        ("Karim", "x.pdf", b"%PDF-1.4", "file_unsupported"),
        ("Karim", "x.txt", b"\xff\xfe\x00a", "file_binary"),
        ("Karim", "x.md", b"a" * (5 * 1024 * 1024 + 1), "file_too_large"),
        ("", "x.md", b"tekst", "upload_needs_person"),
        ("Zoltan", "x.md", b"tekst", "person_not_found"),
    ]
    for person, name, data, key in cases:
        with pytest.raises(UserError) as e:
            svc.add_file(alice, person, name, data, "nl")
        assert e.value.key == key, name


def test_team_commands_parse_in_both_languages() -> None:
    from coach.app.flows.team import parse

    assert parse("/exporteer Sanne de Vries") == ("export", "Sanne de Vries")
    assert parse("/EXPORT  priya ") == ("export", "priya")
    assert parse("/wis Thomas") == ("erase", "Thomas")
    assert parse("/erase") == ("erase", "")
    assert parse("/wissel Thomas") is None
    assert parse("wis Thomas") is None
    assert parse("/notities") is None
