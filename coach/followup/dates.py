"""Due-date expressions in Dutch and English, resolved against the meeting date.

Why deterministic: managers must be able to trust "who does what by when". When a phrase is
vague ("binnenkort", "asap") we return (None, phrase) so the UI can ask instead of guessing.

Conventions (documented choices, applied consistently):
- A bare weekday ("vrijdag", "by Friday", "next Friday", "aanstaande vrijdag") is the first
  such day strictly after the meeting date.
- "volgende week vrijdag" / "Friday next week" is that weekday in the ISO week after the
  meeting's week; "deze week vrijdag" in the meeting's own week (or the next one if passed).
- "deze week", "eind van de week", "end of the week", "voor het weekend": Friday of the
  meeting's week (next Friday when the meeting is on a weekend).
- "volgende week", "next week", "end of next week": Friday of next week;
  "begin volgende week", "early next week": Monday of next week.
- "over/in/binnen N dagen|weken|maanden": meeting date plus that period (months clamp to the
  last day of the month); "werkdagen"/"working days" skip weekends.
- "deze maand", "eind van de maand", "end of the month": last day of the meeting's month;
  "volgende maand", "next month": last day of next month; "begin volgende maand": the 1st.
- "eind maart", "in maart", "by March": 31 March; "begin maart": 1 March; "medio maart": 15th;
  "voor maart", "before March": last day of February. Next occurrence on or after the meeting.
- "Q1".."Q4", "eind Q2", "eind van het kwartaal", "next quarter": last day of that quarter.
- "voor de zomer", "before the summer": the Friday before 1 July; "na de zomer": the first
  Monday of September; "voor kerst": the last weekday before 25 December.
- "eind van het jaar", "end of the year": 31 December.
- Day-month dates ("15-03", "15/03", "15 maart", "March 15") without a year: the next
  occurrence on or after the meeting date (so 29 February rolls to the next leap year).
  Numeric dates are read day-first; "03/15" is read month-first only because 15 is no month.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from coach.followup.daymath import (
    add_months as _add_months,
)
from coach.followup.daymath import (
    add_workdays as _add_workdays,
)
from coach.followup.daymath import (
    after_summer as _after_summer,
)
from coach.followup.daymath import (
    before_christmas as _before_christmas,
)
from coach.followup.daymath import (
    before_summer as _before_summer,
)
from coach.followup.daymath import (
    end_of_week as _end_of_week,
)
from coach.followup.daymath import (
    month_end as _month_end,
)
from coach.followup.daymath import (
    next_weekday as _next_weekday,
)
from coach.followup.daymath import (
    quarter_end as _quarter_end,
)
from coach.followup.daymath import (
    quarter_of as _quarter_of,
)
from coach.followup.daymath import (
    safe_date as _safe_date,
)
from coach.followup.daymath import (
    upcoming as _upcoming,
)
from coach.followup.daymath import (
    week_day as _week_day,
)

__all__ = ["parse_due", "VAGUE_PHRASES"]

# fmt: off
_WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
    "zondag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
# fmt: on
# fmt: off
_MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12, "january": 1,
    "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8, "october": 10,
    "jan": 1, "feb": 2, "mrt": 3, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
# fmt: on
# fmt: off
_NUMBERS: dict[str, int] = {
    "een": 1, "één": 1, "a": 1, "an": 1, "one": 1, "twee": 2, "two": 2, "a couple of": 2,
    "couple of": 2, "drie": 3, "three": 3, "vier": 4, "four": 4, "vijf": 5, "five": 5, "zes": 6,
    "six": 6, "zeven": 7, "seven": 7, "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10,
    "ten": 10, "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
}
# fmt: on
# fmt: off
_ORDINAL_Q: dict[str, int] = {
    "eerste": 1, "first": 1, "tweede": 2, "second": 2, "derde": 3, "third": 3, "vierde": 4,
    "fourth": 4,
}
# fmt: on

# fmt: off
VAGUE_PHRASES: tuple[str, ...] = (
    "zo snel mogelijk", "zo spoedig mogelijk", "as soon as possible", "binnenkort", "spoedig",
    "z.s.m.", "zsm", "asap", "a.s.a.p.", "snel", "soon", "sometime", "some time", "at some point",
    "someday", "ooit", "op termijn", "later dit jaar", "later this year", "in de komende weken",
    "de komende weken", "in the coming weeks", "de komende tijd", "over een paar weken",
    "over een paar dagen", "over een paar maanden", "in een paar weken", "in a few weeks",
    "in a few days", "in a few months", "binnen een paar weken", "een week of twee",
    "a week or two", "in the near future", "in de nabije toekomst", "when possible",
    "wanneer het uitkomt", "when you have time", "als je tijd hebt", "volgend jaar", "next year",
    "deze zomer", "this summer", "in de zomer", "in the summer", "te zijner tijd", "t.z.t.",
    "in due course", "eventually", "later",
)
# fmt: on


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_W = _alt(list(_WEEKDAYS))
_M = _alt(list(_MONTHS))
_N = r"\d{1,2}|" + _alt(list(_NUMBERS))
_PREP = r"(?:(?:uiterlijk|voor|vóór|op|tegen|by|before|on|until|tot|no later than)\s+){0,2}"
_THE = r"(?:the\s+|de\s+|het\s+)?"


# ---------------------------------------------------------------- date helpers


def _num(word: str) -> int:
    word = word.strip()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value + 2000 if value < 100 else value


# ---------------------------------------------------------------- handlers

Handler = Callable[[re.Match[str], date], date | None]


def _iso(m: re.Match[str], ref: date) -> date | None:
    return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))


def _numeric(m: re.Match[str], ref: date) -> date | None:
    first, second = int(m["a"]), int(m["b"])
    day, month = (first, second) if second <= 12 else (second, first)
    year = _year(m["y"])
    if year is not None:
        return _safe_date(year, month, day)
    return _upcoming(ref, lambda y: _safe_date(y, month, day))


def _day_month(m: re.Match[str], ref: date) -> date | None:
    day, month, year = int(m["d"]), _MONTHS[m["mon"]], _year(m["y"])
    if year is not None:
        return _safe_date(year, month, day)
    return _upcoming(ref, lambda y: _safe_date(y, month, day))


def _month_part(m: re.Match[str], ref: date) -> date | None:
    part, month, year = m["part"], _MONTHS[m["mon"]], _year(m["y"])

    def make(y: int) -> date | None:
        if part in ("begin", "start of", "early", "beginning of", "begin van"):
            return date(y, month, 1)
        if part in ("medio", "half", "mid", "mid-", "midden", "halverwege"):
            return date(y, month, 15)
        if part in ("voor", "vóór", "before"):
            return date(y, month, 1) - timedelta(days=1)
        return _month_end(y, month)

    if year is not None:
        return make(year)
    return _upcoming(ref, make)


def _weekday_week(m: re.Match[str], ref: date) -> date | None:
    weekday = _WEEKDAYS[m["wd"]]
    if m["which"] in ("deze", "this"):
        found = _week_day(ref, weekday, 0)
        return found if found > ref else _week_day(ref, weekday, 1)
    return _week_day(ref, weekday, 1)


def _weekday(m: re.Match[str], ref: date) -> date | None:
    return _next_weekday(ref, _WEEKDAYS[m["wd"]])


def _offset(m: re.Match[str], ref: date) -> date | None:
    count, unit = _num(m["n"]), m["unit"]
    if unit.startswith(("werkdag", "working", "business")):
        return _add_workdays(ref, count)
    if unit.startswith(("dag", "day")):
        return ref + timedelta(days=count)
    if unit.startswith(("week", "weken")):
        return ref + timedelta(weeks=count)
    if unit.startswith(("maand", "month")):
        return _add_months(ref, count)
    return _add_months(ref, 12 * count)


def _quarter(m: re.Match[str], ref: date) -> date | None:
    groups = m.groupdict()
    quarter = int(groups["q"]) if groups.get("q") else _ORDINAL_Q[groups["ord"]]
    year = _year(m["y"])
    if year is not None:
        return _quarter_end(year, quarter)
    return _upcoming(ref, lambda y: _quarter_end(y, quarter))


def _iso_week(m: re.Match[str], ref: date) -> date | None:
    week = int(m["wk"])

    def make(y: int) -> date | None:
        try:
            return date.fromisocalendar(y, week, 5)
        except ValueError:
            return None

    return _upcoming(ref, make)


def _fixed(fn: Callable[[date], date | None]) -> Handler:
    return lambda _m, ref: fn(ref)


_END = r"(?:eind|einde|het eind|het einde|the end|end)(?:\s+(?:of|van))?\s+"

_RULES: list[tuple[str, Handler]] = [
    (r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b", _iso),
    (
        r"(?<!\d[-/.])\b(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})(?:[-/.](?P<y>\d{4}|\d{2}))?\b"
        r"(?![-/.:]\d)(?!\s*(?:weken|dagen|maanden|weeks|days|months|uur|hours|keer|times|x\b|%))",
        _numeric,
    ),
    (
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?(?P<mon>{_M})\b\.?"
        r"(?:,?\s+(?P<y>\d{4}))?",
        _day_month,
    ),
    (
        rf"\b(?P<mon>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s+(?P<y>\d{{4}}))?",
        _day_month,
    ),
    (
        r"\b(?:the\s+)?(?P<part>eind|einde|end of|eind van|einde van|begin|begin van|start of|"
        r"early|beginning of|medio|half|mid-|mid|midden|halverwege|in|voor|vóór|before|by|"
        rf"during|uiterlijk)\s+(?P<mon>{_M})\b(?:\s+(?P<y>\d{{4}}))?",
        _month_part,
    ),
    (
        rf"\b(?P<which>volgende|komende|next|deze|this)\s+week(?:'s)?\s+(?:op\s+)?(?P<wd>{_W})",
        _weekday_week,
    ),
    (
        rf"\b(?P<wd>{_W})(?:ochtend|middag|avond)?\s+(?:of\s+|van\s+)?(?:de\s+)?"
        r"(?P<which>volgende|komende|next|deze|this)\s+week\b",
        _weekday_week,
    ),
    (
        rf"\b(?:(?:volgende|komende|aanstaande|next|this|coming)\s+)?(?P<wd>{_W})"
        r"(?:ochtend|middag|avond)?\b",
        _weekday,
    ),
    (r"\b(?:vandaag|today|vanavond|tonight|eod)\b", _fixed(lambda r: r)),
    (rf"\b{_END}(?:the\s+|de\s+)?(?:day|dag)\b", _fixed(lambda r: r)),
    (
        r"(?<!'s )\b(?:morgen(?:ochtend|middag|avond)?|tomorrow)\b",
        _fixed(lambda r: r + timedelta(1)),
    ),
    (
        r"\b(?:overmorgen|(?:the\s+)?day after tomorrow)\b",
        _fixed(lambda r: r + timedelta(2)),
    ),
    (
        rf"\b(?:over|in|binnen|within)\s+(?P<n>{_N})\s+(?P<unit>werkdagen|working days|"
        r"business days|dagen|dag|days|day|weken|week|weeks|maanden|maand|months|month|jaar|"
        r"years|year)\b(?:'?\s*time)?",
        _offset,
    ),
    (
        r"\b(?:over|in|binnen|within)\s+(?:een\s+half\s+jaar|half\s+a\s+year|six months)\b",
        _fixed(lambda r: _add_months(r, 6)),
    ),
    (
        rf"\b(?:(?:{_END}(?:deze|this|de|the)\s+week)|{_END}week|deze week|this week|eow|"
        r"(?:voor|before|by)\s+(?:het|the)\s+weekend)\b",
        _fixed(_end_of_week),
    ),
    (
        rf"\b(?:{_END})?(?:van\s+)?(?:volgende|komende|next|the following)\s+week\b",
        _fixed(lambda r: _week_day(r, 4, 1)),
    ),
    (
        r"\b(?:begin|begin van|start of|early|beginning of|the beginning of|the start of)\s+"
        r"(?:volgende|komende|next)\s+week\b",
        _fixed(lambda r: _week_day(r, 0, 1)),
    ),
    (
        rf"\b(?:{_END}(?:deze|this|de|the)\s+maand|{_END}(?:the\s+)?month|{_END}maand|"
        r"deze maand|this month|month[- ]end)\b",
        _fixed(lambda r: _month_end(r.year, r.month)),
    ),
    (
        rf"\b(?:{_END})?(?:van\s+)?(?:volgende|komende|next)\s+(?:maand|month)\b",
        _fixed(lambda r: _month_end(_add_months(r, 1).year, _add_months(r, 1).month)),
    ),
    (
        r"\b(?:begin|begin van|start of|early|beginning of|the beginning of|the start of)\s+"
        r"(?:volgende|komende|next)\s+(?:maand|month)\b",
        _fixed(lambda r: _add_months(r.replace(day=1), 1)),
    ),
    (
        r"\b(?:(?:eind|einde|end of|eind van|einde van|in|by|the end of)\s+)?"
        r"q(?P<q>[1-4])\b(?:\s+(?P<y>\d{4}))?",
        _quarter,
    ),
    (
        rf"\b(?:{_END})?(?:het\s+|the\s+)?(?P<ord>eerste|tweede|derde|vierde|first|"
        r"second|third|fourth)\s+(?:kwartaal|quarter)(?:\s+(?P<y>\d{4}))?",
        _quarter,
    ),
    (
        rf"\b(?:{_END}(?:het|dit|the|this)\s+(?:kwartaal|quarter)|{_END}kwartaal|dit kwartaal|"
        r"this quarter|quarter[- ]end)\b",
        _fixed(lambda r: _quarter_of(r, 0)),
    ),
    (
        rf"\b(?:{_END})?(?:het\s+|the\s+)?(?:volgend|volgende|komend|komende|next)\s+"
        r"(?:kwartaal|quarter)\b",
        _fixed(lambda r: _quarter_of(r, 1)),
    ),
    (
        rf"\b(?:{_END}(?:het|dit|the|this)\s+jaar|{_END}(?:the\s+|this\s+)?year|{_END}jaar|"
        r"dit jaar|this year|year[- ]end|jaareinde)\b",
        _fixed(lambda r: date(r.year, 12, 31)),
    ),
    (
        rf"\b{_END}(?:volgend|next)\s+(?:jaar|year)\b",
        _fixed(lambda r: date(r.year + 1, 12, 31)),
    ),
    (r"\b(?:in\s+)?(?:week|wk)\s*(?P<wk>\d{1,2})\b", _iso_week),
    (
        r"\b(?:voor|vóór|before)\s+(?:de\s+|the\s+)?(?:zomer|summer)(?:vakantie|reces)?"
        r"(?:\s+(?:holidays?|break|vacation|recess))?\b",
        _fixed(_before_summer),
    ),
    (
        r"\b(?:na|after)\s+(?:de\s+|the\s+)?(?:zomer|summer)(?:vakantie|reces)?"
        r"(?:\s+(?:holidays?|break|vacation|recess))?\b",
        _fixed(_after_summer),
    ),
    (
        r"\b(?:voor|vóór|before)\s+(?:de\s+|the\s+)?(?:kerst|christmas|xmas|kerstmis|"
        r"feestdagen|holidays)(?:vakantie|reces)?(?:\s+(?:holidays?|break))?\b",
        _fixed(_before_christmas),
    ),
]

_COMPILED: list[tuple[re.Pattern[str], Handler]] = [
    (re.compile(_PREP + "(?:" + pattern + ")"), handler) for pattern, handler in _RULES
]
_VAGUE_RE = re.compile(_PREP + r"(?<![\w.])(?:" + _alt(list(VAGUE_PHRASES)) + r")(?![\w])")


_MODIFIER_RE = re.compile(r"\b(?:van|of|for)\s+(?:het\s+|de\s+|the\s+)?$")


def _modifies(low: str, start: int, end: int) -> bool:
    """True for a date that names a period of a noun ("de doelen voor het tweede kwartaal")."""
    if _MODIFIER_RE.search(low[:start]):
        return True
    before = re.search(r"\bvoor\s+(?:het\s+)?$", low[:start])
    spans = re.match(r"voor\s+het\s+", low[start:end])  # "doelen voor het tweede kwartaal"
    return (before is not None or spans is not None) and "kwartaal" in low[start:end]


def _find(low: str, ref: date) -> list[tuple[int, int, date | None]]:
    found: list[tuple[int, int, date | None]] = []
    for pattern, handler in _COMPILED:
        for m in pattern.finditer(low):
            if m.end() == m.start():
                continue
            value = handler(m, ref)
            if value is not None:
                found.append((m.start(), m.end(), value))
    for m in _VAGUE_RE.finditer(low):
        found.append((m.start(), m.end(), None))
    return found


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return start, end


def parse_due(phrase_or_sentence: str, ref: date) -> tuple[date | None, str | None]:
    """Find a due date in the text, relative to ref (the meeting date).

    Returns (date, matched phrase); (None, phrase) for vague timing such as "binnenkort"
    or "asap"; (None, None) when no timing is mentioned or it cannot be resolved.
    """
    text = phrase_or_sentence
    low = text.lower()
    if len(low) != len(text):
        text = low
    candidates = _find(low, ref)
    if not candidates:
        return None, None
    # Drop matches overlapping a longer one ("vrijdag" inside "volgende week vrijdag",
    # "over een week" inside the vague "een week of twee").
    kept = [
        c
        for c in candidates
        if not any(
            o[0] < c[1] and c[0] < o[1] and (o[1] - o[0]) > (c[1] - c[0]) for o in candidates
        )
    ]
    concrete = [c for c in kept if c[2] is not None]
    pool = concrete or kept
    # A date that modifies a noun ("de planning van het tweede kwartaal", "the plan for Q2")
    # is a weaker due-date candidate than one that stands on its own ("morgen").
    start, end, value = sorted(
        pool, key=lambda c: (_modifies(low, c[0], c[1]), -(c[1] - c[0]), c[0])
    )[0]
    start, end = _trim_span(text, start, end)
    return value, text[start:end]
