"""Shared CLI plumbing: the container, the manager, errors as friendly messages."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from coach import auth
from coach.container import Container, build_container
from coach.errors import UserError
from coach.i18n import normalise_language, t
from coach.llm import LLMUnavailable
from coach.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

_container: Container | None = None


def container() -> Container:
    global _container
    if _container is None:
        # What the CLI writes under the data dir while the app runs (Chroma's files, the
        # index generation, element files of an import) is private like the server's
        # (docs/security.md: files 0600, folders 0700).
        os.umask(0o077)
        _container = build_container(Settings())
        _container.migrate()
    return _container


def as_manager(manager: str) -> tuple[Container, int]:
    """The container and the id of the manager a command runs for (an unknown login is a
    UserError, so @friendly reports it)."""
    c = container()
    return c, auth.manager_id(c.db, manager)


def lang() -> str:
    return normalise_language(
        os.environ.get("COACH_LANG") or os.environ.get("LANG"), Settings().default_language
    )


def manager_option() -> Any:
    return typer.Option(..., "--manager", "-m", envvar="COACH_MANAGER", help="Manager login.")


def confirm_change(
    manager: str, change: Callable[[Container, int], object], key: str, **params: object
) -> None:
    """Make one change as the manager and confirm it in the user's language (a refused
    change is a UserError, which @friendly reports instead)."""
    c, mid = as_manager(manager)
    change(c, mid)
    typer.echo(t(key, lang(), **params))


def fail(key: str, **params: object) -> None:
    typer.echo(t(key, lang(), **params), err=True)
    raise typer.Exit(code=1)


def print_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def friendly(fn: F) -> F:
    """Turn UserError and LLMUnavailable into one clear line and a non-zero exit."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UserError as e:
            typer.echo(t(e.key, lang(), **e.params), err=True)
            raise typer.Exit(code=1) from None
        except LLMUnavailable as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date from the command line, or a friendly error."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError("invalid_date", value=value) from None


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from stdin.")
]


def read_password(from_stdin: bool, prompt: str) -> str:
    """One line of stdin when asked, or when stdin is no terminal (a pipe, a script); else a
    hidden prompt, asked twice."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=True))
