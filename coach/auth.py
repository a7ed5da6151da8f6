"""Password hashing (argon2id) and manager accounts.

An unknown username (or an account without a password, e.g. an OAuth one) is checked
against a dummy hash with the same parameters, so the answer takes as long as for a known
user and the response time does not tell which usernames exist. Every verify takes one of a
few hashing slots (coach.security.throttle.HashSlots), so a login flood cannot use every core.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coach.errors import UserError
from coach.security.throttle import HashSlots
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Manager

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


_slots = HashSlots(2)


def set_hash_slots(slots: int, wait_s: float = 5.0) -> None:
    """How many verifies may run at once in this process (the app sets it from settings)."""
    global _slots
    _slots = HashSlots(slots, wait_s)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Raises throttle.Busy when no hashing slot frees up in time."""
    with _slots:
        try:
            if not stored_hash:
                _hasher.verify(_dummy_hash(), password)
                return False
            return _hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def create_manager(
    db: Database,
    username: str,
    password: str,
    *,
    display_name: str = "",
    language: str = "nl",
    email: str | None = None,
) -> Manager:
    username = username.strip()
    if not username:
        raise UserError("user_not_found", name=username)
    if not password:
        raise UserError("password_empty")
    if len(password) < MIN_PASSWORD:
        raise UserError("password_short")
    with db.session() as s:
        if repo.find_manager(s, username) is not None:
            raise UserError("user_exists", name=username)
        return repo.add_manager(
            s,
            username,
            password_hash=hash_password(password),
            display_name=display_name,
            language=language,
            email=email,
        )


def authenticate(db: Database, username: str, password: str) -> Manager | None:
    with db.session() as s:
        m = repo.find_manager(s, username.strip())
        if m is None:
            verify_password(None, password)
            return None
        return m if verify_password(m.password_hash, password) else None


def change_password(db: Database, username: str, password: str) -> None:
    """Set a new password; the caller revokes the login's sessions (coach.security.sessions)."""
    if len(password) < MIN_PASSWORD:
        raise UserError("password_empty" if not password else "password_short")
    with db.session() as s:
        m = repo.find_manager(s, username.strip())
        if m is None:
            raise UserError("user_not_found", name=username)
        m.password_hash = hash_password(password)


def manager_id(db: Database, username: str) -> int:
    with db.session() as s:
        m = repo.find_manager(s, username)
        if m is None:
            raise UserError("user_not_found", name=username)
        return m.id


def logins(db: Database, username: str | None = None) -> list[tuple[int, str]]:
    """(id, login) of every manager, or of the one named (an unknown login is a UserError)."""
    if username is not None:
        return [(manager_id(db, username), username)]
    with db.session() as s:
        return [(m.id, m.username) for m in repo.list_managers(s)]


def oauth_account(db: Database, username: str, display_name: str, email: str) -> Manager:
    """The manager behind an OAuth login, created on first login (no password)."""
    with db.session() as s:
        m = repo.find_manager(s, username)
        if m is not None:
            return m
        return repo.add_manager(
            s, username, password_hash=None, display_name=display_name, language="nl", email=email
        )


def account_of(db: Database, username: str) -> tuple[int, str, str] | None:
    """(id, language, display name) of the manager with this username, or None."""
    with db.session() as s:
        m = repo.find_manager(s, username)
        return (m.id, m.language, m.display_name or m.username) if m is not None else None


def set_language(db: Database, manager_id: int, language: str) -> None:
    """Remember the language a manager chose (a removed account is left alone)."""
    with db.session() as s:
        m = s.get(Manager, manager_id)
        if m is not None:
            m.language = language
