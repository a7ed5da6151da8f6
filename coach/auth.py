"""Password hashing (argon2id) and manager accounts."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from coach.errors import UserError
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Manager

_hasher = PasswordHasher()
MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
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


def manager_id(db: Database, username: str) -> int:
    with db.session() as s:
        m = repo.find_manager(s, username)
        if m is None:
            raise UserError("user_not_found", name=username)
        return m.id
