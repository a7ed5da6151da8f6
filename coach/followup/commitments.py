"""Find who commits to what in one sentence (Dutch and English, rule based).

A commitment needs a doer and a future-facing verb: "Ik zoek uit", "Sanne gaat ... bellen",
"I'll send", "Sam schedules ... by Friday". Weak forms (a third person in the present tense)
only count with a due date or inside an action list, so narrative notes yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.followup import lexicon as lx

_TOKEN_RE = re.compile(r"[\wÀ-ÿ]+(?:['’][\w]+)?")


@dataclass(frozen=True)
class Commitment:
    """The doer as written ("ik", "Sanne", "you") and whether the verb form is strong."""

    subject: str | None
    strong: bool
    start: int


def _is_name(token: str, known: set[str]) -> bool:
    low = token.lower()
    if low in known:
        return True
    return token[:1].isupper() and token.isalpha() and low not in lx.NOT_NAMES and len(low) > 1


def _subject_at(tokens: list[str], index: int, known: set[str]) -> str | None:
    if 0 <= index < len(tokens):
        tok = tokens[index]
        low = tok.lower()
        if low in lx.FIRST_PERSON | lx.SECOND_PERSON | lx.THIRD_PERSON | {"they"}:
            return low
        if _is_name(tok, known):
            return tok
    return None


def _neighbour_subject(tokens: list[str], i: int, known: set[str]) -> str | None:
    """Subject right before the verb (allowing one adverb) or right after it (inversion)."""
    before = _subject_at(tokens, i - 1, known)
    if before is None and i >= 2 and tokens[i - 1].lower() in {"ook", "also", "dan", "then"}:
        before = _subject_at(tokens, i - 2, known)
    if before is not None:
        return before
    after = _subject_at(tokens, i + 1, known)
    if after is not None and after.lower() in lx.FIRST_PERSON | lx.SECOND_PERSON | {
        "hij",
        "zij",
        "ze",
    }:
        return after
    if after is not None and not tokens[i][:1].isupper():
        return after
    return None


def _has_infinitive_after(tokens: list[str], i: int) -> bool:
    rest = [t.lower() for t in tokens[i + 1 :]]
    skip = {"weken", "dagen", "maanden", "jaren", "morgen", "volgen"}
    return any((t.endswith("en") and len(t) > 3 and t not in skip) or t == "gesprek" for t in rest)


def find_commitment(clause: str, known: set[str], *, in_action_context: bool) -> Commitment | None:
    """Return the first commitment in the clause, or None."""
    if lx.EXCLUDE_RE.search(clause):
        return None
    tokens = _TOKEN_RE.findall(clause.replace("’", "'"))
    lows = [t.lower() for t in tokens]
    for i, low in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if low in lx.EN_CONTRACTIONS and nxt not in {"be", "have"}:
            return Commitment(lx.EN_CONTRACTIONS[low], True, i)
        if low in {"let's", "lets"} or (low == "laten" and nxt in {"we", "wij"}):
            return Commitment("we", True, i)
        if low == "will" and nxt not in {"be", "have"}:
            subject = _subject_at(tokens, i - 1, known)
            if subject is not None:
                return Commitment(subject, True, i)
        if low == "going" and nxt == "to" and i >= 1:
            prev = lows[i - 1]
            if prev in {"i'm", "we're", "you're", "she's", "he's"}:
                return Commitment(prev.split("'")[0], True, i)
            if prev in {"am", "is", "are"}:
                subject = _subject_at(tokens, i - 2, known)
                if subject is not None:
                    return Commitment(subject, True, i)
        if low in lx.NL_MODALS and _has_infinitive_after(tokens, i):
            subject = _neighbour_subject(tokens, i, known)
            if subject is not None:
                return Commitment(subject, True, i)
        found = _dutch_present(tokens, lows, i, known, in_action_context)
        if found is not None:
            return found
        found = _english_present(tokens, lows, i, known, in_action_context)
        if found is not None:
            return found
    return None


def _particle_ok(low: str, lows: list[str]) -> bool:
    needed = lx.NL_NEED_PARTICLE.get(low)
    return needed is None or any(p in lows for p in needed)


def _dutch_present(
    tokens: list[str], lows: list[str], i: int, known: set[str], context: bool
) -> Commitment | None:
    low = lows[i]
    if not _particle_ok(low, lows):
        return None
    if low in lx.NL_STEMS:
        subject = _neighbour_subject(tokens, i, known)
        if subject in {"ik"}:
            return Commitment(subject, True, i)
        if subject in {"jij", "je"} and i + 1 < len(lows) and lows[i + 1] in {"jij", "je"}:
            return Commitment(subject, True, i)
    if low in lx.NL_THIRD:
        subject = _neighbour_subject(tokens, i, known)
        if subject in {"jij", "je", "u"}:
            return Commitment(subject, True, i)
        if subject is not None and subject.lower() not in lx.FIRST_PERSON:
            return Commitment(subject, False, i)
    if low in lx.NL_PLURAL:
        subject = _neighbour_subject(tokens, i, known)
        if subject in {"we", "wij"}:
            return Commitment(subject, True, i)
    return None


def _english_present(
    tokens: list[str], lows: list[str], i: int, known: set[str], context: bool
) -> Commitment | None:
    low = lows[i]
    if low in lx.EN_THIRD:
        subject = _subject_at(tokens, i - 1, known)
        if subject is not None and subject not in lx.FIRST_PERSON | lx.SECOND_PERSON:
            return Commitment(subject, False, i)
    if context and low in lx.EN_VERBS:
        subject = _subject_at(tokens, i - 1, known)
        if subject in {"i", "we", "you"}:
            return Commitment(subject, True, i)
    if low == "to" and i >= 1 and i + 1 < len(lows) and lows[i + 1] in lx.EN_VERBS:
        # "Leo to share ...": an action-list form; outside a list only for a known person,
        # and then weak (it needs a due date).
        subject = _subject_at(tokens, i - 1, known)
        if subject is not None and (context or subject.lower() in known):
            return Commitment(subject, context, i)
    return None
