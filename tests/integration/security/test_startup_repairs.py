"""Start-up repairs of issue 14 on a real SQLite database: migration 0005 re-keys elements
Chainlit stored under "unknown/", their files follow, and an unanswered message (the server
was killed mid-answer) gets the interrupted notice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from coach.cli.serve import after_crash
from coach.storage.db import Database, upgrade

pytestmark = pytest.mark.integration


def _seed(db: Database) -> None:
    with db.session() as s:
        s.execute(
            text(
                'INSERT INTO users ("id", "identifier", "createdAt", "metadata") '
                "VALUES ('u1', 'mira', '2026', '{}')"
            )
        )
        s.execute(
            text(
                'INSERT INTO threads ("id", "name", "userId", "userIdentifier", "createdAt", '
                "\"metadata\") VALUES ('t1', 'Over Sanne', 'u1', 'mira', '2026', "
                '\'{"coach": {"language": "en"}}\')'
            )
        )
        s.execute(
            text(
                'INSERT INTO elements ("id", "threadId", "name", "objectKey", "url") VALUES '
                "('e1', 't1', 'Sanne', 'unknown/e1/Sanne', '/coach/files/unknown/e1')"
            )
        )
        s.execute(
            text(
                'INSERT INTO steps ("id", "name", "type", "threadId", "streaming", "output", '
                "\"createdAt\") VALUES ('s1', 'mira', 'user_message', 't1', false, 'Hoe gaat "
                "het?', '2026-12-01T10:00:00Z')"
            )
        )


def test_unknown_elements_are_rekeyed_and_an_unanswered_message_is_marked(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    upgrade(url, "0003")
    db = Database(url)
    _seed(db)
    files = tmp_path / "files"
    (files / "unknown").mkdir(parents=True)
    (files / "unknown" / "e1").write_text("de notitie")
    upgrade(url)
    with db.session() as s:
        key, link = s.execute(text('SELECT "objectKey", "url" FROM elements')).one()
    assert key == "u1/e1/Sanne" and link == "/coach/files/u1/e1"
    after_crash(db, files)
    assert (files / "u1" / "e1").read_text() == "de notitie"
    assert not (files / "unknown" / "e1").exists()
    with db.session() as s:
        rows = s.execute(text('SELECT "type", "output" FROM steps ORDER BY "createdAt"')).all()
    assert [r[0] for r in rows] == ["user_message", "assistant_message"]
    assert "cut off" in rows[1][1]
    after_crash(db, files)  # idempotent: the thread is answered now
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM steps")).scalar_one() == 2
