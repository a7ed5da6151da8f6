"""The rehearsal loop: the manager speaks, the rules move the persona, an authored line answers.

State lives in code (RehearsalSession), not in a model: coach.analytics reads the manager's
move, rules.py moves tension, openness and phase, and lines.py picks an authored line for
that state and move, never twice in a session. A capable model may say the same thing in
its own words (generate.py), but only when its line passes the gate; otherwise, and always
without a model, the authored line stands. So a rehearsal works offline and stays in
character, and the same script with the same seed plays the same way.
"""

from __future__ import annotations

import asyncio
import uuid
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from coach.analytics import analyze
from coach.errors import UserError
from coach.gate import identify_language, language_confidence
from coach.llm import LLMClient
from coach.rehearsal import generate, rules, state
from coach.rehearsal.dialogue import Dialogue, get_dialogue, has_marker, markers
from coach.rehearsal.lines import choose
from coach.rehearsal.persona import Persona
from coach.rehearsal.replies import ReplyContext
from coach.rehearsal.scenarios import Scenario, get_scenario

Speaker = Literal["manager", "employee"]
MAX_TURN_CHARS = 600  # one turn of a spoken conversation; longer is a speech, not a turn
LANGUAGE_CHECK_WORDS = 4  # below this the session's language is trusted
LANGUAGE_MIN_CONFIDENCE = 0.2


@dataclass
class Turn:
    """One line of the transcript. `source`: manager | opening | authored | llm."""

    speaker: Speaker
    text: str
    source: str
    tension: float  # tension after this turn
    effect: float | None = None  # tension change the manager's move asked for (before scaling)
    rejected: str | None = None  # why the model's line was not used, if a model was asked
    move: str | None = None  # the manager's move (manager turns)
    phase: str | None = None  # the phase after this turn
    openness: float | None = None


@dataclass
class RehearsalSession:
    """Everything a rehearsal needs between turns; plain data, so the UI can keep it."""

    scenario_id: str
    language: str
    difficulty: str
    persona: Persona
    tension: float
    turns: list[Turn] = field(default_factory=list)
    openness: float = 0.0
    phase: str = "opening"
    used_lines: list[str] = field(default_factory=list)
    seed: int = 0
    ended: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def scenario(self) -> Scenario:
        return get_scenario(self.scenario_id)

    @property
    def dialogue(self) -> Dialogue:
        return get_dialogue(self.scenario_id)

    @property
    def band(self) -> state.Band:
        return state.band(self.tension)

    @property
    def persona_state(self) -> rules.PersonaState:
        last = self.last("manager")
        move = last.move if last and last.move in rules.MOVES else None
        return rules.PersonaState(self.tension, self.openness, self.phase, move)  # type: ignore[arg-type]

    @property
    def trajectory(self) -> list[float]:
        """Start tension, then the tension after each manager turn."""
        start = state.start_tension(self.difficulty)
        return [start] + [t.tension for t in self.turns if t.speaker == "manager"]

    @property
    def manager_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "manager"]

    @property
    def persona_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "employee"]

    @property
    def authored_count(self) -> int:
        return sum(t.source in ("authored", "opening", "fallback") for t in self.persona_turns)

    @property
    def generated_count(self) -> int:
        return sum(t.source == "llm" for t in self.persona_turns)

    @property
    def reached_agreement(self) -> bool:
        return any(t.phase == "agreement" for t in self.manager_turns)

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
        """Also reads sessions saved before the dialogue engine (no openness or phase)."""
        difficulty = data["difficulty"]
        turns = [Turn(**t) for t in data.get("turns", [])]
        return cls(
            scenario_id=data["scenario_id"],
            language=data["language"],
            difficulty=difficulty,
            persona=Persona.from_dict(data["persona"]),
            tension=float(data["tension"]),
            turns=turns,
            openness=float(data.get("openness", rules.START_OPENNESS[difficulty])),
            phase=str(data.get("phase") or ("reaction" if len(turns) > 1 else "opening")),
            used_lines=[str(x) for x in data.get("used_lines", [])],
            seed=int(data.get("seed", 0)),
            ended=bool(data.get("ended", False)),
            id=data.get("id") or uuid.uuid4().hex,
        )


def new_session(
    scenario: str | Scenario,
    persona: Persona,
    difficulty: str = "medium",
    language: str = "nl",
    seed: int | None = None,
) -> RehearsalSession:
    """A session that opens with the scenario's first line (no I/O). `seed`: the same seed
    plays the same script the same way; by default it comes from the session id."""
    sc = scenario if isinstance(scenario, Scenario) else get_scenario(scenario)
    start = rules.start(difficulty)
    session = RehearsalSession(
        sc.id, language, difficulty, persona, start.tension, openness=start.openness
    )
    session.seed = seed if seed is not None else zlib.crc32(session.id.encode())
    session.turns.append(
        Turn("employee", sc.opening_line.get(language), "opening", start.tension, phase="opening")
    )
    return session


def check_turn(session: RehearsalSession, text: str) -> str:
    """The manager's turn, tidied; raises UserError for a turn the rehearsal cannot take
    (too long, or in another language than the session). Nothing is recorded then."""
    clean = " ".join(text.split())
    if len(clean) > MAX_TURN_CHARS:
        raise UserError("rehearsal_turn_too_long", limit=MAX_TURN_CHARS, length=len(clean))
    if len(clean.split()) >= LANGUAGE_CHECK_WORDS and not _in_language(clean, session.language):
        raise UserError(f"rehearsal_turn_language_{session.language}")
    return clean


def _in_language(text: str, language: str) -> bool:
    """Lingua's first pick, or a fair chance for the session's language: short Dutch often
    looks like Afrikaans or German to it ("Slaap je wel genoeg?")."""
    return identify_language(text) in (language, None) or (
        language_confidence(text, language) >= LANGUAGE_MIN_CONFIDENCE
    )


def classify(session: RehearsalSession, text: str) -> rules.Move:
    lang = session.language
    words = [w.strip(".,!?…").lower() for w in text.split()]
    return rules.classify(
        analyze(text, lang),
        proposal=has_marker(text, "proposal", lang),
        off_topic=has_marker(text, "off_topic", lang),
        empathy=has_marker(text, "empathy", lang),
        silence_word=bool(words) and all(w in markers("silence", lang) or not w for w in words),
    )


def record_manager_turn(session: RehearsalSession, text: str) -> Turn:
    """Read the manager's move and move the persona's state (the deterministic half)."""
    move = classify(session, text)
    before = session.persona_state
    after = rules.step(before, move, session.difficulty)
    session.tension, session.openness, session.phase = after.tension, after.openness, after.phase
    turn = Turn(
        "manager",
        text,
        "manager",
        after.tension,
        effect=rules.tension_effect(before, move),
        move=move,
        phase=after.phase,
        openness=after.openness,
    )
    session.turns.append(turn)
    return turn


def _card(session: RehearsalSession) -> list[str]:
    p = session.persona
    sc = session.scenario
    return [
        p.name,
        p.role,
        p.background,
        p.style,
        *p.recent_events,
        *p.concerns,
        *p.facts.values(),
        sc.description.get(session.language),
        sc.persona.background.get(session.language),
    ]


def _generated(
    llm: LLMClient, session: RehearsalSession, move: str, gist: str
) -> tuple[str | None, str | None]:
    p, lang = session.persona, session.language
    system = generate.system_prompt(
        p,
        language=lang,
        description=session.scenario.description.get(lang),
        band=session.band,
        move=move,
        phase=session.phase,
        gist=gist,
    )
    reply = ReplyContext(
        language=lang,
        persona_name=p.name,
        band=session.band,
        system_prompt=system,
        card=_card(session),
        earlier_lines=[t.text for t in session.persona_turns],
    )
    verdict = generate.write(llm, reply, [(t.speaker, t.text) for t in session.turns])
    return (verdict.text, None) if verdict.ok else (None, verdict.reason)


def respond(
    llm: LLMClient | None,
    session: RehearsalSession,
    manager_text: str,
    *,
    ask_model: bool | None = None,
) -> Turn:
    """One exchange: record the manager's turn, then the persona's line.

    Raises UserError (nothing recorded) for a turn the rehearsal cannot take. The line is
    authored unless a model may write (generate.model_may_write) and its line passes the
    gate; `source` says which, `rejected` why a model's line was not used. `ask_model=True`
    asks any given model (the eval that measures a model's pass rate); None: the policy.
    """
    if session.ended:
        raise RuntimeError("this rehearsal has ended")
    text = check_turn(session, manager_text)
    manager = record_manager_turn(session, text)
    move = manager.move or "statement"
    last = session.last("employee")
    authored = choose(
        session.dialogue,
        session.persona_state,
        move,  # type: ignore[arg-type]
        language=session.language,
        values=session.persona.slot_values(),
        used=set(session.used_lines),
        manager_text=text,
        last=last.text if last else None,
        seed=session.seed,
        turn=len(session.manager_turns),
    )
    session.used_lines += authored.parts
    line, source, rejected = authored.text, "authored", None
    may_write = generate.model_may_write(llm, session.language) if ask_model is None else ask_model
    if may_write and llm is not None:
        generated, rejected = _generated(llm, session, move, authored.text)
        if generated is not None:
            line, source = generated, "llm"
    turn = Turn(
        "employee",
        line,
        source,
        session.tension,
        rejected=rejected,
        phase=session.phase,
        openness=session.openness,
    )
    session.turns.append(turn)
    return turn


async def arespond(llm: LLMClient | None, session: RehearsalSession, manager_text: str) -> Turn:
    """`respond` off the event loop (a model call blocks), for the chat UI."""
    return await asyncio.to_thread(respond, llm, session, manager_text)


def end(session: RehearsalSession) -> RehearsalSession:
    session.ended = True
    return session
