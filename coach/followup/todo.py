"""Rewrite a commitment sentence into a to-do: who does it, and what, in a clean form.

"Voor vrijdag stuur ik haar de cijfers" -> ("ik", "Haar de cijfers sturen");
"Het plan levert Lotte op" -> ("Lotte", "Het plan opleveren");
"The quote I will request" -> ("I", "Request the quote"). Dutch to-dos keep the notes' word
order with the verb as an infinitive at the end of the main part (separable particle attached),
before a clause with of/dat/welke...; English to-dos start with the base verb. Why rules and no
model: the default model cannot do this, and the manager must be able to trust the wording.
The due phrase has already been taken out of the text by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from coach.followup import lexicon as lx

_NL_PRONOUNS = frozenset({"ik", "we", "wij", "jij", "je", "u", "ze", "zij", "hij"})
_EN_PRONOUNS = frozenset({"i", "we", "you", "she", "he", "they"})
_NL_SUBORD = frozenset(
    "of dat welke welk wie wat hoe waar wanneer zodat omdat waarom waarmee zodra als".split()
)
_EN_FRONT_DROP = frozenset("then so and also at by on in before tomorrow today".split())
_NL_FRONT_DROP = frozenset("dan daarna verder ook en dus nu tegen uiterlijk op voor".split())
_NL_PARTICLES = frozenset(
    "uit op af aan in door na mee terug bij voor weg over rond toe vast langs neer om".split()
)
_NL_PREPS = frozenset("met naar over aan bij in op voor van tot".split())
_NL_TRAILING_INF = frozenset({"weten", "zien", "horen", "komen", "vallen"})
_NL_MODALS = frozenset({"ga", "gaat", "gaan", "zal", "zullen", "zult", "wil", "wilt", "willen"})
_NL_DROP = frozenset({"nog"})
# Irregular or unpredictable infinitives (stem -> infinitive); the rest follows the spelling rules.
_NL_IRREGULAR = {
    "ga": "gaan", "doe": "doen", "sta": "staan", "zie": "zien", "kom": "komen", "laat": "laten",
    "weet": "weten", "praat": "praten", "eet": "eten", "zit": "zitten", "heb": "hebben",
    "kan": "kunnen", "wil": "willen", "zal": "zullen", "vraag": "vragen", "lees": "lezen",
    "neem": "nemen", "geef": "geven", "begin": "beginnen", "bereid": "bereiden",
}  # fmt: skip
_EN_IRREGULAR = {"has": "have", "does": "do", "goes": "go", "is": "be"}
_TOKEN_RE = re.compile(r"\S+")


@dataclass(frozen=True)
class ToDo:
    subject: str | None  # the doer as written ("ik", "Sanne", "we"), None when not found
    text: str


def dutch_infinitive(stem: str) -> str:
    """Infinitive of a Dutch verb from its first-person stem ("stuur" -> "sturen")."""
    low = stem.lower()
    if low in _NL_IRREGULAR:
        return _NL_IRREGULAR[low]
    if low in lx.NL_VERBS:
        return lx.NL_VERBS[low]
    if low.endswith(("el", "er", "en")) and len(low) > 4 and low[-3] not in "aeiou":
        return low + "en"
    if low[-1:] in "aeiou":
        return low + "n" if low.endswith("e") else low + "an"
    last = {"f": "v", "s": "z"}.get(low[-1], low[-1])
    if len(low) >= 3 and low[-2] == low[-3] and low[-2] in "aeou":  # maak, stuur, verdeel
        return low[:-2] + last + "en"
    short = len(low) >= 3 and low[-2] in "aeiou" and low[-3] not in "aeiou"
    if short and low[-1] not in "wj":
        return low + low[-1] + "en"  # plan, bel, zet: a short vowel doubles the consonant
    if low[-1] in "fs" and len(low) >= 3 and low[-2] in "aeiouj":
        return low[:-1] + last + "en"  # schrijf, kies
    return low + "en"


def _dutch_stem(finite: str) -> str:
    """The stem of a present-tense form: "stuurt" -> "stuur", "plant" -> "plan"."""
    low = finite.lower()
    if low in _NL_IRREGULAR or low in lx.NL_VERBS or low in lx.NL_PLURAL:
        return low
    if low.endswith("dt"):
        return low[:-1]
    if low.endswith("t") and len(low) > 3:
        base = low[:-1]
        if base in lx.NL_STEMS or base in _NL_IRREGULAR or not base.endswith("t"):
            return base
    return low


def _bare(token: str) -> str:
    return token.strip(".,;:!?()\"'“”").lower()


def _is_subject(token: str, pronouns: frozenset[str], known: set[str]) -> bool:
    bare = _bare(token)
    if bare in pronouns:
        return True
    word = token.strip(".,;:!?()\"'“”")
    return (bare in known or (word[:1].isupper() and word.isalpha())) and bare not in lx.NOT_NAMES


def _finish(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text).strip(" ,.;:-–")
    return text[:1].upper() + text[1:] if text else text


def _nl_finite(token: str) -> bool:
    w = _bare(token)
    return (
        w in lx.NL_THIRD or w in lx.NL_STEMS or w in lx.NL_PLURAL or w in _NL_MODALS
        or w in _NL_IRREGULAR or (w.endswith("t") and len(w) > 3 and w.isalpha())
    )  # fmt: skip


def _first_subject(
    words: list[str], pronouns: frozenset[str], known: set[str], verb: Callable[[str], bool]
) -> bool:
    """A capital at the start of a sentence is no name unless a verb follows it."""
    bare = _bare(words[0])
    if bare in pronouns or bare in known:
        return True
    return _is_subject(words[0], pronouns, known) and len(words) > 1 and verb(words[1])


def dutch(text: str, known: set[str]) -> ToDo:
    """Dutch commitment -> to-do (subject, text in "<rest> <infinitive>" form)."""
    words = _TOKEN_RE.findall(text)
    if len(words) < 2:
        return ToDo(None, _finish(words))
    # "Ik stuur ...", "Sanne laat ... weten", "We bespreken ...": subject first.
    if _first_subject(words, _NL_PRONOUNS, known, _nl_finite):
        subject_word, verb, front, rest = words[0], _bare(words[1]), [], words[2:]
        if _bare(words[1]) in {"ook", "dan", "zelf"} and len(words) > 2:
            verb, rest = _bare(words[2]), words[3:]
        elif not _nl_finite(words[1]) and len(words) > 2 and _nl_finite(words[-1]):
            verb, rest = _bare(words[-1]), words[1:-1]  # "(dat) ik haar informeer"
    else:  # inversion: "<front> stuur ik ...", "Het plan levert Lotte op"
        at = next(
            (
                i
                for i in range(1, min(len(words), 9))
                if _is_subject(words[i], _NL_PRONOUNS, known) and _nl_finite(words[i - 1])
            ),
            None,
        )
        if at is None:
            return ToDo(None, _finish(words))
        subject_word, verb, rest = words[at], _bare(words[at - 1]), words[at + 1 :]
        front = list(words[: at - 1])
        while front and _bare(front[0]) in _NL_FRONT_DROP:
            front = front[1:]
        front = [w[:1].lower() + w[1:] if i == 0 else w for i, w in enumerate(front)]
    subject = _bare(subject_word)
    if subject not in _NL_PRONOUNS:
        subject = subject_word.strip(".,;:!?()\"'“”")
    body = [*front, *rest]
    body = [w for w in body if _bare(w) not in _NL_DROP]
    # The main part ends at a subordinate clause ("of", "dat", "welke") or a comma.
    cut = len(body)
    for i, w in enumerate(body):
        if _bare(w) in _NL_SUBORD and i > 0 or (w.endswith(",") and i < len(body) - 1):
            cut = i if _bare(w) in _NL_SUBORD else i + 1
            break
    main, tail = body[:cut], body[cut:]
    modal = verb in _NL_MODALS or (verb == "laten" and subject in {"we", "wij"})
    if modal and any(_is_infinitive(w) for w in main[-2:] + tail[:1]):
        return ToDo(subject, _finish(body))  # "gaat ... bellen": the infinitive is there
    particle = ""
    for i in range(len(main) - 1, -1, -1):
        w = _bare(main[i])
        if w in _NL_PARTICLES and (
            i == len(main) - 1 or (_bare(main[i + 1]) in _NL_PREPS and i + 1 < len(main))
        ):
            particle = w
            main = main[:i] + main[i + 1 :]
            break
    infinitive = particle + (verb if verb in lx.NL_PLURAL else dutch_infinitive(_dutch_stem(verb)))
    if main and _bare(main[-1]) in _NL_TRAILING_INF:
        main = [*main[:-1], infinitive, main[-1]]
    elif particle and main and _bare(main[0]) in _NL_PREPS and not front:
        main = [infinitive, *main]  # "doorgaan met de certificering"
    else:
        main = [*main, infinitive]
    return ToDo(subject, _finish([*main, *tail]))


def _is_infinitive(word: str) -> bool:
    w = _bare(word)
    return w.endswith("en") and len(w) > 4 and w not in {"weken", "dagen", "maanden"}


def _en_finite(token: str) -> bool:
    w = _bare(token)
    return w in lx.EN_THIRD or w in _EN_IRREGULAR or (w.endswith("s") and len(w) > 3)


def english_base(verb: str) -> str:
    """Base form of a third-person verb ("schedules" -> "schedule", "tries" -> "try")."""
    low = verb.lower()
    if low in _EN_IRREGULAR:
        return _EN_IRREGULAR[low]
    if low in lx.EN_VERBS:
        return low
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


_EN_AUX_RE = re.compile(
    r"^(?:(?P<contr>i|we|you|she|he|they)'ll|(?P<subj>\S+)\s+(?:will|shall|to|is going to|"
    r"are going to|am going to)|(?P<im>i'm|we're|you're|she's|he's|they're)\s+going\s+to|"
    r"let's|lets)\s+",
    re.IGNORECASE,
)


def english(text: str, known: set[str]) -> ToDo:
    """English commitment -> to-do (subject, text starting with the base verb)."""
    text = text.replace("’", "'").strip()
    words = _TOKEN_RE.findall(text)
    front: list[str] = []
    start = 0
    if not _first_subject(words, _EN_PRONOUNS, known, _en_finite) and not _EN_AUX_RE.match(text):
        # "The test plan James delivers", "Then I'll ask Joe": find the subject further on.
        for i in range(1, min(len(words), 10)):
            if _is_subject(words[i], _EN_PRONOUNS, known) or _EN_AUX_RE.match(" ".join(words[i:])):
                start = i
                break
        else:
            return ToDo(None, _finish(words))  # already a to-do ("Send the profile")
        front = list(words[:start])
        while front and _bare(front[0]) in _EN_FRONT_DROP:
            front = front[1:]
        if front:
            front[0] = front[0][:1].lower() + front[0][1:]
    rest_text = " ".join(words[start:])
    subject: str | None
    m = _EN_AUX_RE.match(rest_text)
    if m:
        low = m.group(0).lower()
        if low.startswith(("let's", "lets")):
            subject = "we"
        else:
            subject = (m["contr"] or m["subj"] or (m["im"] or "").split("'")[0]).strip()
        after = rest_text[m.end() :].split()
    else:
        parts = rest_text.split()
        if len(parts) < 2:
            return ToDo(None, _finish(words))
        subject = parts[0]
        verb = parts[1]
        after = [english_base(verb) if _bare(subject) not in {"i", "we", "you"} else verb]
        after += parts[2:]
    if subject is not None and _bare(subject) in _EN_PRONOUNS:
        subject = _bare(subject)
    if front and after:
        after = [after[0], *front, *after[1:]]
    return ToDo(subject, _finish(after))
