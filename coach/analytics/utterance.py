"""Single-utterance analysis: the public `analyze` entry point and its result type.

Everything here is deterministic and language-aware (Dutch/English); the detectors live in
`questions`, `reflections` and `feedback`, this module only combines them per turn.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from coach.analytics import feedback as fb
from coach.analytics._text import normalise, sentences
from coach.analytics.feedback import SbiParts
from coach.analytics.language import detect_language
from coach.analytics.questions import analyze_questions
from coach.analytics.reflections import ReflectionType, reflection_kind

__all__ = ["SbiParts", "UtteranceAnalysis", "analyze"]


@dataclass(frozen=True)
class UtteranceAnalysis:
    """What one manager turn does, as conversation-technique facts."""

    text: str
    language: str  # "nl" | "en"
    question: Literal["open", "closed"] | None  # None when the utterance is not a question
    question_count: int
    stacked: bool  # two or more questions in one turn
    leading: bool  # "Don't you think...", "Vind je ook niet dat...", "Toch?"
    why_question: bool  # "waarom", "why"
    reflection: ReflectionType | None  # reflective-listening statement (MITI)
    empathy: bool  # "dat klinkt zwaar", "I can imagine", "begrijpelijk"
    judging_words: tuple[str, ...]
    generalising_words: tuple[str, ...]
    you_statements: tuple[str, ...]  # accusatory sentences addressed to the other person
    is_feedback: bool  # the turn gives feedback on behaviour
    sbi: SbiParts | None  # only when is_feedback
    premature_advice: bool  # "je moet gewoon...", "have you tried", "I would..."

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["judging_words"] = list(self.judging_words)
        data["generalising_words"] = list(self.generalising_words)
        data["you_statements"] = list(self.you_statements)
        if self.sbi is not None:
            data["sbi"]["complete"] = self.sbi.complete
        return data


def analyze(text: str, language: str | None = None) -> UtteranceAnalysis:
    """Analyse one utterance; `language` ("nl"/"en") skips detection when given."""
    clean = normalise(text)
    lang = language if language in ("nl", "en") else detect_language(clean)
    q = analyze_questions(clean)
    sents = sentences(clean)
    asked = set(q.question_sentences)
    statements = [s for s in sents if s not in asked]

    kinds = [reflection_kind(s) for s in statements]
    reflection: ReflectionType | None = None
    if "complex" in kinds:
        reflection = "complex"
    elif "simple" in kinds:
        reflection = "simple"
    mirrored = {s for s, k in zip(statements, kinds, strict=True) if k is not None}

    anchored = fb.time_anchored(clean.lower())
    judging: list[str] = []
    general: list[str] = []
    accusations: list[str] = []
    for sent in sents:
        j = fb.judging_words(sent)
        g = [] if sent in mirrored else fb.generalising_words(sent, anchored)
        judging += j
        general += g
        if (j or g) and fb.addresses_you(sent) and sent not in mirrored:
            accusations.append(sent.rstrip())

    plain = [s for s in statements if s not in mirrored]
    feedback = fb.is_feedback(plain)
    return UtteranceAnalysis(
        text=clean,
        language=lang,
        question=q.type,
        question_count=q.count,
        stacked=q.count >= 2,
        leading=q.leading,
        why_question=q.why,
        reflection=reflection,
        empathy=fb.empathy(clean),
        judging_words=tuple(judging),
        generalising_words=tuple(general),
        you_statements=tuple(accusations),
        is_feedback=feedback,
        sbi=fb.sbi_parts(plain) if feedback else None,
        premature_advice=fb.premature_advice(clean),
    )
