"""Template-based rewrite suggestions for weak manager utterances (Dutch and English).

Each flagged problem contributes better versions that reuse the original content (topic
phrase, situation, the why-clause); the reason says which technique the rewrite applies.
Order of priority: accusation (judging/generalising/you-statement) > leading > why >
stacked > closed > premature advice > incomplete SBI feedback. Good utterances get at most one
optional polish suggestion. The texts are content, one file per language (rewrites.<lang>.yaml,
loaded by rewrite_texts); this module only picks and fills them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analytics._templates import topic, why_to_what
from coach.analytics.questions import analyze_questions
from coach.analytics.rewrite_texts import (
    RewriteTexts,
    Suggestion,
    rewrite_texts,
    situation_pattern,
)
from coach.analytics.utterance import UtteranceAnalysis


@dataclass(frozen=True)
class Rewrite:
    """A better version of an utterance and why it is better."""

    text: str
    reason: str


def _said(suggestion: Suggestion, **values: str) -> Rewrite:
    return Rewrite(suggestion.text.format(**values), suggestion.reason)


def _texts(lang: str) -> RewriteTexts:
    return rewrite_texts("nl" if lang == "nl" else "en")


_INFINITIVE_NL = re.compile(r"^[a-zà-ÿ]{3,}en$")


def _noun_phrase(subject: str | None, lang: str) -> str | None:
    """The topic as a noun phrase: "een plan maken" -> "het plan" (a trailing infinitive
    makes "Wat kun je me vertellen over een plan maken?"); an indefinite article reads as
    "je"/"your" about something of theirs."""
    if not subject:
        return None
    words = subject.split()
    if lang == "nl" and len(words) >= 3 and _INFINITIVE_NL.match(words[-1].lower()):
        words = words[:-1]
    if words[0].lower() in ("een", "a", "an") and len(words) >= 2:
        words[0] = "je" if lang == "nl" else "your"
    return " ".join(words) if len(words) >= 2 else None


def _closed_to_open(text: str, lang: str) -> list[Rewrite]:
    subject = _noun_phrase(topic(text, lang), lang)
    t = _texts(lang).closed_to_open
    questions = [q.format(subject=subject) for q in t.about] if subject else list(t.plain)
    return [Rewrite(q, t.reason) for q in questions]


def _accusation(a: UtteranceAnalysis) -> list[Rewrite]:
    t = _texts(a.language).accusation
    found = situation_pattern().search(a.text) if a.sbi and a.sbi.situation else None
    sbi = t.sbi_at.format(place=found.group(0)) if found else t.sbi
    return [Rewrite(sbi[0].upper() + sbi[1:], t.sbi_reason), _said(t.i_message)]


def _leading(a: UtteranceAnalysis) -> list[Rewrite]:
    subject, t = topic(a.text, a.language), _texts(a.language).leading
    first = t.about.format(subject=subject) if subject else t.plain
    return [Rewrite(first, t.reason), Rewrite(t.view, t.reason)]


def _why(a: UtteranceAnalysis) -> list[Rewrite]:
    t = _texts(a.language).why
    clauses = [
        c
        for c in analyze_questions(a.text).question_clauses
        if re.search(r"(?i)\b(waarom|why)\b", c)
    ]
    turned = why_to_what(clauses[0], a.language) if clauses else None
    out = [Rewrite(turned, t.reason)] if turned else []
    out.append(Rewrite(t.then, t.reason))
    return out


def _stacked(a: UtteranceAnalysis) -> list[Rewrite]:
    t = _texts(a.language).stacked
    info = analyze_questions(a.text)
    pairs = list(zip(info.question_clauses, info.kinds, strict=True))
    best = next((c for c, k in pairs if k == "open"), None)
    broad = _said(t.broad)
    if best is None:
        closed = _closed_to_open(pairs[0][0], a.language)[:1]
        return [Rewrite(r.text, t.reason) for r in closed] + [broad]
    text = best.rstrip(" ?.,")
    return [Rewrite(text[0].upper() + text[1:] + "?", t.reason), broad]


def _advice(a: UtteranceAnalysis) -> list[Rewrite]:
    subject, t = topic(a.text, a.language), _texts(a.language).advice
    about = t.about.format(subject=subject) if subject else ""
    return [_said(t.tried, about=about), _said(t.permission)]


def _complete_sbi(a: UtteranceAnalysis) -> list[Rewrite]:
    """The manager's own feedback as a sentence, plus complete sentences for the parts it
    lacks; each names what to add in words, not with [brackets]."""
    sbi, t = a.sbi, _texts(a.language).complete_sbi
    assert sbi is not None
    body = a.text.strip().rstrip(" .!?")
    parts = [] if sbi.situation else [t.situation]
    parts.append(body[:1].upper() + body[1:] + ".")
    if not sbi.behaviour:
        parts.append(t.behaviour)
    if not sbi.impact:
        parts.append(t.impact)
    return [
        Rewrite(" ".join(parts), t.reason),
        Rewrite(" ".join([*parts, t.ask]), t.reason + t.ask_reason),
    ]


def _polish(a: UtteranceAnalysis) -> list[Rewrite]:
    t = _texts(a.language).polish
    if a.question == "open" and a.reflection is None:
        return [_said(t.reflect, utterance=a.text)]
    if a.reflection == "simple" and a.question is None:
        return [_said(t.deepen, utterance=a.text.rstrip(" .!"))]
    return []


def suggest_rewrites(analysis: UtteranceAnalysis, max_n: int = 3) -> list[Rewrite]:
    """2-3 better versions (with reasons) for flawed utterances; 0-1 polish for good ones."""
    a = analysis
    candidates: list[Rewrite] = []
    if a.judging_words or a.generalising_words or a.you_statements:
        candidates += _accusation(a)
    if a.leading:
        candidates += _leading(a)
    if a.why_question and not a.judging_words:
        candidates += _why(a)
    if a.stacked:
        candidates += _stacked(a)
    if a.premature_advice:
        candidates += _advice(a)
    if a.question == "closed" and not a.leading:
        candidates += _closed_to_open(a.text, a.language)
    accusing = bool(a.judging_words or a.generalising_words or a.you_statements)
    if a.is_feedback and a.sbi and not a.sbi.complete and not accusing:
        candidates += _complete_sbi(a)
    if not candidates:
        return _polish(a)[: min(1, max_n)]
    if len(candidates) < 2:
        candidates += _closed_to_open(a.text, a.language)
    unique: list[Rewrite] = []
    for rewrite in candidates:
        if all(rewrite.text != seen.text for seen in unique):
            unique.append(rewrite)
    return unique[:max_n]
