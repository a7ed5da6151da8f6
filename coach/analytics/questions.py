"""Question detection and open/closed classification for Dutch and English manager speech.

Rules, in short (see the module tests for examples):
- A sentence ending in "?" is a question. Without "?" (common in Dutch chat) a sentence is a
  question when it has question *form*: a wh-word followed by a verb ("hoe gaat het met het
  project"), a fronted verb followed by a subject ("heb je de klant al gebeld"), an imperative
  prompt ("vertel eens", "tell me about"), an indirect question ("ik ben benieuwd hoe") or a
  fixed ellipsis ("alles goed").
- Open: wh-questions (why included, flagged separately), prompts, and yes/no forms that ask to
  tell ("Kun je vertellen hoe...", "Could you tell me about..."). Closed: yes/no forms, tag and
  declarative questions, choice questions ("jij of Fatima?") and wh-questions after a single
  fact ("hoeveel", "hoe laat", "how many"), following the MITI definition of closed questions.
- Several question clauses in one turn (separate sentences, or comma clauses that each have
  question form) make the turn "stacked"; MITI codes such a run as one question, so the turn
  type is open when any of its questions is open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from coach.analytics import lexicon as lx
from coach.analytics._text import (
    clauses,
    has_phrase,
    is_filler,
    sentences,
    starts_with_phrase,
    strip_lead,
    tokens,
)

QuestionType = Literal["open", "closed"]
# Dutch tag clauses of more than one word: "..., vind je niet?", "..., niet waar?"
_NL_TAG_CLAUSES = r"niet waar|(?:vind|denk) je (?:ook )?niet"
_TAG_CLAUSE = re.compile(_NL_TAG_CLAUSES)
_TAG_END = re.compile(
    r",\s*(toch|hè|he|ja|oké|ok|okay|right|yes|of niet|niet dan|"
    rf"{_NL_TAG_CLAUSES}|"
    r"(?:do|does|did|are|is|was|were|have|has|could|would|will|should|ca|wo)n't\s+\w+)\s*\?*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuestionInfo:
    """All question facts of one utterance."""

    kinds: tuple[QuestionType, ...]  # one entry per question clause
    why: bool
    leading: bool
    question_sentences: tuple[str, ...]
    question_clauses: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.kinds)

    @property
    def type(self) -> QuestionType | None:
        if not self.kinds:
            return None
        return "open" if "open" in self.kinds else "closed"


def _wh_start(toks: list[str]) -> int | None:
    """Index of the wh-word when the clause opens with one (optionally after a preposition)."""
    if toks and toks[0] in lx.WH:
        return 0
    if len(toks) > 1 and toks[0] in lx.PREPOSITIONS and toks[1] in lx.WH:
        return 1
    if starts_with_phrase(
        toks, ("in hoeverre", "to what extent", "in what way", "op welke manier")
    ):
        return 1
    return None


def _verb_first(toks: list[str]) -> bool:
    """Yes/no word order: a fronted finite verb directly followed by its subject."""
    if len(toks) < 2:
        return False
    first, second = toks[0], toks[1]
    if first in lx.AUX_EN and (second in lx.SUBJECTS_EN or second in lx.YOU_EN):
        return True
    if first in lx.NON_VERB_NL or first in lx.WH or first in lx.FIRST_PERSON:
        return False
    if first in lx.SUBJECTS_EN or first in lx.YOU or first.endswith("'s"):
        return False
    return second in lx.SUBJECTS_NL and first.isalpha() and len(first) > 1


def _wh_question_form(toks: list[str]) -> bool:
    """A wh-start that is a real question, not a relative/cleft/exclamative sentence."""
    i = _wh_start(toks)
    if i is None or starts_with_phrase(toks, lx.STATEMENT_WH_STARTS):
        return False
    rest = toks[i + 1 :]
    if not rest or toks[i].endswith("'s"):  # "What's it like...": the verb is in the token
        return True
    if rest[0] in ("is", "was", "are", "were", "zijn", "waren"):
        return True
    if rest[0] in lx.OBJECT_PRONOUNS:  # "Wat mij opviel...", "When you're done..."
        return False
    joined = " ".join(rest)
    # Pseudo-cleft: "What matters is that...", "Waar het om gaat, is dat..."
    return not re.search(r"\b(is|was) (dat|that|to|what|wat)\b", joined)


def clause_form(clause: str) -> str | None:
    """Return the question form of a clause: wh | yn | prompt | indirect | ellipsis | None."""
    raw = tokens(clause)
    toks = strip_lead(raw)
    if not toks:
        return None
    if starts_with_phrase(raw, lx.ELLIPTICAL_OPEN) or starts_with_phrase(toks, lx.ELLIPTICAL_OPEN):
        return "ellipsis_open"
    if starts_with_phrase(toks, lx.ELLIPTICAL_CLOSED):
        return "ellipsis"
    if starts_with_phrase(toks, lx.PROMPTS):
        return "prompt"
    if starts_with_phrase(toks, lx.INDIRECT):
        return "indirect"
    if _wh_question_form(toks):
        return "wh"
    if _verb_first(toks):
        return "yn"
    return None


def _classify(clause: str, form: str | None, sentence: str) -> QuestionType:
    toks = strip_lead(tokens(clause))
    joined = " ".join(toks)
    if form in ("prompt", "ellipsis_open"):
        return "open"
    if form == "indirect":  # MI: an invitation to tell is open ("I wonder if you could say more")
        return (
            "open"
            if any(t in lx.WH for t in toks) or has_phrase(joined, lx.TELL_VERBS)
            else "closed"
        )
    if form == "wh":
        if starts_with_phrase(toks, lx.FACT_WH):
            return "closed"
        last = clauses(sentence)[-1]
        last_toks = tokens(last)
        if last != clause and len(last_toks) <= 4 and ({"of", "or"} & set(last_toks)):
            return "closed"  # choice: "Wie neemt de notulen, jij of Fatima?"
        return "open"
    if form == "yn" and has_phrase(joined, lx.TELL_VERBS):
        return "open"  # "Kun je vertellen hoe...", "Could you tell me about..."
    return "closed"


def _is_continuation(toks: list[str]) -> bool:
    """Clauses that extend the previous question instead of asking a new one."""
    if not toks:
        return False
    if toks[0] in ("of", "or"):
        return True
    # Tags: "toch", "right", "don't you", "couldn't you", "is het niet", "vind je niet"
    if _TAG_CLAUSE.fullmatch(" ".join(toks)) or " ".join(toks) in lx.CHECK_TAGS:
        return True
    return len(toks) <= 3 and (toks[0] in lx.TAGS or toks[0].endswith("n't"))


def _sentence_questions(sentence: str) -> list[tuple[str, QuestionType]]:
    """Question clauses in one sentence with their type (empty when it is no question)."""
    if sentence.rstrip().endswith("!"):
        return []
    asked = sentence.rstrip().endswith("?")
    # Lone particles ("En, hoe was het?") are not clauses of their own.
    parts = [c for c in clauses(sentence) if not is_filler(tokens(c))] or [sentence]
    if (
        not asked
        and sentence.rstrip().endswith(".")
        and starts_with_phrase(tokens(sentence), ("zullen we", "shall we", "laten we", "let's"))
    ):
        return []  # a proposal typed with a full stop: "Zullen we beginnen."
    found: list[tuple[str, QuestionType]] = []
    for idx, part in enumerate(parts):
        form = clause_form(part)
        toks = strip_lead(tokens(part))
        if idx > 0 and (_is_continuation(toks) or form is None):
            continue
        if form is None:
            if idx == 0 and asked:
                found.append((sentence, "closed"))  # declarative / tag / elliptical question
            if idx == 0 and not asked:
                return []
            continue
        if found and found[-1][1] == "open" and form == "prompt":
            continue
        if found and clause_form(found[-1][0]) == "prompt":
            found[-1] = (part, _classify(part, form, sentence))
            continue
        found.append((part, _classify(part, form, sentence)))
    if found and not asked and clause_form(parts[0]) is None:
        return []
    return found


def is_leading(sentence: str) -> bool:
    """Suggestive questions that push an answer: "Vind je ook niet...", tags like "toch?"."""
    low = sentence.lower()
    if _TAG_END.search(sentence):
        return True
    if has_phrase(low, lx.LEADING):
        return True
    toks = tokens(sentence)
    return "toch" in toks and sentence.rstrip().endswith("?")


def analyze_questions(text: str) -> QuestionInfo:
    """Find and classify every question in an utterance."""
    kinds: list[QuestionType] = []
    qsents: list[str] = []
    qclauses: list[str] = []
    why = leading = False
    for sent in sentences(text):
        toks = strip_lead(tokens(sent))
        if kinds and toks and toks[0] in ("of", "or"):
            continue  # "... ? Of wacht je daar nog mee?" offers an alternative answer
        found = _sentence_questions(sent)
        if not found:
            continue
        qsents.append(sent)
        for clause, kind in found:
            kinds.append(kind)
            qclauses.append(clause)
            ctoks = strip_lead(tokens(clause))
            if (ctoks and ctoks[0] in lx.WHY) or " ".join(ctoks).startswith("how come"):
                why = True
        leading = leading or is_leading(sent)
    return QuestionInfo(tuple(kinds), why, leading, tuple(qsents), tuple(qclauses))
