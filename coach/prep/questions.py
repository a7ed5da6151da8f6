"""Pick open questions from the knowledge base's question banks (knowledge/*/vragen-*.md).

The banks are content, not code: we parse the numbered list under "## Vragen"/"## Questions"
and choose deterministically, preferring questions that share words with what happened
lately and that the analytics judge open, single, non-leading and without "why".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coach.knowledge.entries import KNOWLEDGE_DIR, Entry, load_entries
from coach.topics import tokens

QUESTION_HEADINGS = ("vragen", "questions")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.+?)\s*$")
_STOP = frozenset(
    "voor niet zijn heeft hebben wordt worden deze die dat wat waar over naar ook nog maar "
    "with that have what your this from they them their about would could when which".split()
)


@dataclass(frozen=True)
class BankQuestion:
    entry_id: str
    title: str
    topic: str
    language: str
    text: str


def bank_questions(entry: Entry) -> list[str]:
    """The numbered questions of a question-bank entry, in the bank's order."""
    out: list[str] = []
    for sec in entry.sections:
        if sec.heading.strip().lower() not in QUESTION_HEADINGS:
            continue
        for line in sec.body.splitlines():
            m = _NUMBERED.match(line)
            if m:
                out.append(m.group(1))
    return out


@lru_cache(maxsize=4)
def load_banks(root: Path = KNOWLEDGE_DIR) -> tuple[Entry, ...]:
    """The question-bank entries under a knowledge root, parsed once per process.

    Read straight from the Markdown: the brief needs no search index, so it never pays for
    building one.
    """
    return tuple(e for e in load_entries(root) if e.kind == "question-bank")


def banks_by_topic(entries: Iterable[Entry], language: str) -> dict[str, Entry]:
    """Question-bank entries in one language, keyed by topic (first by id wins)."""
    banks: dict[str, Entry] = {}
    for e in sorted(entries, key=lambda e: e.id):
        if e.kind == "question-bank" and e.language == language:
            banks.setdefault(e.topic, e)
    return banks


@lru_cache(maxsize=4096)
def is_good_question(text: str, language: str) -> bool:
    """One open question, not leading, no 'why' (the analytics decide; cached per text)."""
    from coach.analytics import analyze

    a = analyze(text, language)
    return a.question == "open" and not a.stacked and not a.leading and not a.why_question


def _stems(text: str) -> set[str]:
    return {w[:5] for w in tokens(text) if len(w) >= 4 and w not in _STOP}


def rank_questions(questions: Sequence[str], context: str, language: str) -> list[str]:
    """Good questions first by word overlap with the context, then in bank order."""
    ctx = _stems(context)
    good = [q for q in questions if is_good_question(q, language)]
    order = {q: i for i, q in enumerate(good)}
    return sorted(good, key=lambda q: (-len(_stems(q) & ctx), order[q]))


def pick_questions(
    banks: Mapping[str, Entry],
    plan: Sequence[tuple[str, int]],
    *,
    context: str,
    language: str,
    fill_topics: Sequence[str] = (),
    minimum: int = 3,
    maximum: int = 5,
) -> list[BankQuestion]:
    """Take n questions per (topic, n) in the plan; top up from `fill_topics` to `minimum`."""
    chosen: list[BankQuestion] = []
    seen: set[str] = set()

    def take(topic: str, n: int) -> None:
        entry = banks.get(topic)
        if entry is None or n <= 0:
            return
        taken = 0
        for q in rank_questions(bank_questions(entry), context, language):
            if len(chosen) >= maximum or taken >= n:
                return
            if q in seen:
                continue
            seen.add(q)
            chosen.append(BankQuestion(entry.id, entry.title, topic, entry.language, q))
            taken += 1

    for topic, n in plan:
        take(topic, n)
    for topic in list(dict.fromkeys([t for t, _ in plan] + list(fill_topics))):
        if len(chosen) >= minimum:
            break
        take(topic, minimum - len(chosen))
    return chosen
