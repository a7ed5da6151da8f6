"""Short per-topic summaries of a 1:1 (extractive: 1-2 informative sentences per topic)."""

from __future__ import annotations

import math
import re
from collections import Counter

from coach.followup.summarise import content_words
from coach.topics import TOPICS, classify

_MAX_WORDS = 25


def _shorten(sentence: str, max_words: int = _MAX_WORDS) -> str:
    words = sentence.split()
    if len(words) <= max_words:
        return sentence.strip()
    return " ".join(words[:max_words]).rstrip(",;:") + " …"


def topic_summary(sentences: list[str], language: str) -> dict[str, str]:
    """Map topic (TOPICS + "other") to its most informative 1-2 sentences, shortened.

    Informative = many distinct content words that are rare in this conversation; questions
    and one-word replies are skipped because they carry little of what was said.
    """
    usable = [s for s in sentences if not s.rstrip().endswith("?") and len(content_words(s)) >= 2]
    df: Counter[str] = Counter()
    for s in usable:
        df.update(set(content_words(s)))
    n = max(1, len(usable))

    def score(s: str) -> float:
        words = set(content_words(s))
        return sum(math.log((1 + n) / df[w]) + 0.5 for w in words)

    buckets: dict[str, list[tuple[int, str]]] = {}
    for index, s in enumerate(usable):
        found = classify(s)
        for topic in [t for t in TOPICS if t in found] or ["other"]:
            buckets.setdefault(topic, []).append((index, s))
    summary: dict[str, str] = {}
    for topic in (*TOPICS, "other"):
        items = buckets.get(topic)
        if not items:
            continue
        best = sorted(items, key=lambda item: -score(item[1]))[:2]
        text = " ".join(_shorten(s) for _, s in sorted(best))
        summary[topic] = re.sub(r"\s+", " ", text)
    return summary
