"""One way to turn a flat view record into JSON-ready data (the CLI's --json, the exports):
its fields in their declared order, dates as ISO strings, tuples as lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


def _plain(value: object) -> object:
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def jsonable(record: DataclassInstance) -> dict[str, object]:
    """The record's fields by name; None stays None (an unset date is null)."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}
