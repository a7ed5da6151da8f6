"""Conversation-level metrics (MITI-style) over the manager's turns of a 1:1 transcript.

Counting follows MITI 4: a turn with several questions counts as one question, typed open
when any of them is open; a turn counts as one reflection (complex wins over simple). R:Q is
reflections / questions; with no questions the denominator is taken as 1 so the value stays
finite. Bands: R:Q >= 2 "good", >= 1 "fair", else "below".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from coach.analytics._text import tokens
from coach.analytics.language import detect_language
from coach.analytics.rewrite import Rewrite, suggest_rewrites
from coach.analytics.scoring import turn_effect
from coach.analytics.utterance import analyze_many, normalise_language

_SHORT = 5  # tokens: below this, one utterance says too little about its language


@dataclass(frozen=True)
class Turn:
    """One turn of a transcript."""

    speaker: Literal["manager", "employee"]
    text: str


@dataclass(frozen=True)
class ConversationMetrics:
    """Aggregate conversation-technique figures for the manager's side."""

    manager_turns: int
    questions: int
    open_questions: int
    closed_questions: int
    open_share: float  # open / questions (0 when no questions)
    reflections: int
    simple_reflections: int
    complex_reflections: int
    reflection_to_question: float  # MITI R:Q, denominator at least 1
    miti_band: Literal["below", "fair", "good"]
    talk_share: float  # manager words / all words
    judging_words: int
    generalising_words: int
    feedback_turns: int
    sbi_complete_turns: int  # S, B and I all present
    empathy_statements: int
    premature_advice: int
    weakest_turns: list[tuple[int, str, list[Rewrite]]]  # (index in turns, text, rewrites)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["weakest_turns"] = [
            {"index": i, "text": text, "rewrites": [asdict(r) for r in rewrites]}
            for i, text, rewrites in self.weakest_turns
        ]
        return data


def _band(ratio: float) -> Literal["below", "fair", "good"]:
    if ratio >= 2:
        return "good"
    return "fair" if ratio >= 1 else "below"


def analyze_conversation(turns: Sequence[Turn], language: str | None = None) -> ConversationMetrics:
    """Compute the metrics; weakest turns = up to two manager turns with the highest
    `turn_effect` above zero (ties: earliest first), each with its rewrite suggestions.

    `language` (the caller's, e.g. the session's) is used for every turn; without it, short
    turns ("Mm-hmm.", "Okay.") take the language of the manager's whole side, not a guess
    from one or two words.
    """
    manager_words = all_words = 0
    indices: list[int] = []
    for index, turn in enumerate(turns):
        words = len(tokens(turn.text))
        all_words += words
        if turn.speaker == "manager":
            manager_words += words
            indices.append(index)
    texts = [turns[i].text for i in indices]
    chosen = normalise_language(language)
    langs: list[str | None]
    if chosen is None and texts:
        whole = detect_language(" ".join(texts))
        langs = [whole if len(tokens(t)) < _SHORT else None for t in texts]
    else:
        langs = [chosen] * len(texts)
    analysed = list(zip(indices, analyze_many(texts, langs), strict=True))

    results = [a for _, a in analysed]
    questions = sum(a.question is not None for a in results)
    open_q = sum(a.question == "open" for a in results)
    simple = sum(a.reflection == "simple" for a in results)
    complex_ = sum(a.reflection == "complex" for a in results)
    ratio = (simple + complex_) / max(questions, 1)
    scored = sorted(
        ((turn_effect(a), index, a) for index, a in analysed), key=lambda x: (-x[0], x[1])
    )
    weakest = [
        (index, a.text, suggest_rewrites(a)) for effect, index, a in scored[:2] if effect > 0
    ]
    return ConversationMetrics(
        manager_turns=len(results),
        questions=questions,
        open_questions=open_q,
        closed_questions=questions - open_q,
        open_share=open_q / questions if questions else 0.0,
        reflections=simple + complex_,
        simple_reflections=simple,
        complex_reflections=complex_,
        reflection_to_question=ratio,
        miti_band=_band(ratio),
        talk_share=manager_words / all_words if all_words else 0.0,
        judging_words=sum(len(a.judging_words) for a in results),
        generalising_words=sum(len(a.generalising_words) for a in results),
        feedback_turns=sum(a.is_feedback for a in results),
        sbi_complete_turns=sum(bool(a.sbi and a.sbi.complete) for a in results),
        empathy_statements=sum(a.empathy for a in results),
        premature_advice=sum(a.premature_advice for a in results),
        weakest_turns=weakest,
    )
