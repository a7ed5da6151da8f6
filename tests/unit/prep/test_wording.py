from __future__ import annotations

import datetime as dt

import pytest

from coach.prep.wording import first_sentences, short_date, span


@pytest.mark.parametrize(
    ("days", "nl", "en"),
    [
        (0, "0 dagen", "0 days"),
        (1, "1 dag", "1 day"),
        (13, "13 dagen", "13 days"),
        (14, "2 weken", "2 weeks"),
        (20, "2 weken", "2 weeks"),
        (59, "8 weken", "8 weeks"),
        (60, "2 maanden", "2 months"),
        (91, "3 maanden", "3 months"),
        (210, "7 maanden", "7 months"),
        (365, "12 maanden", "12 months"),
    ],
)
def test_span_in_days_weeks_months(days: int, nl: str, en: str) -> None:
    assert span(days, "nl") == nl
    assert span(days, "en") == en


def test_short_date_adds_the_year_only_when_it_differs() -> None:
    ref = dt.date(2025, 11, 12)
    assert short_date(dt.date(2025, 10, 3), "nl", ref) == "3 okt"
    assert short_date(dt.date(2025, 10, 3), "en", ref) == "3 Oct"
    assert short_date(dt.date(2024, 3, 1), "nl", ref) == "1 mrt 2024"


def test_first_sentences_keeps_two_and_cuts_long_text() -> None:
    text = "Eerste zin. Tweede zin! Derde zin."
    assert first_sentences(text) == "Eerste zin. Tweede zin!"
    long = "woord " * 100
    out = first_sentences(long, max_chars=50)
    assert out.endswith("…") and len(out) <= 51
