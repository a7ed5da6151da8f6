"""Data commands: users, people, notes, import, search, reindex, db, demo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from coach import auth, files
from coach.cli.common import (
    PasswordStdin,
    as_manager,
    confirm_change,
    container,
    fail,
    friendly,
    lang,
    manager_option,
    parse_date,
    print_json,
    read_password,
)
from coach.i18n import plural, t
from coach.storage.db import upgrade
from coach.storage.repo import PersonDetails
from coach.team.lookup import person_or_error

user_app = typer.Typer(help="Manager accounts (logins).", no_args_is_help=True)
person_app = typer.Typer(help="Your team members.", no_args_is_help=True)
note_app = typer.Typer(help="Notes about team members.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Run the Alembic migrations up to the newest schema."""
    c = container()
    upgrade(c.settings.database_url)
    typer.echo("ok")


@user_app.command("add")
@friendly
def user_add(
    name: str,
    password_stdin: PasswordStdin = False,
    display_name: str = "",
    language: str = "nl",
    email: str | None = None,
) -> None:
    """Create a manager login; the password comes from a prompt or stdin."""
    password = read_password(password_stdin, "Password")
    m = auth.create_manager(
        container().db,
        name,
        password,
        display_name=display_name,
        language=language,
        email=email,
    )
    typer.echo(t("user_created", lang(), name=m.username))


# The details `person add` and `person set` share (coach.storage.repo.PersonDetails).
RoleOption = Annotated[str | None, typer.Option("--role")]
EmailOption = Annotated[str | None, typer.Option("--email")]
StartOption = Annotated[str | None, typer.Option("--start", help="Start date YYYY-MM-DD.")]
CadenceOption = Annotated[int | None, typer.Option("--cadence", help="1:1 interval in days.")]
MinutesOption = Annotated[
    int | None, typer.Option("--minutes", help="Usual 1:1 length in minutes.")
]
PronounsOption = Annotated[
    str | None, typer.Option("--pronouns", help='e.g. "zij/haar", "he/him".')
]
LanguageOption = Annotated[str | None, typer.Option("--language")]
JsonFlag = Annotated[bool, typer.Option("--json")]


def person_details(
    role: str | None,
    email: str | None,
    start: str | None,
    cadence: int | None,
    minutes: int | None,
    language: str | None,
    pronouns: str | None = None,
) -> PersonDetails:
    """The options as one record; an option not given stays None (add: the default, set:
    what is stored). test_cli checks that each option lands in its own column."""
    return PersonDetails(
        role=role,
        email=email,
        start_date=parse_date(start),
        cadence_days=cadence,
        meeting_minutes=minutes,
        language=language,
        pronouns=pronouns,
    )


@person_app.command("add")
@friendly
def person_add(
    name: str,
    manager: str = manager_option(),
    role: RoleOption = "",
    email: EmailOption = None,
    start: StartOption = None,
    cadence: CadenceOption = None,
    minutes: MinutesOption = None,
    language: LanguageOption = "nl",
    as_json: JsonFlag = False,
) -> None:
    """Add a team member."""
    c, mid = as_manager(manager)
    details = person_details(role, email, start, cadence, minutes, language)
    p = c.team.add_person(mid, name, details)
    print_json(p) if as_json else typer.echo(t("person_added", lang(), name=p["name"], id=p["id"]))


@person_app.command("set")
@friendly
def person_set(
    person: str,
    manager: str = manager_option(),
    role: RoleOption = None,
    email: EmailOption = None,
    start: StartOption = None,
    cadence: CadenceOption = None,
    minutes: MinutesOption = None,
    pronouns: PronounsOption = None,
    language: LanguageOption = None,
    as_json: JsonFlag = False,
) -> None:
    """Change a team member's details; what is not given stays as it is."""
    c, mid = as_manager(manager)
    details = person_details(role, email, start, cadence, minutes, language, pronouns)
    p = c.team.update_person(mid, person, details)
    print_json(p) if as_json else typer.echo(t("person_updated", lang(), name=p["name"]))


@person_app.command("list")
@friendly
def person_list(
    manager: str = manager_option(), as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """List your team."""
    c, mid = as_manager(manager)
    people = c.team.list_people(mid)
    if as_json:
        print_json(people)
        return
    for p in people:
        typer.echo(f"{p['id']:>4}  {p['name']:<28} {p['role']:<28} {p['language']}")


@person_app.command("export")
@friendly
def person_export(
    person: str,
    manager: str = manager_option(),
    out: Annotated[Path | None, typer.Option(help="Write the JSON here instead of stdout.")] = None,
) -> None:
    """Everything stored about one person, as JSON (for a data-subject request)."""
    c, mid = as_manager(manager)
    data = c.team.export(mid, person)
    if out is None:
        print_json(data)
        return
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    typer.echo(t("person_exported", lang(), name=data["person"]["name"], path=str(out)))


@person_app.command("erase")
@friendly
def person_erase(
    person: str,
    manager: str = manager_option(),
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase a person: notes, meetings, action items, check-ins, rehearsals, vectors and the
    chats about them."""
    from coach.team.service import erasure_message

    c, mid = as_manager(manager)
    service = c.team
    name = service.find(mid, person)["name"]
    if not yes and not typer.confirm(t("person_erase_confirm", lang(), name=name)):
        typer.echo(t("person_erase_cancelled", lang()))
        raise typer.Exit(1)
    typer.echo(erasure_message(service.erase(mid, person), lang()))


@note_app.command("add")
@friendly
def note_add(
    person: str,
    text: Annotated[str | None, typer.Argument(help="The note; or use --file.")] = None,
    manager: str = manager_option(),
    file: Annotated[Path | None, typer.Option(help="Read the note from a file.")] = None,
    date: Annotated[str | None, typer.Option(help="Date YYYY-MM-DD (default today).")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Add a note about a team member, typed or from a .txt/.md/.docx file."""
    c = container()
    source = "typed"
    if file is not None:
        text = files.read(file, max_bytes=files.max_bytes(c.settings.max_upload_mb))
        source = "imported"
    note = c.notes.add(
        auth.manager_id(c.db, manager), person, text or "", date=parse_date(date), source=source
    )
    print_json(note.to_dict()) if as_json else typer.echo(
        t("note_saved_as", lang(), id=note.id, name=note.person, date=note.date.isoformat())
    )


@note_app.command("list")
@friendly
def note_list(
    person: Annotated[str | None, typer.Argument()] = None,
    manager: str = manager_option(),
    limit: int = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Recent notes, newest first."""
    c, mid = as_manager(manager)
    notes = c.notes.list(mid, person, limit=limit)
    if as_json:
        print_json([n.to_dict() for n in notes])
        return
    for n in notes:
        typer.echo(f"[{n.id}] {n.date} {n.person}: {n.text[:100]}")


@note_app.command("edit")
@friendly
def note_edit(note_id: int, text: str, manager: str = manager_option()) -> None:
    """Replace a note's text (the index follows)."""
    confirm_change(
        manager, lambda c, mid: c.notes.edit(mid, note_id, text), "note_updated", id=note_id
    )


@note_app.command("delete")
@friendly
def note_delete(note_id: int, manager: str = manager_option()) -> None:
    """Delete a note (and its vectors)."""
    confirm_change(manager, lambda c, mid: c.notes.delete(mid, note_id), "note_deleted", id=note_id)


@friendly
def import_folder(
    folder: Path,
    person: Annotated[str, typer.Option(help="Whose notes these are.")],
    manager: str = manager_option(),
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import every .md/.txt/.docx file in FOLDER as a note about PERSON."""
    if not folder.is_dir():
        fail("folder_not_found", path=str(folder))
    c = container()
    paths = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in files.NOTE_SUFFIXES
    )
    mid = auth.manager_id(c.db, manager)
    with Progress(transient=True, disable=as_json) as bar:
        task = bar.add_task("import", total=len(paths))
        report = c.notes.import_files(
            mid,
            person,
            paths,
            max_bytes=files.max_bytes(c.settings.max_upload_mb),
            on_progress=lambda _p: bar.advance(task),
        )
    if as_json:
        print_json({"imported": report.imported, "skipped": [list(s) for s in report.skipped]})
    else:
        typer.echo(t("import_done", lang(), n=len(report.imported)))
        for name, key in report.skipped:
            why = t(key, lang(), limit_mb=c.settings.max_upload_mb)
            typer.echo(f"{name}: {why}")  # each reason says what became of the file
    if report.skipped and not report.imported:
        raise typer.Exit(code=1)


@friendly
def search(
    query: str,
    manager: str = manager_option(),
    person: Annotated[str | None, typer.Option()] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    k: int = 5,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Search your own notes (hybrid BM25 + vectors)."""
    c = container()
    if not query.strip():
        fail("query_empty")
    mid = auth.manager_id(c.db, manager)
    person_id = None
    if person:
        with c.db.session() as s:
            person_id = person_or_error(s, mid, person).id
    hits = c.retriever.search(mid, query, person_id=person_id, since=parse_date(since), k=k)
    if as_json:
        print_json([h.to_dict() for h in hits])
        return
    for h in hits:
        typer.echo(f"{h.score:.4f}  [{h.note_id}] {h.date} {h.person}: {h.text[:100]}")


@friendly
def reindex(manager: Annotated[str | None, typer.Option("--manager", "-m")] = None) -> None:
    """Rebuild the vector index from SQL (all managers, or one)."""
    c = container()
    for mid, name in auth.logins(c.db, manager or None):
        n = c.notes.reindex(mid)
        typer.echo(plural("reindex_notes", n, lang(), name=name))
    n = c.knowledge.sync()  # the entries that were new or changed
    typer.echo(t("reindex_knowledge" if n else "reindex_knowledge_current", lang(), n=n))


@friendly
def demo(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Create the login `demo` with a fictional Dutch/English team (6 months of notes)."""
    from coach.demo.loader import DEMO_PASSWORD, install_demo

    counts = install_demo(container())
    if as_json:
        print_json(counts)
    else:
        typer.echo(
            f"demo ready: user 'demo', password '{DEMO_PASSWORD}'; "
            + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
