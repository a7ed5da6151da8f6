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
from functools import lru_cache

from coach import topics as topic_rules
from coach.prep.models import CORE_TOPICS, GAP_DAYS, Citation, CitationKind

_CACHE_MAX = 200_000
_cache: dict[str, frozenset[str]] = {}


@lru_cache(maxsize=1)
def _tables() -> tuple[
    dict[str, frozenset[str]],
    dict[str, frozenset[str]],
    tuple[tuple[str, str], ...],
    tuple[tuple[str, str], ...],
]:
    """The classifier's own keyword table (one source of truth), indexed for lookups:
    exact words, prefixes, infixes and phrases."""
    exact: dict[str, set[str]] = {}
    prefix: dict[str, set[str]] = {}
    infix: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    for topic, entries in topic_rules._COMPILED.items():
        for kind, key in entries:
            if kind == "exact":
                exact.setdefault(key, set()).add(topic)
            elif kind == "prefix":
                prefix.setdefault(key, set()).add(topic)
            elif kind == "infix":
                infix.append((topic, key))
            else:
                phrases.append((topic, f" {key} "))
    return (
        {k: frozenset(v) for k, v in exact.items()},
        {k: frozenset(v) for k, v in prefix.items()},
        tuple(infix),
        tuple(phrases),
    )


@lru_cache(maxsize=200_000)
def _word_topics(word: str) -> frozenset[str]:
    """Topics one word hits on its own: the exact, prefix and infix rules of coach.topics."""
    exact, prefix, infix, _ = _tables()
    found = set(exact.get(word, ()))
    for i in range(1, len(word) + 1):
        found |= prefix.get(word[:i], frozenset())
    for topic, key in infix:
        if key in word and not word.startswith(key):
            found.add(topic)
    return frozenset(found)


def fast_classify(text: str) -> frozenset[str]:
    """Same answer as coach.topics.classify(text), word by word with a per-word cache.

    classify() tries every keyword on every word (about 1 ms a note); words repeat across
    notes, so caching per word makes a 10k-note history affordable. A unit test checks that
    both agree on every demo and knowledge text.
    """
    words = [w for w in topic_rules.tokens(text) if w not in topic_rules._EXCLUDE_WORDS]
    found: set[str] = set()
    for w in set(words):
        found |= _word_topics(w)
    joined = " " + " ".join(words) + " "
    for topic, phrase in _tables()[3]:
        if topic not in found and phrase in joined:
            found.add(topic)
    return frozenset(found)


def topics_of(text: str, key: str = "") -> frozenset[str]:
    """The text's topics, memoised on the content hash (computed here when not given)."""
    key = key or hashlib.sha256(text.encode("utf-8")).hexdigest()
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        hit = fast_classify(text)
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
