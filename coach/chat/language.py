"""The language a chat answer is written in: the question's own, whatever language the app is
set to. A Dutch manager in an English browser asks in Dutch and must get a Dutch answer, with
the Dutch cues, topics and knowledge entries behind it (in the app's language, such a question
lost its intent and most of its sources: `coach eval chat`, "app in the other language").

Names are left out first: the team's names wherever they stand ("Sanne de Vries", "sanne"),
another name with its particles ("Jan van Dijk"), and a capitalised word that does not open a
sentence; so is a quoted wording that a phrasing question asks about. Then the stop words of
each language decide (the analytics' lists, coach/analytics/language.py). When they tie
("werkdruk hoog", "release planning"), how common the words are in each language decides
(wordfreq, already loaded for the person resolver) when the difference is clear. A turn with
fewer than two words left ("ja", "Sanne?", "En Karim?") says too little and keeps the
conversation's language, and a yes to "Bedoel je ...?" answers in the language of the question
it confirms. A conversation starts in the app's language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.analytics.language import leaning
from coach.chat.understand import ConversationState, is_yes, quoted_part

# A question whose stop words tie is in the language where its words are, summed, this much
# more common (Zipf: log10 of a word's frequency per billion words; 1 is ten times as common).
CLEAR = 1.0
READ_CHARS = 1000  # the start of a long message tells its language as well as all of it
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?:;\n•]")
_PARTICLES = r"(?:van|de|der|den|het|ten|ter|te|in|op|'t|von|la|le|du|da|di|el|al|bin|ibn)"
_NAME_WITH_PARTICLES = re.compile(rf"\b[A-Z][\w'-]*(?:\s+{_PARTICLES}){{1,3}}\s+[A-Z][\w'-]*")
_ONE_LETTER_WORDS = frozenset({"i", "a", "u"})


def _without_names(text: str, names: Sequence[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        parts = [name, *(p for p in name.split() if p[:1].isupper())]
        for part in parts:
            text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return _NAME_WITH_PARTICLES.sub(" ", text)


def _words(text: str) -> list[str]:
    """The text's words without names: a capitalised word that does not open a sentence
    (English "I" stays a word). Text in capitals or in Title Case tells no names apart: all of
    its words count."""
    found = list(_WORD.finditer(text))
    capitals = sum(m.group()[0].isupper() for m in found)
    cased = not (len(found) >= 3 and capitals > 0.6 * len(found))
    out: list[str] = []
    end = 0
    for m in found:
        word = m.group()
        opens = end == 0 or bool(_SENTENCE_END.search(text[end : m.start()]))
        if not cased or opens or not word[0].isupper() or word == "I":
            low = word.lower()
            if len(low) > 1 or low in _ONE_LETTER_WORDS:
                out.append(low)
        end = m.end()
    return out


def question_language(question: str, names: Sequence[str] = ()) -> str | None:
    """ "nl" or "en" when the question tells, else None. `names`: the team's. A quoted wording
    ("How does this sound: 'Je moet echt beter je best doen'?") may be in the other language:
    the rest of the question decides first."""
    text = _without_names(question[:READ_CHARS], names)
    quoted = quoted_part(text)
    if quoted:
        rest = _decide(text.replace(quoted, " "))
        if rest is not None:
            return rest
    return _decide(text)


def _decide(text: str) -> str | None:
    words = _words(text)
    if len(words) < 2:
        return None
    found = leaning(words)
    if found is not None:
        return found
    from wordfreq import zipf_frequency

    lean = sum(zipf_frequency(w, "nl") - zipf_frequency(w, "en") for w in words)
    if abs(lean) >= CLEAR:
        return "nl" if lean > 0 else "en"
    return None


def reply_language(
    question: str,
    app_language: str,
    state: ConversationState | None = None,
    names: Sequence[str] = (),
) -> str:
    """The language to answer in: the question's, else the conversation's, else the app's. A
    yes to "Bedoel je ...?" answers the question it confirms, in that question's language."""
    state = state or ConversationState()
    if state.pending_question and is_yes(question):
        question = state.pending_question
    return question_language(question, names) or state.language or app_language
