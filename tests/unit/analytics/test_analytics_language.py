import pytest

from coach.analytics import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hoe gaat het met je?", "nl"),
        ("heb je de klant al teruggebeld", "nl"),
        ("Goed gedaan!", "nl"),
        ("How are things going with the migration?", "en"),
        ("did you call the customer back", "en"),
        ("Nice job!", "en"),
        ("Je bent altijd te laat.", "nl"),
        ("You're always late.", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_unknown_falls_back_to_dutch() -> None:
    assert detect_language("") == "nl"
    assert detect_language("123") == "nl"


def test_leaning_counts_each_languages_stop_words_and_ties_are_undecided() -> None:
    from coach.analytics.language import leaning

    assert leaning(["hoe", "gaat", "het", "the"]) == "nl"
    assert leaning(["how", "is", "the", "de"]) == "en"
    assert leaning(["de", "the"]) is None
    assert leaning([]) is None
