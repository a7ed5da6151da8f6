"""Draft the follow-up message after a 1:1 (Dutch or English, e-mail or chat).

Warm and concrete on purpose: thanks, what we agreed, who does what by when, and the next
date. The manager always edits and sends it; nothing is sent automatically.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal
from urllib.parse import quote

from coach.followup.extract import ActionItemDraft, FollowupResult

__all__ = ["draft_message", "mailto_link", "format_date"]

_DAYS = {
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_TEXT = {
    "nl": {
        "hello": "Hoi {name},",
        "thanks": "Dank je wel voor ons gesprek van vandaag. Fijn dat we de tijd namen om "
        "bij te praten.",
        "thanks_chat": "Dank voor ons gesprek van vandaag!",
        "agreed": "Wat we hebben afgesproken:",
        "actions": "Wie doet wat:",
        "me": "Ik",
        "you": "Jij",
        "by": "uiterlijk {date}",
        "no_actions": "We hebben geen concrete acties afgesproken.",
        "next": "Ons volgende gesprek staat op {when}.",
        "no_next": "Laten we snel een moment prikken voor ons volgende gesprek.",
        "closing": "Laat het me weten als ik iets over het hoofd heb gezien.",
        "bye": "Groet,",
        "at": "om",
    },
    "en": {
        "hello": "Hi {name},",
        "thanks": "Thank you for our conversation today. I'm glad we took the time to catch up.",
        "thanks_chat": "Thanks for our chat today!",
        "agreed": "What we agreed:",
        "actions": "Who does what:",
        "me": "Me",
        "you": "You",
        "by": "by {date}",
        "no_actions": "We did not agree on any concrete actions.",
        "next": "Our next conversation is on {when}.",
        "no_next": "Let's find a moment soon for our next conversation.",
        "closing": "Let me know if I missed anything.",
        "bye": "Best,",
        "at": "at",
    },
}


def format_date(value: date, language: str) -> str:
    """ "vrijdag 14 maart" / "Friday 14 March" without relying on system locales."""
    lang = language if language in _DAYS else "nl"
    return f"{_DAYS[lang][value.weekday()]} {value.day} {_MONTHS[lang][value.month - 1]}"


def _who(item: ActionItemDraft, lang: str) -> str:
    if item.owner == "manager":
        return _TEXT[lang]["me"]
    if item.owner == "employee":
        return _TEXT[lang]["you"]
    return item.owner or "?"


_LEADING_DOER_RE = re.compile(
    r"^(?:ik|i|we|wij|jij|je|you|hij|zij|ze|he|she|[A-ZÀ-Ý][\w\-]+)"
    r"(?:'ll|\s+will|\s+(?:is|am|are)\s+going\s+to|'m\s+going\s+to|\s+gaat|\s+ga|\s+zal)?\s+",
    re.IGNORECASE,
)


def _task_text(item: ActionItemDraft) -> str:
    """Drop the doer from the start ("Sanne stuurt ..." -> "stuurt ..."): the label says who."""
    text = item.text.strip()
    m = _LEADING_DOER_RE.match(text)
    if m and len(text[m.end() :].split()) >= 2:
        first = m.group(0).split()[0].lower().split("'")[0]
        pronoun = first in {
            "ik",
            "i",
            "we",
            "wij",
            "jij",
            "je",
            "you",
            "hij",
            "zij",
            "ze",
            "he",
            "she",
        }
        if pronoun or item.owner not in ("manager", "employee") or text[:1].isupper():
            return text[m.end() :]
    return text[:1].lower() + text[1:]


def _action_line(item: ActionItemDraft, lang: str) -> str:
    line = f"- {_who(item, lang)}: {_task_text(item)}"
    if item.due is not None:
        line += f" ({_TEXT[lang]['by'].format(date=format_date(item.due, lang))})"
    elif item.due_phrase:
        line += f" ({item.due_phrase})"
    return line


def draft_message(
    result: FollowupResult,
    *,
    language: str,
    employee_first_name: str,
    manager_first_name: str,
    next_meeting: datetime | None,
    style: Literal["email", "chat"] = "email",
) -> str:
    """A ready-to-edit follow-up message from the manager to the employee."""
    lang = language if language in _TEXT else "nl"
    t = _TEXT[lang]
    order = {"manager": 0, "employee": 1}
    items = sorted(result.action_items, key=lambda a: (order.get(a.owner, 2), a.due or date.max))
    parts: list[str] = [t["hello"].format(name=employee_first_name)]
    parts.append(t["thanks"] if style == "email" else t["thanks_chat"])
    if result.decisions:
        parts.append("\n".join([t["agreed"], *(f"- {d}" for d in result.decisions)]))
    if items:
        parts.append("\n".join([t["actions"], *(_action_line(a, lang) for a in items)]))
    else:
        parts.append(t["no_actions"])
    if next_meeting is not None:
        when = format_date(next_meeting.date(), lang)
        if style == "email":
            when += f" {t['at']} {next_meeting:%H:%M}"
        parts.append(t["next"].format(when=when))
    elif style == "email":
        parts.append(t["no_next"])
    if style == "email":
        parts.append(t["closing"])
        parts.append(f"{t['bye']}\n{manager_first_name}")
        return "\n\n".join(parts)
    return "\n".join(parts) + f"\n{manager_first_name}"


def mailto_link(to: str | None, subject: str, body: str) -> str:
    """RFC 6068 mailto: link; line breaks become %0D%0A and everything else is encoded."""
    address = quote(to or "", safe="@.+-_")
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(crlf_body, safe='')}"
