"""Language detection for manager utterances (Dutch or English) by stop-word counts.

Deliberately tiny: utterances are short, only two languages matter, and no model is allowed.
Ties fall back to a few Dutch-only letter patterns and finally to Dutch, the primary language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from coach.analytics._text import tokens

# Each language's own stop words. A word both languages use about as often (wordfreq Zipf
# within 0.5: "over", "even", "was", "me", "had", "sorry") is in neither list: it tells nothing.
_NL = frozenset(
    """de het een en je jij jou jouw ik dat niet van op te wat hoe waarom met voor zijn heb
    hebt ben bent er maar ook nog wel dit die naar bij om kun kunt kan wil wilt gaat gaan
    toch mij u ze als dan zo al gewoon eens dus niks niets nooit altijd iets geen waar wie
    welke goed veel uit aan door zich heel vind vindt mee zou zouden moet moeten deze
    wanneer waardoor jullie ons onze mijn hoe ervan erg hier daar nu nou lukt klopt gedaan
    bedankt dank fijn prima lekker graag oké""".split()
)
_EN = frozenset(
    """the a an and you i are it that not of on to what how why with for be have has do does
    did but also this there at can will would your my they if so just were been don't i'm
    you're it's any about from all up out when where who which right you've you'd i'd i'll
    we're that's what's how's didn't isn't aren't could should shall think feel tell really
    anything something everything yet than more our us he she his her them nice job great
    thanks good done well sure""".split()
)
_NL_LETTERS = re.compile(r"ij|oe|aa|ui|sch|é|ë")


def leaning(words: Iterable[str]) -> Literal["nl", "en"] | None:
    """The language whose stop words the (lowercase) words hold more of; None on a tie."""
    nl = en = 0
    for w in words:
        nl += w in _NL
        en += w in _EN
    if nl == en:
        return None
    return "nl" if nl > en else "en"


def detect_language(text: str) -> Literal["nl", "en"]:
    """Return "nl" or "en" by counting language-specific stop words (ties go to Dutch)."""
    toks = tokens(text)
    found = leaning(toks)
    if found is not None:
        return found
    lowered = text.lower()
    if not _NL_LETTERS.search(lowered) and re.search(r"[a-z]{2,}", lowered) and set(toks) & _EN:
        return "en"
    return "nl"
