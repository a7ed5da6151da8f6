"""Wording of the rhythm flow: command parsing, the nudge, slot labels, the team table and
the chart (pure functions, no database)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

from coach.app.flows.rhythm_view import (
    BEHIND_COLOUR,
    OK_COLOUR,
    OVERDUE_COLOUR,
    RhythmCommand,
    nudge_text,
    overview_figure,
    overview_table,
    parse_rhythm_command,
    slot_label,
)
from coach.cadence.nudge import NudgeItem
from coach.cadence.overview import PersonOverview

TODAY = dt.date(2026, 3, 10)
D = dt.date
ROWS = [
    PersonOverview(
        1, "Bram | de Wit", D(2026, 1, 1), D(2026, 1, 29), "overdue", 1, 4, ("results",)
    ),
    PersonOverview(
        2, "Eva Smit", D(2026, 2, 20), D(2026, 3, 20), "ok", 5, 4, ("energy", "werkgeluk")
    ),
    PersonOverview(3, "Noor Bakker", None, TODAY, "never", 0, 4, ()),
]


def test_parse_rhythm_commands() -> None:
    assert parse_rhythm_command(None, "/team") == RhythmCommand("team", "")
    assert parse_rhythm_command(None, " /Overzicht ") == RhythmCommand("team", "")
    assert parse_rhythm_command(None, "/overview") == RhythmCommand("team", "")
    assert parse_rhythm_command(None, "/checkin Sanne de Vries") == RhythmCommand(
        "checkin", "Sanne de Vries"
    )
    assert parse_rhythm_command("checkin", "Sanne") == RhythmCommand("checkin", "Sanne")
    assert parse_rhythm_command(None, "/persoon Eva") is None
    assert parse_rhythm_command("notitie", "Eva: tekst") is None
    assert parse_rhythm_command(None, "Hoe gaat het met het team?") is None


def test_nudge_text_per_status_in_both_languages() -> None:
    items = [
        NudgeItem(1, "Bram de Wit", "overdue", dt.date(2026, 1, 29), 40, dt.date(2026, 1, 1)),
        NudgeItem(3, "Noor Bakker", "never", TODAY, 0, None),
        NudgeItem(2, "Eva Smit", "due", dt.date(2026, 3, 12), 0, dt.date(2026, 2, 12)),
    ]
    nl = nudge_text(items, "nl", TODAY).splitlines()
    assert nl[0].startswith("**Even een seintje:**")
    assert "- **Bram de Wit**: 40 dagen over tijd (laatste 1-op-1 op 1 jan)" in nl
    assert "- **Noor Bakker**: nog geen 1-op-1 gehad (de eerste uiterlijk 10 mrt)" in nl
    assert "- **Eva Smit**: volgende 1-op-1 uiterlijk 12 mrt" in nl
    en = nudge_text(items, "en", TODAY)
    assert "**Bram de Wit**: 40 days overdue (last 1:1 on 1 Jan)" in en
    assert "once a day" in en


def test_slot_label() -> None:
    start = dt.datetime(2026, 3, 17, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert slot_label(start, "nl") == "di 17 mrt 10:00"
    assert slot_label(start, "en") == "Tue 17 Mar 10:00"


def test_overview_table() -> None:
    lines = overview_table(ROWS, "nl", TODAY).splitlines()
    assert lines[0] == "**Je team in 2026**"
    assert lines[2] == (
        "| Naam | Laatste 1-op-1 | Volgende uiterlijk | Dit jaar (min. 4) "
        "| Besproken thema's (laatste 90 dagen, als in de voorbereiding) |"
    )
    assert lines[3] == "|---|---|---|---|---|"
    assert lines[4] == (
        "| 🔴 **Bram \\| de Wit** | 1 jan | 29 jan (40 dagen over tijd) | 1 / 4 ⚠ | Resultaten |"
    )
    # overdue first, then never met, then the rest (not alphabetical)
    assert lines[5] == "| Noor Bakker | nog niet | 10 mrt (eerste gesprek) | 0 / 4 ⚠ | – |"
    assert lines[6] == "| Eva Smit | 20 feb | 20 mrt | 5 / 4 | Energie, Werkgeluk |"
    en = overview_table(ROWS, "en", TODAY)
    assert "| Eva Smit | 20 Feb | 20 Mar | 5 / 4 | Energy, Job satisfaction |" in en
    assert overview_table([], "nl", TODAY) == "Er staan nog geen mensen in je team."


def test_overview_figure() -> None:
    fig = overview_figure(ROWS, "nl")
    bars, line = fig.data
    assert list(bars.x) == ["Bram", "Noor", "Eva"]
    assert list(bars.y) == [1, 0, 5]
    assert list(bars.marker.color) == [OVERDUE_COLOUR, BEHIND_COLOUR, OK_COLOUR]
    assert list(line.y) == [4, 4, 4]
    assert line.name == "Minimum (4 per jaar)"
    assert fig.layout.title.text == "1-op-1's dit jaar per persoon (minimaal 4)"
    assert tuple(fig.layout.yaxis.range) == (0, 6)


# --- issue 17: overdue stands out even when the count looks healthy; plurals ------------


def test_overdue_with_a_healthy_count_is_red_and_first() -> None:
    rows = [
        dataclasses.replace(ROWS[1], person="Anna Ok"),
        dataclasses.replace(
            ROWS[1], person="Thomas Bakker", status="overdue", next_due=TODAY - dt.timedelta(1)
        ),
    ]
    fig = overview_figure(rows, "nl")
    assert list(fig.data[0].x) == ["Thomas", "Anna"]
    assert list(fig.data[0].marker.color) == [OVERDUE_COLOUR, OK_COLOUR]
    table = overview_table(rows, "en", TODAY)
    assert "🔴 **Thomas Bakker**" in table and "(1 day overdue)" in table
    assert "(1 dag over tijd)" in overview_table(rows, "nl", TODAY)
