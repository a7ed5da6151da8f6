"""Login: password (argon2, managers table) and OAuth (provider user -> manager row).

The Chainlit side only: the account reads and writes are coach/auth.py's.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import chainlit as cl

from coach import auth
from coach.container import Container

if TYPE_CHECKING:
    from coach.storage.models import Manager


def to_user(m: Manager) -> cl.User:
    return cl.User(
        identifier=m.username,
        display_name=m.display_name or m.username,
        metadata={"manager_id": m.id, "language": m.language, "provider": "credentials"},
    )


async def password_login(c: Container, username: str, password: str) -> cl.User | None:
    if not username.strip() or not password:
        return None
    m = await asyncio.to_thread(auth.authenticate, c.db, username, password)
    return to_user(m) if m is not None else None


def oauth_manager(c: Container, provider: str, raw: dict[str, Any], fallback: str) -> Manager:
    """The manager for an OAuth login; created on first login with username = email."""
    email = str(raw.get("email") or raw.get("mail") or raw.get("userPrincipalName") or fallback)
    username = email.strip().lower()
    name = str(raw.get("name") or raw.get("displayName") or username)
    return auth.oauth_account(c.db, username, name, email)


async def oauth_login(
    c: Container, provider: str, raw: dict[str, Any], default_user: cl.User
) -> cl.User | None:
    if not (raw.get("email") or raw.get("mail") or default_user.identifier):
        return None
    m = await asyncio.to_thread(oauth_manager, c, provider, raw, default_user.identifier)
    user = to_user(m)
    user.metadata["provider"] = provider
    return user


def manager_of(c: Container, user: cl.User | None) -> tuple[int, str, str] | None:
    """The manager behind a Chainlit user, looked up by the signed username every time
    (an id cached in metadata could be stale after the account was recreated)."""
    if user is None:
        return None
    return auth.account_of(c.db, user.identifier)
