from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.prep.coverage import Dated, coverage, fast_classify
from coach.topics import classify, tokens

TEAM = Path(__file__).resolve().parents[3] / "coach" / "demo" / "team.yaml"
TODAY = dt.date(2025, 11, 12)


def _texts() -> list[str]:
    data = yaml.safe_load(TEAM.read_text(encoding="utf-8"))
    out: list[str] = []
    for p in data["people"]:
        out += [n["text"] for n in p.get("notes") or []]
        out += [m["notes"] for m in p.get("meetings") or []]
    for path in sorted(KNOWLEDGE_DIR.glob("*/*.md")):
        out += path.read_text(encoding="utf-8").splitlines()
    return [t for t in out if t.strip()]


def test_fast_classify_agrees_with_the_shared_classifier() -> None:
    texts = _texts()
    words = sorted({w for t in texts for w in tokens(t)})
    assert len(texts) > 1000 and len(words) > 1000
    assert [t for t in texts if fast_classify(t) != classify(t)] == []
    assert [w for w in words if fast_classify(w) != classify(w)] == []


def _d(kind: str, id_: int, days_ago: int, text: str) -> Dated:
    return Dated(kind, id_, TODAY - dt.timedelta(days=days_ago), text)  # type: ignore[arg-type]


def test_last_discussed_and_gaps_use_90_days() -> None:
    rows = [
        _d("note", 1, 10, "Werkdruk is hoog, ze is moe."),
        _d("meeting", 2, 90, "Doelen voor het kwartaal besproken."),
        _d("meeting", 3, 91, "Ze wil een cursus Python volgen."),
        _d("note", 4, 210, "Ambitie: ze wil teamlead worden."),
        _d("note", 5, -3, "Feedback gegeven."),  # future: ignored
    ]
    by = {s.topic: s for s in coverage(rows, TODAY)}
    assert by["energy"].days_since == 10 and not by["energy"].gap
    assert by["results"].days_since == 90 and not by["results"].gap
    assert by["development"].days_since == 91 and by["development"].gap
    assert by["ambitions"].gap and by["ambitions"].source is not None
    assert by["ambitions"].source.id == 4
    assert by["feedback"].last is None and by["feedback"].gap


def test_meeting_wins_over_note_on_the_same_day() -> None:
    rows = [_d("note", 9, 5, "Energie laag."), _d("meeting", 3, 5, "Energie besproken.")]
    st = {s.topic: s for s in coverage(rows, TODAY)}["energy"]
    assert st.source is not None and (st.source.kind, st.source.id) == ("meeting", 3)


@pytest.mark.parametrize("text", ["", "Niets bijzonders."])
def test_no_topics_means_all_gaps(text: str) -> None:
    assert all(s.gap for s in coverage([_d("note", 1, 1, text)], TODAY))
