from coach.topics import TOPIC_LABELS, TOPICS, classify, classify_sentences, split_sentences


def test_topics_and_labels_cover_both_languages() -> None:
    assert TOPICS == (
        "results",
        "energy",
        "werkgeluk",
        "ambitions",
        "development",
        "feedback",
        "wellbeing",
        "collaboration",
    )
    for topic in (*TOPICS, "other"):
        assert set(TOPIC_LABELS[topic]) == {"nl", "en"}
    assert TOPIC_LABELS["results"] == {"nl": "Resultaten", "en": "Results"}


def test_classify_dutch() -> None:
    assert "energy" in classify("Ik ben erg moe door de hoge werkdruk.")
    assert "development" in classify("Ze wil een cursus volgen om te leren presenteren.")
    assert "ambitions" in classify("Hij wil doorgroeien naar een seniorrol.")
    assert "collaboration" in classify("Het teamoverleg loopt stroef.")
    assert "werkgeluk" in classify("Ik haal veel plezier uit het klantcontact.")
    assert "results" in classify("De kwartaaldoelen zijn gehaald.")


def test_classify_english() -> None:
    assert "feedback" in classify("She gave great feedback on the review.")
    assert "wellbeing" in classify("My health has not been great and I saw a doctor.")
    assert "results" in classify("We hit the quarterly targets.")


def test_classify_several_and_none() -> None:
    found = classify("Te veel overuren; ik wil daarom een training timemanagement.")
    assert {"energy", "development"} <= found
    assert classify("Het regende vanochtend.") == set()
    assert classify("") == set()


def test_developer_is_not_development() -> None:
    assert "development" not in classify("He is a developer.")


def test_classify_sentences_groups_and_other() -> None:
    text = "Ik ben moe. Het weer was mooi.\nWe hebben de targets gehaald!"
    groups = classify_sentences(text)
    assert groups["energy"] == ["Ik ben moe."]
    assert groups["other"] == ["Het weer was mooi."]
    assert groups["results"] == ["We hebben de targets gehaald!"]


def test_split_sentences_on_lines_and_punctuation() -> None:
    assert split_sentences("Eén. Twee!\nDrie") == ["Eén.", "Twee!", "Drie"]
