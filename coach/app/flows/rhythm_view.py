"""Text and chart for the rhythm flow: the daily nudge, slot labels, the team table and chart.

Pure functions (no Chainlit, no database) so the wording and the table are unit-tested;
every user-facing string comes from the catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, TypeAlias

from plotly import graph_objects as go

from coach import slash
from coach.cadence.core import MIN_PER_YEAR
from coach.cadence.nudge import NudgeItem
from coach.cadence.overview import PersonOverview
from coach.i18n import plural, t
from coach.prep.wording import short_date
from coach.topics import TOPIC_LABELS

RhythmAction = Literal["team", "checkin"]

ALIASES: dict[str, RhythmAction] = {
    "team": "team",
    "overzicht": "team",
    "overview": "team",
    "checkin": "checkin",
    "check-in": "checkin",
}
BEHIND_COLOUR = "#d9822b"
OK_COLOUR = "#2e7d32"
OVERDUE_COLOUR = "#b3261e"
_ORDER = {"overdue": 0, "never": 1, "due": 2, "ok": 3}


RhythmCommand: TypeAlias = slash.Command[RhythmAction]


def parse_rhythm_command(command: str | None, content: str) -> RhythmCommand | None:
    """`/team`, `/overzicht`, `/checkin naam` typed or chosen in the composer; else None."""
    return slash.parse(command, content, ALIASES)


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def nudge_line(item: NudgeItem, lang: str, today: dt.date) -> str:
    if item.status == "never":
        return t("rhythm_nudge_never", lang, name=item.person, date=short_date(item.next_due, lang))
    if item.status == "overdue":
        last = short_date(item.last, lang, today) if item.last else "-"
        days = item.overdue_days
        return plural("rhythm_nudge_overdue", days, lang, name=item.person, days=days, last=last)
    return t("rhythm_nudge_due", lang, name=item.person, date=short_date(item.next_due, lang))


def nudge_text(items: list[NudgeItem], lang: str, today: dt.date) -> str:
    lines = [f"- {nudge_line(i, lang, today)}" for i in items]
    return "\n".join(
        [t("rhythm_nudge_heading", lang), "", *lines, "", t("rhythm_nudge_footer", lang)]
    )


def slot_label(start: dt.datetime, lang: str) -> str:
    """'di 1 dec 10:00' / 'Tue 1 Dec 10:00' (start is already in the local zone)."""
    days = [d.strip() for d in t("rhythm_weekdays", lang).split(",")]
    return f"{days[start.weekday()]} {short_date(start.date(), lang)} {start:%H:%M}"


def _topics(topics: tuple[str, ...], lang: str) -> str:
    if not topics:
        return t("rhythm_topics_none", lang)
    return ", ".join(TOPIC_LABELS[tp][lang] for tp in topics)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def ordered(rows: list[PersonOverview]) -> list[PersonOverview]:
    """Who needs a conversation first: most overdue on top, then never met, due, ok; then
    by name (the same rows in the table and the chart)."""
    return sorted(rows, key=lambda r: (_ORDER.get(r.status, 9), r.next_due, r.person))


def overview_table(rows: list[PersonOverview], lang: str, today: dt.date) -> str:
    """A Markdown table: last 1:1, next due, count this year vs minimum, themes covered.

    Overdue people come first and are marked (a red dot and bold), whatever their count."""
    rows = ordered(rows)
    if not rows:
        return t("cadence_empty", lang)
    head = [
        t("rhythm_col_person", lang),
        t("rhythm_col_last", lang),
        t("rhythm_col_next", lang),
        t("rhythm_col_count", lang, min=MIN_PER_YEAR),
        t("rhythm_col_topics_recent", lang),
    ]
    out = [
        f"**{t('rhythm_team_heading', lang, year=today.year)}**",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in rows:
        last = short_date(r.last, lang, today) if r.last else t("rhythm_never", lang)
        nxt = short_date(r.next_due, lang, today)
        name = r.person
        if r.status == "overdue":
            days = (today - r.next_due).days
            nxt = plural("rhythm_next_overdue", days, lang, date=nxt, days=days)
            name = t("rhythm_person_overdue", lang, name=r.person)
        elif r.status == "never":
            nxt = t("rhythm_next_first", lang, date=nxt)
        key = "rhythm_count_behind" if r.behind else "rhythm_count_ok"
        count = t(key, lang, count=r.count_this_year, min=r.min_per_year)
        cells = [name, last, nxt, count, _topics(r.topics, lang)]
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(out)


def _colour(r: PersonOverview) -> str:
    if r.status == "overdue":
        return OVERDUE_COLOUR
    return BEHIND_COLOUR if r.behind else OK_COLOUR


def overview_figure(rows: list[PersonOverview], lang: str) -> go.Figure:
    """Bars: conversations held this year per person, in the table's order; a dashed line at
    the yearly minimum. Overdue bars are red whatever the count (five of four is not healthy
    when the next 1:1 is weeks late); behind on the year orange; else green."""
    rows = ordered(rows)
    minimum = rows[0].min_per_year if rows else MIN_PER_YEAR
    names = [first_name(r.person) for r in rows]
    counts = [r.count_this_year for r in rows]
    fig = go.Figure(
        go.Bar(
            x=names,
            y=counts,
            name=t("rhythm_chart_count", lang),
            marker_color=[_colour(r) for r in rows],
            text=counts,
            textposition="outside",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=names,
            y=[minimum] * len(rows),
            mode="lines",
            name=t("rhythm_chart_min", lang, min=minimum),
            line={"dash": "dash", "color": "#b3261e"},
        )
    )
    top = max([minimum, *counts]) + 1
    fig.update_layout(
        title=t("rhythm_chart_title", lang, min=minimum),
        yaxis={"title": t("rhythm_chart_y", lang), "range": [0, top], "dtick": 1},
        showlegend=True,
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 40, "r": 20, "t": 60, "b": 40},
    )
    return fig
