"""Turn an item or decision about the employee into words addressed to them.

The notes speak about Sanne ("haar ontwikkelplan", "welke cursus ze wil volgen"); the message
speaks to her ("je ontwikkelplan", "welke cursus je wilt volgen"). When the employee said it
herself in a transcript ("ik stuur je mijn rooster"), first and second person swap, because
the manager writes the message. Small word-level rules: the texts are short to-dos.
"""

from __future__ import annotations

import re

_ARTICLES_NL = frozenset("de het een die dat deze dit".split())
_PREPS_NL = frozenset("met voor aan bij van over naar op in om tot door zonder binnen".split())
_NL_VERB_AFTER_JE = {"wil": "wilt", "kan": "kunt", "zal": "zult", "heeft": "hebt", "is": "bent"}
_EN_VERB_AFTER_YOU = {"is": "are", "was": "were", "has": "have", "does": "do", "wants": "want"}
_ARTICLES_EN = frozenset("the a an this that these those".split())
_PREPS_EN = frozenset("with for to at by of about from on in".split())
# What the employee said herself, in the manager's message: first and second person swap.
_SWAP_NL = {"ik": "je", "mijn": "je", "mij": "jou", "me": "jou", "je": "mij", "jou": "mij",
            "jouw": "mijn", "jij": "ik"}  # fmt: skip
_SWAP_EN = {"i": "you", "my": "your", "me": "you", "myself": "yourself", "you": "me",
            "your": "my"}  # fmt: skip
_TOKEN_RE = re.compile(r"\w+(?:[-']\w+)*|\W+")


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _next_word(tokens: list[str], i: int) -> str:
    for tok in tokens[i + 1 :]:
        if tok.strip() and tok[0].isalnum():
            return tok.lower()
        if tok.strip():
            return ""
    return ""


def _swap_speaker(tokens: list[str], swap: dict[str, str]) -> list[str]:
    swapped = [(swap.get(tok.lower(), tok), tok) for tok in tokens]
    return [_match_case(new, tok) if new != tok else tok for new, tok in swapped]


def _dutch(tokens: list[str], name: str) -> list[str]:
    out: list[str] = []
    after_je = False
    for i, tok in enumerate(tokens):
        low = tok.lower()
        nxt = _next_word(tokens, i)
        prev = next((t.lower() for t in reversed(out) if t.strip()), "")
        new = tok
        if low in {"ze", "zij", "hij"}:
            new, after_je = "je", True
        elif low in {"haar", "zijn", "hem"}:
            later = [t for t in tokens[i + 1 :] if t.strip() and t[0].isalnum()]
            last = len(later) == 1 and nxt.endswith("en")  # "voor haar zoeken"
            objective = low == "hem" or not nxt or nxt in _ARTICLES_NL or nxt in _PREPS_NL or last
            new = "jou" if objective and prev in _PREPS_NL else "je"
        elif name and low == name.lower():
            new = "jou" if prev in _PREPS_NL else "jij"
            tok = tok if i == 0 else low  # a name is capitalised, "jou" only at the start
        elif after_je and low in _NL_VERB_AFTER_JE:
            new, after_je = _NL_VERB_AFTER_JE[low], False
        elif tok.strip() and tok[0].isalnum():
            after_je = False
        out.append(_match_case(new, tok) if new != tok else tok)
    return out


def _english(tokens: list[str], name: str) -> list[str]:
    out: list[str] = []
    after_you = False
    for i, tok in enumerate(tokens):
        low = tok.lower()
        nxt = _next_word(tokens, i)
        new = tok
        if low in {"she", "he", "they"}:
            new, after_you = "you", True
        elif low in {"her", "his", "him", "their", "them"}:
            objective = low in {"him", "them"} or (
                low == "her" and (nxt in _ARTICLES_EN or nxt in _PREPS_EN or not nxt)
            )
            new = "you" if objective else "your"
        elif low in {"herself", "himself", "themselves"}:
            new = "yourself"
        elif name and low == name.lower():
            new = "you"
            tok = tok if i == 0 else low  # a name is capitalised, "you" only at the start
        elif after_you and tok.strip() and tok[0].isalnum():
            if low in _EN_VERB_AFTER_YOU:
                new = _EN_VERB_AFTER_YOU[low]
            elif low.endswith("s") and not low.endswith("ss") and len(low) > 3:
                new = tok[:-1]
            after_you = False
        out.append(_match_case(new, tok) if new != tok else tok)
    return out


def second_person(
    text: str, language: str, employee_first_name: str, *, voice: str = "manager"
) -> str:
    """`text` about the employee, rewritten as addressed to them."""
    tokens = _TOKEN_RE.findall(text)
    english = language == "en"
    if voice == "employee":
        return "".join(_swap_speaker(tokens, _SWAP_EN if english else _SWAP_NL))
    rewrite = _english if english else _dutch
    return "".join(rewrite(tokens, employee_first_name))
