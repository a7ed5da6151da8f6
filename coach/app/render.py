"""Turn service results into Chainlit elements and messages (no business logic here)."""

from __future__ import annotations

import chainlit as cl

from coach.chat.service import Source


def source_elements(sources: list[Source]) -> list[cl.Text]:
    """One openable side panel per cited note or knowledge entry, named as in the answer."""
    return [cl.Text(name=s.name, content=s.text, display="side") for s in sources]
