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

import hashlib
import json
import re
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import TextClause, bindparam, text
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


def as_dict(raw: object) -> dict[str, Any]:
    """Thread metadata comes back as a dict (Postgres) or a JSON string (SQLite)."""
    if isinstance(raw, dict):
        return raw
    value = _json_value(raw) if isinstance(raw, str) and raw else None
    return value if isinstance(value, dict) else {}


# --- Chainlit's data layer on our database (coach/app/datalayer.py hands over its engine) --


def bind_value(value: object, sqlite: bool) -> object:
    """A parameter of Chainlit's SQL as the driver can bind it: dicts as JSON always
    (asyncpg wants JSON text too), lists only on SQLite (Chainlit issue #2528; Postgres
    binds an ARRAY)."""
    if isinstance(value, dict) or (sqlite and isinstance(value, list)):
        return json.dumps(value)
    return value


def read_rows(rows: list[dict[str, Any]], sqlite: bool) -> None:
    """Chainlit's result rows as it expects them, in place: a Text element's missing props
    as "{}" (get_element json-loads them); on SQLite, tags back to lists and metadata back
    to dicts."""
    for row in rows:
        if "props" in row and row["props"] is None:
            row["props"] = "{}"
        if not sqlite:
            continue
        for key in ("thread_tags", "tags", "step_tags"):
            if isinstance(row.get(key), str):
                row[key] = _json_list(row[key])
        for key in ("thread_metadata", "step_metadata", "step_generation"):
            if isinstance(row.get(key), str):
                row[key] = _json_value(row[key])


def _json_list(raw: str) -> list[object]:
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        return [raw]
    return value if isinstance(value, list) else [raw]


def _json_value(raw: str) -> object:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return None


# Chainlit's own statement runner (its session; a database error is logged and gives None).
RunSql = Callable[[str, dict[str, Any]], Awaitable[list[dict[str, Any]] | int | None]]


# Whose thread holds a step (message), or the message a feedback is on.
_OWNER_SQL = {
    "step": 'SELECT t."userIdentifier" AS owner FROM steps s JOIN threads t '
    'ON t."id" = s."threadId" WHERE s."id" = :id',
    "feedback": 'SELECT t."userIdentifier" AS owner FROM feedbacks f JOIN steps s '
    'ON s."id" = f."forId" JOIN threads t ON t."id" = s."threadId" WHERE f."id" = :id',
}


async def owner_of(run: RunSql, kind: Literal["step", "feedback"], key: str) -> str | None:
    """The identifier of the user whose thread holds this step or feedback, or None."""
    rows = await run(_OWNER_SQL[kind], {"id": key})
    if isinstance(rows, list) and rows and rows[0].get("owner"):
        return str(rows[0]["owner"])
    return None


async def thread_name(run: RunSql, thread_id: str) -> str | None:
    """The name of one thread, or None (no such thread yet, or not named yet)."""
    rows = await run('SELECT "name" FROM threads WHERE "id" = :id', {"id": thread_id})
    if not isinstance(rows, list) or not rows:
        return None
    name = rows[0].get("name")
    return str(name) if name is not None else None


async def thread_metadata(run: RunSql, thread_id: str) -> dict[str, Any]:
    """The stored metadata of one thread (a dict, whatever the dialect returns)."""
    rows = await run('SELECT "metadata" FROM threads WHERE "id" = :id', {"id": thread_id})
    if not isinstance(rows, list) or not rows:
        return {}
    return as_dict(rows[0].get("metadata"))


def element_file(root: Path, object_key: str) -> Path | None:
    """The stored file for `<user id>/<element id>[/<name>]` (the name is ignored), or None
    for any key that could leave the folder."""
    parts = object_key.split("/")
    if len(parts) < 2 or not all(_SAFE_PART.match(p) for p in parts[:2]):
        return None
    return root / parts[0] / parts[1]


def _rows(s: Session, username: str) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in s.execute(
            text(
                'SELECT t."id", t."name", t."createdAt", t."metadata" FROM threads t '
                'JOIN users u ON u."id" = t."userId" WHERE u."identifier" = :u '
                'ORDER BY t."createdAt"'
            ),
            {"u": username},
        )
    ]


def _thread(row: Sequence[object]) -> ChatThread:
    return ChatThread(str(row[0]), str(row[1] or ""), str(row[2] or ""))


def _person_of(meta: dict[str, Any], key: str) -> int | None:
    value = as_dict(meta.get(key)).get("person_id")
    return value if isinstance(value, int) else None


def thread_by_id(s: Session, thread_id: str | None) -> ChatThread | None:
    row = s.execute(
        text('SELECT "id", "name", "createdAt" FROM threads WHERE "id" = :i'), {"i": thread_id}
    ).first()
    return _thread(row) if row is not None else None


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

    def q(sql: str) -> TextClause:
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


@dataclass(frozen=True)
class TypedMessage:
    """A manager's message that may address one person: a slash command, a command picked
    in the composer, or a message that carried uploaded files."""

    thread_id: str
    text: str
    command: str
    has_files: bool


def addressed_messages(s: Session, username: str) -> list[TypedMessage]:
    rows = s.execute(
        text(
            'SELECT st."threadId", st."output", st."command", '
            '(SELECT count(*) FROM elements e WHERE e."forId" = st."id" AND e."type" = :file) '
            'FROM steps st JOIN threads t ON t."id" = st."threadId" '
            'JOIN users u ON u."id" = t."userId" WHERE u."identifier" = :u '
            'AND st."type" = :typed'
        ),
        {"u": username, "typed": MESSAGE_TYPES[0], "file": "file"},
    )
    out = []
    for thread_id, output, command, files in rows:
        body = str(output or "").strip()
        if body.startswith("/") or (command or "").strip() or files:
            out.append(TypedMessage(str(thread_id), body, str(command or ""), bool(files)))
    return out


def elements_about(s: Session, username: str, needles: list[str]) -> list[tuple[str, str]]:
    """(element id, the message it belongs to) for the manager's elements whose name holds
    one of the needles (a cited source titled with the person's name, an export file)."""
    found: dict[str, str] = {}
    for needle in {n.strip().lower() for n in needles if n.strip()}:
        for element_id, for_id in s.execute(
            text(
                'SELECT e."id", e."forId" FROM elements e JOIN threads t ON t."id" = e."threadId" '
                'JOIN users u ON u."id" = t."userId" WHERE u."identifier" = :u '
                'AND lower(e."name") LIKE :p'
            ),
            {"u": username, "p": f"%{needle}%"},
        ):
            found[str(element_id)] = str(for_id or "")
    return sorted(found.items())


def delete_answers(s: Session, element_ids: list[str], step_ids: list[str]) -> list[str]:
    """Delete these elements and the coach's answers they were attached to (an answer built
    on an erased person's note quotes it); returns the element files' object keys."""
    if not element_ids:
        return []

    def q(sql: str, name: str) -> TextClause:
        return text(sql).bindparams(bindparam(name, expanding=True))

    keys = [
        str(r[0])
        for r in s.execute(
            q('SELECT "objectKey" FROM elements WHERE "id" IN :ids', "ids"), {"ids": element_ids}
        )
        if r[0]
    ]
    s.execute(q('DELETE FROM elements WHERE "id" IN :ids', "ids"), {"ids": element_ids})
    answers = [i for i in step_ids if i]
    if answers:
        only = {"ids": answers, "kind": MESSAGE_TYPES[1]}
        keys += [
            str(r[0])
            for r in s.execute(
                q('SELECT "objectKey" FROM elements WHERE "forId" IN :ids', "ids"),
                {"ids": answers},
            )
            if r[0]
        ]
        s.execute(q('DELETE FROM elements WHERE "forId" IN :ids', "ids"), {"ids": answers})
        s.execute(q('DELETE FROM feedbacks WHERE "forId" IN :ids', "ids"), {"ids": answers})
        s.execute(q('DELETE FROM steps WHERE "id" IN :ids AND "type" = :kind', "ids"), only)
    return keys


def file_digests(root: Path, object_keys: list[str]) -> set[str]:
    """sha256 of the stored element files (to find Chainlit's session copies of them)."""
    out = set()
    for key in object_keys:
        path = element_file(root, key)
        if path is not None and path.is_file():
            out.add(hashlib.sha256(path.read_bytes()).hexdigest())
    return out


def remove_session_copies(files_root: Path, digests: set[str]) -> int:
    """Chainlit keeps a copy of every element and upload in <app root>/.files/<session>/
    until the session ends; remove the copies of erased content."""
    removed = 0
    if not digests or not files_root.is_dir():
        return 0
    for path in files_root.glob("*/*"):
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() in digests:
            path.unlink()
            removed += 1
    return removed


def relocate_files(s: Session, root: Path) -> int:
    """Move element files still under "unknown/" to the key their row now has (0005)."""
    moved = 0
    stray = root / "unknown"
    if not stray.is_dir():
        return 0
    for path in stray.iterdir():
        row = s.execute(
            text('SELECT "objectKey" FROM elements WHERE "id" = :i'), {"i": path.name}
        ).first()
        if row is None or not row[0] or str(row[0]).startswith("unknown/"):
            continue
        target = element_file(root, str(row[0]))
        if target is not None and path.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.replace(target)
            moved += 1
    return moved


def mark_interrupted(s: Session, notice: Callable[[str], str], now: str) -> int:
    """After a crash: every thread whose last message is the manager's, unanswered (the app
    always answers, even with an error), gets the coach's notice that the answer was cut
    off, in the thread's language. Returns how many threads were marked."""
    rows = s.execute(
        text(
            'SELECT st."threadId", st."type", t."metadata" FROM steps st '
            'JOIN threads t ON t."id" = st."threadId" WHERE st."type" IN :types AND '
            'st."createdAt" = (SELECT max(s2."createdAt") FROM steps s2 WHERE '
            's2."threadId" = st."threadId" AND s2."type" IN :types)'
        ).bindparams(bindparam("types", expanding=True)),
        {"types": list(MESSAGE_TYPES)},
    ).all()
    marked = 0
    for thread_id, kind, meta in rows:
        if kind != MESSAGE_TYPES[0]:
            continue
        lang = as_dict(as_dict(meta).get("coach")).get("language")
        s.execute(
            text(
                'INSERT INTO steps ("id", "name", "type", "threadId", "streaming", "isError", '
                '"output", "createdAt", "start", "end") VALUES (:id, :name, :kind, '
                ":thread, :no, :no, :out, :at, :at, :at)"
            ),
            {
                "id": str(uuid.uuid4()),
                "name": "Gesprekscoach",
                "kind": MESSAGE_TYPES[1],
                "thread": str(thread_id),
                "no": False,
                "out": notice(lang if lang in ("nl", "en") else "nl"),
                "at": now,
            },
        )
        marked += 1
    return marked
