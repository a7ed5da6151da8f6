"""The rehearsal loop: the manager speaks, tension moves, the persona answers in character.

State lives in code (RehearsalSession), not in the model: analytics decide how the persona's
tension moves, the tension band picks the tone in the prompt, and each model reply is checked
(replies.check_reply) and replaced by a scripted scenario line when it fails or when the
model is unavailable. So the rehearsal works, deterministically, without any LLM at all.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from coach.analytics import analyze, turn_effect
from coach.container import Container
from coach.llm import LLMClient, LLMUnavailable
from coach.prompts import get_prompt
from coach.rehearsal import state
from coach.rehearsal.persona import Persona, build_persona
from coach.rehearsal.replies import check_reply, pick_fallback
from coach.rehearsal.scenarios import Scenario, get_scenario

Speaker = Literal["manager", "employee"]
HISTORY_TURNS = 6  # the small model keeps the thread better with a short window


@dataclass
class Turn:
    """One line of the transcript. `source`: manager | opening | llm | fallback."""

    speaker: Speaker
    text: str
    source: str
    tension: float  # tension after this turn
    effect: int | None = None  # turn_effect of a manager turn, before difficulty scaling
    rejected: str | None = None  # why the model's reply was replaced, if it was


@dataclass
class RehearsalSession:
    """Everything a rehearsal needs between turns; plain data, so the UI can keep it."""

    scenario_id: str
    language: str
    difficulty: str
    persona: Persona
    tension: float
    turns: list[Turn] = field(default_factory=list)
    fallback_cursor: dict[str, int] = field(default_factory=dict)
    ended: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def scenario(self) -> Scenario:
        return get_scenario(self.scenario_id)

    @property
    def band(self) -> state.Band:
        return state.band(self.tension)

    @property
    def trajectory(self) -> list[float]:
        """Start tension, then the tension after each manager turn."""
        start = state.start_tension(self.difficulty)
        return [start] + [t.tension for t in self.turns if t.speaker == "manager"]

    @property
    def manager_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "manager"]

    @property
    def fallback_count(self) -> int:
        return sum(t.source == "fallback" for t in self.turns)

    def last(self, speaker: Speaker) -> Turn | None:
        return next((t for t in reversed(self.turns) if t.speaker == speaker), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["persona"] = self.persona.to_dict()
        data["band"] = self.band
        data["trajectory"] = self.trajectory
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RehearsalSession:
        return cls(
            scenario_id=data["scenario_id"],
            language=data["language"],
            difficulty=data["difficulty"],
            persona=Persona.from_dict(data["persona"]),
            tension=float(data["tension"]),
            turns=[Turn(**t) for t in data.get("turns", [])],
            fallback_cursor=dict(data.get("fallback_cursor", {})),
            ended=bool(data.get("ended", False)),
            id=data.get("id") or uuid.uuid4().hex,
        )


def new_session(
    scenario: str | Scenario, persona: Persona, difficulty: str = "medium", language: str = "nl"
) -> RehearsalSession:
    """A session that opens with the scenario's first line (no I/O)."""
    sc = scenario if isinstance(scenario, Scenario) else get_scenario(scenario)
    tension = state.start_tension(difficulty)
    session = RehearsalSession(sc.id, language, difficulty, persona, tension)
    session.turns.append(Turn("employee", sc.opening_line.get(language), "opening", tension))
    return session


def start_rehearsal(
    container: Container,
    manager_id: int,
    scenario_id: str,
    *,
    person_ref: str | None = None,
    difficulty: str = "medium",
    language: str = "nl",
    persona: Persona | None = None,
) -> RehearsalSession:
    """Build (or take the edited) persona and open the conversation."""
    sc = get_scenario(scenario_id)
    state.start_tension(difficulty)  # validates before any database work
    chosen = persona or build_persona(container, manager_id, sc, person_ref, language)
    return new_session(sc, chosen, difficulty, language)


def situation(scenario: Scenario, language: str) -> str:
    """The scenario description without its closing exercise line ("Oefen om...", "Practise")
    which speaks to the manager and would confuse the persona."""
    sentences = re.split(r"(?<=[.!?])\s+", scenario.description.get(language).strip())
    kept = [x for x in sentences if not re.match(r"(oefen|practi[sc]e)\b", x, re.IGNORECASE)]
    return " ".join(kept or sentences)


def system_prompt(session: RehearsalSession) -> str:
    """prompts/rehearsal.<lang>.yaml filled in with the persona and the tone of the band."""
    p = session.persona
    prompt = get_prompt("rehearsal", session.language)

    def part(label: str, text: str) -> str:
        return f"{prompt.part(f'label_{label}')}{text}\n" if text else ""

    system, _ = prompt.render(
        name=p.name,
        role=p.role,
        situation=situation(session.scenario, session.language),
        background=part("background", p.background),
        style=part("style", p.style),
        events=part("events", "; ".join(p.recent_events)),
        concerns="; ".join(p.concerns),
        tone=prompt.part(f"tone_{session.band}"),
    )
    return system


def build_messages(session: RehearsalSession) -> list[BaseMessage]:
    """System prompt plus the last few turns; the persona is the AI side, the manager human."""
    messages: list[BaseMessage] = [SystemMessage(system_prompt(session))]
    for turn in session.turns[-HISTORY_TURNS:]:
        cls = HumanMessage if turn.speaker == "manager" else AIMessage
        messages.append(cls(turn.text))
    return messages


def _fallback(session: RehearsalSession) -> str:
    band = session.band
    lines = session.scenario.fallback_lines.get(band, session.language)
    last = session.last("employee")
    line, cursor = pick_fallback(
        lines, session.fallback_cursor.get(band, 0), last.text if last else None
    )
    session.fallback_cursor[band] = cursor
    return line


def record_manager_turn(session: RehearsalSession, text: str) -> Turn:
    """Analyse the manager's words and move the tension (the deterministic half of a turn)."""
    analysis = analyze(text, session.language)
    effect = turn_effect(analysis)
    session.tension = state.next_tension(session.tension, effect, session.difficulty)
    turn = Turn("manager", text.strip(), "manager", session.tension, effect=effect)
    session.turns.append(turn)
    return turn


def respond(llm: LLMClient | None, session: RehearsalSession, manager_text: str) -> Turn:
    """One exchange: record the manager's turn, then the persona's checked (or scripted) reply.

    `llm=None` plays the scripted lines only. Never raises LLMUnavailable: the rehearsal goes
    on with the scenario's lines, and the turn says so in `source`/`rejected`.
    """
    if session.ended:
        raise RuntimeError("this rehearsal has ended")
    record_manager_turn(session, manager_text)
    reply, source, rejected = "", "fallback", None
    if llm is None:
        rejected = "no_model"
    else:
        messages = build_messages(session)
        try:
            raw = llm.complete(messages)
        except LLMUnavailable:
            raw, rejected = "", "unavailable"
        if rejected is None:
            verdict = check_reply(
                raw,
                language=session.language,
                persona_name=session.persona.name,
                manager_text=manager_text,
                system_prompt=str(messages[0].content),
                earlier_lines=[t.text for t in session.turns if t.speaker == "employee"],
                strict=not llm.is_capable,
                context=[t.text for t in session.turns],
            )
            reply, rejected = verdict.text, verdict.reason
            source = "llm" if verdict.ok else "fallback"
    if source == "fallback":
        reply = _fallback(session)
    turn = Turn("employee", reply, source, session.tension, rejected=rejected)
    session.turns.append(turn)
    return turn


async def arespond(llm: LLMClient | None, session: RehearsalSession, manager_text: str) -> Turn:
    """`respond` off the event loop (the model call blocks), for the chat UI."""
    return await asyncio.to_thread(respond, llm, session, manager_text)


def end(session: RehearsalSession) -> RehearsalSession:
    session.ended = True
    return session
