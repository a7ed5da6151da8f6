"""The one person resolver: find one of the manager's people from what a user typed.

Two entry points share the rules. `person_or_error` takes a reference (an id, a name, a first
name or a unique prefix) and fails with a friendly error. `mention_in` reads a whole
question: who it names (full name, first name, unique prefix), a near miss worth a "did you
mean" (a typo within edit distance 2), or a name that is nobody in the team, so an answer can
say so instead of quietly showing someone else's notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from coach.errors import UserError
from coach.storage import repo
from coach.storage.models import Person

MIN_PREFIX = 3
MAX_TYPO = 2
COMMON_ZIPF = 4.0  # wordfreq's scale: names such as Sanne or Priya stay below this

# Words after which a name usually follows ("hoe gaat het met sanne", "what about priya").
_CUES = frozenset("met van over voor bij aan en with about for and of to from is".split())
# Words that follow a cue without being a name: pronouns, articles, question words.
_NOT_NAMES = frozenset(
    """
    de het een haar hem zijn mijn m'n jouw jou je ons onze hun hen ze zij hij wie wat welke
    iemand elkaar alle allemaal dit dat deze die daar er hier ik jij mij wij we jullie u
    iedereen niemand ook nog dan wel niet geen team collega collega's medewerker mensen
    the a an her him his my your our their them they she he who what which someone everyone
    this that these those it its me you we us i also then still not no team colleague people
    how hoe why waarom when wanneer where waar
    """.split()
)
# Capitalised words in a question that are not people (teams, tools, roles, languages).
_NOT_PEOPLE = frozenset(
    """
    hr mt it cfo ceo kpi okr finance sales customer care python sql excel power bi pydata react
    native teams slack outlook jira linkedin wcag dutch english nederlands engels 1:1 ok okay
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday
    thursday friday saturday sunday januari februari maart april mei juni juli augustus
    september oktober november december january february march june july august october
    """.split()
)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_STARTERS = ".!?:;\"'‘’“”(\n"


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str

    @property
    def first(self) -> str:
        return self.name.split()[0]


@dataclass(frozen=True)
class Mention:
    """What a question says about people: one `person`, or a `suggestion` for a near miss,
    or an `unknown` name; `ambiguous` lists the people a bare first name could mean."""

    person: PersonRef | None = None
    suggestion: PersonRef | None = None
    unknown: str | None = None
    ambiguous: tuple[PersonRef, ...] = ()


def person_or_error(s: Session, manager_id: int, ref: str | int) -> Person:
    """By id, name or unique first name/prefix, only within this manager's team."""
    try:
        if isinstance(ref, int):
            return repo.get_person(s, manager_id, ref)
        return repo.find_person(s, manager_id, ref)
    except repo.NotFound:
        raise UserError("person_not_found", name=str(ref)) from None


def team_refs(s: Session, manager_id: int) -> list[PersonRef]:
    return [PersonRef(p.id, p.name) for p in repo.list_people(s, manager_id)]


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (a swap of two letters counts once)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@dataclass(frozen=True)
class _Word:
    text: str
    low: str
    capital: bool  # capitalised where a sentence does not start
    after_cue: bool
    initial: bool


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    prev_low = ""
    for m in _TOKEN.finditer(text):
        raw = _POSSESSIVE.sub("", m.group(0)).strip("'’-")
        if not raw:
            continue
        before = text[: m.start()].rstrip()
        initial = not before or before[-1] in _STARTERS
        low = raw.lower()
        out.append(_Word(raw, low, raw[0].isupper() and not initial, prev_low in _CUES, initial))
        prev_low = low
    return out


@lru_cache(maxsize=4096)
def _common(word: str) -> bool:
    """A frequent Dutch or English word ("daar", "results"): not taken for a misspelt name."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, "nl"), zipf_frequency(word, "en")) >= COMMON_ZIPF


def _name_like(w: _Word) -> str | None:
    """ "strong" when capitalised mid-sentence (a name, or nobody we know); "weak" for a rare
    word after a cue or at the start; None for anything else."""
    if w.low in _NOT_PEOPLE or w.low in _NOT_NAMES or len(w.low) < 2:
        return None
    if w.capital and not (w.text.isupper() and len(w.text) <= 4):
        return "strong"
    if (w.after_cue or (w.initial and w.text[0].isupper())) and not _common(w.low):
        return "weak"
    return None


def mention_in(text: str, people: Sequence[PersonRef]) -> Mention:
    """Who the question is about, by the rules in the module docstring (never a guess)."""
    low = " " + " ".join(w.low for w in _words(text)) + " "
    full = [p for p in people if " " + " ".join(w.low for w in _words(p.name)) + " " in low]
    if len(full) == 1:
        return Mention(person=full[0])
    words = _words(text)
    firsts: dict[str, list[PersonRef]] = {}
    for p in people:
        firsts.setdefault(p.first.lower(), []).append(p)
    named: set[PersonRef] = set()
    for i, w in enumerate(words):
        for p in firsts.get(w.low, []):
            after = words[i + 1] if i + 1 < len(words) else None
            rest = [x.lower() for x in p.name.split()[1:]]
            surname = after is not None and after.capital and after.low not in _NOT_PEOPLE
            if after is not None and surname and after.low not in rest:
                # "Eva Jansen" when the team has Eva Smit: someone else, not Eva Smit.
                return Mention(unknown=f"{w.text} {after.text}")
            named.add(p)
    if len(named) == 1:
        return Mention(person=next(iter(named)))
    if len(named) > 1:
        return Mention(ambiguous=tuple(sorted(named, key=lambda p: p.name)))
    kinds = {i: _name_like(w) for i, w in enumerate(words)}
    candidates = [w for i, w in enumerate(words) if kinds[i]]
    for w in candidates:
        if len(w.low) >= MIN_PREFIX:
            hits = {p for p in people if p.first.lower().startswith(w.low)}
            if len(hits) == 1:
                return Mention(person=next(iter(hits)))
    best: tuple[int, PersonRef] | None = None
    for w in candidates:
        limit = MAX_TYPO if len(w.low) >= 5 else 1
        for p in people:
            d = edit_distance(w.low, p.first.lower())
            if d <= limit and (best is None or d < best[0]):
                best = (d, p)
    if best is not None:
        return Mention(suggestion=best[1])
    strong = [w for i, w in enumerate(words) if kinds[i] == "strong"]
    if strong:
        return Mention(unknown=strong[0].text)
    return Mention()
