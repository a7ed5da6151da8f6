"""Tokenising and chunking shared by the BM25 index, the vector index and the evals."""

from __future__ import annotations

import re
from typing import Protocol

_WORD = re.compile(r"[0-9a-zà-ÿ]+", re.IGNORECASE)

STOPWORDS = frozenset(
    """
    de het een en of maar dat die dit deze is zijn was waren ben bent heb hebt heeft hebben had
    hadden in op aan met voor van naar bij uit over om tot door als dan ook nog niet wel al er
    ik je jij u hij zij ze we wij mijn jouw zijn haar ons onze hun wat wie hoe waar wanneer
    welke zo te zal zou kan kunnen moet moeten wordt worden werd veel meer
    the a an and or but that this these those is are was were be been being have has had do does
    did in on at with for of to from by as than then also not no yes it its i you he she they we
    my your his her our their what who how where when which so will would can could should
    about into over just very more most there here me him them us
    """.split()
)


_NL_HINTS = frozenset(
    "de het een en dat die niet van op te is zijn ik je ze we met voor maar ook nog wel er "
    "heeft hebben naar bij om als dan zo aan over hij zij".split()
)
_EN_HINTS = frozenset(
    "the a an and that is are was were not of on to it with for but also have has he she "
    "they we you this there be been what would about".split()
)


def guess_language(text: str) -> str:
    """ "nl" or "en" by stop-word counts (ties: Dutch): picks a note's full-text configuration."""
    words = _WORD.findall(text.lower())
    nl = sum(w in _NL_HINTS for w in words)
    en = sum(w in _EN_HINTS for w in words)
    return "en" if en > nl else "nl"


class _Stemmer(Protocol):
    def stemWords(self, words: list[str]) -> list[str]: ...  # noqa: N802 - snowball's name


_STEMMERS: dict[str, _Stemmer] = {}


def _stemmer(language: str) -> _Stemmer:
    if language not in _STEMMERS:
        import snowballstemmer

        _STEMMERS[language] = snowballstemmer.stemmer("dutch" if language == "nl" else "english")
    return _STEMMERS[language]


def tokenize(text: str, language: str | None = None) -> list[str]:
    """Lowercase word tokens without stop words; digits kept (dates, versions).

    With a language, tokens are Snowball-stemmed so "opgebrand" meets "branden".
    """
    tokens = [t for t in _WORD.findall(text.lower()) if len(t) > 1 and t not in STOPWORDS]
    if language:
        return list(_stemmer(language).stemWords(tokens))
    return tokens


def chunk_text(text: str, max_words: int = 120) -> list[str]:
    """Split long notes at paragraph, then sentence, boundaries into ~max_words chunks.

    Short notes (most of them) stay whole, so a passage is a note.
    """
    text = text.strip()
    if not text:
        return []
    if len(text.split()) <= max_words:
        return [text]
    parts: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if not para:
            continue
        if len(para.split()) <= max_words:
            parts.append(para)
        else:
            parts.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", para) if s.strip())
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for part in parts:
        n = len(part.split())
        if current and size + n > max_words:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(part)
        size += n
    if current:
        chunks.append("\n".join(current))
    return chunks
