"""Login: password (argon2, managers table) and OAuth (provider user -> manager row)."""

from __future__ import annotations

import asyncio
from typing import Any

import chainlit as cl

from coach import auth
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import Manager


def to_user(m: Manager) -> cl.User:
    return cl.User(
        identifier=m.username,
        display_name=m.display_name or m.username,
        metadata={"manager_id": m.id, "language": m.language, "provider": "credentials"},
    )


async def password_login(db: Database, username: str, password: str) -> cl.User | None:
    if not username.strip() or not password:
        return None
    m = await asyncio.to_thread(auth.authenticate, db, username, password)
    return to_user(m) if m is not None else None


def oauth_manager(db: Database, provider: str, raw: dict[str, Any], fallback: str) -> Manager:
    """The manager for an OAuth login; created on first login with username = email."""
    email = str(raw.get("email") or raw.get("mail") or raw.get("userPrincipalName") or fallback)
    username = email.strip().lower()
    with db.session() as s:
        m = repo.find_manager(s, username)
        if m is not None:
            return m
        name = str(raw.get("name") or raw.get("displayName") or username)
        return repo.add_manager(
            s, username, password_hash=None, display_name=name, language="nl", email=email
        )


async def oauth_login(
    db: Database, provider: str, raw: dict[str, Any], default_user: cl.User
) -> cl.User | None:
    if not (raw.get("email") or raw.get("mail") or default_user.identifier):
        return None
    m = await asyncio.to_thread(oauth_manager, db, provider, raw, default_user.identifier)
    user = to_user(m)
    user.metadata["provider"] = provider
    return user


def manager_of(db: Database, user: cl.User | None) -> tuple[int, str, str] | None:
    """The manager behind a Chainlit user, looked up by the signed username every time
    (an id cached in metadata could be stale after the account was recreated)."""
    if user is None:
        return None
    with db.session() as s:
        m = repo.find_manager(s, user.identifier)
        return (m.id, m.language, m.display_name or m.username) if m is not None else None
