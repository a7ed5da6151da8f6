"""Find one of the manager's people from what a user typed, or fail with a friendly error."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import Person


def person_or_error(s: Session, manager_id: int, ref: str | int) -> Person:
    """By id, name or unique first name/prefix, only within this manager's team."""
    try:
        if isinstance(ref, int):
            return repo.get_person(s, manager_id, ref)
        return repo.find_person(s, manager_id, ref)
    except repo.NotFound:
        raise UserError("person_not_found", name=str(ref)) from None
