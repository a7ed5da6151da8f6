"""Deterministic conversation analytics for Gesprekscoach (Dutch and English, no LLM).

Public API: language detection, per-utterance analysis (questions, reflections, empathy,
judging/generalising language, you-statements, SBI feedback, premature advice), rewrite
suggestions, a turn tension score and conversation-level MITI-style metrics. Question and
reflection codes come from small learned detectors over a packaged sentence embedding, with
the rules as their features and as the fallback (see `learned`); no model text is involved.
"""

from coach.analytics.conversation import ConversationMetrics, Turn, analyze_conversation
from coach.analytics.feedback import SbiParts
from coach.analytics.language import detect_language
from coach.analytics.rewrite import Rewrite, suggest_rewrites
from coach.analytics.scoring import turn_effect
from coach.analytics.utterance import UtteranceAnalysis, analyze, analyze_many

__all__ = [
    "ConversationMetrics",
    "Rewrite",
    "SbiParts",
    "Turn",
    "UtteranceAnalysis",
    "analyze",
    "analyze_many",
    "analyze_conversation",
    "detect_language",
    "suggest_rewrites",
    "turn_effect",
]
