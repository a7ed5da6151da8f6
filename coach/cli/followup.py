"""Follow-up commands: `coach followup` (analyse/save a 1:1) and `coach actions`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach import auth
from coach.cli.common import (
    as_manager,
    confirm_change,
    container,
    friendly,
    lang,
    manager_option,
    parse_date,
    print_json,
)
from coach.i18n import t

actions_app = typer.Typer(help="Open action items from your 1:1s.")


def read_transcript(path: Path) -> str:
    """Text of a notes/transcript file; a bad file becomes a UserError with a catalogue key."""
    return container().followup.read_transcript_file(path)


@friendly
def followup(
    person: Annotated[str, typer.Option("--person", "-p", help="Who the 1:1 was with.")],
    file: Annotated[Path, typer.Option("--file", "-f", help=".txt .md .docx .vtt .srt")],
    manager: str = manager_option(),
    date: Annotated[str | None, typer.Option(help="Meeting date YYYY-MM-DD (today).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Analyse only; save nothing.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Summarise a 1:1 from notes or a transcript; save meeting, note and action items."""
    c = container()
    text = read_transcript(file)
    mid = auth.manager_id(c.db, manager)
    day = parse_date(date) or c.today()  # in the manager's time zone
    svc = c.followup
    result = svc.analyse(mid, person, text, meeting_date=day)
    draft = svc.draft(mid, person, day, result)
    data = {**result.to_dict(), "message": draft.message, "left_out": draft.left_out}
    if dry_run:
        if as_json:
            print_json(data)
            return
        for topic, summary in data["summary"].items():
            typer.echo(f"{topic}: {summary}")
        for d in data["decisions"]:
            typer.echo(f"* {d}")
        for a in data["action_items"]:
            link = f" [#{a['existing']}]" if a["existing"] is not None else ""
            typer.echo(f"- [{a['owner'] or '?'}] {a['text']} ({a['due'] or '-'}){link}")
        typer.echo("")
        typer.echo(draft.message)
        return
    meeting_id = svc.save(mid, person, day, text, result)
    if as_json:
        print_json({"meeting_id": meeting_id, **data})
    else:
        typer.echo(t("followup_saved", lang(), id=meeting_id, items=len(result.action_items)))


@actions_app.callback(invoke_without_command=True)
@friendly
def actions(
    ctx: typer.Context,
    manager: Annotated[
        str | None,
        typer.Option("--manager", "-m", envvar="COACH_MANAGER", help="Manager login."),
    ] = None,
    person: Annotated[str | None, typer.Option("--person", "-p")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List open action items (all, or for one person)."""
    if ctx.invoked_subcommand is not None:
        return
    if not manager:
        raise typer.BadParameter("--manager is required", param_hint="--manager")
    c, mid = as_manager(str(manager))
    items = c.followup.open_items(mid, person)
    if as_json:
        print_json([i.to_dict() for i in items])
        return
    if not items:
        typer.echo(t("actions_none", lang()))
    for i in items:
        due = i.due.isoformat() if i.due else "-"
        owner = i.owner_name or i.owner
        typer.echo(f"{i.id:>4}  {due:<10}  {i.person:<24} [{owner}] {i.text}")


@actions_app.command("done")
@friendly
def actions_done(item_id: int, manager: str = manager_option()) -> None:
    """Mark an action item as done."""
    confirm_change(
        manager, lambda c, mid: c.followup.mark_done(mid, item_id), "action_done", id=item_id
    )
