"""In-rehearsal help: the /hint tip and the chat commands (/hint, /stop, /einde).

The tip is deterministic: it reads the analysis of the manager's last turn and names the one
technique that would most improve the next turn; when the last turn was fine it gives the
scenario's own advice (rotating), so a hint is always specific to this conversation.
"""

from __future__ import annotations

from typing import Literal

from coach import slash
from coach.analytics import SbiParts, analyze
from coach.i18n import t
from coach.rehearsal.engine import RehearsalSession

Command = Literal["hint", "stop", "unknown"]
_COMMANDS: dict[str, Command] = {
    "hint": "hint",
    "tip": "hint",
    "stop": "stop",
    "einde": "stop",
    "end": "stop",
    "klaar": "stop",
}


def parse_command(text: str) -> Command | None:
    """ "/hint", "/stop", "/einde" (any case); None when the text is not a command at all."""
    found = slash.split(None, text)
    if found is None:
        return "unknown" if text.strip().startswith("/") else None  # "/" alone, "/ x"
    return _COMMANDS.get(found[0], "unknown")


def _sbi_missing(parts: SbiParts, lang: str) -> str:
    return ", ".join(t(f"rehearsal_sbi_{part}", lang) for part in parts.missing)


def scenario_hint(session: RehearsalSession) -> str:
    hints = session.scenario.hints.get(session.language)
    return t(
        "rehearsal_hint_scenario",
        session.language,
        hint=hints[len(session.manager_turns) % len(hints)],
    )


def hint(session: RehearsalSession) -> str:
    """One tip for the next turn, in the session's language."""
    lang, name = session.language, session.persona.name
    turns = session.manager_turns
    if not turns:
        return scenario_hint(session)
    a = analyze(turns[-1].text, lang)
    if a.judging_words:
        return t("rehearsal_hint_judging", lang, words=", ".join(a.judging_words))
    if a.generalising_words:
        return t("rehearsal_hint_generalising", lang, words=", ".join(a.generalising_words))
    if a.premature_advice:
        return t("rehearsal_hint_advice", lang, name=name)
    if a.stacked:
        return t("rehearsal_hint_stacked", lang)
    if a.why_question:
        return t("rehearsal_hint_why", lang)
    if a.leading:
        return t("rehearsal_hint_leading", lang)
    if a.is_feedback and a.sbi is not None and not a.sbi.complete:
        return t("rehearsal_hint_sbi", lang, missing=_sbi_missing(a.sbi, lang))
    if session.band == "high" and not a.empathy:
        return t("rehearsal_hint_empathy", lang)
    if a.question == "closed":
        return t("rehearsal_hint_closed", lang)
    recent = [analyze(x.text, lang).reflection for x in turns[-2:]]
    if len(turns) >= 2 and not any(recent):
        return t("rehearsal_hint_reflect", lang, name=name)
    return scenario_hint(session)
