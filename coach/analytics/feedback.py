"""Detectors for judging and generalising language, you-statements, advice, empathy and SBI.

SBI (Situation-Behaviour-Impact, Center for Creative Leadership) feedback names *when/where*
(situation), an observable action (behaviour) and its effect (impact); "intent" (SBII) is the
optional fourth part: stating or asking about intentions. A trait or judgement ("je bent lui")
is not behaviour, so it never completes SBI on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analytics import lexicon as lx
from coach.analytics._text import has_phrase, starts_with_phrase, strip_lead, tokens


@dataclass(frozen=True)
class SbiParts:
    """Which SBI(I) parts a feedback turn contains."""

    situation: bool
    behaviour: bool
    impact: bool
    intent: bool

    @property
    def complete(self) -> bool:
        return self.situation and self.behaviour and self.impact

    @property
    def missing(self) -> list[str]:
        """The S, B and I parts the turn lacks, in that order ("situation", ...)."""
        held = {"situation": self.situation, "behaviour": self.behaviour, "impact": self.impact}
        return [part for part, has in held.items() if not has]


_DAYS = (
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday"
)
_EVENTS = (
    r"overleg\w*|vergadering\w*|meeting|stand-?up|retro\w*|review|presentatie\w*|demo"
    r"|klantgesprek\w*|gesprek|call|sessie|workshop|sprint\w*|session|1-op-1|one-on-one"
)
_SITUATION = re.compile(
    rf"\b(gisteren|vanochtend|vanmiddag|vanmorgen|vorige week|afgelopen \w+|vandaag|eerder"
    rf" vandaag|yesterday|this morning|this afternoon|last week|last \w+day|earlier today"
    rf"|tijdens|during|{_DAYS})\b|\b(in|bij|at|during|op) (de|het|het \w+|the|your|our|je"
    rf"|onze|\w+'s)? ?[\w-]*({_EVENTS})\b|\b({_DAYS})'s\b",
    re.IGNORECASE,
)
_IMPACT = re.compile(
    r"\b(daardoor|waardoor|het gevolg was|met als gevolg|gevolg|zorgde ervoor|zorgde dat"
    r"|dat betekende|dat maakte|het effect|effect|impact|ik zag dat (hij|zij|ze|het|de)"
    r"|ik merkte dat (hij|zij|ze|het|de|ik)|as a result|which meant|that meant|that helped"
    r"|it helped|because of that|the result was|the effect|which made|that made|led to"
    r"|caused|resulted in|dat hielp|het hielp|scheelde|bespaarde|kostte (het|ons|de)|saved"
    r"|cost (us|the)"
    r"|i could see (it|that|he|she|they)|so (she|he|they|we|the \w+)"
    r" (couldn't|could|had|didn't|was|were))\b",
    re.IGNORECASE,
)
_INTENT = re.compile(
    r"\b(bedoeling|intentie|wat wilde je bereiken|intention|intent|what were you trying"
    r"|what did you want to achieve)\b",
    re.IGNORECASE,
)
_PAST_NL = frozenset(
    """gaf nam kwam begon deed zei liet zag bracht vergat onderbrak stuurde schreef sprak
    vertelde ging stond bleef hield koos las wist liep reageerde maakte werkte belde
    presenteerde beantwoordde vroeg antwoordde pakte miste hielp""".split()
)
_PAST_EN = frozenset(
    """gave took came began did said let saw brought forgot interrupted sent wrote spoke told
    went stood kept chose read knew ran reacted made worked called presented answered
    asked picked missed helped started finished didn't handled complimented shared raised
    left skipped ignored delivered""".split()
)
_COPULA = frozenset("was waren bent ben is were are was weren't wasn't".split())
_ADJ_STOP = frozenset(
    """goede beste laatste eerste tweede derde grote late rustige hele vorige volgende echte
    juiste andere slechte mooie nieuwe oude lange korte harde zware drukke duidelijke""".split()
)
_PRAISE = (
    "goed gedaan",
    "top gedaan",
    "knap gedaan",
    "netjes gedaan",
    "well done",
    "nice job",
    "good job",
    "great job",
    "great work",
    "nice work",
    "je doet het goed",
    "je het goed doet",
    "je het goed hebt gedaan",
    "you're doing well",
    "you're doing great",
    "you are doing well",
)
_FEEDBACK_OPENERS = re.compile(
    r"\b(ik zag dat je|ik merkte dat je|wat mij opviel|ik wil je feedback|feedback geven"
    r"|i noticed (that )?you|i saw (that )?you|what i noticed|i want to give you feedback"
    r"|je zou (wat |iets |een beetje )?\w+er kunnen zijn|you could be (a bit |a little )?more)\b",
    re.IGNORECASE,
)


def judging_words(text: str) -> list[str]:
    """Judging words ("lui", "sloppy"), skipping descriptive uses ("negatieve impact")."""
    toks = tokens(text)
    found = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in lx.JUDGING and nxt not in lx.JUDGING_EXEMPT_NEXT:
            found.append(tok)
    low = " ".join(toks)
    found += [p for p in lx.JUDGING_PHRASES if has_phrase(low, (p,))]
    return found


def time_anchored(low: str) -> bool:
    return bool(_SITUATION.search(low))


def generalising_words(sentence: str, anchored: bool = False) -> list[str]:
    """Over-generalisations ("altijd", "never", "iedereen"), without harmless uses.

    Exempt: first-person habits ("Ik wil altijd eerst..."), offers ("je kunt altijd bij mij
    terecht"), "nog steeds"/"still", and "iedereen"/"everyone" in a sentence about one
    specific, dated event (then it describes that event, it does not generalise).
    `anchored` says the surrounding turn already names such an event.
    """
    low = sentence.lower()
    toks = strip_lead(tokens(sentence))
    if not toks or toks[0] in ("ik", "i"):
        return []
    found = [t for t in toks if t in lx.GENERALISING]
    found += [p for p in lx.GENERALISING_PHRASES if has_phrase(low, (p,))]
    exempt = has_phrase(low, lx.GENERALISING_EXEMPT)
    if exempt:
        drop = {"steeds"} if exempt in ("nog steeds", "still") else {"altijd", "always"}
        found = [w for w in found if w not in drop]
    if anchored or time_anchored(low):
        found = [w for w in found if w not in lx.PERSON_QUANTIFIERS]
    return found


def addresses_you(sentence: str) -> bool:
    return any(t in lx.YOU for t in tokens(sentence))


def premature_advice(text: str) -> bool:
    """Unasked-for solutions: "je moet gewoon", "have you tried", "I would", "probeer eens"."""
    for sent in re.split(r"[.!?]", text.lower()):
        toks = strip_lead(tokens(sent))
        if not toks:
            continue
        if toks[0] in ("try", "probeer"):
            return True
        # "What have you tried?" asks for their ideas; only yes/no "Have you tried X?" advises.
        if toks[0] in lx.WH and toks[0] not in lx.WHY:
            continue
        if has_phrase(sent, lx.ADVICE):
            return True
    return False


def empathy(text: str) -> bool:
    """Acknowledging feelings, unless immediately taken back with "maar"/"but"."""
    low = text.lower()
    phrase = has_phrase(low, lx.EMPATHY)
    if not phrase:
        return False
    tail = low[low.find(phrase) :]
    return not re.search(r"\b(maar|but)\b", tail)


def has_past_action(sentence: str) -> bool:
    """An observable action by "you": past tense or perfect near the pronoun."""
    toks = tokens(sentence)
    perfect = bool({"heb", "hebt", "had", "have", "has", "hadn't"} & set(toks))
    for i, tok in enumerate(toks):
        if tok not in lx.YOU:
            continue
        window = toks[max(0, i - 1) : i + 9]
        for w in window:
            if w in _COPULA or w in _ADJ_STOP:
                continue
            if w in _PAST_NL or w in _PAST_EN:
                return True
            if len(w) > 4 and w.endswith("ed") and w not in lx.FEELING_EXCLUDE_ED:
                return True
            regular_past = len(w) > 4 and w.endswith(("de", "te")) and w.isalpha()
            if regular_past and w not in lx.JUDGING and not w.startswith("ge"):
                return True
            if perfect and re.match(r"^(\w{0,6}ge\w+(d|t|en)|been \w+)$", w) and len(w) > 5:
                return True
    return False


_THANKS = ("dank je", "dank u", "bedankt", "thanks", "thank you")


def _speaker_led(sentence: str) -> bool:
    """Thanks or the speaker's own plan ("Ik wil vandaag terugblikken op je..."): about the
    conversation, not an observation of the listener's behaviour."""
    toks = strip_lead(tokens(sentence))
    first_person = ("ik", "i", "i'd", "i'm", "i'll")
    return bool(toks) and (toks[0] in first_person or starts_with_phrase(toks, _THANKS))


def is_feedback(statements: list[str]) -> bool:
    """Whether the turn gives feedback on the other's behaviour (statements only)."""
    for sent in statements:
        low = sent.lower()
        if judging_words(sent) or has_phrase(low, _PRAISE) or _FEEDBACK_OPENERS.search(low):
            return True
        if addresses_you(sent) and generalising_words(
            sent, time_anchored(" ".join(statements).lower())
        ):
            return True
        if has_past_action(sent):
            return True
        if addresses_you(sent) and time_anchored(low) and not _speaker_led(sent):
            return True  # a dated statement about the listener: "Je was gisteren te laat."
    return False


def sbi_parts(statements: list[str]) -> SbiParts:
    """Which SBI parts the feedback statements contain."""
    text = " ".join(statements)
    low = text.lower()
    return SbiParts(
        situation=bool(_SITUATION.search(low)),
        behaviour=any(has_past_action(s) for s in statements),
        impact=bool(_IMPACT.search(low)),
        intent=bool(_INTENT.search(low)),
    )
