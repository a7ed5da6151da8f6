"""Integration fixtures: a real PostgreSQL on loopback, started once per session.

The server runs as the `postgres` system user (initdb refuses root) in a temp folder and is
stopped at the end; `make test` installs Debian's postgresql when it is missing. Each test
that asks for `pg_url` gets a fresh, empty database.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def _pg_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None
    )
    if not found:
        raise RuntimeError(f"{name} not found: run `make system-deps` (installs postgresql)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Callable[[], str]]:
    """Start PostgreSQL; yields a factory that creates a new database and returns its URL."""
    root = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    os.chmod(root, 0o777)
    data = root / "data"
    port = _free_port()
    as_pg: list[str] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*as_pg, _pg_bin("initdb"), "-D", str(data), "-U", "coach", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *as_pg,
            _pg_bin("pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(root / "log"),
            "-w",
            "start",
            "-o",
            f"-p {port} -h 127.0.0.1 -k {root}",
        ],
        check=True,
        capture_output=True,
    )
    counter = itertools.count()

    def new_database() -> str:
        name = f"coach_{next(counter)}"
        subprocess.run(
            [*as_pg, _pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "coach", name],
            check=True,
            capture_output=True,
        )
        return f"postgresql+psycopg://coach@127.0.0.1:{port}/{name}"

    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield new_database
    finally:
        subprocess.run(
            [*as_pg, _pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: Callable[[], str]) -> str:
    return pg_server()


StepFactory = Callable[..., dict[str, Any]]


def _chainlit_step(thread_id: str, kind: str, text: str, at: str, **extra: Any) -> dict[str, Any]:
    """A step as the running app hands it to Chainlit's data layer."""
    return {
        "id": str(uuid.uuid4()),
        "threadId": thread_id,
        "name": "manager" if kind == "user_message" else "Gesprekscoach",
        "type": kind,
        "output": text,
        "streaming": False,
        "metadata": {},
        "createdAt": at,
        "start": at,
        "end": at,
        "isError": False,
        "waitForAnswer": False,
        "parentId": None,
        "language": None,
        **extra,
    }


@pytest.fixture
def chainlit_step() -> StepFactory:
    """Makes chat steps (messages) for Chainlit's data layer: (thread, type, text, time)."""
    return _chainlit_step
