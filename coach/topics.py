"""Shared topic classifier for 1:1 conversations (Dutch and English, keyword/stem based).

Used by the prep brief (which themes were covered lately) and by the follow-up summary.
Deterministic on purpose: the default LLM is too weak to classify reliably, and managers
should be able to predict why a sentence landed under a topic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

TOPICS: tuple[str, ...] = (
    "results",
    "energy",
    "werkgeluk",
    "ambitions",
    "development",
    "feedback",
    "wellbeing",
    "collaboration",
)

TOPIC_LABELS: dict[str, dict[str, str]] = {
    "results": {"nl": "Resultaten", "en": "Results"},
    "energy": {"nl": "Energie", "en": "Energy"},
    "werkgeluk": {"nl": "Werkgeluk", "en": "Job satisfaction"},
    "ambitions": {"nl": "Ambities", "en": "Ambitions"},
    "development": {"nl": "Ontwikkeling", "en": "Development"},
    "feedback": {"nl": "Feedback", "en": "Feedback"},
    "wellbeing": {"nl": "Welzijn", "en": "Wellbeing"},
    "collaboration": {"nl": "Samenwerking", "en": "Collaboration"},
    "other": {"nl": "Overig", "en": "Other"},
}

# Keyword syntax: "stem*" matches words starting with stem, "~stem" matches anywhere inside a
# word (Dutch compounds such as "teamoverleg"), a plain word matches exactly, and entries with
# a space are phrases matched on word boundaries.
# fmt: off
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "results": (
        "resultat*", "result*", "target*", "doel*", "kpi*", "okr*", "omzet*", "~deadline",
        "deadline*",
        "opgeleverd", "opleveren", "oplevering*", "deliver*", "deliverable*", "project*",
        "~projecten", "sprint*", "prestatie*", "performance", "output", "cijfers", "numbers",
        "kwartaal*", "quarter*", "planning", "afgerond", "achter op schema", "behind schedule",
        "on track", "op schema", "milestone*", "mijlpaal*", "productiv*", "productiviteit",
        "goal*", "objective*", "revenue", "sales", "release*", "launch*", "klantvraag*",
        "kwaliteit", "quality", "geleverd", "levering*", "delivered", "shipped", "livegang",
        "vertraging", "delay*", "slipped", "loopt achter", "liep achter", "on time", "op tijd",
        "op koers", "tickets", "bugs", "migratie*", "migration*", "rapportage*", "reporting",
        # session 5: general results vocabulary (dev additions)
        "conversie*", "conversion*", "forecast*", "prognose*", "backlog*", "stories", "features",
        "pull request", "pull requests", "rework", "herstelwerk", "foutloos", "fouten",
        "error rate", "audit*",
        "tempo", "velocity", "doorlooptijd*", "achterstand*", "valt tegen", "gehaald",
        "missed", "resultaten", "afronden", "delivery",
    ),
    "energy": (
        "energie*", "~energie", "energy", "energised", "energized", "moe", "vermoeid*", "tired",
        "uitgeput", "exhausted", "drained", "werkdruk", "~werkdruk", "workload", "overwerk*",
        "overuren", "overtime", "druk", "busy",
        "oplad*", "recharge*", "slaap*", "sleep*", "pauze*", "vol zitten", "zit vol", "burn*",
        "leeg", "worn out", "fut", "geen zin", "zin in", "uitgeblust", "bruisen", "flow",
        "werkt over", "werken over", "working late", "te vol", "piekbelasting", "belasting",
        "hakt erin", "behoefte aan rust", "recharge", "te veel werk", "too much work",
        # session 5: general energy vocabulary (dev additions)
        "doorheen", "op is", "is op", "snel op", "hoofd vol", "op gang", "bruist",
        "running on empty",
        "plates", "drive", "uitgerust", "packed", "vol gepland", "volgepland",
        "agenda zit vol", "overloaded", "overbelast*", "stretched", "spanning staat", "gejaagd",
        "adem", "tempo te hoog", "hectic", "hectisch", "afgemat", "sloom", "lusteloos",
    ),
    "werkgeluk": (
        "werkgeluk", "geluk*", "gelukkig", "happy", "happiness", "plezier*", "~plezier", "enjoy*",
        "fun", "leuk*", "tevreden*", "satisf*", "trots", "proud", "zingeving", "meaning*",
        "meaningful", "zinvol*", "voldoening", "fulfil*", "fulfill*", "engagement", "betrokken*",
        "waardering", "appreciat*", "gewaardeerd", "valued", "love my", "mooi werk", "met plezier",
        "ontevreden", "unhappy", "frustr*", "motivat*", "gemotiveerd", "baal*", "saai*", "dull",
        "boring", "bored", "undervalued", "ondergewaardeerd", "op zijn plek", "op haar plek",
        "op mijn plek", "matters", "uitgedaagd", "challenged",
        # session 5: general werkgeluk vocabulary (dev additions)
        "tegenzin", "betekenisvol*", "geniet*", "enjoys", "thuis in", "loves", "love", "joy",
        "excite*", "makes a difference", "verschil maken", "bevlogen*", "passie", "passion*",
        "met zin", "energie van", "chagrijnig", "onvrede", "fulfilled",
    ),
    "ambitions": (
        "ambitie*", "ambiti*", "carrière*", "carriere*", "career*", "loopbaan*", "promotie*",
        "promot*", "doorgroei*", "doorgroeien", "toekomst*", "future", "over vijf jaar",
        "in five years", "senior*", "teamlead*", "team lead", "leidinggeven*", "leadership",
        "droom*", "dream*", "aspir*", "lead-rol", "lead-role", "loopbaanwens*", "overstap*",
        "product management", "promoted", "become a", "becoming a",
        "move into", "staff engineer", "architect",
        "functie*", "vacature*", "interne overstap", "lead role", "manager worden",
        "become a manager",
        # session 5: general ambitions vocabulary (dev additions)
        "team leiden", "eigen team", "ambieer*", "ambieert",
        "solliciteer*", "sollicit*", "specialiser*", "specialis*", "expert worden",
        "people-manager",
        "next level", "leiden", "responsibilit*", "verantwoordelijkheid*", "path to",
        "doorstromen", "principal", "ladder", "grow into", "groeien naar", "rol als", "role as",
    ),
    "development": (
        "ontwikkel*", "~ontwikkeling", "development", "develop", "developing", "leren", "leer*",
        "learn*", "training*", "~training", "cursus*", "~cursus", "course*", "opleiding*",
        "~opleiding", "certific*", "certifica*", "coach*", "mentor*", "vaardighe*", "skill*",
        "congres*", "conference*", "workshop*", "studie*", "study", "studying", "groei*", "grow*",
        "growth", "bijscholing", "upskill*", "opleidingsbudget", "e-learning", "~vaardigh",
        "masterclass",
        "mentee", "verdiep*", "ervaring opdoen",
        # session 5: general development vocabulary (dev additions)
        "bekwa*", "avondstudie*", "meelopen", "loopt mee", "mee met", "oefenen", "oefent",
        "practis*", "practic*", "reading up", "broaden", "verbreden", "the ropes", "inwerk*",
        "exam", "exams", "examen*", "toets*", "diploma*", "certificaat",
    ),
    "feedback": (
        "feedback*", "~feedback", "compliment*", "kritiek*", "critic*", "verbeterpunt*", "tip*",
        "terugkoppel*", "performance review", "beoordel*", "beoordeling*", "evaluat*",
        "appraisal*", "360",
        "goed gedaan", "well done", "great job", "sterk punt", "strength*", "weakness*",
        "blind spot", "blinde vlek", "aanspreken", "aangesproken", "input op", "input on",
        "praise*", "praised", "input", "wat beter kan", "goed doet",
        # session 5: general feedback vocabulary (dev additions)
        "pluim", "kudos", "beoordeel", "benoemd", "benoemen", "gezegd dat", "told him",
        "told her", "pointed out", "improve", "mid-year", "jaargesprek*",
        "functioneringsgesprek*", "aangekaart", "aangesproken", "opmerking*", "remark*",
    ),
    "wellbeing": (
        "welzijn", "wellbeing", "well-being", "gezond*", "health*", "ziek*", "sick*", "illness",
        "ziekte*", "privé*", "prive*", "private", "persoonlijk*", "personal*", "famil*", "gezin*",
        "kinderen", "kids", "mantelzorg*", "balans", "balance", "work-life", "thuissituatie",
        "thuis", "verlof*", "~verlof", "sick leave", "on leave", "parental leave", "hard time",
        "vakantie*", "holiday*", "vacation*",
        "rouw*", "grief", "overleden", "passed away", "mental*", "mentale", "psych*",
        "bedrijfsarts", "huisarts", "doctor", "vertrouwenspersoon", "zorgen", "worried", "worry",
        "worries", "anxious", "angst*", "overspannen", "burn-out", "burnout", "rust", "ontspan*",
        "relax*", "sport*", "exercise", "stress*", "gestrest",
        # session 5: general wellbeing vocabulary (dev additions)
        "zorgt voor", "moeder", "vader", "rug", "scheiding", "divorce", "surgery",
        "operatie", "panic", "paniek*", "baby", "zwanger*", "pregnan*", "ziekenhuis", "hospital",
        "griep", "flu", "blessure*", "injur*", "therap*", "medicat*", "slapeloos", "sleeps badly",
        "slaapt slecht", "rouwen", "verlies",
    ),
    "collaboration": (
        "samenwerk*", "~samenwerking", "collaborat*", "teamwork", "collega*", "colleague*",
        "conflict*", "ruzie*", "communicat*", "communic*", "afstem*", "coordinat*",
        "align*", "stakeholder*", "relatie*", "relationship*", "spanning*", "tension*", "friction",
        "frictie*", "samen", "together", "teamgenot*", "peers", "wrijving", "clash*",
        "onenigheid", "stroef", "stroeve", "niet gehoord", "not heard", "left out", "paired",
        "pairing", "squads",
        "handover", "overdracht", "ondersteun*", "supports", "helpt", "helps", "juniors",
        "interns", "stagiair*", "nieuwe collega's",
        # session 5: general collaboration vocabulary (dev additions)
        "in de weg", "buitengesloten", "uitgesloten", "op weg", "listen", "luisteren", "mediat*",
        "bemiddel*", "in the loop", "team mates", "teammates", "teamleden", "elkaar", "each other",
        "squad", "other team", "andere team*", "buddy", "sfeer", "interrupts", "onderbreekt",
        "paired",
    ),
}
# fmt: on

# Words that look like a keyword hit but mean something else here.
# fmt: off
_EXCLUDE_WORDS: frozenset[str] = frozenset(
    {
        "developer", "developers", "tipt", "boekhouding", "boekhouder", "rolled", "roles",
        "resulting", "projector", "druk-", "leaves", "leaving", "homepage", "rested", "restaurant",
        "ontwikkelaar", "ontwikkelaars", "goedemorgen",
        "rests", "breakfast", "teams-link", "bookings", "booking",
    }
)
# fmt: on

_WORD_RE = re.compile(r"[a-zà-ÿ0-9][a-zà-ÿ0-9'\-]*", re.IGNORECASE)
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?…])\s+(?=[\"'“(]?[A-ZÀ-Ý0-9\-•*])|\n+")


def _compile() -> dict[str, list[tuple[str, str]]]:
    compiled: dict[str, list[tuple[str, str]]] = {}
    for topic, words in _KEYWORDS.items():
        entries: list[tuple[str, str]] = []
        for word in words:
            if " " in word:
                entries.append(("phrase", word))
            elif word.startswith("~"):
                entries.append(("infix", word[1:]))
            elif word.endswith("*"):
                entries.append(("prefix", word[:-1]))
            else:
                entries.append(("exact", word))
        compiled[topic] = entries
    return compiled


_COMPILED = _compile()


def tokens(text: str) -> list[str]:
    """Lowercase word tokens (letters, digits, inner hyphens/apostrophes)."""
    return [t.strip("'-") for t in _WORD_RE.findall(text.lower()) if t.strip("'-")]


def split_sentences(text: str) -> list[str]:
    """Split notes or transcripts into sentences; every line break also ends a sentence."""
    parts = _SENT_SPLIT_RE.split(text.strip())
    return [p.strip() for p in parts if p and p.strip()]


@dataclass(frozen=True)
class _Matcher:
    """One topic's keywords by kind, so a text's words are looked up, not compared one by
    one with every keyword (topic_hits runs for every sentence the chat quotes)."""

    exact: tuple[str, ...]
    prefix: tuple[str, ...]
    infix: tuple[str, ...]
    phrase: tuple[str, ...]


def _matchers() -> dict[str, _Matcher]:
    out = {}
    for topic, entries in _COMPILED.items():
        kinds: dict[str, list[str]] = {"exact": [], "prefix": [], "infix": [], "phrase": []}
        for kind, key in entries:
            kinds[kind].append(key)
        out[topic] = _Matcher(*(tuple(kinds[k]) for k in ("exact", "prefix", "infix", "phrase")))
    return out


_MATCHERS = _matchers()


def topic_hits(text: str) -> dict[str, int]:
    """Number of keyword hits per topic (topics without hits are left out): each keyword
    counts once per word it matches (a phrase once per occurrence)."""
    words = [w for w in tokens(text) if w not in _EXCLUDE_WORDS]
    counts = Counter(words)
    joined = " " + " ".join(words) + " "
    hits: dict[str, int] = {}
    for topic, m in _MATCHERS.items():
        count = sum(counts[key] for key in m.exact if key in counts)
        if m.prefix:
            for w, n in counts.items():
                if w.startswith(m.prefix):
                    count += n * sum(1 for key in m.prefix if w.startswith(key))
        for key in m.infix:
            count += sum(n for w, n in counts.items() if key in w and not w.startswith(key))
        for key in m.phrase:
            count += joined.count(" " + key + " ")
        if count:
            hits[topic] = count
    return hits


def classify(text: str) -> set[str]:
    """Topics whose keywords occur in the text; may be several, empty when none."""
    return set(topic_hits(text))


def classify_sentences(text: str) -> dict[str, list[str]]:
    """Map each topic to its sentences, in order; sentences without a topic go to "other"."""
    result: dict[str, list[str]] = {}
    for sentence in split_sentences(text):
        found = classify(sentence)
        keys = [t for t in TOPICS if t in found] or ["other"]
        for key in keys:
            result.setdefault(key, []).append(sentence)
    return result
