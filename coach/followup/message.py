"""Draft the follow-up message after a 1:1 (Dutch or English, e-mail or chat).

Short and in the manager's voice, to the employee ("jij"): thanks, "zoals besproken", who does
what by when as "Jij / Ik / Samen" lines, and the next date. Special categories of personal
data stay out by default (coach.followup.privacy). Nothing is sent automatically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal
from urllib.parse import quote

from coach.followup import todo
from coach.followup.extract import ActionItemDraft, FollowupResult
from coach.followup.privacy import is_special
from coach.followup.voice import second_person

__all__ = ["Message", "compose", "mailto_link", "format_date"]

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
        "thanks": "Dank je wel voor ons gesprek van vandaag. Zoals besproken zet ik onze "
        "afspraken op een rij:",
        "thanks_chat": "Dank voor ons gesprek! Zoals besproken:",
        "thanks_none": "Dank je wel voor ons gesprek van vandaag.",
        "agreed": "We hebben afgesproken:",
        "me": "Ik",
        "you": "Jij",
        "both": "Samen",
        "by": "uiterlijk {date}",
        "on": "op {date}",
        "no_actions": "We hebben geen concrete acties afgesproken.",
        "next": "Ons volgende gesprek staat op {when}.",
        "no_next": "Laten we snel een moment prikken voor ons volgende gesprek.",
        "closing": "Laat het me weten als ik iets over het hoofd heb gezien.",
        "bye": "Groet,",
        "at": "om",
    },
    "en": {
        "hello": "Hi {name},",
        "thanks": "Thank you for our conversation today. As discussed, here is what we agreed:",
        "thanks_chat": "Thanks for our chat! As discussed:",
        "thanks_none": "Thank you for our conversation today.",
        "agreed": "We agreed:",
        "me": "Me",
        "you": "You",
        "both": "Together",
        "by": "by {date}",
        "on": "on {date}",
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
    if item.owner == "both":
        return _TEXT[lang]["both"]
    return item.owner or "?"


_DEADLINE_RE = re.compile(
    r"\b(?:voor|uiterlijk|eind|einde|binnen|over|tegen|by|before|end|within|in)\b", re.I
)


def _as_todo(text: str, lang: str) -> str:
    """An item typed as a sentence ("Sanne stuurt het overzicht") in to-do form; the line's
    label already says who."""
    done = (todo.english if lang == "en" else todo.dutch)(text, set())
    return done.text if done.subject is not None and done.text else text


def _action_line(item: ActionItemDraft, lang: str, employee: str) -> str:
    text = second_person(_as_todo(item.text, lang), lang, employee, voice=item.voice)
    if item.owner == "both":  # the label already says "Samen"
        text = re.sub(r"\s*\b(?:samen|together)\b", "", text, flags=re.I).strip() or text
    line = f"- {_who(item, lang)}: {text[:1].lower() + text[1:]}"
    if item.due is not None:
        phrase = item.due_phrase or ""
        key = "by" if _DEADLINE_RE.search(phrase) or item.owner != "both" else "on"
        line += f", {_TEXT[lang][key].format(date=format_date(item.due, lang))}"
    return line


@dataclass(frozen=True)
class Message:
    """The message text and what was kept out of it (shown to the manager, never sent)."""

    text: str
    left_out: list[str] = field(default_factory=list)


def compose(
    result: FollowupResult,
    *,
    language: str,
    employee_first_name: str,
    manager_first_name: str,
    next_meeting: datetime | None,
    style: Literal["email", "chat"] = "email",
    include_special: bool = False,
) -> Message:
    """A short message from the manager to the employee, in the second person.

    Agreements become "Jij / Ik / Samen" lines with their dates. Items and decisions that
    touch a special category of personal data (health, family, religion, union) are left out
    unless `include_special`, and listed in `left_out` so the manager can see it.
    """
    lang = language if language in _TEXT else "nl"
    t = _TEXT[lang]
    left_out: list[str] = []

    def keep(text: str) -> bool:
        if include_special or not is_special(text):
            return True
        left_out.append(text)
        return False

    order = {"employee": 0, "manager": 1, "both": 2}
    items = sorted(
        (a for a in result.action_items if keep(a.text)),
        key=lambda a: (order.get(a.owner, 3), a.due or date.max),
    )
    decisions = [d for d in result.decisions if keep(d)]
    parts: list[str] = [t["hello"].format(name=employee_first_name)]
    if items or decisions:
        parts.append(t["thanks"] if style == "email" else t["thanks_chat"])
    else:
        parts.append(t["thanks_none"])
    lines = [_action_line(a, lang, employee_first_name) for a in items]
    lines += [
        f"- {t['agreed'].rstrip(':')}: {second_person(d, lang, employee_first_name)}"
        for d in decisions
    ]
    parts.append("\n".join(lines) if lines else t["no_actions"])
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
        return Message("\n\n".join(parts), left_out)
    return Message("\n".join(parts) + f"\n{manager_first_name}", left_out)


def mailto_link(to: str | None, subject: str, body: str) -> str:
    """RFC 6068 mailto: link; line breaks become %0D%0A and everything else is encoded."""
    address = quote(to or "", safe="@.+-_")
    crlf_body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(crlf_body, safe='')}"
