"""`coach serve`: migrate, sync the knowledge index, then run the Chainlit app.

Chainlit reads chainlit.md and .chainlit/ from its working directory, so it runs from the
repository root. CHAINLIT_AUTH_SECRET comes from the environment or from <data dir>/secrets
(an env-style file, mode 0600), created on first start.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import container

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "coach" / "app" / "main.py"
SECRET_KEY = "CHAINLIT_AUTH_SECRET"


def read_secrets(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def ensure_auth_secret(data_dir: Path) -> str:
    """The Chainlit JWT secret: from the environment, else the secrets file (made if absent)."""
    if os.environ.get(SECRET_KEY):
        return os.environ[SECRET_KEY]
    path = data_dir / "secrets"
    stored = read_secrets(path)
    if stored.get(SECRET_KEY):
        return stored[SECRET_KEY]
    stored[SECRET_KEY] = secrets.token_urlsafe(48)
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write("".join(f"{k}={v}\n" for k, v in stored.items()))
    os.chmod(path, 0o600)
    return stored[SECRET_KEY]


def chainlit_command(host: str, port: int) -> list[str]:
    exe = Path(sys.executable).with_name("chainlit")
    head = [str(exe)] if exe.exists() else [sys.executable, "-m", "chainlit"]
    return [*head, "run", str(APP), "--headless", "--host", host, "--port", str(port)]


def serve(
    host: Annotated[str | None, typer.Option(help="Default: COACH_APP__HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Default: COACH_APP__PORT.")] = None,
) -> None:
    """Serve the chat app (migrations and the knowledge index are brought up to date first)."""
    c = container()  # runs the migrations
    synced = c.knowledge.sync()
    data_dir = c.settings.data_dir.resolve()
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # Chainlit would silently take it over as its own store
    env[SECRET_KEY] = ensure_auth_secret(data_dir)
    env["COACH_DATA_DIR"] = str(data_dir)
    h, p = host or c.settings.app.host, port or c.settings.app.port
    typer.echo(f"knowledge: {synced} entries (re)indexed; serving on http://{h}:{p}")
    os.chdir(ROOT)
    cmd = chainlit_command(h, p)
    os.execve(cmd[0], cmd, env)
