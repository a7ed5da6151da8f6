"""Turn service results into Chainlit elements and messages (no business logic here).

Sources are `page` elements: a source's name in the answer is a link, and the source opens
only when it is clicked, on its own page, titled with its own name. (Chainlit 2.12 opens its
side panel by itself as soon as any message of the thread carries a `side` element, titled
after the last one while listing them all, old answers' included: the bug of issue 12.)
"""

from __future__ import annotations

from collections.abc import Mapping

import chainlit as cl

from coach.app import runtime
from coach.chat.service import Source
from coach.chat.tools import ToolSource
from coach.i18n import t
from coach.security.inert import inert


def _audience_line(entry_id: str | None, lang: str) -> str:
    """'Voor: leidinggevenden' when the knowledge entry names its audience (front matter)."""
    if not entry_id:
        return ""
    entry = runtime.container().knowledge.get(entry_id, lang)
    audience = getattr(entry, "audience", None) if entry is not None else None
    if not audience:
        return ""
    label = (
        t(f"source_audience_{audience}", lang) if audience in ("manager", "employee") else audience
    )
    return f"_{t('source_audience', lang, audience=label)}_\n\n"


def source_elements(sources: list[Source], lang: str = "nl") -> list[cl.Text]:
    """One element per cited note or knowledge entry, named as in the answer, opened on click;
    the source text is untrusted (no images, no HTML: coach.security.inert)."""
    out = []
    for s in sources:
        head = f"## {s.name}\n\n"
        if s.kind == "knowledge":
            head += _audience_line(s.entry_id, lang)
        out.append(cl.Text(name=s.name, content=head + inert(s.text), display="page"))
    return out


def tool_source_elements(sources: Mapping[str, ToolSource], lang: str) -> list[cl.Text]:
    """The agent's cited sources, named "[n] title" as listed under its answer."""
    out = []
    for key, s in sources.items():
        name = f"[{key}] {s.title}"
        head = f"## {s.title}\n\n"
        if s.kind == "knowledge":
            head += _audience_line(s.ref, lang)
        out.append(cl.Text(name=name, content=head + inert(s.text), display="page"))
    return out


def sources_list(sources: Mapping[str, ToolSource], lang: str) -> str:
    """The lines under an agent answer that link its markers to their sources."""
    if not sources:
        return ""
    lines = [f"- [{k}] {s.title}" for k, s in sources.items()]
    return f"\n\n**{t('chat_sources_label', lang)}**\n" + "\n".join(lines)
