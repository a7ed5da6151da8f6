"""Word and phrase lists (Dutch and English) used by the rule-based detectors.

Kept in one module so that the vocabulary can be reviewed and extended without touching the
rules. All entries are lower case; multi-word entries are matched on word boundaries.
"""

from __future__ import annotations

# --- questions -------------------------------------------------------------------------------
WH_NL = frozenset(
    """wat hoe welke welk waar wanneer wie waardoor waarom waarover waarvan waarmee waarin
    waarop waaraan waarbij waarnaar waarvoor hoezo hoeveel""".split()
)
WH_EN = frozenset(
    """what how which where when who whom whose why what's how's who's where's when's
    why's""".split()
)
WH = WH_NL | WH_EN
WHY = frozenset({"waarom", "why", "why's", "hoezo"})
PREPOSITIONS = frozenset(
    """in op met voor van aan over bij naar door tot to with for of on at from about by""".split()
)
# Wh-questions that ask for one specific fact (MITI: a number, a time) count as closed.
FACT_WH = (
    "hoeveel",
    "hoe laat",
    "hoe lang",
    "hoe vaak",
    "hoe oud",
    "how many",
    "how much",
    "how long",
    "how often",
    "how old",
    "what time",
    "what day",
    "which day",
    "welke dag",
)
# Subject pronouns/determiners that follow a fronted verb in a yes/no question.
SUBJECTS_NL = frozenset("je jij u het er we wij ik ze zij hij jullie dat dit men".split())
SUBJECTS_EN = frozenset(
    """you i we it he she they there this that everything anything something the your my a
    an all any things""".split()
)
AUX_EN = frozenset(
    """do does did are is was were have has had can could would will shall should may might
    must am don't doesn't didn't aren't isn't wasn't weren't haven't hasn't hadn't can't
    couldn't wouldn't won't shouldn't mustn't""".split()
)
# First tokens that are never a fronted finite verb in Dutch.
NON_VERB_NL = frozenset(
    """je jij u het er we wij ik ze zij hij jullie dat dit die de een en maar of dus als
    want omdat toen dan nu ook nog wel niet geen goed heel echt gewoon misschien ja nee oké
    ok dank bedankt laten welkom wat hoe waar wie waarom wanneer welke mijn jouw onze zo
    in op met voor van aan over bij naar door tot na sinds tijdens volgens zonder vanaf
    gisteren vandaag morgen vanochtend straks eerst daarna daardoor daarom toch alles
    iedereen niemand niets niks iets weer altijd nooit steeds probeer zorg fijn leuk mooi
    jammer top prima knap super handig raar vreemd gek zonde blij belangrijk duidelijk
    logisch begrijpelijk vervelend lastig balen helaas gelukkig natuurlijk""".split()
)
# Imperative / indirect prompts that work as open questions.
PROMPTS = (
    "vertel",
    "beschrijf",
    "leg eens uit",
    "leg uit",
    "schets",
    "neem me mee",
    "tell me",
    "describe",
    "walk me through",
    "talk me through",
    "help me understand",
    "explain",
    "say more",
)
TELL_VERBS = (
    "vertellen",
    "vertel",
    "beschrijven",
    "uitleggen",
    "toelichten",
    "meenemen",
    "schetsen",
    "delen hoe",
    "voorbeeld geven",
    "an example",
    "delen wat",
    "iets meer over",
    "tell",
    "telling",
    "describe",
    "explain",
    "walk me through",
    "talk me through",
    "say more",
    "say a bit more",
    "a bit more about",
    "elaborate",
    "share how",
    "share what",
)
INDIRECT = (
    "ik ben benieuwd",
    "ik ben nieuwsgierig",
    "ik vraag me af",
    "ik vroeg me af",
    "ik zou graag horen",
    "ik hoor graag",
    "i'm curious",
    "i was curious",
    "i was wondering",
    "i'm wondering",
    "i am wondering",
    "i'd like to hear",
    "i would like to hear",
    "i would love to hear",
    "i am curious",
    "i wonder",
    "i'd love to hear",
)
ELLIPTICAL_CLOSED = (
    "alles goed",
    "alles oké",
    "alles ok",
    "alles in orde",
    "nog vragen",
    "nog hulp nodig",
    "need any help",
    "need help",
    "any help",
    "any questions",
    "anything else",
    "all good",
    "everything ok",
    "everything okay",
    "everything alright",
    "everything fine",
)
ELLIPTICAL_OPEN = ("en verder", "wat nog meer", "what else", "and then", "en toen")
STATEMENT_WH_STARTS = (
    "wie weet",
    "who knows",
    "hoe dan ook",
    "wat goed",
    "wat fijn",
    "wat mooi",
    "wat leuk",
    "wat jammer",
    "wat knap",
    "wat sterk",
    "wat rot",
    "wat naar",
    "wat vervelend",
    "wat lastig",
    "wat een",
    "what a",
    "how nice",
    "how great",
)
OBJECT_PRONOUNS = frozenset(
    "je jij u het ik we wij ze zij hij mij me jou jullie i you we they he she it i'm you're "
    "we're they're it's he's she's".split()
)
TAGS = frozenset("""toch hè he ja oké ok okay right yes no niet""".split())
# Checking questions after a reflection: part of that question, not a second one.
CHECK_TAGS = frozenset(
    p.strip()
    for p in """is that right|is that it|is that correct|is that fair|did i get that right
    |am i right|does that fit|klopt dat|klopt het|zie ik dat goed|heb ik dat goed
    |begrijp ik dat goed|of niet""".split("|")
)

# --- leading questions -----------------------------------------------------------------------
LEADING = (
    "vind je ook niet",
    "vind je niet dat",
    "ben je het niet met me eens",
    "ben je het er niet mee eens",
    "bent u het er niet mee eens",
    "je bent het toch",
    "toch wel",
    "het is toch",
    "dat is toch",
    "had je toch",
    "zou het niet beter",
    "is het niet beter",
    "moeten we niet gewoon",
    "don't you think",
    "wouldn't you agree",
    "don't you agree",
    "wouldn't it be better",
    "isn't it better",
    "isn't it obvious",
    "surely",
    "obviously",
    "you agree with me",
    "you realise",
    "you realize",
    "shouldn't we just",
)

# --- judging / generalising ------------------------------------------------------------------
JUDGING = frozenset(
    """lui luie luiheid slordig slordige onprofessioneel onprofessionele negatief negatieve
    onbetrouwbaar onbetrouwbare dom domme stom stomme rommelig rommelige smoes smoesjes
    arrogant arrogante egoïstisch egoïstische ongeïnteresseerd respectloos incompetent
    onverschillig laks nonchalant onbeleefd brutaal ondermaats belachelijk waardeloos
    waardeloze chaotisch gemakzuchtig onbekwaam zeurderig zeur kinderachtig
    belachelijke respectloze onbeschoft onbeschofte ongemanierd ongemanierde
    onacceptabel onacceptabele amateuristisch amateuristische ongeorganiseerd prutswerk
    knoeiwerk puinhoop zooitje rotzooi ondankbaar ondankbare hautain
    incompetente onbeleefde brutale egoïstische kinderachtige onverschillige
    lazy sloppy unprofessional negative unreliable stupid dumb messy excuse excuses arrogant
    selfish careless incompetent rude disrespectful uninterested useless ridiculous pathetic
    chaotic whiny childish hopeless mess impolite unacceptable amateurish disorganised
    disorganized lousy ungrateful arrogance laziness sloppiness""".split()
)
# Multi-word judgements of the person.
JUDGING_PHRASES = (
    "geen teamspeler",
    "not a team player",
    "geen doorzetter",
    "no self-starter",
    "niet te vertrouwen",
    "can't be trusted",
    "cannot be trusted",
)
# "negatieve impact" is a description of an effect, not a judgement of the person.
JUDGING_EXEMPT_NEXT = frozenset("impact effect gevolgen gevolg feedback consequences".split())
GENERALISING = frozenset(
    """altijd nooit steeds telkens iedereen niemand constant continu voortdurend always never
    constantly continually everyone everybody nobody""".split()
)
GENERALISING_PHRASES = (
    "elke keer",
    "iedere keer",
    "elke week",
    "elke dag",
    "de hele tijd",
    "no one",
    "every time",
    "every week",
    "every day",
    "all the time",
)
# Not a generalisation: "nog steeds" (still), "je kunt altijd" (offer of availability).
GENERALISING_EXEMPT = (
    "nog steeds",
    "kunt altijd",
    "kan altijd",
    "mag altijd",
    "can always",
    "still",
)
PERSON_QUANTIFIERS = frozenset("iedereen niemand everyone everybody nobody".split())
YOU_NL = frozenset("je jij jou jouw u".split())
YOU_EN = frozenset("you your you're you've you'd you'll yourself".split())
YOU = YOU_NL | YOU_EN
FIRST_PERSON = frozenset("ik i i'm i've i'd i'll mij me my mijn".split())

# --- empathy and advice ----------------------------------------------------------------------
EMPATHY = (
    "dat klinkt zwaar",
    "dat klinkt lastig",
    "dat klinkt pittig",
    "dat klinkt heftig",
    "dat klinkt vervelend",
    "dat klinkt moeilijk",
    "dat klinkt als veel",
    "klinkt zwaar",
    "ik kan me voorstellen",
    "ik kan me goed voorstellen",
    "begrijpelijk",
    "dat snap ik",
    "dat begrijp ik",
    "wat vervelend",
    "wat rot",
    "wat naar",
    "wat lastig",
    "dat is ook niet niks",
    "logisch dat je",
    "vervelend om te horen",
    "i can imagine",
    "understandable",
    "that sounds hard",
    "that sounds tough",
    "that sounds difficult",
    "that sounds rough",
    "that sounds stressful",
    "sounds like a lot",
    "that must be",
    "that must have been",
    "i'm sorry to hear",
    "sorry to hear",
    "that makes sense",
    "no wonder",
)
ADVICE = (
    "je moet gewoon",
    "je moet",
    "moet je gewoon",
    "je zou eens",
    "je zou beter",
    "probeer eens",
    "probeer gewoon",
    "als ik jou was",
    "ik zou",
    "heb je al eens geprobeerd",
    "heb je al eens overwogen",
    "heb je geprobeerd",
    "zou het niet beter",
    "zou het helpen als",
    "moeten we niet gewoon",
    "mijn advies",
    "het beste kun je",
    "waarom doe je niet",
    "waarom probeer je niet",
    "have you tried",
    "have you considered",
    "why don't you",
    "you should",
    "you just need",
    "you need to",
    "if i were you",
    "i would",
    "i'd talk",
    "i'd go",
    "i'd just",
    "i'd try",
    "wouldn't it be better",
    "would it help to",
    "would it help if",
    "my advice",
    "you could just",
    "shouldn't we just",
)
# Words ending in "-ed" that describe a state, not an observed action.
FEELING_EXCLUDE_ED = frozenset(
    """worried disappointed tired interested excited annoyed frustrated stressed scared
    blindsided overwhelmed appreciated surprised concerned confused bored need used""".split()
)
