"""Chat threads written outside Chainlit (`coach ask --thread`), in Chainlit's own tables.

A thread from the command line is a normal chat thread: the manager finds it in the app's
history, export and erase cover it, and its conversation state sits under the same metadata
key ("chat") the app uses, so `--thread ID` resolves "haar" like the chat does. A thread id
that is not the manager's is refused, never read.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

from coach.chat.understand import ConversationState
from coach.errors import UserError
from coach.storage.chat_threads import as_dict

METADATA_KEY = "chat"
NAME_CHARS = 80


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat() + "Z"


def _json(s: Session) -> sa.types.TypeEngine[Any]:
    return postgresql.JSONB() if s.get_bind().dialect.name == "postgresql" else sa.JSON()


def _user_id(s: Session, username: str) -> str:
    """Chainlit's user row for the manager (created here when they never logged in)."""
    row = s.execute(
        sa.text('SELECT "id" FROM users WHERE "identifier" = :u'), {"u": username}
    ).first()
    if row is not None:
        return str(row[0])
    uid = str(uuid.uuid4())
    s.execute(
        sa.text(
            'INSERT INTO users ("id", "identifier", "createdAt", "metadata") '
            "VALUES (:id, :u, :at, :meta)"
        ).bindparams(sa.bindparam("meta", type_=_json(s))),
        {"id": uid, "u": username, "at": _now(), "meta": {}},
    )
    return uid


def _metadata(s: Session, username: str, thread_id: str) -> dict[str, Any]:
    row = s.execute(
        sa.text(
            'SELECT t."metadata" FROM threads t JOIN users u ON u."id" = t."userId" '
            'WHERE t."id" = :t AND u."identifier" = :u'
        ),
        {"t": thread_id, "u": username},
    ).first()
    if row is None:
        raise UserError("chat_thread_not_found", id=thread_id)
    return as_dict(row[0])


def load_state(s: Session, username: str, thread_id: str) -> ConversationState:
    """The conversation state of one of the manager's threads (UserError for any other)."""
    return ConversationState.from_dict(_metadata(s, username, thread_id).get(METADATA_KEY))


def save_turn(
    s: Session,
    username: str,
    thread_id: str | None,
    question: str,
    answer: str,
    state: ConversationState,
) -> str:
    """Append the question and the answer to the thread (a new one without an id)."""
    meta_t = _json(s)
    if thread_id is None:
        thread_id = str(uuid.uuid4())
        s.execute(
            sa.text(
                'INSERT INTO threads ("id", "createdAt", "name", "userId", "userIdentifier", '
                '"metadata") VALUES (:id, :at, :name, :uid, :u, :meta)'
            ).bindparams(sa.bindparam("meta", type_=meta_t)),
            {
                "id": thread_id,
                "at": _now(),
                "name": question[:NAME_CHARS],
                "uid": _user_id(s, username),
                "u": username,
                "meta": {METADATA_KEY: state.to_dict()},
            },
        )
    else:
        meta = _metadata(s, username, thread_id)
        meta[METADATA_KEY] = state.to_dict()
        s.execute(
            sa.text('UPDATE threads SET "metadata" = :meta WHERE "id" = :id').bindparams(
                sa.bindparam("meta", type_=meta_t)
            ),
            {"id": thread_id, "meta": meta},
        )
    for kind, text in (("user_message", question), ("assistant_message", answer)):
        at = _now()
        s.execute(
            sa.text(
                'INSERT INTO steps ("id", "name", "type", "threadId", "streaming", "output", '
                '"createdAt", "start", "end", "metadata") '
                "VALUES (:id, :name, :type, :t, :streaming, :output, :at, :at, :at, :meta)"
            ).bindparams(sa.bindparam("meta", type_=meta_t)),
            {
                "id": str(uuid.uuid4()),
                "name": username if kind == "user_message" else "Gesprekscoach",
                "type": kind,
                "t": thread_id,
                "streaming": False,
                "output": text,
                "at": at,
                "meta": {},
            },
        )
    return thread_id


__all__ = ["load_state", "save_turn"]
