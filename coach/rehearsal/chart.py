"""The trend across rehearsals: is the manager reflecting more, asking more open questions,
and talking less? One plotly figure the UI can show as it is (cl.Plotly) or save as HTML.

Chainlit draws a plotly figure as it is, whatever theme the manager chose, and the server
does not know that choice. So the figure carries no background of its own (the theme's
shows through) and draws text, axes and grid in colours that read on dark and on light
(THEMES["auto"]); "dark" and "light" are there for an export whose background is known.
The scale is always on screen: both axes have ticks and titles, and the MITI benchmarks on
the R:Q axis are labelled lines (fair at 1, good at 2).
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from coach.i18n import t
from coach.rehearsal.store import StoredRehearsal


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


TRANSPARENT = "rgba(0,0,0,0)"
THEMES: dict[str, dict[str, str]] = {
    # text and lines that keep a 4.5:1-ish contrast on both #fff and Chainlit's dark #212121
    "auto": {"text": "#8c8c8c", "grid": "rgba(140,140,140,0.3)", "line": "#8c8c8c"},
    "dark": {"text": "#e6e6e6", "grid": "rgba(230,230,230,0.2)", "line": "#bdbdbd"},
    "light": {"text": "#333333", "grid": "rgba(51,51,51,0.15)", "line": "#666666"},
}


def trend_figure(
    history: Sequence[StoredRehearsal], language: str = "nl", theme: str = "auto"
) -> go.Figure:
    """R:Q ratio (left axis, MITI lines at 1 and 2) and open/talk share in % (right axis)."""
    colours = THEMES.get(theme, THEMES["auto"])
    x = [f"{i}. {h.created_at:%d-%m}" for i, h in enumerate(history, start=1)]
    scenario = [h.scenario for h in history]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[h.rq_ratio for h in history],
            name=t("rehearsal_chart_rq", language),
            mode="lines+markers",
            customdata=scenario,
            hovertemplate="%{customdata}: %{y}<extra></extra>",
        )
    )
    for key, values in (
        ("rehearsal_chart_open", [_pct(h.open_share) for h in history]),
        ("rehearsal_chart_talk", [_pct(h.talk_share) for h in history]),
    ):
        fig.add_trace(
            go.Scatter(
                x=x,
                y=values,
                name=t(key, language),
                mode="lines+markers",
                yaxis="y2",
                customdata=scenario,
                hovertemplate="%{customdata}: %{y}%<extra></extra>",
            )
        )
    for level, key in ((1, "rehearsal_chart_fair"), (2, "rehearsal_chart_good")):
        fig.add_hline(
            y=level,
            line_dash="dot",
            line_color=colours["line"],
            opacity=0.8,
            annotation_text=t(key, language),
            annotation_position="top left",
            annotation_font_color=colours["text"],
        )
    top = max([2.5, *[(h.rq_ratio or 0) * 1.15 for h in history]])
    axis = {
        "color": colours["text"],
        "gridcolor": colours["grid"],
        "linecolor": colours["line"],
        "showline": True,
        "ticks": "outside",
        "zeroline": False,
    }
    fig.update_layout(
        title=t("rehearsal_chart_title", language),
        template="none",
        paper_bgcolor=TRANSPARENT,
        plot_bgcolor=TRANSPARENT,
        font={"color": colours["text"]},
        xaxis={**axis, "title": t("rehearsal_chart_x", language)},
        yaxis={
            **axis,
            "title": t("rehearsal_chart_rq", language),
            "range": [0, round(top, 1)],
            "dtick": 0.5,
        },
        yaxis2={
            **axis,
            "title": t("rehearsal_chart_share", language),
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "dtick": 25,
            "ticksuffix": "%",
            "showgrid": False,
        },
        legend={"orientation": "h", "y": -0.25, "font": {"color": colours["text"]}},
        margin={"l": 60, "r": 60, "t": 60, "b": 80},
    )
    return fig
