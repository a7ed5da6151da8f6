from __future__ import annotations

from coach.analytics import analyze
from coach.knowledge.entries import KNOWLEDGE_DIR
from coach.prep.questions import bank_questions, banks_by_topic, load_banks, pick_questions


def test_every_bank_has_numbered_questions_in_both_languages() -> None:
    banks = load_banks(KNOWLEDGE_DIR)
    for lang in ("nl", "en"):
        by_topic = banks_by_topic(banks, lang)
        assert {"energy", "werkgeluk", "ambitions", "development"} <= set(by_topic)
        for entry in by_topic.values():
            qs = bank_questions(entry)
            assert len(qs) >= 5 and all(q.endswith("?") for q in qs)


def test_pick_questions_are_open_distinct_and_follow_the_plan() -> None:
    for lang in ("nl", "en"):
        banks = banks_by_topic(load_banks(KNOWLEDGE_DIR), lang)
        picked = pick_questions(
            banks, [("ambitions", 2), ("energy", 2), ("wellbeing", 1)], context="", language=lang
        )
        assert [q.topic for q in picked] == ["ambitions"] * 2 + ["energy"] * 2 + ["wellbeing"]
        assert len({q.text for q in picked}) == 5
        assert all(analyze(q.text, lang).question == "open" for q in picked)
        assert all(q.language == lang for q in picked)


def test_pick_questions_tops_up_to_three() -> None:
    banks = banks_by_topic(load_banks(KNOWLEDGE_DIR), "nl")
    picked = pick_questions(
        banks, [("nonexistent", 2)], context="", language="nl", fill_topics=["energy"]
    )
    assert len(picked) == 3 and {q.topic for q in picked} == {"energy"}


def test_context_words_move_questions_up() -> None:
    banks = banks_by_topic(load_banks(KNOWLEDGE_DIR), "en")
    plain = pick_questions(banks, [("energy", 1)], context="", language="en")
    tuned = pick_questions(
        banks, [("energy", 1)], context="she cannot switch off and recharge", language="en"
    )
    assert plain[0].text != tuned[0].text
    assert "recharge" in tuned[0].text
