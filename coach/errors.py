"""Errors meant for people: a message key from the catalogue plus its parameters.

Services raise UserError; the CLI and the chat app render it in the user's language.
NotFound is the repository's "no such row for this manager"; it is defined here so the app
can catch it without importing the storage layer.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(LookupError):
    """A row does not exist for this manager (it may exist for another: we do not say)."""

    def __init__(self, kind: str, ref: object) -> None:
        super().__init__(f"{kind} not found: {ref}")
        self.kind = kind
        self.ref = ref
