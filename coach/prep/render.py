"""Render a brief as chat Markdown, with short source markers the UI can make clickable.

Markers: [n12 · 3 okt] (note), [m5 · 12 sep] (meeting), [c3 · 20 okt] (check-in) and
[vragen-energie] (knowledge entry). `sources(brief)` lists the same labels with their
kind and id, so the UI can map a marker to the row it opens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from coach.i18n import normalise_language, t
from coach.prep.wording import short_date

if TYPE_CHECKING:
    from coach.prep.models import Brief, BriefItem, Citation

_PREFIX = {"note": "n", "meeting": "m", "checkin": "c"}


def label(c: Citation, lang: str, ref: dt.date | None = None) -> str:
    """The text inside a marker: 'n12 · 3 okt', or the entry id for knowledge."""
    if c.kind == "knowledge":
        return str(c.id)
    text = f"{_PREFIX[c.kind]}{c.id}"
    if c.date is not None:
        text += f" · {short_date(c.date, lang, ref)}"
    return text


def marker(c: Citation, lang: str, ref: dt.date | None = None) -> str:
    return f"[{label(c, lang, ref)}]"


def _line(item: BriefItem, lang: str, ref: dt.date, prefix: str = "") -> str:
    marks = " ".join(marker(c, lang, ref) for c in item.citations)
    return f"- {prefix}{item.text}" + (f" {marks}" if marks else "")


def _agenda_details(item: BriefItem, lang: str) -> list[str]:
    """Under an agenda line: the one-line reason it is there, and for a signal how to raise
    it carefully (the advice is cited on the line above)."""
    lines = []
    if item.extra.get("reason"):
        lines.append(f"  - _{t('prep_agenda_why', lang)}: {item.extra['reason']}_")
    if item.extra.get("advice"):
        lines.append(f"  - {t('prep_agenda_careful', lang)}: {item.extra['advice']}")
    return lines


def _since_heading(brief: Brief, lang: str) -> str:
    last = next((i.extra["last"] for i in brief.section("cadence") if i.extra.get("last")), None)
    if last is None:
        return t("prep_h_since_last_never", lang)
    return t("prep_h_since_last", lang, date=short_date(last, lang, brief.generated_for))


def render_markdown(brief: Brief, language: str | None = None) -> str:
    """The brief as Markdown: a title, one heading per section, one cited line per item."""
    lang = normalise_language(language or brief.language)
    ref = brief.generated_for
    first = brief.person.name
    out = [f"## {t('prep_title', lang, name=first, date=short_date(ref, lang, None))}", ""]
    if brief.narrative:
        out += [f"_{t('prep_narrative_label', lang)}_ {brief.narrative}", ""]

    def section(name: str, heading: str, empty_key: str | None = None) -> None:
        items = brief.section(name)
        if not items and empty_key is None:
            return
        out.append(f"### {heading}")
        if not items and empty_key is not None:
            out.append(f"_{t(empty_key, lang)}_")
        for item in items:
            prefix = ""
            if name == "agenda":
                prefix = f"**{t('prep_minutes', lang, n=item.extra.get('minutes', 0))}** · "
            out.append(_line(item, lang, ref, prefix))
            if name == "agenda":
                out.extend(_agenda_details(item, lang))
        out.append("")

    section("cadence", t("prep_h_cadence", lang))
    section("since_last", _since_heading(brief, lang), "prep_empty_since_last")
    section("open_actions", t("prep_h_open_actions", lang), "prep_empty_open_actions")
    section("checkin", t("prep_h_checkin", lang), "prep_empty_checkin")
    section("topic_coverage", t("prep_h_topic_coverage", lang))
    total = sum(int(i.extra.get("minutes", 0)) for i in brief.section("agenda"))
    section("agenda", t("prep_h_agenda", lang, minutes=total))
    section("questions", t("prep_h_questions", lang), "prep_empty_questions")
    return "\n".join(out).rstrip() + "\n"


def sources(brief: Brief, language: str | None = None) -> list[tuple[str, str, int | str]]:
    """(label, kind, id) for every cited source, in order of first appearance."""
    lang = normalise_language(language or brief.language)
    return [(label(c, lang, brief.generated_for), c.kind, c.id) for c in brief.citations()]
