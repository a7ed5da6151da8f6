import math

from coach.analytics import Turn, analyze, analyze_conversation, turn_effect

SCRIPT = [
    Turn("manager", "Hoe gaat het met je?"),  # 0: open question, 5 words
    Turn("employee", "Druk, eerlijk gezegd."),  # 3 words
    Turn("manager", "Je hebt het erg druk."),  # 2: simple reflection, 5 words
    Turn("employee", "Ja, de deadline van vrijdag is krap."),  # 7 words
    Turn("manager", "Heb je het rapport al af?"),  # 4: closed question, 6 words
    Turn("employee", "Nee."),  # 1 word
    Turn("manager", "Je bent altijd te laat."),  # 6: generalising you-statement, 5 words
    Turn("employee", "Dat is niet eerlijk."),  # 4 words
    Turn(
        "manager",  # 8: complex reflection, 17 words
        "Aan de ene kant wil je het goed doen, aan de andere kant loopt de tijd op.",
    ),
    Turn(
        "manager",  # 9: complete SBI feedback, 16 words
        "Gisteren in het overleg onderbrak je Sanne twee keer, waardoor zij haar punt niet kon "
        "afmaken.",
    ),
    Turn(
        "manager",  # 10: empathy + premature advice, 13 words
        "Ik kan me voorstellen dat dat lastig is. Je moet gewoon eerder beginnen.",
    ),
]


def test_conversation_metrics_by_hand() -> None:
    m = analyze_conversation(SCRIPT)
    assert m.manager_turns == 7
    assert (m.questions, m.open_questions, m.closed_questions) == (2, 1, 1)
    assert m.open_share == 0.5
    assert (m.reflections, m.simple_reflections, m.complex_reflections) == (2, 1, 1)
    assert m.reflection_to_question == 1.0
    assert m.miti_band == "fair"
    assert math.isclose(m.talk_share, 67 / 82)
    assert (m.judging_words, m.generalising_words) == (0, 1)
    assert (m.feedback_turns, m.sbi_complete_turns) == (2, 1)
    assert (m.empathy_statements, m.premature_advice) == (1, 1)
    # effects: 0:-1, 2:-1, 4:+1, 6:+3, 8:-2, 9:0, 10:+1 -> weakest 6, then 4 (earliest tie)
    assert [(i, text) for i, text, _ in m.weakest_turns] == [
        (6, "Je bent altijd te laat."),
        (4, "Heb je het rapport al af?"),
    ]
    assert all(2 <= len(rewrites) <= 3 for _, _, rewrites in m.weakest_turns)


def test_turn_effect_weights() -> None:
    assert turn_effect(analyze("Je bent altijd te laat.")) == 3
    assert turn_effect(analyze("Heb je het rapport al af?")) == 1
    assert turn_effect(analyze("Vind je ook niet dat dit beter had gekund?")) == 3
    assert turn_effect(analyze("Waarom heb je dat niet gemeld?")) == 0
    assert turn_effect(analyze("Je bent gewoon lui.")) == 4
    assert turn_effect(analyze("Hoe gaat het met je?")) == -1
    assert turn_effect(analyze("Aan de ene kant wil je groeien, aan de andere kant rust.")) == -2
    assert turn_effect(analyze("Dat klinkt zwaar.")) == -2  # empathy + simple reflection


def test_edge_cases() -> None:
    empty = analyze_conversation([])
    assert empty.manager_turns == 0 and empty.talk_share == 0.0 and empty.open_share == 0.0
    only_reflections = analyze_conversation(
        [Turn("manager", "You're tired."), Turn("manager", "It sounds like a lot.")]
    )
    assert only_reflections.reflection_to_question == 2.0
    assert only_reflections.miti_band == "good"
    assert only_reflections.weakest_turns == []
    data = analyze_conversation(SCRIPT).to_dict()
    assert data["weakest_turns"][0]["index"] == 6
    assert data["weakest_turns"][0]["rewrites"][0]["reason"]
