"""Server-side login sessions: a Chainlit JWT is honoured only while its hash has a row.

Chainlit's token is a signed, stateless JWT that stays valid until it expires (15 days by
default) whatever happens: logout only deletes the cookie. Keeping the hash of every issued
token in SQL (the one source of truth every process shares) lets logout, a password change
and `coach user sessions revoke` end a session at once, and gives an idle timeout. The raw
token is never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select

from coach.storage.db import Database
from coach.storage.models import LoginSession, utcnow

TOUCH_EVERY = dt.timedelta(seconds=60)  # last_seen is written at most once a minute


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SessionPolicy:
    idle: dt.timedelta
    lifetime: dt.timedelta


class SessionStore:
    def __init__(
        self, db: Database, policy: SessionPolicy, clock: Callable[[], dt.datetime] = utcnow
    ) -> None:
        self.db = db
        self.policy = policy
        self.clock = clock

    def record(self, token: str, username: str) -> None:
        """A token Chainlit has just issued at login."""
        now = self.clock()
        with self.db.session() as s:
            row = s.get(LoginSession, token_hash(token))
            if row is None:
                s.add(
                    LoginSession(
                        token_hash=token_hash(token),
                        username=username,
                        created_at=now,
                        last_seen=now,
                    )
                )

    def alive(self, token: str) -> bool:
        """True for a recorded token within the idle and total lifetime (and marks it seen);
        an expired one is deleted."""
        now = self.clock()
        with self.db.session() as s:
            row = s.get(LoginSession, token_hash(token))
            if row is None:
                return False
            if (
                now - row.last_seen > self.policy.idle
                or now - row.created_at > self.policy.lifetime
            ):
                s.delete(row)
                return False
            if now - row.last_seen > TOUCH_EVERY:
                row.last_seen = now
            return True

    def revoke(self, token: str) -> bool:
        with self.db.session() as s:
            row = s.get(LoginSession, token_hash(token))
            if row is None:
                return False
            s.delete(row)
            return True

    def revoke_user(self, username: str) -> int:
        """End every session of one login (password change, `coach user sessions revoke`)."""
        with self.db.session() as s:
            n = len(
                list(
                    s.scalars(
                        select(LoginSession.token_hash).where(LoginSession.username == username)
                    )
                )
            )
            s.execute(delete(LoginSession).where(LoginSession.username == username))
            return n

    def count(self, username: str) -> int:
        with self.db.session() as s:
            return len(
                list(
                    s.scalars(
                        select(LoginSession.token_hash).where(LoginSession.username == username)
                    )
                )
            )
