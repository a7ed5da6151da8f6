"""Migrations, repositories and search on a real PostgreSQL started here on loopback.

The server runs as the `postgres` system user (initdb refuses root) in a temp folder and is
stopped at the end; `make test` installs Debian's postgresql when it is missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from coach.container import Overrides, build_container
from coach.embeddings import Embedder
from coach.settings import Settings
from coach.storage import repo

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


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


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
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
    try:
        for _ in range(50):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        subprocess.run(
            [
                *as_pg,
                _pg_bin("createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "coach",
                "coach",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://coach@127.0.0.1:{port}/coach"
    finally:
        subprocess.run(
            [*as_pg, _pg_bin("pg_ctl"), "-D", str(data), "-m", "fast", "stop"], capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


def test_postgres_migrations_repo_and_search(
    pg_url: str, tmp_path: Path, embedder: Embedder
) -> None:
    c = build_container(
        Settings(data_dir=tmp_path, llm="fake", db={"url": pg_url}),  # type: ignore[arg-type]
        Overrides(embedder=embedder),
    )
    c.migrate()
    c.migrate()  # idempotent
    tables = set(inspect(c.db.engine).get_table_names())
    assert {"managers", "notes", "action_items", "threads", "steps"} <= tables
    with c.db.session() as s:
        a = repo.add_manager(s, "alice", password_hash=None).id
        b = repo.add_manager(s, "bob", password_hash=None).id
        repo.add_person(s, a, "Sanne")
        repo.add_person(s, b, "Sanne")
    note = c.notes.add(a, "Sanne", "Sanne wil doorgroeien naar teamlead.")
    c.notes.add(b, "Sanne", "Bob's geheime notitie over doorgroeien.")
    hits = c.retriever.search(a, "doorgroeien teamlead", k=5)
    assert [h.note_id for h in hits] == [note.id]
    c.db.engine.dispose()
