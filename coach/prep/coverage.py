"""Topic coverage: when was each theme of 'het goede gesprek' last discussed, and the gaps.

Pure over dated texts. Each text is classified once per content hash (cached across briefs),
and the newest-first scan stops as soon as every theme has been seen, so a long history
costs little unless a theme was never discussed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.prep.models import CORE_TOPICS, GAP_DAYS, Citation, CitationKind
from coach.topics import classify

_CACHE_MAX = 200_000
_cache: dict[str, frozenset[str]] = {}


def topics_of(text: str, key: str = "") -> frozenset[str]:
    """classify(text), memoised on the content hash (computed here when not given)."""
    key = key or hashlib.sha256(text.encode("utf-8")).hexdigest()
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        hit = frozenset(classify(text))
        _cache[key] = hit
    return hit


@dataclass(frozen=True)
class Dated:
    """A note or meeting summary with its local date; `topics` are explicitly recorded ones."""

    kind: CitationKind
    id: int
    date: dt.date
    text: str
    key: str = ""
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicStatus:
    topic: str
    last: dt.date | None
    source: Citation | None
    days_since: int | None
    gap: bool


def coverage(
    sources: Iterable[Dated],
    today: dt.date,
    *,
    topics: Sequence[str] = CORE_TOPICS,
    gap_days: int = GAP_DAYS,
) -> list[TopicStatus]:
    """Last discussion per topic (on or before today) and whether it is a gap.

    On equal dates a meeting wins over a note: the conversation is the better source.
    """
    ordered = sorted(
        (d for d in sources if d.date <= today),
        key=lambda d: (-d.date.toordinal(), d.kind != "meeting", -d.id),
    )
    wanted = set(topics)
    found: dict[str, Dated] = {}
    for d in ordered:
        hits = (topics_of(d.text, d.key) | set(d.topics)) & wanted
        for topic in hits:
            found.setdefault(topic, d)
        if len(found) == len(wanted):
            break
    out: list[TopicStatus] = []
    for topic in topics:
        src = found.get(topic)
        if src is None:
            out.append(TopicStatus(topic, None, None, None, True))
            continue
        days = (today - src.date).days
        cite = Citation(src.kind, src.id, src.date)
        out.append(TopicStatus(topic, src.date, cite, days, days > gap_days))
    return out
