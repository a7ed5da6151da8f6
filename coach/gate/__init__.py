"""The one output gate: every piece of model text passes `check` before a user sees it.

A weak model (the embedded SmolLM2-135M) writes invented Dutch, off-topic English and echoes
of its own prompt; a capable one can still drift or cite a source it was never given. The
gate is deliberately strict: text that fails is dropped and the deterministic answer stands
alone, so a false "bad" costs a paragraph while a false "ok" costs the manager's trust.

Checks, in order (the first failing one is the reason): empty or too long, wrong language
(lingua, a real language identifier), echo of the prompt or of the question, repetition
loops, cut off mid-sentence, invented words (wordfreq's NL/EN vocabularies, Dutch compounds
of common words, and the names and words the caller passes as context), and citation
markers that name no source the model was given. Callers with a role (`persona`) add the
checks of that role: no AI, no assistant or service-desk voice and no essay register.
Callers that asked for a paragraph addressed to the manager (`prose`: the chat paragraph, the
prep narrative) also get no heading and no essay about "a manager" in the third person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Role = Literal["answer", "persona"]

MIN_WORDS = 2
MAX_CHARS = 4_000
PROMPT_NGRAM = 6  # a run of this many words copied from the prompt is an echo
PROMPT_SENTENCE = 4  # ... and so is a whole sentence of the instructions of this many words
QUESTION_ECHO_SHARE = 0.7  # share of the text's words taken from the question
LOOP_NGRAM = 4  # a 4-word run said three times is a loop
LOOP_COUNT = 3
DISTINCT_MIN = 0.45  # distinct words / words, for texts of 20 words or more
MAX_UNKNOWN_SHARE = 0.06  # share of words neither language's vocabulary nor the context knows
# A persona line is short and has an authored line to fall back on: one invented word is enough.
MAX_UNKNOWN_SHARE_PERSONA = 0.0
CUT_OFF_WORDS = 8  # shorter texts (an action item, a label) need no closing punctuation
SHORT_TEXT_WORDS = 4  # below this the caller's language is trusted

# A weak model stops at its token limit mid-sentence; a finished text ends like a sentence.
_ENDED = re.compile(r"[.!?…)\]\"'”’*]\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# A citation marker is anything in square brackets: the chat's [1], the brief's [n7 · 20 nov].
_CITATION = re.compile(r"\[([^\[\]\n]{1,40})\]")
# One instruction sentence: the prompt split at line breaks (variables render as one) and
# sentence ends, so "Je praat met je leidinggevende." is a unit even though it is short.
_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n+")
# Two articles in a row never occur in well-formed Dutch or English ("een de klokken", "the a
# plan"); a weak model's word salad does. ("het de" and "de een" are grammatical.)
_ARTICLES = re.compile(r"\b(een (de|het|een)|de (de|het)|het het|(the|a|an) (the|a|an))\b", re.I)
# A whole text inside quotation marks is a quotation of nobody, not advice or a spoken line.
_QUOTED = re.compile(r'^\s*["“„][^"“”„]+["”]\s*$')

_AI_MARKERS = re.compile(
    r"\b(as an ai|als (een )?ai|an ai\b|ai[- ]model|language model|taalmodel|assistant"
    r"|assistent|chatbot|i'm an ai|i am an ai|ik ben een ai|openai|system prompt|systeemprompt"
    r"|role-?play|rollenspel|simulati\w*|simulation|\bai\b|a\.i\.|artificial intelligence"
    r"|kunstmatige intelligentie)",
    re.IGNORECASE,
)
# The helpful-assistant register: an employee does not console or coach their manager.
_ASSISTANT_VOICE = re.compile(
    r"(i'm (so )?sorry to hear|i am (so )?sorry to hear|i want you to know|it takes (a lot of )?"
    r"courage|i'm here (to help|for you)|feel free to|i understand your concern|great question"
    r"|happy to help|how can i help|let me know if|het spijt me (dat )?te horen|ik ben er voor je"
    r"|laat het me weten als|hoe kan ik je helpen|goede vraag|i'll try to help|try to help you"
    r"|give you (some )?advice|i'll do my best|ik zal (proberen )?je te helpen|advies geven"
    r"|i'm so proud of you|ik ben (zo )?trots op je"
    # ... and the service desk: a persona offers the manager nothing to order or ask for.
    r"|you can ask me|ask me anything|what's your pleasure|what is your pleasure"
    r"|what can i do for you|at your service|think of me as|your trusted"
    r"|wat kan ik voor je doen|tot uw dienst|vraag me gerust)",
    re.IGNORECASE,
)
# The essay register: the weak model's inspirational prose about life and success, which no
# employee speaks in a 1:1 with their manager. Generic phrases of that genre, not of one text.
_ESSAY_VOICE = re.compile(
    r"\b(immense (joy|satisfaction|gratitude|pride)|invaluable|a valuable skill"
    r"|plays? (a|an) (crucial|vital|key|important) role|(it's|it is) (essential|crucial|vital) to"
    r"|in various (areas|aspects|ways)|(areas|aspects|walks) of life|life's challenges"
    r"|joy and (satisfaction|fulfil+ment)|brought me (immense |great |so much )?joy"
    r"|a testament to|our world|transcends?|make (a|the) positive (change|difference|impact)"
    r"|embark(ed|ing)? on|van cruciaal belang|onschatbaar|een waardevolle vaardigheid"
    r"|in alle aspecten van|onze wereld)\b",
    re.IGNORECASE,
)
# A paragraph the prompt asks for as sentences only (chat paragraph, prep narrative) has no
# heading or bold label: "**Vagu:**", "# Situation", "**Tip**:" start a document, not advice.
_HEADING = re.compile(r"(^|\n)\s*(#{1,6}\s|\*\*[^*\n]{1,60}(:\*\*|\*\*\s*:))")
# Such a paragraph speaks to the manager; one that speaks of "a manager" or "the manager" in the
# third person is an essay about managers ("When a manager asks about feedback, it's essential
# to ..."). "As a manager" and "your manager" address the reader and pass.
_ABOUT_MANAGERS = re.compile(
    r"(?<!\bas )(?<!\byour )(?<!\bals )\b((a|the|every|any|each) managers?|managers"
    r"|(een|de|elke|iedere) leidinggevenden?|leidinggevenden)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """The gate's answer: `reason` is None when the text may be shown (a short code else)."""

    text: str
    reason: str | None
    details: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.reason is None


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _ngrams(toks: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    """Lingua restricted to the languages a weak model drifts into; built once (~1 s)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [
        Language.DUTCH,
        Language.ENGLISH,
        Language.GERMAN,
        Language.FRENCH,
        Language.SPANISH,
        Language.ITALIAN,
        Language.PORTUGUESE,
        Language.AFRIKAANS,
    ]
    return LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()


_ISO = {"DUTCH": "nl", "ENGLISH": "en"}


def identify_language(text: str) -> str | None:
    """ "nl", "en", "other" (a language we do not serve) or None when lingua cannot tell."""
    found = _detector().detect_language_of(text)
    if found is None:
        return None
    return _ISO.get(found.name, "other")


def language_confidence(text: str, language: str) -> float:
    from lingua import Language

    target = Language.DUTCH if language == "nl" else Language.ENGLISH
    return float(_detector().compute_language_confidence(text, target))


COMPOUND_PART_ZIPF = 3.0  # each part of a Dutch compound must be a common word
COMPOUND_PART_MIN = 3


@lru_cache(maxsize=100_000)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


def _compound(word: str, parts: int = 3) -> bool:
    """Dutch writes compounds solid (maandrapportage, datakwaliteitscheck) and wordfreq lists
    few of them; a word made of common words, with an optional linking s, is a real word.
    Invented words (werkbrasem, voortgekeering) rarely split into common parts."""
    for i in range(COMPOUND_PART_MIN, len(word) - COMPOUND_PART_MIN + 1):
        head, tail = word[:i], word[i:]
        if _zipf(head, "nl") < COMPOUND_PART_ZIPF:
            continue
        for rest in (tail, tail[1:] if tail.startswith("s") else ""):
            if len(rest) < COMPOUND_PART_MIN:
                continue
            if _zipf(rest, "nl") >= COMPOUND_PART_ZIPF or (parts > 2 and _compound(rest, 2)):
                return True
    return False


@lru_cache(maxsize=100_000)
def _known(word: str, language: str) -> bool:
    if _zipf(word, language) > 0.0:
        return True
    parts = re.split(r"['’-]", word)
    if len(parts) > 1:
        return all(_known(p, language) for p in parts if len(p) > 1)
    return language == "nl" and _compound(word)


def unknown_share(text: str, language: str, context: Iterable[str] = ()) -> float:
    """Share of the text's words that neither the language's vocabulary nor the context has."""
    toks = [w for w in words(text) if len(w) > 1]
    if not toks:
        return 1.0
    extra = {w for c in context for w in words(c)}
    unknown = [w for w in toks if w not in extra and not _known(w, language)]
    return len(unknown) / len(toks)


def _loop(toks: Sequence[str]) -> bool:
    runs = Counter(tuple(toks[i : i + LOOP_NGRAM]) for i in range(len(toks) - LOOP_NGRAM + 1))
    if runs and runs.most_common(1)[0][1] >= LOOP_COUNT:
        return True
    return len(toks) >= 20 and len(set(toks)) / len(toks) < DISTINCT_MIN


def _instruction_echo(toks: Sequence[str], prompt: str) -> bool:
    """A run of PROMPT_NGRAM words of the prompt, or one of its instruction sentences whole."""
    if _ngrams(toks, PROMPT_NGRAM) & _ngrams(words(prompt), PROMPT_NGRAM):
        return True
    said = " " + " ".join(toks) + " "
    for part in _SENTENCE_END.split(prompt):
        own = words(part)
        if PROMPT_SENTENCE <= len(own) < PROMPT_NGRAM and f" {' '.join(own)} " in said:
            return True
    return False


def _sentence_repeat(text: str) -> bool:
    parts = [tuple(words(s)) for s in re.split(r"(?<=[.!?…])\s+", text)]
    parts = [p for p in parts if len(p) >= 3]
    return len(parts) != len(set(parts))


def check(
    text: str,
    *,
    language: str,
    prompt: str = "",
    question: str = "",
    context: Iterable[str] = (),
    citations: Collection[str] | None = None,
    role: Role = "answer",
    earlier: Sequence[str] = (),
    prose: bool = False,
) -> Verdict:
    """May this model text be shown? `citations`: the markers ("1", "2", ...) of the sources
    the model was given (None: the text must cite nothing); `context`: names and texts whose
    words count as known; `earlier`: lines already shown (a persona must not repeat them);
    `prose`: the prompt asked for a paragraph of sentences addressed to the manager."""
    clean = " ".join(text.split())
    toks = words(clean)
    if len(toks) < MIN_WORDS:
        return Verdict(clean, "empty")
    if len(clean) > MAX_CHARS:
        return Verdict(clean, "too_long")
    if role == "persona":
        if _AI_MARKERS.search(clean):
            return Verdict(clean, "ai_mention")
        if _ASSISTANT_VOICE.search(clean):
            return Verdict(clean, "assistant_voice")
        if _ESSAY_VOICE.search(clean):
            return Verdict(clean, "essay_voice")
    if prose and _HEADING.search(text):
        return Verdict(clean, "heading")
    if prose and _ABOUT_MANAGERS.search(clean):
        return Verdict(clean, "about_managers")
    stripped = _CITATION.sub(" ", clean)
    if len(toks) >= SHORT_TEXT_WORDS:
        found = identify_language(stripped)
        if found != language:
            return Verdict(clean, "language")
    if prompt and _instruction_echo(toks, prompt):
        return Verdict(clean, "prompt_echo")
    if question:
        asked = set(words(question))
        if len(toks) >= 3 and sum(t in asked for t in toks) / len(toks) >= QUESTION_ECHO_SHARE:
            return Verdict(clean, "echo")
    if _loop(toks) or _sentence_repeat(clean):
        return Verdict(clean, "loop")
    for line in earlier:
        if toks == words(line):
            return Verdict(clean, "repeat")
    if len(toks) >= CUT_OFF_WORDS and not _ENDED.search(clean):
        return Verdict(clean, "cut_off")
    if _ARTICLES.search(stripped):
        return Verdict(clean, "word_salad")
    if _QUOTED.match(clean):
        return Verdict(clean, "quotation")
    share = unknown_share(stripped, language, [*context, prompt, question])
    limit = MAX_UNKNOWN_SHARE_PERSONA if role == "persona" else MAX_UNKNOWN_SHARE
    if share > limit:
        return Verdict(clean, "unknown_words", {"unknown_share": round(share, 3)})
    cited = set(_CITATION.findall(clean))
    allowed = set(citations or ())
    if cited - allowed:
        return Verdict(clean, "citation")
    return Verdict(clean, None)


__all__ = ["Verdict", "check", "identify_language", "language_confidence", "unknown_share"]
