"""Content-reuse helpers for rewrites: topic phrases, cleaned cores, and why-to-what turns.

Kept apart from `rewrite.py`, which picks the technique; the texts are in rewrites.<lang>.yaml.
"""

from __future__ import annotations

import re

from coach.analytics import lexicon as lx
from coach.analytics._text import tokens

_WORD = re.compile(r"[\wÀ-ÿ'-]+")
_DETERMINERS = frozenset("de het een je jouw the a an your this deze".split())
_PHRASE_STOP = frozenset(
    """al nog af wel niet ook even echt gewoon leuk klaar goed beter af op in met voor van aan
    over bij naar door om te en of maar dat die dit is was zijn ben bent heb hebt kan kun wil
    yet still already done well good better on in with for of to at and or but that is was
    are were be been have has can will would it je jij you i ik we me mij u zo so just really
    toch hè right okay oké vrijdag friday morgen tomorrow week vandaag today gelukt lukt
    gaat going doing over allemaal alles all everything moet moeten zou kunt wilt doet hebt
    need should must tried try talking praten plannen""".split()
)
_DROP = (
    lx.JUDGING
    | lx.GENERALISING
    | frozenset(
        """je jij jou u you you're your bent ben is was were are gewoon zo echt really just so
    nou toch altijd heel very""".split()
    )
    | lx.WH
)
_FINITE_JE = {
    "heb": "hebt",
    "ben": "bent",
    "kun": "kunt",
    "kan": "kunt",
    "wil": "wilt",
    "zal": "zult",
    "doe": "doet",
    "ga": "gaat",
    "sta": "staat",
    "zie": "ziet",
    "mag": "mag",
    "moet": "moet",
}
_PAST_NL = frozenset(
    """koos was had deed zei ging kwam nam gaf liet zag wist kon wou wilde moest mocht begon
    vond bleef dacht""".split()
)


def topic(text: str, lang: str) -> str | None:
    """The last determiner-headed noun phrase ("het rapport", "the deck"), if any."""
    words = _WORD.findall(text)
    best: str | None = None
    for i, word in enumerate(words):
        if word.lower() not in _DETERMINERS:
            continue
        phrase = [word]
        for nxt in words[i + 1 : i + 4]:
            low = nxt.lower()
            if low in _PHRASE_STOP or low in _DETERMINERS or low in lx.JUDGING:
                break
            phrase.append(nxt)
        if len(phrase) > 1:
            best = " ".join(phrase)
    if best and best.split()[0] in ("The", "De", "Het", "Een", "A", "An", "Your", "Je"):
        best = best[0].lower() + best[1:]
    return best


def core(text: str) -> str:
    """The content of an accusation without pronouns, copulas, judging or sweeping words."""
    kept = [t for t in tokens(text) if t not in _DROP]
    return " ".join(kept[:8])


_SEPARABLE = frozenset("af op uit aan mee in door terug over na voor toe".split())
_WHY_DROP = lx.JUDGING | lx.GENERALISING | frozenset("nou toch eigenlijk nu".split())


def why_to_what(clause: str, lang: str) -> str | None:
    """Turn a why-question clause into a "what made/what led" question, or None."""
    low = clause.lower()
    for phrase in lx.GENERALISING_PHRASES:
        low = low.replace(phrase, " ")
    toks = [t for t in tokens(low) if t not in _WHY_DROP]
    while toks and toks[0] in ("en", "and", "maar", "but", "so", "dus"):
        toks = toks[1:]
    if not toks or toks[0] not in ("waarom", "why") or len(toks) < 3:
        return None
    verb, rest = toks[1], toks[3:]
    subject = toks[2]
    if subject in _DETERMINERS and subject not in ("je", "you") and rest:
        subject, rest = f"{subject} {rest[0]}", rest[1:]
    tail = " ".join(rest)
    if lang == "nl":
        past = verb in _PAST_NL or verb.endswith(("de", "te")) or verb in ("heb", "hebt")
        if subject in ("je", "jij") and verb not in _PAST_NL and not verb.endswith(("de", "te")):
            verb = _FINITE_JE.get(verb, verb if verb.endswith("t") else verb + "t")
        if rest and rest[-1] in _SEPARABLE:  # "lever ... af" -> "aflevert"
            verb, tail = rest[-1] + verb, " ".join(rest[:-1])
        lead = "Wat maakte dat" if past else "Wat maakt dat"
        return " ".join(f"{lead} {subject} {tail} {verb}".split()) + "?"
    if verb in ("didn't", "don't", "doesn't"):
        return f"What made it difficult to {tail}?"
    if verb == "did":
        return f"What led {subject} to {tail}?"
    if verb in ("do", "does"):
        if subject == "you":
            return f"What makes you {tail}?"
        return f"What do you think causes {subject} to {tail}?"
    if verb in ("is", "are", "was", "were") and subject != "you":
        return f"What makes {subject} {tail}?"
    return None
