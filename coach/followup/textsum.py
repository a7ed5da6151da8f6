"""The 1:1 summary by topic: every content sentence once, under the one topic it fits best.

Why not a shortened pick per topic: a manager reads the summary to check what was said, so a
sentence that vanishes or shows up twice breaks trust. Headings, dates and attendee lines are
not content. A sentence goes to the topic with the most keyword hits (ties: the order of
TOPICS), "other" when none fits; a label line ("Energie: wisselend") counts its label too.
"""

from __future__ import annotations

import re

from coach.followup.summarise import content_words
from coach.topics import TOPICS, topic_hits

_ATTENDEES_RE = re.compile(
    r"^\s*(?:aanwezig(?:en)?|deelnemers|afwezig|attendees|present|participants|absent|"
    r"datum|date|tijd|time|locatie|location|onderwerp|subject)\s*:",
    re.IGNORECASE,
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|june|july|august|october|jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|"
    "okt|oct|nov|dec"
)
_DATE_RE = re.compile(rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}(?:[-/.]\d{{2,4}})?|\d{{1,2}}\s+(?:{_MONTHS})|"
                      rf"(?:{_MONTHS})\s+\d{{1,2}})\b", re.IGNORECASE)  # fmt: skip
_HEADING_WORDS_RE = re.compile(
    r"\b(?:1[:-]1|one-on-one|notities|notes|verslag|agenda|minutes|gesprek met|meeting with|"
    r"check-in)\b",
    re.IGNORECASE,
)


def is_heading(line: str) -> bool:
    """A title, date or attendee line: "1:1 Sanne - 14 januari", "Aanwezig: Sanne, Mark"."""
    text = line.strip().lstrip("#").strip()
    if not text:
        return True
    if _ATTENDEES_RE.match(text):
        return True
    if text.endswith((".", "!", "?")) or len(text.split()) > 8:
        return False
    rest = _DATE_RE.sub(" ", text)
    if not re.search(r"[A-Za-zÀ-ÿ]{3,}", rest):  # only a date
        return True
    return bool(_DATE_RE.search(text) or _HEADING_WORDS_RE.search(text)) and (
        len(content_words(rest)) <= 4
    )


def best_topic(sentence: str) -> str:
    hits = topic_hits(sentence)
    if not hits:
        return "other"
    return max(TOPICS, key=lambda t: (hits.get(t, 0), -TOPICS.index(t)))


def topic_summary(sentences: list[str], language: str) -> dict[str, str]:
    """Map topic (TOPICS order, then "other") to its sentences, in the order of the notes."""
    buckets: dict[str, list[str]] = {}
    seen: set[str] = set()
    for sentence in sentences:
        text = re.sub(r"\s+", " ", sentence).strip()
        key = text.lower()
        if len(content_words(text)) < 2 or is_heading(text) or key in seen:
            continue
        seen.add(key)
        buckets.setdefault(best_topic(text), []).append(text)
    return {topic: " ".join(buckets[topic]) for topic in (*TOPICS, "other") if topic in buckets}
