"""Debrief figures (hand-computed), hints, storage per manager and the trend chart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.container import Container
from coach.llm import LLMClient, ScriptedChatModel
from coach.rehearsal import (
    Debrief,
    RehearsalSession,
    debrief,
    hint,
    new_session,
    render_debrief_markdown,
    respond,
    store,
)
from coach.rehearsal.chart import trend_figure
from coach.rehearsal.persona import generic_persona
from coach.rehearsal.scenarios import get_scenario
from coach.storage import repo
from coach.storage.models import RehearsalSession as RehearsalRow

from .test_engine import REPLIES, SCRIPT

Make = Callable[..., tuple[LLMClient, ScriptedChatModel]]
FLAT_ROWS = Path(__file__).with_name("debrief_flat_8263247.json")


def _played(make_llm: Make, difficulty: str = "medium") -> RehearsalSession:
    llm, _ = make_llm(*REPLIES)
    sc = get_scenario("burnout")
    session = new_session(sc, generic_persona(sc, "nl"), difficulty, "nl")
    for line in SCRIPT:
        respond(llm, session, line)
    return session


def test_debrief_figures(make_llm: Make) -> None:
    d = debrief(_played(make_llm))
    # Questions: turn 1 open, turn 2 closed; turn 3 is a complex reflection; turn 4 advice.
    m = d.measures
    assert (m.manager_turns, m.questions, m.open_questions, m.closed_questions) == (4, 2, 1, 1)
    assert d.open_share == 0.5
    assert (m.reflections, m.simple_reflections, m.complex_reflections) == (1, 0, 1)
    assert m.reflection_to_question == 0.5 and m.miti_band == "below"
    # Words: manager 5 + 4 + 18 + 7 = 34; opening 13 + replies 9 + 10 + 11 + 5 = 48.
    assert m.talk_share == pytest.approx(34 / 82)
    assert d.judging_words == [] and d.generalising_words == []
    assert (m.feedback_turns, m.sbi_complete_turns) == (0, 0)
    assert (m.empathy_statements, m.premature_advice) == (0, 1)
    assert d.tension == [5.0, 4.5, 5.0, 3.5, 5.0]
    # The opening is authored, the four replies came from the (fake) model past the gate.
    assert (d.authored_replies, d.generated_replies) == (1, 4)
    assert [x["source"] for x in d.persona_lines] == ["authored"] + ["llm"] * 4
    assert d.outcome == "open"
    # Weakest: turn 4 (+2) before turn 2 (+1), each with rewrites.
    assert [(w.number, w.text) for w in d.weakest_turns] == [(4, SCRIPT[3]), (2, SCRIPT[1])]
    assert all(w.rewrites and w.rewrites[0]["text"] for w in d.weakest_turns)
    assert Debrief.from_dict(d.to_dict()) == d


def _words_and_sbi(make_llm: Make) -> RehearsalSession:
    llm, _ = make_llm()
    sc = get_scenario("underperformance")
    session = new_session(sc, generic_persona(sc, "nl"), "medium", "nl", seed=7)
    for line in (
        "Je bent altijd te laat, dat is slordig.",
        "Gisteren in het overleg zag ik dat je Tom onderbrak. Daardoor kwam hij niet meer"
        " aan het woord.",
        "Dat klinkt zwaar. Je voelt je moe.",
    ):
        respond(llm, session, line)
    return session


def test_debrief_words_and_sbi(make_llm: Make) -> None:
    d = debrief(_words_and_sbi(make_llm))
    assert d.judging_words == ["slordig"] and d.generalising_words == ["altijd"]
    m = d.measures
    assert (m.feedback_turns, m.sbi_complete_turns) == (2, 1)
    assert m.empathy_statements == 1
    assert (m.reflections, m.questions, m.miti_band) == (1, 0, "fair")
    assert m.reflection_to_question == 1.0
    assert d.open_share is None
    assert d.tension == [5.0, 7.0, 7.0, 5.5]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_render_debrief(make_llm: Make, lang: str) -> None:
    text = render_debrief_markdown(debrief(_played(make_llm)), lang)
    assert "| 0.50 (" in text and "41%" in text and "5 → 4.5 → 5 → 3.5 → 5" in text
    assert SCRIPT[3] in text
    # Each rewrite is tied to the turn it improves; the sources of the persona's lines show.
    assert ("Jouw beurt 4" in text) == (lang == "nl") and ("Your turn 4" in text) == (lang == "en")
    assert REPLIES[0] in text
    sources = ("1 zin(nen) uit het geschreven script, 4 door het taalmodel", "1 line(s) from the")
    assert sources[0 if lang == "nl" else 1] in text
    assert "[" not in text.split("###")[1]  # no template brackets in the rewrites
    assert ("Nabespreking" in text) == (lang == "nl")
    assert ("Debrief" in text) == (lang == "en")


def test_hint_follows_last_turn(make_llm: Make) -> None:
    llm, _ = make_llm()
    sc = get_scenario("burnout")
    session = new_session(sc, generic_persona(sc, "nl"), "easy", "nl")  # stays below "high"
    assert hint(session) == "Tip voor dit gesprek: " + sc.hints.nl[0]
    respond(llm, session, "Je bent altijd te laat, dat is slordig.")
    assert "slordig" in hint(session)
    respond(llm, session, "Heb je het druk?")
    assert "gesloten vraag" in hint(session)
    respond(llm, session, "Waarom werk je zo laat?")
    assert "'Waarom'" in hint(session)
    respond(llm, session, "Wat speelt er?")  # two turns without a reflection
    assert "reflectie" in hint(session) and "Mark" in hint(session)
    respond(llm, session, "Het klinkt alsof je je zorgen maakt over je team.")
    assert hint(session).startswith("Tip voor dit gesprek:")
    respond(llm, session, "Je moet gewoon wat taken laten liggen.")
    assert "oplossing" in hint(session)
    assert session.band != "high"

    tense = new_session(sc, generic_persona(sc, "en"), "hard", "en")
    respond(llm, tense, "Is everything okay?")  # closed question at tension 8.5
    assert tense.band == "high" and "Acknowledge the feeling" in hint(tense)


def test_store_and_history_per_manager(
    make_llm: Make, container: Container, managers: tuple[int, int]
) -> None:
    mira, bram = managers
    first = _played(make_llm)
    rid = store.save(container.db, mira, first, debrief(first))
    second = _played(make_llm, "hard")
    store.save(container.db, mira, second, debrief(second))

    mine = store.history(container.db, mira)
    assert [h.difficulty for h in mine] == ["medium", "hard"]
    assert mine[0].id == rid and mine[0].scenario == "burnout"
    assert mine[0].rq_ratio == 0.5 and mine[0].open_share == 0.5
    assert mine[0].talk_share == pytest.approx(34 / 82)
    assert mine[1].debrief.tension == [7.0, 6.75, 7.5, 6.75, 9.0]
    assert len(mine[0].transcript) == 9 and mine[0].transcript[0]["source"] == "opening"

    assert store.history(container.db, bram) == []
    with pytest.raises(repo.NotFound):
        store.get(container.db, bram, rid)
    assert store.get(container.db, mira, rid).debrief == debrief(first)
    with pytest.raises(repo.NotFound):
        store.delete(container.db, bram, rid)
    store.delete(container.db, mira, rid)
    assert [h.difficulty for h in store.history(container.db, mira)] == ["hard"]


def test_rows_saved_with_flat_figures_still_load(
    make_llm: Make, container: Container, managers: tuple[int, int]
) -> None:
    """Rehearsals saved before the debrief held the analyzer's measures record (the figures
    at the top level, as 8263247 wrote them) read as today's debrief and render the same."""
    flat = json.loads(FLAT_ROWS.read_text(encoding="utf-8"))
    mira = managers[0]
    for key, session in (
        ("played", _played(make_llm)),
        ("words_and_sbi", _words_and_sbi(make_llm)),
    ):
        rid = store.save(container.db, mira, session, debrief(session))
        with container.db.session() as s:
            row = s.get(RehearsalRow, rid)
            assert row is not None and "measures" in row.metrics
            row.metrics = flat[key]
        stored = store.get(container.db, mira, rid)
        assert stored.debrief == debrief(session), key
        for lang in ("nl", "en"):
            assert render_debrief_markdown(stored.debrief, lang) == render_debrief_markdown(
                debrief(session), lang
            )
    # (R:Q, open share) on the trend; no questions: no open share
    played, words = [(h.rq_ratio, h.open_share) for h in store.history(container.db, mira)]
    assert played == (0.5, 0.5) and words == (1.0, None)


def test_save_refuses_another_managers_person(
    make_llm: Make, container: Container, managers: tuple[int, int]
) -> None:
    mira, bram = managers
    with container.db.session() as s:
        repo.add_person(s, mira, "Sanne de Vries")
    persona = container.rehearsal.persona(mira, "burnout", "Sanne")
    session = new_session("burnout", persona)
    with pytest.raises(repo.NotFound):
        store.save(container.db, bram, session, debrief(session))
    rid = store.save(container.db, mira, session, debrief(session))
    assert store.get(container.db, mira, rid).person_id == persona.person_id


def test_trend_figure(make_llm: Make, container: Container, managers: tuple[int, int]) -> None:
    mira = managers[0]
    for difficulty in ("medium", "hard"):
        s = _played(make_llm, difficulty)
        store.save(container.db, mira, s, debrief(s))
    fig = trend_figure(store.history(container.db, mira), "nl")
    names = [tr.name for tr in fig.data]
    assert names == ["Reflecties : vragen", "Open vragen (%)", "Jouw spreektijd (%)"]
    assert list(fig.data[0].y) == [0.5, 0.5]
    assert list(fig.data[1].y) == [50.0, 50.0]
    assert list(fig.data[2].y) == [41.5, 41.5]
    assert fig.data[1].yaxis == "y2" and fig.data[0].yaxis in (None, "y")
    assert [tr.name for tr in trend_figure([], "en").data][0] == "Reflections : questions"


def test_trend_figure_follows_any_theme_and_shows_the_scale(
    make_llm: Make, container: Container, managers: tuple[int, int]
) -> None:
    """It was white on the dark theme: no background of its own, text that reads on both."""
    s = _played(make_llm)
    store.save(container.db, managers[0], s, debrief(s))
    fig = trend_figure(store.history(container.db, managers[0]), "nl")
    layout = fig.layout
    assert layout.paper_bgcolor == "rgba(0,0,0,0)" and layout.plot_bgcolor == "rgba(0,0,0,0)"
    assert layout.font.color == layout.yaxis.color == "#8c8c8c"
    assert list(layout.yaxis.range) == [0, 2.5] and layout.yaxis.dtick == 0.5
    assert layout.yaxis2.ticksuffix == "%" and list(layout.yaxis2.range) == [0, 100]
    labels = [a.text for a in layout.annotations]
    assert labels == ["redelijk (1)", "goed (2)"]
    dark = trend_figure(store.history(container.db, managers[0]), "en", theme="dark")
    assert dark.layout.font.color == "#e6e6e6" and dark.layout.paper_bgcolor == "rgba(0,0,0,0)"


def test_service_scores_stores_and_skips_a_removed_person(
    make_llm: Make, container: Container, managers: tuple[int, int]
) -> None:
    mira, bram = managers
    svc = container.rehearsal
    sc = get_scenario("burnout")
    assert svc.score(mira, new_session(sc, generic_persona(sc, "nl"))) is None  # nothing said

    played = _played(make_llm)
    scored = svc.score(mira, played)
    assert scored is not None and scored.debrief == debrief(played)
    assert scored.rehearsal_id is not None
    assert [h.id for h in scored.history] == [scored.rehearsal_id]

    with container.db.session() as s:
        sanne = repo.add_person(s, mira, "Sanne de Vries").id
    persona = svc.persona(mira, "burnout", "Sanne")
    svc.keep_pronouns(mira, sanne, "  zij / haar ")
    with container.db.session() as s:
        assert repo.get_person(s, mira, sanne).pronouns == "zij / haar"
    session = new_session("burnout", persona)
    respond(make_llm(*REPLIES)[0], session, SCRIPT[0])
    with container.db.session() as s:
        repo.delete_person(s, mira, sanne)
    svc.keep_pronouns(mira, sanne, "zij/haar")  # removed meanwhile: nothing to keep, no error
    gone = svc.score(mira, session)
    assert gone is not None and gone.rehearsal_id is None  # shown, not stored
    assert [h.id for h in gone.history] == [scored.rehearsal_id]

    with pytest.raises(repo.NotFound):
        svc.delete(bram, scored.rehearsal_id)
    svc.delete(mira, scored.rehearsal_id)
    assert store.history(container.db, mira) == []
