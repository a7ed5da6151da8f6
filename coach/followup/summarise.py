"""Extractive summariser: TextRank over TF-IDF sentence vectors (numpy, no model).

Why extractive: the default local LLM is too small to summarise faithfully; picking the most
central sentences never invents content, and the manager sees the original wording.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from coach.followup.lexicon import EN_STOPWORDS, NL_STOPWORDS
from coach.topics import split_sentences

__all__ = ["summarise", "rank_sentences", "content_words"]

_WORD_RE = re.compile(r"[a-z0-9à-ÿ]+")
_FILLERS = frozenset(
    """uh um uhm eh er hmm mm mmm yeah yes ok okay oh right so like just well gonna kinda
    sorta really actually basically maybe think know mean thing things stuff ja nee nou
    zeg eigenlijk gewoon even toch hè""".split()
)
_STOP = (
    NL_STOPWORDS
    | EN_STOPWORDS
    | _FILLERS
    | frozenset(
        """do does did can could would should shall may might must been being were had its
    their them they these those there here which who whom whose when where why how than
    too very s t don didn isn wasn aren doesn ll re ve d m een het""".split()
    )
)


def content_words(text: str) -> list[str]:
    """Lowercase alphanumeric tokens without stop words and fillers."""
    return [w for w in _WORD_RE.findall(text.lower()) if w not in _STOP and len(w) > 1]


def rank_sentences(sentences: Sequence[str], damping: float = 0.85) -> list[float]:
    """TextRank centrality per sentence, using cosine similarity of TF-IDF vectors."""
    bags = [Counter(content_words(s)) for s in sentences]
    vocab: dict[str, int] = {}
    for bag in bags:
        for word in bag:
            vocab.setdefault(word, len(vocab))
    n = len(sentences)
    if n == 0 or not vocab:
        return [0.0] * n
    df = np.zeros(len(vocab))
    for bag in bags:
        for word in bag:
            df[vocab[word]] += 1
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = np.zeros((n, len(vocab)))
    for i, bag in enumerate(bags):
        for word, count in bag.items():
            matrix[i, vocab[word]] = (1 + math.log(count)) * idf[vocab[word]]
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    unit = matrix / norms[:, None]
    sim = unit @ unit.T
    np.fill_diagonal(sim, 0.0)
    row_sums = sim.sum(axis=1)
    row_sums[row_sums == 0] = 1.0
    transition = sim / row_sums[:, None]
    scores = np.full(n, 1.0 / n)
    for _ in range(50):
        new = (1 - damping) / n + damping * transition.T @ scores
        if np.abs(new - scores).sum() < 1e-8:
            scores = new
            break
        scores = new
    return [float(s) for s in scores]


def _shorten(sentence: str, max_words: int) -> str:
    words = sentence.split()
    return sentence if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def summarise(
    sentences_or_text: str | Sequence[str],
    max_words: int = 120,
    *,
    min_words: int = 6,
    max_sentence_words: int = 40,
) -> str:
    """Pick central, non-redundant sentences up to max_words, in their original order."""
    if isinstance(sentences_or_text, str):
        sentences = split_sentences(sentences_or_text)
    else:
        sentences = [s for item in sentences_or_text for s in split_sentences(item)]
    candidates = [
        s for s in sentences if len(content_words(s)) >= 3 and len(s.split()) >= min_words
    ]
    if not candidates:
        candidates = [s for s in sentences if s.strip()]
    if not candidates:
        return ""
    scores = rank_sentences(candidates)
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])
    chosen: list[int] = []
    chosen_words: list[set[str]] = []
    used = 0
    for i in order:
        words = set(content_words(candidates[i]))
        if any(len(words & other) / max(1, len(words | other)) > 0.5 for other in chosen_words):
            continue
        length = min(len(candidates[i].split()), max_sentence_words)
        if used and used + length > max_words:
            continue
        chosen.append(i)
        chosen_words.append(words)
        used += length
        if used >= max_words:
            break
    return " ".join(_shorten(candidates[i], max_sentence_words) for i in sorted(chosen))
