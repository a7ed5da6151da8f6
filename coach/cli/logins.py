"""`coach user passwd` and `coach user sessions`: a new password ends every session of that
login, and an administrator can end them without one (a lost laptop)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from coach import auth
from coach.cli.common import PasswordStdin, container, friendly, lang, print_json, read_password
from coach.i18n import t
from coach.security.sessions import SessionPolicy, SessionStore

sessions_app = typer.Typer(help="Login sessions of a manager.", no_args_is_help=True)


def _store() -> SessionStore:
    c = container()
    sec = c.settings.security
    policy = SessionPolicy(
        idle=dt.timedelta(hours=sec.session_idle_hours),
        lifetime=dt.timedelta(days=sec.session_max_days),
    )
    return SessionStore(c.db, policy)


@friendly
def passwd(
    name: str,
    password_stdin: PasswordStdin = False,
) -> None:
    """Change a manager's password; every open session of that login ends."""
    password = read_password(password_stdin, "New password")
    auth.change_password(container().db, name, password)
    ended = _store().revoke_user(name.strip())
    typer.echo(t("password_changed", lang(), name=name.strip(), n=ended))


@sessions_app.command("revoke")
@friendly
def revoke(name: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """End every login session of one manager at once (all browsers, all processes)."""
    auth.manager_id(container().db, name.strip())  # an unknown login is an error, not 0
    ended = _store().revoke_user(name.strip())
    if as_json:
        print_json({"user": name.strip(), "sessions_ended": ended})
    else:
        typer.echo(t("sessions_ended", lang(), name=name.strip(), n=ended))


@sessions_app.command("count")
@friendly
def count(name: str) -> None:
    """How many live login sessions a manager has."""
    typer.echo(str(_store().count(name.strip())))
