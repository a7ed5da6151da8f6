"""One way to turn a flat view record into JSON-ready data (the CLI's --json, the exports):
its fields in their declared order, dates as ISO strings, tuples as lists. And one way to
keep a flow's state in a thread's metadata and read it back (`Stored`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import Field, asdict, fields
from typing import TYPE_CHECKING, Any, ClassVar, Self

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


class Stored:
    """Base of a dataclass kept as JSON in a thread's metadata, which a resumed thread reads
    back: `to_dict` writes the fields; `from_dict` keeps the keys that name a field, lets the
    class check them (`_read`) and gives a fresh state, never an error, for anything it
    cannot read (another version's metadata, a hand-edited row)."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object) -> Self:
        if not isinstance(raw, dict):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        try:
            return cls._read(known)
        except (TypeError, ValueError):
            return cls()

    @classmethod
    def _read(cls, known: dict[str, Any]) -> Self:
        """The state from the stored values of its fields; TypeError or ValueError where
        they make none."""
        return cls(**known)
