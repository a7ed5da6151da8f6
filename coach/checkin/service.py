"""Check-in links: create, revoke, resolve and submit (storage side of the employee page).

Only the SHA-256 hash of a token is stored; a token is looked up by its hash (an indexed,
unique column), so no comparison ever runs over secret material character by character.
Links are single use: after a successful submit `used_at` is set and the link resolves as
"used" (the page then shows the same friendly "this link does not work" text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coach.checkin.page import CheckinAnswers
from coach.checkin.tokens import hash_token, looks_like_token, new_token, verify
from coach.clock import Clock
from coach.errors import UserError
from coach.settings import AppSettings
from coach.storage import repo
from coach.storage.db import Database
from coach.storage.models import CheckinLink
from coach.team.lookup import person_or_error

Reason = Literal["invalid", "expired", "revoked", "used"]
MAX_DAYS_VALID = 90


class CheckinError(Exception):
    """A token that cannot be used; `reason` is invalid, expired, revoked or used."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason)
        self.reason: Reason = reason


@dataclass(frozen=True)
class CheckinPerson:
    """What the page may know about the employee behind a valid link."""

    id: int
    name: str
    first_name: str
    language: str


def _utcnow_naive(now: datetime | None, clock: Clock) -> datetime:
    moment = now or clock()
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class CheckinService:
    """Check-in links for one deployment; every manager-facing call is scoped by manager_id."""

    def __init__(self, db: Database, app: AppSettings, *, now: Clock) -> None:
        self.db = db
        self.app = app  # where the employee page is served (public_url, else host and port)
        self.now = now

    def base_url(self) -> str:
        app = self.app
        return (app.public_url or f"http://{app.host}:{app.port}").rstrip("/")

    def create_link(
        self,
        manager_id: int,
        person_ref: str,
        days_valid: int = 14,
        *,
        now: datetime | None = None,
    ) -> tuple[str, int]:
        """A new link for one of the manager's people; returns (url, link id)."""
        if not 1 <= days_valid <= MAX_DAYS_VALID:
            raise UserError("checkin_days_invalid", limit=MAX_DAYS_VALID)
        token = new_token()
        moment = _utcnow_naive(now, self.now)
        with self.db.session() as s:
            person = person_or_error(s, manager_id, person_ref)
            link = CheckinLink(
                manager_id=manager_id,
                person_id=person.id,
                token_hash=hash_token(token),
                expires_at=moment + timedelta(days=days_valid),
                created_at=moment,
            )
            s.add(link)
            s.flush()
            link_id = link.id
        return f"{self.base_url()}/checkin/{token}", link_id

    def revoke(self, manager_id: int, link_id: int, *, now: datetime | None = None) -> None:
        """Make a link unusable at once; only the manager who made it can revoke it."""
        with self.db.session() as s:
            link = s.scalar(
                select(CheckinLink).where(
                    CheckinLink.id == link_id, CheckinLink.manager_id == manager_id
                )
            )
            if link is None:
                raise UserError("checkin_link_not_found", id=link_id)
            if link.revoked_at is None:
                link.revoked_at = _utcnow_naive(now, self.now)

    def _link(self, s: Session, token: str, moment: datetime) -> CheckinLink:
        if not looks_like_token(token):
            raise CheckinError("invalid")
        digest = hash_token(token)
        link = s.scalar(select(CheckinLink).where(CheckinLink.token_hash == digest))
        if link is None or not verify(token, link.token_hash):
            raise CheckinError("invalid")
        if link.revoked_at is not None:
            raise CheckinError("revoked")
        if link.used_at is not None:
            raise CheckinError("used")
        if link.expires_at <= moment:
            raise CheckinError("expired")
        return link

    def resolve(self, token: str, *, now: datetime | None = None) -> tuple[int, CheckinPerson]:
        """(manager_id, person) behind a usable token; raises CheckinError otherwise."""
        moment = _utcnow_naive(now, self.now)
        with self.db.session() as s:
            link = self._link(s, token, moment)
            p = repo.get_person(s, link.manager_id, link.person_id)
            first = p.name.split()[0] if p.name.split() else p.name
            return link.manager_id, CheckinPerson(p.id, p.name, first, p.language)

    def submit(
        self, token: str, answers: CheckinAnswers, *, now: datetime | None = None
    ) -> tuple[int, CheckinPerson]:
        """Store the answers for the link's manager and person and use up the link."""
        moment = _utcnow_naive(now, self.now)
        with self.db.session() as s:
            link = self._link(s, token, moment)
            p = repo.get_person(s, link.manager_id, link.person_id)
            repo.add_checkin(s, link.manager_id, p.id, submitted_at=moment, **answers.to_dict())
            link.used_at = moment
            first = p.name.split()[0] if p.name.split() else p.name
            return link.manager_id, CheckinPerson(p.id, p.name, first, p.language)
