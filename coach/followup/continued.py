"""Link a new commitment to the open item it continues, so /acties holds no duplicates.

"Daan plant volgende week alsnog het gesprek met de bedrijfsarts" continues the open item
"Gesprek met de bedrijfsarts plannen" of the same person. Two items are the same subject when
they share at least two content words (crude stems, so "plannen"/"plant" and
"offerte"/"offertes" meet) that make up most of the shorter item. Pairs are linked one to one,
best first. Why not embeddings: precision matters more than recall here (a wrong link would
change someone else's commitment), and shared content words are what a manager checks too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.followup.lexicon import EN_STOPWORDS, NL_STOPWORDS

MIN_SHARED = 2
MIN_SHARE = 0.6  # shared content words / content words of the shorter item
_WORD_RE = re.compile(r"[a-z0-9à-ÿ]+")
_GENERIC = frozenset(
    """alsnog nog samen together after all still weer again nieuwe new graag even
    plannen inplannen plan schedule maken make sturen send een twee drie vier one two three
    four team laten weten wil willen wilt let know want wants welke which whether kijken look
    doen zorgen""".split()
)
_SUFFIXES = ("ingen", "ing", "en", "es", "ed", "s", "e", "t")


@dataclass(frozen=True)
class OpenItem:
    """An open action item of the person the notes are about."""

    id: int
    text: str
    owner: str
    due: date | None


def _stem(word: str) -> str:
    if word.startswith("her") and len(word) > 8:  # "herverdelen" is "verdelen" again
        word = word[3:]
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    words = _WORD_RE.findall(text.lower())
    stop = NL_STOPWORDS | EN_STOPWORDS | _GENERIC
    return {_stem(w) for w in words if w not in stop and len(w) > 2}


def similarity(a: str, b: str) -> tuple[int, float]:
    """(shared content stems, their share of the shorter item)."""
    sa, sb = content_stems(a), content_stems(b)
    if not sa or not sb:
        return 0, 0.0
    shared = len(sa & sb)
    return shared, shared / min(len(sa), len(sb))


def best_links(texts: Sequence[str], open_items: Sequence[OpenItem]) -> dict[int, int]:
    """Map the index of a new item to the id of the open item it continues."""
    pairs: list[tuple[float, int, int]] = []
    for i, text in enumerate(texts):
        for item in open_items:
            shared, share = similarity(text, item.text)
            if shared >= MIN_SHARED and share >= MIN_SHARE:
                pairs.append((share + 0.01 * shared, i, item.id))
    links: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, item_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in links and item_id not in used:
            links[i] = item_id
            used.add(item_id)
    return links
