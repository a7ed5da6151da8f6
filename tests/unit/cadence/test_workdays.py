from datetime import UTC, date, datetime

import pytest

from coach.cadence import suggest_slots
from coach.cadence.workdays import dutch_public_holidays, easter, is_working_day, next_working_day
from coach.followup.service import next_meeting_at


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


def test_dutch_public_holidays_2026() -> None:
    assert sorted(dutch_public_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_kings_day_on_a_sunday_moves_to_saturday_and_liberation_day_in_lustrum_years() -> None:
    assert date(2025, 4, 26) in dutch_public_holidays(2025)  # 27 April 2025 is a Sunday
    assert date(2025, 4, 27) not in dutch_public_holidays(2025)
    assert date(2025, 5, 5) in dutch_public_holidays(2025)
    assert date(2026, 5, 5) not in dutch_public_holidays(2026)


def test_working_days() -> None:
    assert not is_working_day(date(2026, 12, 25))
    assert not is_working_day(date(2026, 11, 28))  # a Saturday
    assert is_working_day(date(2026, 4, 3))  # Goede Vrijdag is a working day for most
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 24)
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)  # Fri, Sat, Sun -> Mon


def test_next_one_on_one_and_slots_skip_holidays() -> None:
    nxt = next_meeting_at(date(2026, 4, 30), 14, "Europe/Amsterdam")
    assert nxt.date() == date(2026, 5, 15)  # 14 May is Hemelvaartsdag
    assert next_meeting_at(date(2026, 12, 11), 14, "Europe/Amsterdam").date() == date(2026, 12, 28)
    after = datetime(2026, 4, 24, 12, 0, tzinfo=UTC)  # a Friday
    slots = suggest_slots(after=after, tz="Europe/Amsterdam", count=2)
    assert [s.date() for s in slots] == [date(2026, 4, 28), date(2026, 4, 29)]  # not Koningsdag
