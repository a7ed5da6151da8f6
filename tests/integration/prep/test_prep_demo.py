"""The prep brief on the demo team: real SQLite, real Chroma, the real embedding model.

Checks the brief against the `expect` blocks of coach/demo/team.yaml and checks that every
citation exists and belongs to the demo manager, never to a second manager who has a person
with the same name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.analytics import analyze
from coach.cli import common
from coach.container import Container, build_container
from coach.demo.loader import install_demo, load_team
from coach.errors import UserError
from coach.knowledge.entries import KNOWLEDGE_DIR, load_entries
from coach.prep.models import SECTIONS, Brief
from coach.prep.questions import bank_questions, load_banks
from coach.prep.render import render_markdown, sources
from coach.settings import Settings
from coach.storage import repo
from coach.storage.models import CheckIn, Meeting, Note

TODAY = dt.date(2025, 11, 12)
TEAM = load_team()
PEOPLE = {p["key"]: p for p in TEAM["people"]}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data_dir: Path = tmp_path_factory.mktemp("prep")
    c = build_container(Settings(data_dir=data_dir, llm="fake"))
    c.migrate()
    install_demo(c, today=TODAY)
    with c.db.session() as s:
        demo = repo.get_manager(s, "demo").id
        other = repo.add_manager(s, "other", password_hash=None).id
        p = repo.add_person(s, other, "Sanne de Vries")  # same name, other manager
        m = repo.add_meeting(
            s, other, p.id, dt.datetime(2025, 11, 1, 9), summary="Ambities en feedback."
        )
        repo.add_note(s, other, p.id, "Ambitie: teamlead.", date=dt.date(2025, 11, 10))
        repo.add_note(
            s, other, p.id, "Feedback op ambitie.", date=dt.date(2025, 11, 1), meeting_id=m.id
        )
        repo.add_action_item(s, other, p.id, "Iets", due_date=dt.date(2025, 11, 2), meeting_id=m.id)
        repo.add_checkin(s, other, p.id, energy=5, werkgeluk=5, wins="Alles goed.")
    c.notes.reindex(other)
    yield {"c": c, "demo": demo, "other": other, "data_dir": data_dir}


def _brief(env: dict[str, Any], key: str, language: str | None = None) -> Brief:
    return env["c"].prep.build(env["demo"], PEOPLE[key]["name"], today=TODAY, language=language)


def _assert_owned(c: Container, manager_id: int, brief: Brief) -> None:
    models = {"note": Note, "meeting": Meeting, "checkin": CheckIn}
    entry_ids = {e.id for e in load_entries(KNOWLEDGE_DIR)}  # banks and the signal playbooks
    with c.db.session() as s:
        for cite in brief.citations():
            if cite.kind == "knowledge":
                assert cite.id in entry_ids
                continue
            row = s.get(models[cite.kind], cite.id)
            assert row is not None, cite
            assert row.manager_id == manager_id, cite
            assert row.person_id == brief.person.id, cite


@pytest.mark.parametrize("key", list(PEOPLE))
def test_brief_matches_demo_expectations(env: dict[str, Any], key: str) -> None:
    expect = PEOPLE[key]["expect"]
    brief = _brief(env, key)
    assert brief.gaps == expect["gaps"]
    assert set(expect["covered_recently"]) <= set(brief.covered)
    actions = brief.section("open_actions")
    assert len(actions) == expect["open_action_items"]
    overdue = [a for a in actions if a.extra["overdue"]]
    assert len(overdue) == expect["overdue_action_items"]
    assert all(a.text.endswith("afgerond?") for a in overdue)
    assert not any(a.text.endswith("afgerond?") for a in actions if not a.extra["overdue"])
    assert all(a.citations and a.citations[0].kind == "meeting" for a in actions)


@pytest.mark.parametrize("key", list(PEOPLE))
@pytest.mark.parametrize("language", ["nl", "en"])
def test_brief_is_cited_owned_and_well_formed(env: dict[str, Any], key: str, language: str) -> None:
    brief = _brief(env, key, language)
    assert brief.language == language
    _assert_owned(env["c"], env["demo"], brief)
    for name in ("since_last", "checkin", "questions"):
        assert all(item.citations for item in brief.section(name)), name
    for item in brief.section("topic_coverage"):  # "never discussed" has nothing to cite
        assert bool(item.citations) == (item.extra["last"] is not None)
    since = brief.section("since_last")
    assert [i.extra["date"] for i in since] == sorted(
        (i.extra["date"] for i in since), reverse=True
    )
    minutes = sum(i.extra["minutes"] for i in brief.section("agenda"))
    assert 30 <= minutes <= 45
    questions = brief.section("questions")
    assert 3 <= len(questions) <= 5
    banks = {(e.id, e.language): e for e in load_banks(KNOWLEDGE_DIR)}
    for q in questions:
        entry = banks[(str(q.citations[0].id), language)]
        assert q.text in bank_questions(entry)
        assert analyze(q.text, language).question == "open"
    d = brief.to_dict()
    assert set(d) == {"person", "language", "generated_for", "narrative", "sections"}
    assert d["narrative"] is None  # only a capable model writes one (prep.narrate)
    assert set(d["sections"]) == set(SECTIONS)
    json.dumps(d)
    md = render_markdown(brief)
    assert all(f"[{label}]" in md for label, _, _ in sources(brief))


def test_since_last_covers_notes_after_the_last_meeting(env: dict[str, Any]) -> None:
    brief = _brief(env, "sanne")
    texts = [i.text for i in brief.section("since_last")]
    assert len(texts) == 2 and texts[0].startswith("Teams: Sanne reageerde kortaf")
    cadence = brief.section("cadence")
    assert cadence[0].extra["last"] == TODAY - dt.timedelta(days=24)
    assert brief.section("checkin")[0].extra["energy"] == 2


def test_marta_ambitions_gap_reads_seven_months(env: dict[str, Any]) -> None:
    nl = {i.extra["topic"]: i.text for i in _brief(env, "marta").section("topic_coverage")}
    en = {i.extra["topic"]: i.text for i in _brief(env, "marta", "en").section("topic_coverage")}
    assert nl["ambitions"].startswith("Ambities: 7 maanden niet besproken")
    assert en["ambitions"].startswith("Ambitions: not discussed for 7 months")


def test_other_manager_gets_only_their_own_rows(env: dict[str, Any]) -> None:
    brief = env["c"].prep.build(env["other"], "Sanne", today=TODAY)
    _assert_owned(env["c"], env["other"], brief)
    assert len(brief.section("open_actions")) == 1
    with pytest.raises(UserError) as err:
        env["c"].prep.build(env["other"], "Thomas", today=TODAY)
    assert err.value.key == "person_not_found"


def test_followup_cites_own_notes_and_one_question_bank(env: dict[str, Any]) -> None:
    svc = env["c"].prep
    answer = svc.followup(env["demo"], "Sanne", "Hoe bespreek ik haar werkdruk en slaap?", "nl")
    notes = [c for c in answer.citations if c.kind == "note"]
    knowledge = [c for c in answer.citations if c.kind == "knowledge"]
    assert 2 <= len(notes) <= 3 and len(knowledge) == 1
    with env["c"].db.session() as s:
        person = repo.find_person(s, env["demo"], "Sanne")
        for c in notes:
            row = s.get(Note, c.id)
            assert row is not None and row.manager_id == env["demo"]
            assert row.person_id == person.id
    suggested = [ln for ln in answer.text.splitlines() if ln.endswith(f"[{knowledge[0].id}]")]
    assert 2 <= len(suggested) <= 3
    again = svc.followup(env["demo"], "Sanne", "Hoe bespreek ik haar werkdruk en slaap?", "nl")
    assert again == answer


def test_cli_prep_json_markdown_and_unknown_person(
    env: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.cli.main import app

    monkeypatch.setenv("COACH_DATA_DIR", str(env["data_dir"]))
    monkeypatch.setenv("COACH_LLM", "fake")
    monkeypatch.setenv("COACH_LANG", "nl")
    monkeypatch.setattr(common, "_container", env["c"])
    runner = CliRunner()
    args = ["prep", "Thomas", "--manager", "demo", "--today", TODAY.isoformat()]
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["generated_for"] == TODAY.isoformat()
    assert data["person"]["name"] == "Thomas Bakker"
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "### Vragen om te stellen" in res.stdout
    res = runner.invoke(app, ["prep", "Nobody", "--manager", "demo"])
    assert res.exit_code == 1
    assert "Ik ken niemand die 'Nobody' heet" in res.output


def test_cli_analyze_text_and_jsonl() -> None:
    from coach.cli.main import app

    runner = CliRunner()
    res = runner.invoke(app, ["analyze", "Waarom ben je te laat?", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["analysis"]["question"] == "open" or data["analysis"]["why_question"]
    assert "why_question" in [i["label"] for i in data["issues"]]
    lines = '{"text": "Heb je het druk?"}\n{"text": "Het klinkt alsof je moe bent."}\n'
    res = runner.invoke(app, ["analyze"], input=lines)
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["question"] for o in out] == ["closed", None]
    assert out[1]["reflection"] in ("simple", "complex")
    res = runner.invoke(app, ["analyze"], input="not json\n")
    assert res.exit_code == 1


# --- issue 17: what matters now comes first ----------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_what_matters_now_comes_right_after_the_opening(env: dict[str, Any], language: str) -> None:
    def first(key: str) -> dict[str, Any]:
        return _brief(env, key, language).section("agenda")[1].extra

    sanne = _brief(env, "sanne", language)
    block = sanne.section("agenda")[1]
    assert (block.extra["block"], block.extra["signal"], block.extra["topic"]) == (
        "signal",
        "wellbeing",
        "wellbeing",
    )
    kinds = {c.kind for c in block.citations}
    assert {"checkin", "knowledge"} <= kinds  # the evidence and the careful-raising advice
    assert block.extra["reason"].startswith("energ")  # "energie 2/5 in de check-in van ..."
    asked = [q.extra["topic"] for q in sanne.section("questions")]
    assert asked[:2] == ["wellbeing", "wellbeing"]
    assert any(i.extra.get("discuss") for i in sanne.section("agenda"))  # her own item
    assert (first("thomas")["block"], first("thomas")["signal"]) == ("signal", "flight_risk")
    assert first("noor")["block"] == "onboarding"
    for key in PEOPLE:
        agenda = _brief(env, key, language).section("agenda")
        assert agenda[0].extra["block"] == "opening" and agenda[-1].extra["block"] == "close"
        assert all(i.extra["reason"] for i in agenda)
