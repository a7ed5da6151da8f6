"""Small text helpers shared by the detectors: normalising, sentence and clause splitting.

The detectors work on lower-cased word tokens; keeping the splitting rules in one place makes
the behaviour of every detector consistent (a "sentence" means the same thing everywhere).
"""

from __future__ import annotations

import functools
import re

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_TOKEN = re.compile(r"[a-zà-öø-ÿ0-9]+(?:[-'][a-zà-öø-ÿ0-9]+)*", re.IGNORECASE)

# Discourse particles that may precede the real start of a question ("En hoe ging dat?").
LEAD_PARTICLES = frozenset(
    {"en", "maar", "oké", "ok", "okay", "nou", "goed", "dus", "and", "but", "so", "well", "oh"}
    # Spoken fillers: MI coding ignores them ("Um, what would you...?" stays a wh-question).
    | {"um", "uh", "uhm", "umm", "er", "erm", "eh", "ehm", "hm", "hmm", "mm", "mhm", "mm-hmm"}
    | {"uh-huh", "yeah", "yes", "right", "alright", "ja", "jaja", "oke", "ah", "anyway"}
)
# Multi-word fillers and hedges that may open a question without changing its form.
LEAD_PHRASES = (
    ("i", "guess"),
    ("i", "mean"),
    ("you", "know"),
    ("let", "me", "see"),
    ("let's", "see"),
    ("even", "kijken"),
    ("weet", "je"),
    ("zeg", "maar"),
)


def normalise(text: str) -> str:
    """Unify apostrophes and whitespace so regexes can stay simple."""
    return " ".join(text.translate(_APOSTROPHES).split())


def sentences(text: str) -> list[str]:
    """Split on sentence punctuation and line breaks; keep the punctuation on each part."""
    parts = [p.strip() for p in _SENTENCE_END.split(normalise(text))]
    return [p for p in parts if p and tokens(p)]


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; contractions ("you're", "what's") stay one token."""
    return list(_tokens(text))


@functools.lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[str, ...]:
    # Every detector tokenises the same sentences again; caching keeps `coach analyze` fast.
    return tuple(t.lower() for t in _TOKEN.findall(text.translate(_APOSTROPHES)))


def clauses(sentence: str) -> list[str]:
    """Comma/semicolon separated clauses of one sentence, without trailing punctuation."""
    body = sentence.rstrip(" .!?;")
    return [c.strip() for c in re.split(r"\s*[,;:]\s+|\s+-\s+", body) if c.strip()]


def starts_with_phrase(toks: list[str], phrases: tuple[str, ...]) -> bool:
    """Whether the tokens begin with one of the phrases (whole words)."""
    joined = " ".join(toks)
    return any(joined == p or joined.startswith(p + " ") for p in phrases)


def _lead_len(toks: list[str]) -> int:
    """How many leading tokens are discourse particles or fillers (possibly all)."""
    i = 0
    while i < len(toks):
        if toks[i] in LEAD_PARTICLES:
            i += 1
            continue
        phrase = next((p for p in LEAD_PHRASES if tuple(toks[i : i + len(p)]) == p), None)
        if phrase is None:
            break
        i += len(phrase)
    return i


def strip_lead(toks: list[str]) -> list[str]:
    """Drop leading particles and fillers ("and", "dus", "um", "I guess"); keep a last token."""
    return toks[min(_lead_len(toks), max(len(toks) - 1, 0)) :]


def is_filler(toks: list[str]) -> bool:
    """A clause made only of fillers and particles ("Mm-hmm", "Right", "Ja, ja")."""
    return bool(toks) and _lead_len(toks) == len(toks)


@functools.lru_cache(maxsize=256)
def _phrase_patterns(
    phrases: frozenset[str] | tuple[str, ...],
) -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """One alternation to reject fast, and one pattern per phrase to keep the list order."""
    ordered = tuple(phrases)
    each = tuple((p, re.compile(rf"(?<![\w']){re.escape(p)}(?![\w'])")) for p in ordered)
    alternation = "|".join(re.escape(p) for p in sorted(ordered, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])"), each


def has_phrase(text_lower: str, phrases: frozenset[str] | tuple[str, ...]) -> str | None:
    """Return the first phrase (in list order) in the text on word boundaries, else None."""
    anyone, each = _phrase_patterns(phrases)
    if not anyone.search(text_lower):
        return None
    for phrase, pattern in each:
        if pattern.search(text_lower):
            return phrase
    return None


def find_words(toks: list[str], words: frozenset[str]) -> list[str]:
    """Tokens (in order) that are in the word set."""
    return [t for t in toks if t in words]
