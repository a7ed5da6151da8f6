"""The chat's phrasing check: what the conversation analytics find in a planned sentence, the
better versions they suggest, and the knowledge entry on that pitfall (cited).

The analysis is coach/analytics (the same as `coach analyze` and /formulering); this module
only turns its findings into cited chat lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.analytics.rewrite import suggest_rewrites
from coach.analytics.utterance import analyze
from coach.chat.sources import Answer, knowledge_source
from coach.i18n import t

if TYPE_CHECKING:
    from coach.knowledge.service import KnowledgeBase

# Which pitfall entry explains a finding (entry ids in knowledge/<lang>/).
PITFALL_ENTRY = {
    "why": "valkuil-waarom-vragen",
    "leading": "valkuil-gesloten-en-sturende-vragen",
    "closed": "valkuil-gesloten-en-sturende-vragen",
    "stacked": "valkuil-gestapelde-vragen",
    "judging": "valkuil-vaag-oordelend-feedback",
    "advice": "valkuil-te-snel-advies",
    "feedback": "sbi-feedback",
}


def phrasing_check(knowledge: KnowledgeBase, text: str, lang: str) -> Answer:
    out = Answer()
    a = analyze(text, lang)
    findings: list[str] = []
    if a.why_question:
        findings.append("why")
    if a.leading:
        findings.append("leading")
    if a.stacked:
        findings.append("stacked")
    if a.judging_words or a.generalising_words or a.you_statements:
        findings.append("judging")
    if a.premature_advice:
        findings.append("advice")
    if a.question == "closed" and not findings:
        findings.append("closed")
    if a.is_feedback and a.sbi is not None and not a.sbi.complete and "judging" not in findings:
        findings.append("feedback")
    out.lines.append(f'**{t("chat_phrasing_heading", lang)}** "{text}"')
    if not findings:
        out.lines.append(t("chat_phrasing_ok", lang))
    for f in findings:
        entry = knowledge.get(PITFALL_ENTRY[f], lang)
        cite = ""
        if entry is not None:
            name = out.add(knowledge_source(entry))
            cite = f" · {name}"
        words = ", ".join([*a.judging_words, *a.generalising_words])
        out.lines.append(f"- {t(f'chat_phrasing_{f}', lang, words=words or '-')}{cite}")
    rewrites = suggest_rewrites(a)
    if rewrites:
        out.lines.append("")
        out.lines.append(f"**{t('chat_phrasing_better', lang)}**")
        out.lines.extend(f'- "{r.text}" ({r.reason})' for r in rewrites)
    return out
