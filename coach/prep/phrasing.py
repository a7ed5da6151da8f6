"""The right words: what a planned sentence does and 2-3 better ways to say it.

A thin layer over coach.analytics (deterministic detectors and template rewrites): it turns
the analysis into labelled issues explained in the manager's language.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from coach.analytics import UtteranceAnalysis, analyze, suggest_rewrites
from coach.i18n import t


@dataclass(frozen=True)
class Issue:
    label: str
    explanation: str


@dataclass(frozen=True)
class Advice:
    analysis: dict[str, Any]
    issues: list[Issue] = field(default_factory=list)
    rewrites: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data: the analysis, the issues and the rewrites as plain dicts."""
        return asdict(self)


def issues_of(a: UtteranceAnalysis) -> list[Issue]:
    """The weak spots of one utterance, most serious first, explained in its language."""
    lang = a.language
    out: list[Issue] = []

    def add(label: str, key: str, **params: object) -> None:
        out.append(Issue(label, t(key, lang, **params)))

    if a.you_statements:
        add("you_statement", "prep_issue_you_statement")
    if a.judging_words:
        add("judging", "prep_issue_judging", words=", ".join(dict.fromkeys(a.judging_words)))
    if a.generalising_words:
        words = ", ".join(dict.fromkeys(a.generalising_words))
        add("generalising", "prep_issue_generalising", words=words)
    if a.leading:
        add("leading", "prep_issue_leading")
    if a.why_question:
        add("why_question", "prep_issue_why")
    if a.stacked:
        add("stacked", "prep_issue_stacked")
    if a.question == "closed" and not a.leading:
        add("closed_question", "prep_issue_closed")
    if a.premature_advice:
        add("premature_advice", "prep_issue_advice")
    if a.is_feedback and a.sbi is not None and not a.sbi.complete:
        missing = ", ".join(t(f"prep_sbi_{part}", lang) for part in a.sbi.missing)
        add("sbi_incomplete", "prep_issue_sbi_incomplete", missing=missing)
    return out


def advise(text: str, language: str | None = None) -> Advice:
    """Analysis, issues and up to three rewrites (with reasons) for one planned sentence."""
    a = analyze(text, language)
    rewrites = [{"text": r.text, "reason": r.reason} for r in suggest_rewrites(a, max_n=3)]
    return Advice(a.to_dict(), issues_of(a), rewrites)
