"""Turn service results into Chainlit elements and messages (no business logic here)."""

from __future__ import annotations

import chainlit as cl

from coach.chat.service import Source
from coach.security.inert import inert


def source_elements(sources: list[Source]) -> list[cl.Text]:
    """One openable side panel per cited note or knowledge entry, named as in the answer;
    the note's text is untrusted (no images, no HTML: coach.security.inert)."""
    return [cl.Text(name=s.name, content=inert(s.text), display="side") for s in sources]
