"""Recognise what a manager asks of the prep flow, deterministically (no model involved).

Two requests matter in any chat message:
- "bereid mijn gesprek met Sanne voor" / "prepare my 1:1 with Sanne": build a brief;
- "/formulering ...", "hoe zeg ik ...", or a quoted sentence: check a planned sentence.
Both parsers are pure so the chat app stays a thin router and the rules are unit-tested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PHRASING_COMMANDS = ("formulering", "phrasing")

_MEETING = (
    r"(?:(?:volgende|eerstvolgende|next)\s+)?"
    r"(?:1\s*[-:]?\s*op\s*[-:]?\s*1|één\s*-?\s*op\s*-?\s*één|een\s*-?\s*op\s*-?\s*een|1:1|1-1"
    r"|one\s*-?\s*on\s*-?\s*one|1-on-1|gesprek|gesprekje|overleg|meeting|conversation|check-?in)"
)
_DET = r"(?:(?:mijn|het|ons|de|een|m'n|my|the|our|a|an)\s+)"
_LEAD = (
    r"^(?:(?:hoi|hey|hi|hallo|ok[eé]?|oké|graag|please|pls|alsjeblieft|svp)[,!]?\s+"
    r"|(?:kun|kan|wil|zou)\s+je\s+(?:me\s+)?(?:helpen\s+)?(?:(?:om\s+)?)"
    r"|(?:can|could|would|will)\s+you\s+(?:help\s+me\s+)?"
    r"|help\s+(?:me\s+)?(?:om\s+|to\s+)?|ik\s+wil\s+(?:graag\s+)?|i\s+(?:want|would\s+like|'d\s+like)"
    r"\s+to\s+|let's\s+|laten\s+we\s+)*"
)
_NAME = r"(?P<name>.+?)"
_END = r"\s*[.!?]*\s*$"

_WITH_NAME = [
    # bereid mijn gesprek met Sanne voor / bereid het 1-op-1 met Sanne morgen voor
    rf"bereid\s+{_DET}?(?:{_MEETING}\s+)?met\s+{_NAME}(?:\s+voor)?",
    # (ik wil) mijn gesprek met Sanne voorbereiden / ... voor te bereiden
    rf"{_DET}?{_MEETING}\s+met\s+{_NAME}\s+voor\s*(?:te\s+)?bereiden",
    # voorbereiding (op/voor) mijn gesprek met Sanne
    rf"voorbereiding\s+(?:(?:op|voor|van)\s+)?{_DET}?(?:{_MEETING}\s+)?met\s+{_NAME}",
    # wat moet ik bespreken met Thomas?
    rf"wat\s+(?:moet|wil|kan|zal)\s+ik\s+(?:bespreken|bespreken\s+in\s+{_DET}?{_MEETING})"
    rf"\s+met\s+{_NAME}",
    # prepare (for) my 1:1 with Sanne / prep my meeting with Sanne
    rf"prep(?:are)?\s+(?:for\s+)?{_DET}?(?:{_MEETING}\s+)?(?:with|for)\s+{_NAME}",
    # get ready for my 1:1 with Sanne
    rf"get\s+ready\s+for\s+{_DET}?{_MEETING}\s+with\s+{_NAME}",
    # what should I discuss with Marta?
    rf"what\s+(?:should|shall|do|can)\s+i\s+(?:discuss|talk\s+about|cover|bring\s+up)\s+with"
    rf"\s+{_NAME}",
]
_WITHOUT_NAME = [
    rf"bereid\s+{_DET}?{_MEETING}\s+voor",
    rf"{_DET}?{_MEETING}\s+voor\s*(?:te\s+)?bereiden",
    rf"prep(?:are)?\s+(?:for\s+)?{_DET}?{_MEETING}",
    rf"get\s+ready\s+for\s+{_DET}?{_MEETING}",
]
_WITH_RE = [re.compile(_LEAD + p + _END, re.I) for p in _WITH_NAME]
_WITHOUT_RE = [re.compile(_LEAD + p + _END, re.I) for p in _WITHOUT_NAME]

# When the meeting is, said after the name: not part of the name.
_TIME_TAIL = re.compile(
    r"(?:^|(?:\s+(?:van|op|voor|for|on))?\s+)(?:morgen(?:ochtend|middag)?|vandaag|straks|vanmiddag"
    r"|vanochtend|overmorgen|(?:deze|volgende)\s+week|maandag|dinsdag|woensdag|donderdag"
    r"|vrijdag|tomorrow|today|later(?:\s+today)?|this\s+(?:week|afternoon|morning)|next\s+week"
    r"|monday|tuesday|wednesday|thursday|friday)$",
    re.I,
)
_NAME_OK = re.compile(r"^[^\W\d_][\w'’.\- ]{0,59}$")
MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class PrepIntent:
    """A request for a brief; `name` is None when the manager did not say who it is about."""

    name: str | None


def _clean_name(raw: str) -> str | None:
    """The name without quotes and a trailing 'morgen'/'tomorrow'; '' when only a time was
    said, None when it cannot be a name (digits, too many words)."""
    name = raw.strip().strip("\"'“”‘’«»„").strip()
    previous = None
    while previous != name:
        previous = name
        name = _TIME_TAIL.sub("", name).strip().rstrip(",;:").strip()
    name = " ".join(name.split())
    if not name:
        return ""
    if len(name.split()) > MAX_NAME_WORDS or not _NAME_OK.match(name):
        return None
    return name


def parse_prep_intent(text: str) -> PrepIntent | None:
    """'Bereid mijn gesprek met Sanne voor' -> PrepIntent('Sanne'); other text -> None."""
    line = " ".join(text.split())
    if not line or len(line) > 200 or line.startswith("/"):
        return None
    for rx in _WITH_RE:
        m = rx.match(line)
        if m:
            name = _clean_name(m.group("name"))
            if name is not None:
                return PrepIntent(name or None)
    if any(rx.match(line) for rx in _WITHOUT_RE):
        return PrepIntent(None)
    return None


_PAIRS = {'"': '"”', "“": '”"', "„": '”“"', "«": "»", "‘": "’'"}
_HOW_TO_SAY = re.compile(
    r"^(?:hoe\s+(?:zeg|formuleer|verwoord|breng)\s+ik|hoe\s+kan\s+ik\s+(?:zeggen|formuleren)"
    r"|how\s+(?:do|should|can)\s+i\s+(?:say|phrase|word|put)|how\s+to\s+(?:say|phrase))\b",
    re.I,
)
_COMMAND = re.compile(r"^/(?P<cmd>[A-Za-z]+)\b\s*", re.I)


def _unquote(text: str) -> tuple[str, bool]:
    """The quoted sentence (and True) when the text starts with a quote, or has one right
    after a colon ('tegen Sanne: "..."'); else the text itself (and False)."""
    s = text.strip()
    if len(s) > 2 and s[0] == "'" and s[-1] == "'":
        return s[1:-1].strip(), True
    for i, ch in enumerate(s):
        if ch in _PAIRS and (i == 0 or s[:i].rstrip().endswith(":")):
            end = max(s.rfind(c, i + 1) for c in _PAIRS[ch])
            return (s[i + 1 : end] if end > i else s[i + 1 :]).strip(), True
    return s, False


def parse_phrasing(text: str, command: str | None = None) -> str | None:
    """The sentence a manager plans to say, if they ask to check it; else None.

    Recognised: the composer command /formulering or /phrasing (typed or chosen), a message
    starting with "hoe zeg ik" / "how do I say", or a message that starts with a quote.
    An empty string means "asked, but said nothing to check" (the app shows the usage).
    """
    s = text.strip()
    if command and command.strip().lstrip("/").lower() in PHRASING_COMMANDS:
        return _unquote(s)[0]
    m = _COMMAND.match(s)
    if m:
        if m.group("cmd").lower() not in PHRASING_COMMANDS:
            return None
        return _unquote(s[m.end() :])[0]
    m = _HOW_TO_SAY.match(s)
    if m:
        rest = s[m.end() :].strip()
        literal = rest.startswith(":")
        rest = rest.lstrip(":").strip()
        inner, quoted = _unquote(rest)
        if quoted or literal:
            return inner
        return rest.rstrip("?").strip()
    inner, quoted = _unquote(s)
    return inner if quoted and (s[0] in _PAIRS or s[0] == "'") else None
