"""The language a chat answer is written in: the question's own, whatever language the app is
set to. A Dutch manager in an English browser asks in Dutch and must get a Dutch answer, with
the Dutch cues, topics and knowledge entries behind it (in the app's language, such a question
lost its intent and most of its sources: `coach eval chat`, "app in the other language").

The stop words of each language decide (the analytics' lists, coach/analytics/language.py);
names are left out first (a capitalised word inside a sentence: "Sanne de Vries" must not make
an English question Dutch), and so is a quoted wording that a phrasing question asks about.
When the stop words tie ("werkdruk Sanne", "Karim release planning"), how common the words are
in each language decides (wordfreq, already loaded for the person resolver) when the difference
is clear. A turn of one word ("ja", "klopt", "Sanne?", "En Karim?") says too little and keeps
the conversation's language, so a yes to "Bedoel je ...?" never switches it; a conversation
starts in the app's language.
"""

from __future__ import annotations

import re

from coach.analytics.language import leaning
from coach.chat.understand import quoted_part

# A question whose stop words tie is in the language where its words are, summed, this much
# more common (Zipf: log10 of a word's frequency per billion words; 1 is ten times as common).
CLEAR = 1.0
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?]")


def _words(question: str) -> list[str]:
    """The question's words without names: a capitalised word that does not open a sentence
    (English "I" stays a word)."""
    out: list[str] = []
    end = 0
    for m in _WORD.finditer(question):
        word = m.group()
        opens = end == 0 or bool(_SENTENCE_END.search(question[end : m.start()]))
        if opens or not word[0].isupper() or word == "I":
            out.append(word.lower())
        end = m.end()
    return out


def question_language(question: str) -> str | None:
    """ "nl" or "en" when the question tells, else None. A quoted wording ("How does this
    sound: 'Je moet echt beter je best doen'?") may be in the other language: the rest of the
    question decides first."""
    quoted = quoted_part(question)
    if quoted:
        rest = _decide(question.replace(quoted, " "))
        if rest is not None:
            return rest
    return _decide(question)


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


def reply_language(question: str, app_language: str, previous: str | None = None) -> str:
    """The language to answer in: the question's, else the conversation's, else the app's."""
    return question_language(question) or previous or app_language
