"""Careful attention signals from a 1:1 (low energy, flight risk, wellbeing, conflict).

These are prompts for the manager to check in, never a diagnosis: the wording names what was
heard, quotes the evidence, and suggests an open question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SignalKind = Literal["low_energy", "flight_risk", "wellbeing", "conflict"]


@dataclass
class Signal:
    kind: SignalKind
    text: str
    evidence: str


_PATTERNS: dict[SignalKind, re.Pattern[str]] = {
    "low_energy": re.compile(
        r"\b(?:moe|vermoeid|uitgeput|uitgeblust|weinig energie|geen energie|leeg|op van de|"
        r"slaap slecht|slecht geslapen|geen fut|tired|exhausted|drained|worn out|low energy|"
        r"no energy|running on empty|sleeping badly|sleep badly|took a lot out of me|"
        r"heeft veel gevraagd)\b",
        re.IGNORECASE,
    ),
    "flight_risk": re.compile(
        r"\b(?:vacatures?|solliciteer\w*|andere baan|nieuwe baan|weggaan|vertrekken|opzeggen|"
        r"ontslag nemen|hier nog wil(?:t|len)? blijven|elders|recruiters?|headhunters?|"
        r"job ads?|other jobs?|new job|looking around|applying|leave the company|quit|"
        r"resign\w*|want to stay here|wonder whether you want to stay)\b",
        re.IGNORECASE,
    ),
    "wellbeing": re.compile(
        r"\b(?:ziek|ziekte|gezondheid|huisarts|bedrijfsarts|mantelzorg|zorgen|stress|"
        r"gestrest|overspannen|slaap slecht|verbouwing|scheiding|overleden|rouw|"
        r"thuissituatie|sick|illness|health|doctor|worried|worries|anxious|stressed|"
        r"overwhelmed|sleeping badly|divorce|passed away|grief|caring for|home situation|"
        r"renovation)\b",
        re.IGNORECASE,
    ),
    "conflict": re.compile(
        r"\b(?:conflict|ruzie|spanning|botsing|frictie|stroef|niet gehoord|irritatie|"
        r"rommelig|tension|friction|clash|argument|not heard|difficult to work with|"
        r"doesn't get along|messy|is difficult)\b",
        re.IGNORECASE,
    ),
}
_NEGATION_RE = re.compile(r"\b(?:niet|geen|not|no|never|nooit)\s+(?:\w+\s+)?$", re.IGNORECASE)

_TEMPLATES: dict[str, dict[SignalKind, str]] = {
    "nl": {
        "low_energy": "Er klonk weinig energie door ('{q}'); vraag hoe het nu gaat.",
        "flight_risk": (
            "Er kwam iets langs over rondkijken of vertrekken ('{q}'); bespreek open wat "
            "{who} nodig heeft om hier te willen blijven."
        ),
        "wellbeing": (
            "Er werd iets persoonlijks gedeeld ('{q}'); check hoe het gaat en wijs waar het "
            "past op steun, zoals de bedrijfsarts of vertrouwenspersoon."
        ),
        "conflict": (
            "Er lijkt wat te schuren in de samenwerking ('{q}'); vraag door naar wat er speelt "
            "voordat je conclusies trekt."
        ),
    },
    "en": {
        "low_energy": "Energy seemed low ('{q}'); ask how things are going now.",
        "flight_risk": (
            "Something came up about looking elsewhere ('{q}'); talk openly about what {who} "
            "needs to want to stay."
        ),
        "wellbeing": (
            "Something personal was shared ('{q}'); check in on how it is going and, where it "
            "fits, point to support such as occupational health or a confidential adviser."
        ),
        "conflict": (
            "There seems to be some friction in the collaboration ('{q}'); ask what is going on "
            "before drawing conclusions."
        ),
    },
}


def _quote(sentence: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", sentence).strip().strip("'\"")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _hit(pattern: re.Pattern[str], sentence: str) -> bool:
    return any(not _NEGATION_RE.search(sentence[: m.start()]) for m in pattern.finditer(sentence))


def detect_signals(sentences: list[str], language: str, employee: str | None) -> list[Signal]:
    """At most one signal per kind, quoting the first sentence that triggered it."""
    lang = language if language in _TEMPLATES else "nl"
    who = employee or ("je medewerker" if lang == "nl" else "your team member")
    found: list[Signal] = []
    for kind, pattern in _PATTERNS.items():
        for sentence in sentences:
            if _hit(pattern, sentence):
                quote = _quote(sentence)
                found.append(Signal(kind, _TEMPLATES[lang][kind].format(q=quote, who=who), quote))
                break
    return found
