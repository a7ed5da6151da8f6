"""`coach serve`: migrate, then run the Chainlit app at once.

The embedding model and the knowledge index load in the app process in the background
(coach/app/runtime.warm_up), so the login page does not wait for them.

Chainlit reads chainlit.md and .chainlit/ from its app root and keeps uploads in <app
root>/.files, which it deletes when it stops. So the app root is <data dir>/app, with the
repository's chainlit*.md and .chainlit/: uploads stay with the data they belong to (not in
the source tree), and two servers with their own data dirs never delete each other's files.
CHAINLIT_AUTH_SECRET comes from the environment or from <data dir>/secrets
(a 0600 file in a 0700 folder), created on first start.

Everything under the data dir is private to the service user (folders 0700, files 0600,
and a 0077 umask for what the server writes later). uvicorn believes X-Forwarded-For only
from `security.forwarded_allow_ips` (its FORWARDED_ALLOW_IPS; default: nobody).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import container
from coach.cli.deferred import defer
from coach.i18n import t
from coach.storage.chat_threads import mark_interrupted, relocate_files
from coach.storage.db import Database

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "coach" / "app" / "main.py"
SECRET_KEY = "CHAINLIT_AUTH_SECRET"
SECRET_FILE = "chainlit_auth_secret"


def secrets_dir(data_dir: Path) -> Path:
    """<data dir>/secrets/, a private folder (0700) shared with the check-in CSRF key.

    Older versions kept an env-style *file* at that path; its values move into the folder.
    """
    path = data_dir / "secrets"
    legacy = path.read_text() if path.is_file() else None
    if legacy is not None:
        path.unlink()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if legacy is not None:
        pairs = (line.split("=", 1) for line in legacy.splitlines() if "=" in line)
        for key, value in pairs:
            if key.strip() == SECRET_KEY and value.strip():
                _write_private(path / SECRET_FILE, value.strip())
    return path


def _write_private(path: Path, value: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(value + "\n")
    os.chmod(path, 0o600)


def ensure_auth_secret(data_dir: Path) -> str:
    """The Chainlit JWT secret: from the environment, else <data dir>/secrets/ (made if absent)."""
    if os.environ.get(SECRET_KEY):
        return os.environ[SECRET_KEY]
    path = secrets_dir(data_dir) / SECRET_FILE
    stored = path.read_text(encoding="ascii").strip() if path.is_file() else ""
    if not stored:
        stored = secrets.token_urlsafe(48)
        _write_private(path, stored)
    return stored


def app_root(data_dir: Path) -> Path:
    """<data dir>/app: links to the repository's .chainlit/ and public/, copies of chainlit*.md
    (copies, because Chainlit ignores a translated readme that resolves outside its root).
    Idempotent; a changed readme is copied again."""
    root = data_dir / "app"
    root.mkdir(parents=True, exist_ok=True)
    for name in (".chainlit", "public"):  # config and translations; our logo and favicon
        config, link = ROOT / name, root / name
        if not (link.is_symlink() and link.resolve() == config.resolve()):
            if link.is_symlink() or link.is_file():
                link.unlink()
            link.symlink_to(config)
    for readme in sorted(ROOT.glob("chainlit*.md")):
        copy = root / readme.name
        if copy.is_symlink():
            copy.unlink()
        if not copy.is_file() or copy.read_bytes() != readme.read_bytes():
            shutil.copyfile(readme, copy)
    return root


def make_private(data_dir: Path) -> None:
    """Folders 0700 and files 0600 under the data dir; links are left alone (the app root's
    .chainlit points into the source tree)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)
    for folder, dirs, files in os.walk(data_dir):
        base = Path(folder)
        for name in dirs:
            if not (base / name).is_symlink():
                os.chmod(base / name, 0o700)
        for name in files:
            if not (base / name).is_symlink():
                os.chmod(base / name, 0o600)


def chainlit_args(host: str, port: int) -> list[str]:
    return ["run", str(APP), "--headless", "--host", host, "--port", str(port)]


def after_crash(db: Database, files_dir: Path) -> None:
    """Start-up repairs: element files follow their re-keyed owners (migration 0005), and an
    answer a killed server never finished is marked as interrupted."""
    with db.session() as s:
        relocate_files(s, files_dir)
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        mark_interrupted(s, lambda lang: t("answer_interrupted", lang), now)


def serve(
    host: Annotated[str | None, typer.Option(help="Default: COACH_APP__HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: COACH_APP__PORT.")] = None,
) -> None:
    """Serve the chat app (migrations first; the knowledge index syncs in the background)."""
    os.umask(0o077)
    c = container()  # runs the migrations
    data_dir = c.settings.data_dir.resolve()
    after_crash(c.db, data_dir / "files")
    env = os.environ
    env.pop("DATABASE_URL", None)  # Chainlit would silently take it over as its own store
    env[SECRET_KEY] = ensure_auth_secret(data_dir)
    env["COACH_DATA_DIR"] = str(data_dir)
    root = app_root(data_dir)
    make_private(data_dir)
    env["CHAINLIT_APP_ROOT"] = str(root)  # read when chainlit.config is first imported
    env["FORWARDED_ALLOW_IPS"] = ",".join(c.settings.security.forwarded_allow_ips)
    h, p = host or c.settings.app.host, port or c.settings.app.port
    typer.echo(f"serving on http://{h}:{p}")
    os.chdir(root)
    # Chainlit runs in this process (as `chainlit run` would): a second interpreter would
    # import SQLAlchemy, pydantic, LangChain and our own modules all over again (~3 s).
    defer("traceloop.sdk", "Traceloop")  # ~2 s of start-up for tracing we never switch on
    from chainlit.cli import cli as chainlit_cli

    chainlit_cli.main(args=chainlit_args(h, p), prog_name="chainlit")
