"""Word lists for the follow-up extractor (Dutch and English).

Kept apart from the logic so reviewers can extend the vocabulary without touching the rules.
"""

from __future__ import annotations

import re

# Dutch commitment verbs: first-person stem -> infinitive (also the plural present form).
# fmt: off
NL_VERBS: dict[str, str] = {
    "stuur": "sturen", "zoek": "zoeken", "regel": "regelen", "plan": "plannen", "maak": "maken",
    "check": "checken", "controleer": "controleren", "vraag": "vragen", "neem": "nemen",
    "pak": "pakken", "zorg": "zorgen", "kijk": "kijken", "bespreek": "bespreken",
    "schrijf": "schrijven", "meld": "melden", "lever": "leveren", "deel": "delen", "zet": "zetten",
    "boek": "boeken", "organiseer": "organiseren", "bel": "bellen", "mail": "mailen",
    "app": "appen", "werk": "werken", "lees": "lezen", "bekijk": "bekijken", "stem": "stemmen",
    "leg": "leggen", "doe": "doen", "help": "helpen", "koppel": "koppelen", "geef": "geven",
    "informeer": "informeren", "reserveer": "reserveren", "vul": "vullen", "rond": "ronden",
    "bereid": "bereiden", "onderzoek": "onderzoeken", "verzamel": "verzamelen", "stel": "stellen",
    "nodig": "nodigen", "blok": "blokken", "houd": "houden", "schuif": "schuiven",
    "agendeer": "agenderen", "volg": "volgen", "ruim": "ruimen", "update": "updaten",
    "beantwoord": "beantwoorden", "overleg": "overleggen", "start": "starten", "begin": "beginnen",
    "verstuur": "versturen", "zoek uit": "uitzoeken", "pas": "passen", "test": "testen",
    "lever in": "inleveren", "schrijf in": "inschrijven", "presenteer": "presenteren",
    "escaleer": "escaleren", "noteer": "noteren", "vraag aan": "aanvragen", "teken": "tekenen",
    "spreek": "spreken", "verdeel": "verdelen", "laat": "laten", "verwerk": "verwerken",
    "evalueer": "evalueren", "loop": "lopen", "ga": "gaan", "breng": "brengen",
    "kies": "kiezen", "bouw": "bouwen", "voer": "voeren", "wissel": "wisselen",
}
# fmt: on
NL_STEMS: frozenset[str] = frozenset(k for k in NL_VERBS if " " not in k)
NL_THIRD: frozenset[str] = frozenset(s if s.endswith("t") else s + "t" for s in NL_STEMS)
NL_PLURAL: frozenset[str] = frozenset(NL_VERBS.values())
# Verbs that only mean a commitment together with their particle ("werk uit", "houd bij").
# fmt: off
NL_NEED_PARTICLE: dict[str, tuple[str, ...]] = {
    "werk": (
        "uit", "af", "aan", "bij",
    ),
    "werkt": (
        "uit", "af", "aan", "bij",
    ),
    "laat": (
        "weten", "zien", "horen",
    ),
    "ga": (
        "door",
    ),
    "gaat": (
        "door",
    ),
    "loop": (
        "door", "na",
    ),
    "lopen": (
        "door", "na",
    ),
    "houd": (
        "bij",
    ),
    "houdt": (
        "bij",
    ),
    "werken": (
        "uit", "af",
    ),
    "houden": (
        "bij",
    ),
}
# fmt: on
NL_MODALS: frozenset[str] = frozenset({"ga", "gaat", "gaan", "zal", "zullen", "zult"})

EN_VERBS: frozenset[str] = frozenset(
    """send check ask schedule sign write give request arrange find look plan prepare book
    share invite update organise organize set draft follow review call email contact make
    take talk discuss create finish complete block pick sort clean move put read reach sync
    escalate collect gather propose present register enrol enroll explore investigate align
    coordinate introduce reserve submit deliver fix test run reply answer confirm circulate
    compile outline map list shortlist run prepare reach flag raise set-up""".split()
)
EN_THIRD: frozenset[str] = frozenset(
    {v + "es" if v.endswith(("s", "sh", "ch", "x")) else v + "s" for v in EN_VERBS}
)

FIRST_PERSON: frozenset[str] = frozenset({"ik", "i", "we", "wij"})
SECOND_PERSON: frozenset[str] = frozenset({"jij", "je", "u", "you"})
THIRD_PERSON: frozenset[str] = frozenset({"hij", "zij", "ze", "he", "she"})
EN_CONTRACTIONS: dict[str, str] = {
    "i'll": "i",
    "we'll": "we",
    "you'll": "you",
    "he'll": "he",
    "she'll": "she",
    "they'll": "they",
}

# Capitalised words that start sentences but are not people.
NOT_NAMES: frozenset[str] = frozenset(
    """het de een dan en maar ook daarna verder dus goed prima top mooi fijn ok oke oké ja nee
    the then and but also after so fine great good nice yes no okay action actie todo team
    hr mt ceo cto q1 q2 q3 q4 volgende next deze this wij zij hij ze jij je ik i we you he she
    they er there it dat that wat what hoe how wie who waar where wanneer when kort short
    besluit decision afgesproken agreed owner eigenaar hoi hi hallo hello dank thanks""".split()
)

# fmt: off
ROLE_MANAGER: frozenset[str] = frozenset(
    {
        "manager", "leidinggevende", "teamleider", "teamlead", "lead", "mgr",
    }
)
# fmt: on
ROLE_EMPLOYEE: frozenset[str] = frozenset({"medewerker", "employee", "werknemer", "mdw"})
ROLE_BOTH: frozenset[str] = frozenset({"samen", "together", "beiden", "both", "we", "wij"})

ACTION_HEADERS_RE = re.compile(
    r"^(?:acties|actiepunten|actie ?items|action items|actions|next steps|vervolgstappen|"
    r"afspraken|todo|todos|to do|to-dos?|follow[- ]ups?|follow-up acties)\s*:?\s*$",
    re.IGNORECASE,
)
DECISION_HEADERS_RE = re.compile(r"^(?:besluiten|decisions)\s*:?\s*$", re.IGNORECASE)
ACTION_MARKER_RE = re.compile(
    r"^(?:actie(?:punt)?|action(?: item)?|ap|todo|to do|to-do|afgesproken|afspraak|agreed|"
    r"follow[- ]up)\b\s*(?:\((?P<paren>[^)]{1,40})\))?\s*(?P<name>[A-Z][\w\-]+)?\s*[:\-–]\s*",
    re.IGNORECASE,
)
TODO_INLINE_RE = re.compile(r"^\s*(?:todo|to do)\b\s*[:\-]?\s*", re.IGNORECASE)
DECISION_MARKER_RE = re.compile(r"^(?:besluit|besloten|decision|decided)\s*:\s*", re.IGNORECASE)
DECISION_RE = re.compile(
    r"\b(?:besloten|besluiten|besluit|decided|decide|decision)\b", re.IGNORECASE
)
AGREEMENT_RE = re.compile(
    r"\b(?:spreken af|afgesproken|we agreed|agreed that|agreed to)\b", re.IGNORECASE
)
OWNER_RE = re.compile(
    r"(?:\bowner|\beigenaar|\bwie)\s*[:=]\s*(?P<name>[A-Za-zÀ-ÿ][\w\-]*)|"
    r"\((?P<paren>[A-Z][\w\-]*(?:\s[A-Z][\w\-]*)?)\)\s*[.!]?\s*$|"
    r"\[(?P<bracket>[A-Z][\w\-]*)\]|@(?P<at>[A-Z][\w\-]*)|[—–]\s*(?P<dash>[A-Z][\w\-]*)\s*$"
)
# Sentences that look like commitments but are not: worries, habits, past intentions.
EXCLUDE_RE = re.compile(
    r"\b(?:zorgen maak|maak(?:t)? (?:me|zich|je) zorgen|(?:me|zich|je) zorgen|vraag me af|"
    r"vraagt zich af|kijk(?:t)? terug|kijk(?:t)? (?:ernaar )?uit naar|kijk(?:t)? ernaar uit|"
    r"zou(?:den)?|wel eens|soms|vaak|altijd|meestal|nooit|regelmatig|elke week|iedere week|"
    r"would|used to|was going to|were going to|sometimes|often|always|usually|never|"
    r"every week|i'll be honest|i'll admit|will be|'ll be|heeft|hebben|had|hadden|"
    r"gaat (?:in \w+ )?(?:op vakantie|met (?:\w+)?verlof|met pensioen)|"
    r"ga (?:in \w+ )?(?:op vakantie|met (?:\w+)?verlof)|goes on (?:\w+ )?leave|"
    r"going on (?:\w+ )?(?:leave|holiday|vacation))\b",
    re.IGNORECASE,
)
QUESTION_START_RE = re.compile(
    r"^(?:zullen|zal|wil|wilt|kun|kan|kunt|zou|hoe|wat|wie|waar|wanneer|waarom|is|ben|heb|"
    r"hebben|shall|should|would|could|can|will|do|did|does|how|what|who|where|when|why|are|"
    r"is|have)\b",
    re.IGNORECASE,
)
FILLER_RE = re.compile(
    r"^(?:(?:en|ok[eé]?|okay|prima|goed|top|mooi|fijn|ja|nee|dus|verder|also|and|"
    r"so|fine|great|good|yes|right|well|oh|nou|nice|sure)\b[,.!]?\s+)+",
    re.IGNORECASE,
)
NL_STOPWORDS: frozenset[str] = frozenset(
    """de het een en van ik je jij u we wij ze zij hij dat die dit deze is op te in voor met aan
    niet er om maar ook als bij nog wel naar of dan zo was zijn heb heeft hebben wordt over uit
    tot kan kunnen zal gaat ga mijn me mij haar hem ons onze jullie wat hoe meer al""".split()
)
EN_STOPWORDS: frozenset[str] = frozenset(
    """the a an and of i you we she he they it that this is on to in for with at not there but
    also as by still or then so was are be have has will would my me her him our your what how
    more all from about""".split()
)
