"""The scored debrief after a rehearsal: MITI-style figures, weak spots with rewrites, tension.

All figures come from coach.analytics.analyze_conversation over the transcript (the manager's
turns are scored; the persona's turns only count for talk share), so the debrief, the prep
brief and the evals share one definition of "open question" or "reflection".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from pydantic import TypeAdapter

from coach.analytics import ConversationMetrics, Turn, analyze, analyze_conversation
from coach.i18n import t
from coach.rehearsal.engine import RehearsalSession


@dataclass(frozen=True)
class WeakTurn:
    """A manager turn that raised tension most, with better phrasings."""

    number: int  # 1-based among the manager's turns
    text: str
    rewrites: list[dict[str, str]]  # {"text": ..., "reason": ...}


@dataclass(frozen=True)
class Debrief:
    """The scored rehearsal. `measures` is analyze_conversation's record over the transcript
    (its weakest turns live once, numbered for the manager, in `weakest_turns`)."""

    scenario_id: str
    language: str
    difficulty: str
    measures: ConversationMetrics
    judging_words: list[str]  # the words themselves (measures counts them)
    generalising_words: list[str]
    tension: list[float]  # start, then after each manager turn
    authored_replies: int = 0  # persona lines from the written dialogue
    generated_replies: int = 0  # persona lines a model wrote and the gate passed
    outcome: str = "open"  # agreement | stalemate | open (the phase the talk ended in)
    persona_lines: list[dict[str, str]] = field(default_factory=list)  # {text, source}
    weakest_turns: list[WeakTurn] = field(default_factory=list)

    @property
    def open_share(self) -> float | None:
        """Open questions / questions; None when no questions were asked."""
        return self.measures.open_share if self.measures.questions else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Debrief:
        """A stored debrief (rehearsal metrics), also one saved before it held `measures`."""
        if "measures" not in data:
            data = {**data, "measures": _flat_measures(data)}
        return _STORED.validate_python(data)


def _flat_measures(data: dict[str, Any]) -> dict[str, Any]:
    """The measures of a debrief saved with its figures at the top level: R:Q under
    `rq_ratio`, no open share (None) without questions, the judging and generalising words
    listed rather than counted, and the weakest turns only in the debrief's own form."""
    return {
        **data,
        "reflection_to_question": data["rq_ratio"],
        "open_share": data["open_share"] or 0.0,
        "judging_words": len(data["judging_words"]),
        "generalising_words": len(data["generalising_words"]),
        "weakest_turns": [],
    }


_STORED = TypeAdapter(Debrief)


def debrief(session: RehearsalSession) -> Debrief:
    """Score the rehearsal (pure: reads the session, writes nothing)."""
    turns = [Turn(x.speaker, x.text) for x in session.turns]
    m = analyze_conversation(turns)
    manager_index = [i for i, x in enumerate(session.turns) if x.speaker == "manager"]
    judging: list[str] = []
    general: list[str] = []
    for turn in session.manager_turns:
        a = analyze(turn.text)
        judging += a.judging_words
        general += a.generalising_words
    return Debrief(
        scenario_id=session.scenario_id,
        language=session.language,
        difficulty=session.difficulty,
        measures=replace(m, weakest_turns=[]),
        judging_words=judging,
        generalising_words=general,
        tension=session.trajectory,
        authored_replies=session.authored_count,
        generated_replies=session.generated_count,
        outcome=_outcome(session),
        persona_lines=[
            {"text": x.text, "source": "llm" if x.source == "llm" else "authored"}
            for x in session.persona_turns
        ],
        weakest_turns=[
            WeakTurn(
                number=manager_index.index(index) + 1,
                text=text,
                rewrites=[{"text": r.text, "reason": r.reason} for r in rewrites],
            )
            for index, text, rewrites in m.weakest_turns
        ],
    )


def _outcome(session: RehearsalSession) -> str:
    if session.reached_agreement:
        return "agreement"
    return "stalemate" if session.phase == "stalemate" else "open"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _num(value: float) -> str:
    return f"{value:g}"


def render_debrief_markdown(d: Debrief, language: str | None = None) -> str:
    """The debrief as Markdown for the chat or the terminal."""
    lang = language or d.language
    none = t("rehearsal_debrief_none", lang)
    m = d.measures
    rows = [
        (
            t("rehearsal_debrief_questions", lang),
            t(
                "rehearsal_debrief_questions_value",
                lang,
                open=m.open_questions,
                closed=m.closed_questions,
                share=_pct(d.open_share),
            ),
        ),
        (
            t("rehearsal_debrief_reflections", lang),
            t(
                "rehearsal_debrief_reflections_value",
                lang,
                simple=m.simple_reflections,
                complex=m.complex_reflections,
            ),
        ),
        (
            t("rehearsal_debrief_rq", lang),
            f"{m.reflection_to_question:.2f} ({t(f'rehearsal_band_{m.miti_band}', lang)})",
        ),
        (t("rehearsal_debrief_talk", lang), _pct(m.talk_share)),
        (t("rehearsal_debrief_judging", lang), ", ".join(d.judging_words) or none),
        (t("rehearsal_debrief_generalising", lang), ", ".join(d.generalising_words) or none),
        (
            t("rehearsal_debrief_sbi", lang),
            t(
                "rehearsal_debrief_sbi_value",
                lang,
                complete=m.sbi_complete_turns,
                total=m.feedback_turns,
            )
            if m.feedback_turns
            else none,
        ),
        (t("rehearsal_debrief_empathy", lang), str(m.empathy_statements)),
        (t("rehearsal_debrief_advice", lang), str(m.premature_advice)),
        (t("rehearsal_debrief_tension", lang), " → ".join(_num(x) for x in d.tension)),
    ]
    lines = [
        f"## {t('rehearsal_debrief_title', lang)}",
        "",
        f"| {t('rehearsal_debrief_measure', lang)} | {t('rehearsal_debrief_value', lang)} |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in rows],
        "",
        t("rehearsal_debrief_miti_note", lang),
    ]
    lines += ["", t(f"rehearsal_debrief_phase_{d.outcome}", lang)]
    lines += [
        t(
            "rehearsal_debrief_sources",
            lang,
            authored=d.authored_replies,
            generated=d.generated_replies,
        )
    ]
    if d.weakest_turns:
        lines += ["", f"### {t('rehearsal_debrief_rewrites', lang)}"]
        for w in d.weakest_turns:
            lines += ["", f"**{t('rehearsal_debrief_rewrite_turn', lang, n=w.number)}:**"]
            lines += [f"> {w.text}", ""]
            lines += [f"- **{r['text']}** — {r['reason']}" for r in w.rewrites]
    if d.persona_lines:
        lines += ["", f"### {t('rehearsal_debrief_transcript', lang)}", ""]
        for x in d.persona_lines:
            source = t(f"rehearsal_debrief_source_{x['source']}", lang)
            lines.append(f"- _{source}_: {x['text']}")
    return "\n".join(lines)
