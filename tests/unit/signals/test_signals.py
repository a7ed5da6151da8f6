"""coach.signals: data files load and validate; matches respect negation and other senses."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.signals import (
    DATA_DIR,
    FAMILIES,
    SignalDataError,
    advice,
    detect_signals,
    families_in,
    kinds_in,
    vocabularies,
)


def test_every_language_has_every_kind_and_advice() -> None:
    vocab = vocabularies()
    assert set(vocab) == {"nl", "en"}
    for v in vocab.values():
        for family in FAMILIES:
            a = v.advice[family]
            assert a.text and a.source and a.topic


def test_advice_sources_are_knowledge_entries() -> None:
    from coach.knowledge.entries import load_entries

    ids = {(e.language, e.id) for e in load_entries()}
    for lang in ("nl", "en"):
        for family in FAMILIES:
            assert (lang, advice(family, lang).source) in ids


@pytest.mark.parametrize(
    ("sentence", "families"),
    [
        ("Ik ga ervoor zorgen dat de planning klaar is.", set()),
        ("We will quit the old tool.", set()),
        ("The new task is difficult.", set()),
        ("Ze maakt zich zorgen over haar vader.", {"wellbeing"}),
        ("He is thinking about quitting his job.", {"flight_risk"}),
        ("Er is ruzie tussen Bas en Eva.", {"conflict"}),
        ("Ik ben helemaal niet moe.", set()),
        ("She is not stressed at all.", set()),
    ],
)
def test_families(sentence: str, families: set[str]) -> None:
    assert families_in(sentence) == families


def test_english_vocabulary_applies_to_a_dutch_brief() -> None:
    signals = detect_signals(["A recruiter called Priya again."], "nl", "Priya")
    assert [s.kind for s in signals] == ["flight_risk"]
    assert "Priya" in signals[0].text and "rondkijken" in signals[0].text


def test_recovered_sentence_raises_nothing() -> None:
    assert kinds_in("Hij slaapt weer goed sinds de vakantie.") == []


def test_bad_data_file_fails_loudly(tmp_path: Path) -> None:
    for lang in ("nl", "en"):
        (tmp_path / f"{lang}.yaml").write_text(
            (DATA_DIR / f"{lang}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "en.yaml").write_text("kinds: {low_energy: {family: nope}}\n", encoding="utf-8")
    with pytest.raises(SignalDataError):
        vocabularies(tmp_path)
