"""The trend across rehearsals: is the manager reflecting more, asking more open questions,
and talking less? One plotly figure the UI can show as it is (cl.Plotly) or save as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from coach.i18n import t
from coach.rehearsal.store import StoredRehearsal


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def trend_figure(history: Sequence[StoredRehearsal], language: str = "nl") -> go.Figure:
    """R:Q ratio (left axis, MITI lines at 1 and 2) and open/talk share in % (right axis)."""
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
    for level in (1, 2):
        fig.add_hline(y=level, line_dash="dot", line_color="grey", opacity=0.5)
    fig.update_layout(
        title=t("rehearsal_chart_title", language),
        xaxis={"title": t("rehearsal_chart_x", language)},
        yaxis={"title": t("rehearsal_chart_rq", language), "rangemode": "tozero"},
        yaxis2={"title": "%", "overlaying": "y", "side": "right", "range": [0, 100]},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig
