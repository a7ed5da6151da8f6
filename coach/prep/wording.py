"""Small wording helpers shared by the brief and its rendering: spans and short dates.

Kept apart from the service so the exact phrasing ("7 maanden", "3 weeks") is unit-tested
without a database.
"""

from __future__ import annotations

import datetime as dt

from coach.i18n import t

DAYS_PER_MONTH = 30.44


def span(days: int, lang: str) -> str:
    """A human duration: days under two weeks, weeks under two months, then months."""
    days = max(0, days)
    if days < 14:
        n, unit = days, "day"
    elif days < 60:
        n, unit = days // 7, "week"
    else:
        n, unit = max(2, round(days / DAYS_PER_MONTH)), "month"
    key = f"prep_span_{unit}" if n == 1 else f"prep_span_{unit}s"
    return t(key, lang, n=n)


def short_date(day: dt.date, lang: str, ref: dt.date | None = None) -> str:
    """'3 okt' / '3 Oct'; the year is added when it differs from the reference date's year."""
    months = t("prep_months", lang).split(",")
    text = f"{day.day} {months[day.month - 1].strip()}"
    if ref is not None and day.year != ref.year:
        text += f" {day.year}"
    return text


def first_sentences(text: str, n: int = 2, max_chars: int = 240) -> str:
    """The first `n` sentences of a note on one line, cut at a word near `max_chars`."""
    from coach.topics import split_sentences

    parts = split_sentences(text)
    short = " ".join(parts[:n]) if parts else text.strip()
    short = " ".join(short.split())
    if len(short) > max_chars:
        cut = short[:max_chars].rsplit(" ", 1)[0].rstrip(",;:")
        short = cut + "…"
    return short
