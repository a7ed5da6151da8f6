"""The one output gate: every piece of model text passes `check` before a user sees it.

A weak model (the embedded SmolLM2-135M) writes invented Dutch, off-topic English and echoes
of its own prompt; a capable one can still drift or cite a source it was never given. The
gate is deliberately strict: text that fails is dropped and the deterministic answer stands
alone, so a false "bad" costs a paragraph while a false "ok" costs the manager's trust.

Checks, in order (the first failing one is the reason): empty or too long, wrong language
(lingua, a real language identifier; also a long sentence in the other language mid-text),
echo of the prompt (its instructions, or a label of its layout such as "Notities:") or of
the question (a whole sentence of it; for a persona a whole clause of the manager's line),
repetition loops, cut off mid-sentence, invented words (wordfreq's NL/EN vocabularies, Dutch
compounds of common words, and the names and words the caller passes as context), and
citation markers that name no source the model was given. Callers with a role (`persona`)
add the checks of that role: no AI, no assistant or service-desk voice and no essay
register (their phrases: voices.yaml). Callers that asked for a paragraph addressed to the
manager (`prose`: the chat paragraph, the prep narrative) also get: one paragraph with no
heading, label line or list, no text about itself ("This advice gives ..."), no copy of one
source, no essay about "a manager" in the third person, and it must name a particular of its
inputs that the question did not already say. `raw_fault` judges a model's whole output where
a caller keeps only part of it (the persona's first sentences).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypedDict

import yaml

Role = Literal["answer", "persona"]

MIN_WORDS = 2
MAX_CHARS = 4_000
PROMPT_NGRAM = 6  # a run of this many words copied from the prompt is an echo
PROMPT_SENTENCE = 4  # ... and so is a whole sentence of the instructions of this many words
QUESTION_ECHO_SHARE = 0.7  # share of an answer's words taken from the question
ECHO_SENTENCE = 4  # a sentence of the question this long, said back whole, is an echo
LABEL_WORDS = 4  # a label of the prompt's layout ("Wat je dwarszit:") has at most this many words
LOOP_NGRAM = 4  # a 4-word run said three times is a loop
LOOP_COUNT = 3
DISTINCT_MIN = 0.45  # distinct words / words, for texts of 20 words or more
MAX_UNKNOWN_SHARE = 0.06  # share of words neither language's vocabulary nor the context knows
# A persona line is short and has an authored line to fall back on: one invented word is enough.
MAX_UNKNOWN_SHARE_PERSONA = 0.0
# A paragraph to the manager (prose) names at least this many particulars of its inputs
# (words of at least PARTICULAR_CHARS letters, rarer than PARTICULAR_ZIPF).
PARTICULARS = 1
PARTICULAR_CHARS = 4
PARTICULAR_ZIPF = 5.0
COPY_NGRAM = 8  # a run this long taken from one input is copied ...
COPY_SHARE = 0.7  # ... and a paragraph that is this much copy is no advice
CUT_OFF_WORDS = 8  # shorter texts (an action item, a label) need no closing punctuation
SHORT_TEXT_WORDS = 4  # below this the caller's language is trusted
MIXED_SENTENCE_WORDS = 8  # a sentence this long has a language of its own

# A weak model stops at its token limit mid-sentence; a finished text ends like a sentence.
_ENDED = re.compile(r"[.!?…)\]\"'”’*]\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# A citation marker is anything in square brackets: the chat's [1], the brief's [n7 · 20 nov].
_CITATION = re.compile(r"\[([^\[\]\n]{1,40})\]")
# One instruction sentence: the prompt split at line breaks (variables render as one) and
# sentence ends, so "Je praat met je leidinggevende." is a unit even though it is short.
_SENTENCE_END = re.compile(r"[.!?:;]\s+|\n+")
_CLAUSE_END = re.compile(r"[.!?:;,]\s+|\n+")
# Two articles in a row never occur in well-formed Dutch or English ("een de klokken", "the a
# plan"); a weak model's word salad does. ("het de" and "de een" are grammatical.)
_ARTICLES = re.compile(r"\b(een (de|het|een)|de (de|het)|het het|(the|a|an) (the|a|an))\b", re.I)
# A label of a prompt's layout: a line part ending in a colon just before a line break (the
# value that followed it is blanked in the instructions). In a text: such words and a colon.
_LABEL = re.compile(r"(?:^|\n|[.!?]\s)\s*([^\n.!?:{}]{2,60}):(?=[ \t]*\n)")
_LABEL_IN_TEXT = re.compile(r"(?:^|\n|[.!?]\s|\*\*)\s*([^\n.!?:*]{2,60}?)\s*(?:\*\*)?:")
# A whole text inside quotation marks is a quotation of nobody, not advice or a spoken line.
_QUOTED = re.compile(r'^\s*["“„][^"“”„]+["”]\s*$')

# Read once at import: {register: {language: [phrase, ...]}}.
_VOICES: dict[str, dict[str, list[str]]] = yaml.safe_load(
    Path(__file__).with_name("voices.yaml").read_text(encoding="utf-8")
)
_LANGUAGES = ("nl", "en")


def _voice(register: str, whole_words: bool = False) -> re.Pattern[str]:
    """One pattern for a register's phrases of both languages (voices.yaml: content, not
    code); a file with a register or language missing, or a phrase that is no valid regular
    expression, fails at import. `whole_words`: a phrase must also end at a word end."""
    phrases = _VOICES[register]
    alternatives = "|".join(f"(?:{p})" for lang in _LANGUAGES for p in phrases[lang])
    end = r"(?![\w'])" if whole_words else ""
    return re.compile(rf"(?<![\w'])({alternatives}){end}", re.IGNORECASE)


_AI_MARKERS = _voice("ai")  # naming AI, a model or the exercise
_ASSISTANT_VOICE = _voice("assistant")  # the assistant, the service desk, customer care
_ESSAY_VOICE = _voice("essay", whole_words=True)  # inspirational prose about life and success

# A paragraph the prompt asks for as sentences only (chat paragraph, prep narrative) has no
# heading or bold label: "**Vagu:**", "# Situation", "**Tip**:" start a document, not advice.
_HEADING = re.compile(r"(^|\n)\s*(#{1,6}\s|\*\*[^*\n]{1,60}(:\*\*|\*\*\s*:))")
# ... nor is a list (two lines or more that open with a bullet or a number) ...
_LIST_LINE = re.compile(r"(?m)^\s*([-*•]|\d{1,2}[.)])\s+\S")
# ... nor more than one paragraph: the prompts ask for one of a few sentences ...
_PARAGRAPH_BREAK = re.compile(r"\S\s*\n\s*\n\s*\S")
# ... nor a later line that opens with a label of a word or two: the exam format ("A: ...",
# "Antwoord:", "Tip: ..."). The first line may start "Vraag Sanne: ..." (advice, not a label).
_LABEL_LINE = re.compile(r"\n\s*[^\W\d_]{1,15}(?: [^\W\d_]{1,15})?\s*:(\s|$)")
# ... and never talks about itself as a text: "This advice gives ...", "De zin betekent ...".
_SELF_TALK = re.compile(
    r"\b(this|that|the above|the following|the|your|my) (advice|sentence|example|response"
    r"|answer|text|passage|paragraph|quote|suggestion) (is|was|gives|can|could|means|suggests"
    r"|encourages|highlights|shows|emphasi[sz]es|provides|offers|helps|demonstrates"
    r"|illustrates|reflects)\b"
    r"|\b(dit|dat|het bovenstaande|het volgende|jouw|je|mijn) (advies|voorbeeld|antwoord"
    r"|citaat|voorstel) (is|was|geeft|kan|betekent|laat|helpt|biedt|toont)\b"
    r"|\b(deze|de) (zin|tekst|passage) (is|geeft|kan|betekent|laat|helpt|toont)\b",
    re.IGNORECASE,
)
# Such a paragraph speaks to the manager; one that speaks of "a manager" or "the manager" in the
# third person is an essay about managers ("When a manager asks about feedback, it's essential
# to ..."). "As a manager" and "your manager" address the reader and pass.
_ABOUT_MANAGERS = re.compile(
    r"(?<!\bas )(?<!\byour )(?<!\bals )\b((a|the|every|any|each) managers?|managers"
    r"|(een|de|elke|iedere) leidinggevenden?|leidinggevenden)\b",
    re.IGNORECASE,
)


class Options(TypedDict, total=False):
    """What a caller may add to a check (see `check`), for wrappers that pass it on."""

    citations: Collection[str] | None
    role: Role
    earlier: Sequence[str]
    prose: bool
    particulars: bool


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


def _mixed(text: str, language: str) -> bool:
    """A long sentence in the other language we serve inside the text ("Vragen over
    resultaten ... This is a classic example of ..."): a weak model switching language
    mid-answer. (Lingua on one short sentence may say Afrikaans for Dutch: that is no switch.)"""
    for part in re.split(r"(?<=[.!?…:])\s+|\n+", text):
        found = identify_language(part) if len(words(part)) >= MIXED_SENTENCE_WORDS else None
        if found in ("nl", "en") and found != language:
            return True
    return False


COMPOUND_PART_ZIPF = 3.0  # each part of a Dutch compound must be a common word
COMPOUND_PART_MIN = 3  # a head word (werkdag, weekrol) may be short ...
COMPOUND_HEAD_MIN = 4  # ... its modifier not: "ben-det", "sit-zen" are no compounds


@lru_cache(maxsize=100_000)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, language))


def _compound(word: str, parts: int = 3) -> bool:
    """Dutch writes compounds solid (maandrapportage, datakwaliteitscheck) and wordfreq lists
    few of them; a word made of common words, with an optional linking s, is a real word.
    Invented words (werkbrasem, voortgekeering) rarely split into common parts."""
    for i in range(COMPOUND_HEAD_MIN, len(word) - COMPOUND_PART_MIN + 1):
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


def raw_fault(raw: str, prompt: str) -> str | None:
    """What is wrong with a model's raw output as a whole, before a caller keeps only a part of
    it (a persona line keeps its first sentences): a loop, a second paragraph, or the prompt
    said back. A model that did any of these has lost the thread, so the part it kept is not
    trusted either."""
    toks = words(raw)
    if _loops(toks, " ".join(raw.split())):
        return "loop"
    if _PARAGRAPH_BREAK.search(raw.strip()):
        return "layout"  # a line of a few sentences, and then it wrote on
    if prompt and (_instruction_echo(toks, prompt) or _label_echo(raw, prompt)):
        return "prompt_echo"
    return None


def _particulars(text: str, language: str, context: Iterable[str], question: str) -> int:
    """How many particulars of the inputs the text names: distinct word stems (of words that
    are not among the language's most common) shared with the notes, facts or sources and
    not already in the question. A paragraph of advice for this conversation names at least
    one; a generic essay on the question's theme ("When discussing missed deadlines, it's
    essential to ...") names none."""
    from coach.retrieval.text import tokenize

    def stems(source: str) -> set[str]:
        plain = tokenize(source)
        return {
            s
            for s, w in zip(tokenize(source, language), plain, strict=True)
            if len(w) >= PARTICULAR_CHARS and _zipf(w, language) < PARTICULAR_ZIPF
        }

    given = set().union(*(stems(c) for c in context)) if context else set()
    asked = set(tokenize(question, language))
    return len((stems(text) & given) - asked)


def _source_copy(toks: Sequence[str], context: Iterable[str]) -> bool:
    """Most of the text copied from one input in long runs (a knowledge excerpt or a note
    given back, down to its "…"): no advice, and the answer above already quotes it."""
    if len(toks) < COPY_NGRAM:
        return False
    mine = [tuple(toks[i : i + COPY_NGRAM]) for i in range(len(toks) - COPY_NGRAM + 1)]
    for source in context:
        theirs = _ngrams(words(source), COPY_NGRAM)
        covered: set[int] = set()
        for i, gram in enumerate(mine):
            if gram in theirs:
                covered.update(range(i, i + COPY_NGRAM))
        if len(covered) / len(toks) >= COPY_SHARE:
            return True
    return False


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


def _loops(toks: Sequence[str], text: str) -> bool:
    """A run said three times, too few distinct words, or one sentence said twice."""
    return _loop(toks) or _sentence_repeat(text)


def _sentence_repeat(text: str) -> bool:
    """One sentence said twice, however short ("Almost. Almost.")."""
    parts = [tuple(words(s)) for s in re.split(r"(?<=[.!?…])\s+", text)]
    parts = [p for p in parts if p]
    return len(parts) != len(set(parts))


def _labels(prompt: str) -> set[str]:
    """The labels of the prompt's own layout: a line part that ends in a colon where a value
    follows ("Situatie:", "Notities:", "Facts:", "Vraag van de leidinggevende:")."""
    return {
        " ".join(words(m.group(1)))
        for m in _LABEL.finditer(prompt)
        if 1 <= len(words(m.group(1))) <= LABEL_WORDS
    }


def _label_echo(text: str, prompt: str) -> bool:
    """The model copied the prompt's layout: one of its labels, colon and all."""
    said = {" ".join(words(m.group(1))) for m in _LABEL_IN_TEXT.finditer(text)}
    return bool(said & _labels(prompt))


def _contains(toks: Sequence[str], run: Sequence[str]) -> bool:
    n = len(run)
    return any(tuple(toks[i : i + n]) == tuple(run) for i in range(len(toks) - n + 1))


def _question_echo(toks: Sequence[str], question: str, role: Role) -> bool:
    """The question (or the manager's line) said back: a whole sentence of it of at least
    ECHO_SENTENCE words (a persona: a whole clause, "Ja, jij begint er altijd mee, zeg je."),
    the whole text a piece of it, or most of its words."""
    asked = words(question)
    if len(toks) >= MIN_WORDS and _contains(asked, toks):
        return True
    for part in (_CLAUSE_END if role == "persona" else _SENTENCE_END).split(question):
        own = words(part)
        if len(own) >= ECHO_SENTENCE and _contains(toks, own):
            return True
    if len(toks) < 3:
        return False
    return sum(t in set(asked) for t in toks) / len(toks) >= QUESTION_ECHO_SHARE


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
    particulars: bool = True,
) -> Verdict:
    """May this model text be shown? `citations`: the markers ("1", "2", ...) of the sources
    the model was given (None: the text must cite nothing); `context`: names and texts whose
    words count as known; `earlier`: lines already shown (a persona must not repeat them);
    `prose`: the prompt asked for a paragraph of sentences addressed to the manager, which
    must name a particular of its context (when it has one; `particulars=False` skips that
    for a text that was never written for this context, as the first eval sets' texts)."""
    context = list(context)
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
    if prose and (_HEADING.search(text) or _LABEL_LINE.search(text)):
        return Verdict(clean, "heading")
    if prose and (len(_LIST_LINE.findall(text)) >= 2 or _PARAGRAPH_BREAK.search(text)):
        return Verdict(clean, "layout")
    if prose and _SELF_TALK.search(clean):
        return Verdict(clean, "self_talk")
    if prose and _ABOUT_MANAGERS.search(clean):
        return Verdict(clean, "about_managers")
    stripped = _CITATION.sub(" ", clean)
    if len(toks) >= SHORT_TEXT_WORDS:
        found = identify_language(stripped)
        if found != language or _mixed(stripped, language):
            return Verdict(clean, "language")
    if prompt and (_instruction_echo(toks, prompt) or _label_echo(text, prompt)):
        return Verdict(clean, "prompt_echo")
    if question and _question_echo(toks, question, role):
        return Verdict(clean, "echo")
    if _loops(toks, clean):
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
    if prose and _source_copy(toks, context):
        return Verdict(clean, "source_copy")
    if (
        prose
        and particulars
        and context
        and _particulars(stripped, language, context, question) < PARTICULARS
    ):
        return Verdict(clean, "generic")
    cited = set(_CITATION.findall(clean))
    allowed = set(citations or ())
    if cited - allowed:
        return Verdict(clean, "citation")
    return Verdict(clean, None)


__all__ = [
    "Verdict",
    "check",
    "raw_fault",
    "identify_language",
    "language_confidence",
    "unknown_share",
]
