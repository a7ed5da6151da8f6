"""The chat threads Chainlit keeps in our database (tables of migration 0002), seen from the
privacy side: which threads are about one team member, their messages for an export, and
deleting them with their steps, elements, feedback and element files.

A thread is *about* a person when a flow stored that person in the thread metadata (the
prep, debrief and rehearse flows keep `{"person_id": ...}` under their key). Other threads
can still *mention* the person: the manager typed their name, or an answer cited one of their
notes (the cited source's title names the person). Those are listed, not deleted, because
they are the manager's own conversations and may be about others too. The coach's own
messages (a nudge listing the team, the erase confirmation) do not count as a mention.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

# Metadata keys of the flows that work on one person (coach/app/flows/*_view.py).
PERSON_FLOW_KEYS = ("prep", "debrief", "rehearse")
MESSAGE_TYPES = ("user_message", "assistant_message")
_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,80}$")


@dataclass(frozen=True)
class ChatThread:
    id: str
    name: str
    created_at: str


def as_dict(raw: Any) -> dict[str, Any]:
    """Thread metadata comes back as a dict (Postgres) or a JSON string (SQLite)."""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str) and raw:
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}
    return {}


def element_file(root: Path, object_key: str) -> Path | None:
    """The stored file for `<user id>/<element id>[/<name>]` (the name is ignored), or None
    for any key that could leave the folder."""
    parts = object_key.split("/")
    if len(parts) < 2 or not all(_SAFE_PART.match(p) for p in parts[:2]):
        return None
    return root / parts[0] / parts[1]


def _rows(s: Session, username: str) -> list[Any]:
    return list(
        s.execute(
            text(
                'SELECT t."id", t."name", t."createdAt", t."metadata" FROM threads t '
                'JOIN users u ON u."id" = t."userId" WHERE u."identifier" = :u '
                'ORDER BY t."createdAt"'
            ),
            {"u": username},
        )
    )


def _thread(row: Any) -> ChatThread:
    return ChatThread(str(row[0]), str(row[1] or ""), str(row[2] or ""))


def _person_of(meta: dict[str, Any], key: str) -> int | None:
    value = as_dict(meta.get(key)).get("person_id")
    return value if isinstance(value, int) else None


def threads_about(s: Session, username: str, person_id: int) -> list[ChatThread]:
    """The manager's threads whose flow worked on this person."""
    out = []
    for row in _rows(s, username):
        meta = as_dict(row[3])
        if any(_person_of(meta, key) == person_id for key in PERSON_FLOW_KEYS):
            out.append(_thread(row))
    return out


def threads_mentioning(s: Session, username: str, name: str) -> list[ChatThread]:
    """The manager's threads in which the person's full name appears in a typed message or
    in the title of a cited source."""
    threads = [_thread(row) for row in _rows(s, username)]
    if not name.strip() or not threads:
        return []
    hits = {
        str(r[0])
        for r in s.execute(
            text(
                'SELECT st."threadId" FROM steps st WHERE st."threadId" IN :ids AND '
                'st."type" = :typed AND lower(st."output") LIKE :p '
                'UNION SELECT e."threadId" FROM elements e WHERE e."threadId" IN :ids AND '
                'lower(e."name") LIKE :p'
            ).bindparams(bindparam("ids", expanding=True)),
            {
                "ids": [th.id for th in threads],
                "typed": MESSAGE_TYPES[0],
                "p": f"%{name.strip().lower()}%",
            },
        )
    }
    return [th for th in threads if th.id in hits]


def messages(s: Session, thread_id: str) -> list[dict[str, str]]:
    """The typed and answered messages of one thread, oldest first."""
    rows = s.execute(
        text(
            'SELECT "type", "output", "createdAt" FROM steps WHERE "threadId" = :t '
            'AND "type" IN :types ORDER BY "createdAt"'
        ).bindparams(bindparam("types", expanding=True)),
        {"t": thread_id, "types": list(MESSAGE_TYPES)},
    )
    return [
        {
            "from": "manager" if r[0] == "user_message" else "coach",
            "at": str(r[2] or ""),
            "text": str(r[1] or ""),
        }
        for r in rows
    ]


def delete_threads(s: Session, thread_ids: list[str]) -> list[str]:
    """Delete the threads with everything in them; returns the element files' object keys
    (the caller removes the files once the transaction has committed)."""
    if not thread_ids:
        return []
    ids = {"ids": thread_ids}

    def q(sql: str) -> Any:
        return text(sql).bindparams(bindparam("ids", expanding=True))

    keys = [
        str(r[0])
        for r in s.execute(q('SELECT "objectKey" FROM elements WHERE "threadId" IN :ids'), ids)
        if r[0]
    ]
    s.execute(
        q(
            'DELETE FROM feedbacks WHERE "forId" IN '
            '(SELECT "id" FROM steps WHERE "threadId" IN :ids)'
        ),
        ids,
    )
    s.execute(q('DELETE FROM elements WHERE "threadId" IN :ids'), ids)
    s.execute(q('DELETE FROM steps WHERE "threadId" IN :ids'), ids)
    s.execute(q('DELETE FROM threads WHERE "id" IN :ids'), ids)
    return keys


def remove_files(root: Path, object_keys: list[str]) -> int:
    """Remove stored element files; returns how many were there."""
    removed = 0
    for key in object_keys:
        path = element_file(root, key)
        if path is not None and path.is_file():
            path.unlink()
            removed += 1
    return removed
