"""Reflective-listening detection (MITI): simple versus complex reflections.

A reflection is a statement, not a question, that mirrors the other person's experience:
"Het klinkt alsof...", "Dus je...", "Je voelt je...", "You're feeling...", "It sounds like...",
or a you-sentence whose predicate is a feeling/inner state ("Je bent moe", "You miss...").
Accusations share the same surface ("Je bent altijd te laat"), so a sentence with a judging
word, an unmirrored generalisation, advice, or a first-person opener is never a reflection.

Complex = the reflection adds meaning: double-sided ("aan de ene kant... aan de andere kant"),
hedged inference ("je lijkt", "misschien", "eigenlijk"), contrast ("ook al", "even though"),
values ("erkenning", "trust"), or a long paraphrase (15+ words) that continues the story.
"""

from __future__ import annotations

import re
from typing import Literal

from coach.analytics import lexicon as lx
from coach.analytics._text import has_phrase, starts_with_phrase, strip_lead, tokens
from coach.analytics.feedback import has_past_action, time_anchored

ReflectionType = Literal["simple", "complex"]

_STEMS = (
    "het klinkt alsof",
    "het klinkt als",
    "klinkt alsof",
    "klinkt als",
    "dat klinkt",
    "het lijkt alsof",
    "het lijkt erop dat",
    "het lijkt wel of",
    "het lijkt of",
    "je lijkt",
    "je klinkt",
    "je voelt je",
    "je hebt het gevoel",
    "het voelt",
    "voelt alsof",
    "als ik het goed begrijp",
    "ik hoor dat",
    "ik hoor je zeggen dat",
    "wat ik hoor",
    "wat je eigenlijk zegt",
    "wat je zegt is",
    "aan de ene kant",
    "een deel van je",
    "een deel van jou",
    "voor jou is",
    "blijkbaar",
    "je zit klem",
    "je zit vast",
    "it sounds like",
    "it sounds as if",
    "sounds like",
    "that sounds",
    "you sound",
    "it seems",
    "it looks like",
    "looks like you",
    "you seem",
    "you feel",
    "you're feeling",
    "you are feeling",
    "it feels like",
    "it feels as if",
    "it's as if",
    "if i understand",
    "i hear that",
    "what i'm hearing",
    "what you're saying",
    "what you're really saying",
    "on the one hand",
    "part of you",
    "matters to you",
    "important to you",
    "you're caught",
    "you're torn",
    "on your plate",
    "op je bordje",
    "het is alsof",
    "alsof je",
    "it's like you",
    "as if you",
    "je bent iemand die",
    "you're someone who",
    "je zegt dat",
    "you say that",
    "you say it's",
    "het gaat je om",
    "het gaat jou om",
    "zit je niet lekker",
    "zit je nog steeds niet lekker",
    "hakt er",
    "got to you",
    "bugging you",
    "had enough",
    "two minds",
    "a lot going on",
    "a lot on",
    "looking forward",
    "kijkt uit naar",
    "klaar mee",
)
_SO_STARTS = ("dus je", "dus jij", "dus het", "dus de", "so you", "so the", "so it's", "so it")
_HEDGE_STARTS = (
    "misschien is het",
    "maybe it's",
    "perhaps it's",
    "eigenlijk wil je",
    "eigenlijk ben je",
    "really you",
)
_MIRROR_OPENERS = ("ik hoor", "als ik het goed", "i hear that", "if i understand", "what i'm")
_FEELINGS = frozenset(
    """moe blij tevreden ontevreden boos teleurgesteld bang trots verdrietig gefrustreerd
    onzeker gestrest ongerust bezorgd overvallen opgelucht enthousiast nerveus zenuwachtig
    eenzaam uitgeput overweldigd geïrriteerd geraakt gekwetst gewaardeerd zorgen druk zwaar
    pittig pittige zware drukke lastig lastige moeilijk moeilijke gevoel twijfel twijfelt
    klem vast stress onrustig lekker slecht slechte opluchting pijn verwacht verwachtte
    geschrokken zin ongemakkelijk teleurstellend teleurstellende frustrerend spannend
    spannende eng verdriet boosheid angst schrik onzekerheid ontmoedigd opgebrand moedeloos
    tired happy glad unhappy angry disappointed afraid scared proud sad frustrated unsure
    stressed worried anxious blindsided relieved excited nervous lonely exhausted overwhelmed
    upset hurt appreciated swamped busy hard tough rough difficult torn stuck relief expected
    hurts scare scared shaken mood awkward uncomfortable disappointing frustrating nerve-racking
    scary sadness anger fear discouraged drained burnt burned""".split()
)
_EXPERIENCE = re.compile(
    r"\b(je|jij) (wilt|wil|vindt|mist|baalt|zoekt|hoopt|twijfelt|worstelt|geniet|maakt je"
    r"|zou (\w+ )?willen)\b"
    r"|\ber (nog )?niet uit\b"
    r"|\b(je|jij) (houdt van|vond|wilde|hoopte)\b"
    r"|\byou(?:'d| would)? (?:\w+ly |almost |really |still |just )?"
    r"(want|wants|like|find|found|miss|hope|wish|enjoy|love|hate|struggle|worry"
    r"|haven't decided)\b"
    r"|\byou're (running|juggling|struggling|done)\b"
)
_COMPLEX = (
    "aan de ene kant",
    "aan de andere kant",
    "een deel van",
    "misschien",
    "eigenlijk",
    "lijkt",
    "blijkbaar",
    "tegelijk",
    "tegelijkertijd",
    "ook al",
    "terwijl",
    "niet zozeer",
    "niet om",
    "dwars",
    "klem",
    "voelt alsof",
    "voelt als",
    "het voelt",
    "als ik het goed begrijp",
    "gewaardeerd",
    "erkenning",
    "vertrouwen",
    "wel eens",
    "omdat",
    "tussen",
    "on the one hand",
    "on the other",
    "part of you",
    "maybe",
    "perhaps",
    "really saying",
    "seem",
    "seems",
    "might",
    "almost",
    "even though",
    "even if",
    "at the same time",
    "rather",
    "not so much",
    "not about",
    "bothers you",
    "between",
    "feels like",
    "as if",
    "if i understand",
    "appreciated",
    "recognition",
    "trust",
    "because",
    "matters to you",
    "important to you",
    "wearing you down",
    "vooral",
    "mostly",
    "most",
    "zingeving",
    "betekenis",
    "meaning",
    "doet pijn",
    "hurts",
    "looks like",
    "really you",
    "alleen de",
    "it's just the",
    "while you",
)
# Contrast or interpretation after a comma makes a reflection double-sided or deeper.
_COMPLEX_RE = re.compile(r",\s*(alsof|like you|maar|but)\b")
_LONG = 15


def _has_generalisation(low: str, toks: list[str]) -> bool:
    # Person quantifiers ("niemand het ziet") often belong to the mirrored story itself;
    # time generalisations about the listener ("altijd", "never") mark an accusation.
    words = [t for t in toks if t in lx.GENERALISING and t not in lx.PERSON_QUANTIFIERS]
    return bool(words or has_phrase(low, lx.GENERALISING_PHRASES)) and not has_phrase(
        low, lx.GENERALISING_EXEMPT
    )


def is_reflection(sentence: str) -> bool:
    """True when a (non-question) sentence mirrors the other person's experience."""
    low = sentence.lower()
    raw = tokens(sentence)
    toks = strip_lead(raw)
    if not toks or sentence.rstrip().endswith("?"):
        return False
    if any(t in lx.JUDGING for t in toks) or has_phrase(low, lx.ADVICE):
        return False
    mirror_opener = starts_with_phrase(toks, _MIRROR_OPENERS)
    if toks[0] in ("als", "if", "wanneer", "when", "zodra") and not mirror_opener:
        return False  # conditional offers: "Als je wilt, kunnen we..."
    if (toks[0] in lx.FIRST_PERSON or toks[0] in ("we", "wij")) and not mirror_opener:
        return False
    so_start = starts_with_phrase(raw, _SO_STARTS) or starts_with_phrase(toks, _SO_STARTS)
    if raw[0] in ("dus", "so") and any(t in lx.YOU for t in raw):
        so_start = True  # "Dus eigenlijk mis je...", "So really what you miss..."
    if toks[0] in _FEELINGS or toks[0] in ("sorry", "fijn", "nice", "great", "good"):
        return False  # the speaker's own feeling: "Glad you're here."
    if raw[0] in ("dus", "so") and len(raw) > 1 and raw[1] in ("ik", "i", "i'll", "we"):
        return False
    strong = bool(has_phrase(low, _STEMS) or so_start or starts_with_phrase(toks, _HEDGE_STARTS))
    if strong:
        return True
    if time_anchored(low) and has_past_action(sentence):
        return False  # a dated, observed action ("Gisteren in de retro gaf je...") is feedback
    if _has_generalisation(low, toks):
        return False  # "Je doet steeds alsof..." is an accusation, not a mirror
    addressed = any(t in lx.YOU for t in toks)
    if addressed and any(t in _FEELINGS for t in toks):
        return True
    return bool(_EXPERIENCE.search(low))


def reflection_kind(sentence: str) -> ReflectionType | None:
    """Classify one sentence as a simple or complex reflection (None if not a reflection)."""
    if not is_reflection(sentence):
        return None
    low = sentence.lower()
    if has_phrase(low, _COMPLEX) or _COMPLEX_RE.search(low) or len(tokens(low)) >= _LONG:
        return "complex"
    return "simple"
