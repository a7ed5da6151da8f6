"""Rhythm commands: `coach cadence` (who is due for a 1:1) and `coach checkin link|revoke`."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.cli.common import (
    as_manager,
    confirm_change,
    friendly,
    lang,
    manager_option,
    print_json,
)
from coach.i18n import t

checkin_app = typer.Typer(help="Check-in links for your team members.", no_args_is_help=True)

CADENCE_KEYS = ("person", "last", "next_due", "overdue_days", "count_this_year", "status")


@friendly
def cadence(
    manager: str = manager_option(),
    due_only: Annotated[bool, typer.Option("--due", help="Only people who need a 1:1.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show the 1:1 rhythm of your team: last conversation, next due date, overdue days."""
    c, mid = as_manager(manager)
    service = c.cadence
    rows = [r.to_dict() for r in (service.due(mid) if due_only else service.team(mid))]
    if as_json:
        print_json([{k: r[k] for k in CADENCE_KEYS} for r in rows])
        return
    if not rows:
        typer.echo(t("cadence_empty", lang()))
        return
    for r in rows:
        typer.echo(
            f"{r['person']:<28} {r['last'] or '-':<10}  {r['next_due']:<10}  "
            f"{r['status']:<8} {r['overdue_days']:>4}  {r['count_this_year']}/{r['min_per_year']}"
        )


@checkin_app.command("link")
@friendly
def checkin_link(
    person: Annotated[str, typer.Option("--person", "-p", help="Name or id.")],
    manager: str = manager_option(),
    days: Annotated[int, typer.Option("--days", help="Days the link stays valid.")] = 14,
) -> None:
    """Make a single-use check-in link for a team member and print its URL."""

    c, mid = as_manager(manager)
    url, link_id = c.checkins.create_link(mid, person, days)
    typer.echo(t("checkin_link_created", lang(), id=link_id, days=days), err=True)
    typer.echo(url)


@checkin_app.command("revoke")
@friendly
def checkin_revoke(link_id: int, manager: str = manager_option()) -> None:
    """Revoke a check-in link so it no longer opens."""
    confirm_change(
        manager, lambda c, mid: c.checkins.revoke(mid, link_id), "checkin_link_revoked", id=link_id
    )
