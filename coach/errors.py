"""Errors meant for people: a message key from the catalogue plus its parameters.

Services raise UserError; the CLI and the chat app render it in the user's language.
"""

from __future__ import annotations


class UserError(Exception):
    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
