"""Single-utterance analysis: the public `analyze` entry point and its result type.

Everything here is deterministic and language-aware (Dutch/English); the rules live in
`questions`, `reflections` and `feedback`, the learned question/reflection detectors in
`learned`; this module combines them per turn (MITI: a turn with several questions is one
question, open when any is open; complex wins over simple).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np

from coach.analytics import feedback as fb
from coach.analytics._text import normalise, sentences
from coach.analytics.features import rule_reflection
from coach.analytics.feedback import SbiParts
from coach.analytics.language import detect_language
from coach.analytics.learned import default_detectors
from coach.analytics.questions import QuestionInfo, analyze_questions
from coach.analytics.reflections import ReflectionType, reflection_kind

__all__ = ["SbiParts", "UtteranceAnalysis", "analyze", "analyze_many"]


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


def normalise_language(language: str | None) -> str | None:
    """ "EN", "en-GB", "nl_NL" -> "en"/"nl"; anything else -> None (detect)."""
    if not language:
        return None
    code = language.strip().lower()[:2]
    return code if code in ("nl", "en") else None


def analyze(text: str, language: str | None = None) -> UtteranceAnalysis:
    """Analyse one utterance; `language` ("nl"/"en") is used as given, else detected."""
    return analyze_many([text], [language])[0]


def analyze_many(
    texts: Sequence[str], languages: Sequence[str | None] | None = None
) -> list[UtteranceAnalysis]:
    """Analyse many utterances with one embedding call (what `coach analyze` streams through).

    The caller's language always wins; without it the language is detected per utterance.
    Question and reflection codes come from the learned detectors when they are installed
    (rules as features), else from the rules alone.
    """
    langs = list(languages) if languages is not None else [None] * len(texts)
    cleaned = [normalise(t) for t in texts]
    resolved = [
        normalise_language(g) or detect_language(c) for c, g in zip(cleaned, langs, strict=True)
    ]
    per_text = [sentences(c) for c in cleaned]
    detectors = default_detectors()
    codes: list[np.ndarray | None] = [None] * len(texts)
    if detectors is not None:
        flat = [s for sents in per_text for s in sents]
        flat_lang = [g for sents, g in zip(per_text, resolved, strict=True) for _ in sents]
        scored = detectors.score(flat, flat_lang)
        i = 0
        for n, sents in enumerate(per_text):
            codes[n] = scored[i : i + len(sents)]
            i += len(sents)
    return [
        _analyze_one(c, g, sents, code)
        for c, g, sents, code in zip(cleaned, resolved, per_text, codes, strict=True)
    ]


def _rule_codes(
    sents: list[str], q: QuestionInfo
) -> tuple[list[bool], list[ReflectionType | None]]:
    asked = set(q.question_sentences)
    kinds = [rule_reflection(s) if s in asked else reflection_kind(s) for s in sents]
    return [s in asked for s in sents], kinds


def _accusing(sentence: str, clean: str, mirrored: set[str]) -> bool:
    """Judging words, or a generalisation aimed at the listener the rules do not mirror."""
    if fb.judging_words(sentence):
        return True
    general = fb.generalising_words(sentence, fb.time_anchored(clean.lower()))
    return bool(general) and fb.addresses_you(sentence) and sentence not in mirrored


def _analyze_one(
    clean: str, lang: str, sents: list[str], code: np.ndarray | None
) -> UtteranceAnalysis:
    q = analyze_questions(clean)
    question: Literal["open", "closed"] | None = q.type
    count = q.count
    is_q, kinds = _rule_codes(sents, q)
    # The rules' mirrors decide what is exempt from judging/you-statement/feedback checks, as
    # they always did; the learned heads decide the reflection and question codes.
    mirrored = {s for s, k in zip(sents, kinds, strict=True) if k is not None}
    statements = [s for s, asked in zip(sents, is_q, strict=True) if not asked]
    rule_plain = [s for s in statements if s not in mirrored]
    dated_feedback = fb.time_anchored(clean.lower()) and fb.is_feedback(rule_plain)
    if code is not None:
        # Dated feedback on behaviour ("Gisteren zag ik... Daardoor...") and judging
        # sentences read like content reflections to the model: there the rules' veto holds.
        kinds = [
            None
            if not c[2] or dated_feedback or _accusing(s, clean, mirrored)
            else ("complex" if c[3] else "simple")
            for s, c in zip(sents, code, strict=True)
        ]
        if any(c[0] for c in code):
            question = "open" if any(c[0] and c[1] for c in code) else "closed"
            count = max(count, 1)
        else:
            question, count = None, 0
    reflection: ReflectionType | None = None
    if "complex" in kinds:
        reflection = "complex"
    elif "simple" in kinds:
        reflection = "simple"

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
        question=question,
        question_count=count,
        stacked=count >= 2,
        leading=q.leading and question is not None,
        why_question=q.why and question is not None,
        reflection=reflection,
        empathy=fb.empathy(clean),
        judging_words=tuple(judging),
        generalising_words=tuple(general),
        you_statements=tuple(accusations),
        is_feedback=feedback,
        sbi=fb.sbi_parts(plain) if feedback else None,
        premature_advice=fb.premature_advice(clean),
    )
