"""Template-based rewrite suggestions for weak manager utterances (Dutch and English).

Each flagged problem contributes better versions that reuse the original content (topic
phrase, situation, the why-clause); the reason says which technique the rewrite applies.
Order of priority: accusation (judging/generalising/you-statement) > leading > why >
stacked > closed > premature advice > incomplete SBI feedback. Good utterances get at most one
optional polish suggestion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analytics._templates import topic, why_to_what
from coach.analytics.questions import analyze_questions
from coach.analytics.utterance import UtteranceAnalysis

_SITUATION_RE = re.compile(
    r"\b((in|bij|tijdens|at|during|in) (de|het|the|your|our)? ?[\w'-]+ ?[\w'-]*"
    r"( van| on)? ?(gisteren|vanochtend|dinsdag|maandag|woensdag|donderdag|vrijdag|vorige"
    r" week|yesterday|this morning|last week|\w+day)?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rewrite:
    """A better version of an utterance and why it is better."""

    text: str
    reason: str


def _t(lang: str, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


_INFINITIVE_NL = re.compile(r"^[a-zà-ÿ]{3,}en$")


def _noun_phrase(subject: str | None, lang: str) -> str | None:
    """The topic as a noun phrase: "een plan maken" -> "het plan" (a trailing infinitive
    makes "Wat kun je me vertellen over een plan maken?"); an indefinite article reads as
    "je"/"your" about something of theirs."""
    if not subject:
        return None
    words = subject.split()
    if lang == "nl" and len(words) >= 3 and _INFINITIVE_NL.match(words[-1].lower()):
        words = words[:-1]
    if words[0].lower() in ("een", "a", "an") and len(words) >= 2:
        words[0] = "je" if lang == "nl" else "your"
    return " ".join(words) if len(words) >= 2 else None


def _closed_to_open(text: str, lang: str) -> list[Rewrite]:
    subject = _noun_phrase(topic(text, lang), lang)
    reason = _t(
        lang,
        "Open vraag (hoe/wat) in plaats van een ja/nee-vraag: de ander vertelt meer.",
        "Open question (how/what) instead of a yes/no question: invites a fuller answer.",
    )
    if subject:
        first = _t(lang, f"Hoe kijk jij zelf naar {subject}?", f"How do you see {subject}?")
        second = _t(
            lang,
            f"Wat kun je me vertellen over {subject}?",
            f"What can you tell me about {subject}?",
        )
    else:
        first = _t(lang, "Hoe kijk jij hier zelf naar?", "How do you see this yourself?")
        second = _t(lang, "Wat kun je me hierover vertellen?", "What can you tell me about this?")
    return [Rewrite(first, reason), Rewrite(second, reason)]


def _accusation(a: UtteranceAnalysis) -> list[Rewrite]:
    lang = a.language
    found = _SITUATION_RE.search(a.text) if a.sbi and a.sbi.situation else None
    if found:
        place = found.group(0)
        sbi = _t(
            lang,
            f"{place} zag ik iets wat ik met je wil bespreken. Wat gebeurde daar volgens jou?",
            f"{place} I saw something I'd like to talk about. What happened there, as you see it?",
        )
    else:
        sbi = _t(
            lang,
            "Ik wil het over één concreet moment hebben. Hoe kijk jij naar de laatste keer dat "
            "het gebeurde?",
            "I'd like to talk about one specific moment. How do you see the last time it happened?",
        )
    i_message = _t(
        lang,
        "Ik merk dat ik me zorgen maak over hoe het nu loopt. Hoe kijk jij daar zelf naar?",
        "I notice I'm concerned about how things are going. How do you see it yourself?",
    )
    return [
        Rewrite(
            sbi[0].upper() + sbi[1:],
            _t(
                lang,
                "SBI: noem één situatie, het concrete gedrag dat je zag en het effect ervan, "
                "in plaats van een oordeel of generalisatie.",
                "SBI: name one situation, the specific behaviour you saw and its effect, "
                "instead of a judgement or generalisation.",
            ),
        ),
        Rewrite(
            i_message,
            _t(
                lang,
                "Ik-boodschap plus open vraag: je deelt je zorg zonder de ander te labelen.",
                "I-message plus open question: share your concern without labelling them.",
            ),
        ),
    ]


def _leading(a: UtteranceAnalysis) -> list[Rewrite]:
    lang, subject = a.language, topic(a.text, a.language)
    reason = _t(
        lang,
        "Neutrale open vraag: geen antwoord voorzeggen, zodat je de echte mening hoort.",
        "Neutral open question: don't suggest the answer, so you hear their real view.",
    )
    first = _t(
        lang,
        f"Hoe kijk jij naar {subject}?" if subject else "Hoe kijk jij hier zelf naar?",
        f"How do you see {subject}?" if subject else "How do you see this yourself?",
    )
    return [
        Rewrite(first, reason),
        Rewrite(_t(lang, "Wat is jouw kijk hierop?", "What's your view on this?"), reason),
    ]


def _why(a: UtteranceAnalysis) -> list[Rewrite]:
    lang = a.language
    reason = _t(
        lang,
        "'Waarom' klinkt als verantwoording afleggen; 'wat maakte dat' nodigt uit tot uitleg.",
        "'Why' can sound like a demand for justification; 'what led to' invites explanation.",
    )
    clauses = [
        c
        for c in analyze_questions(a.text).question_clauses
        if re.search(r"(?i)\b(waarom|why)\b", c)
    ]
    turned = why_to_what(clauses[0], lang) if clauses else None
    out = [Rewrite(turned, reason)] if turned else []
    out.append(
        Rewrite(
            _t(lang, "Wat speelde er voor jou op dat moment?", "What was going on for you then?"),
            reason,
        )
    )
    return out


def _stacked(a: UtteranceAnalysis) -> list[Rewrite]:
    lang = a.language
    info = analyze_questions(a.text)
    pairs = list(zip(info.question_clauses, info.kinds, strict=True))
    best = next((c for c, k in pairs if k == "open"), None)
    reason = _t(
        lang,
        "Eén vraag tegelijk: houd de meest open vraag en laat de rest voor later.",
        "One question at a time: keep the most open one and save the rest for later.",
    )
    broad = Rewrite(
        _t(
            lang,
            "Wat is op dit moment het belangrijkste voor jou?",
            "What matters most to you right now?",
        ),
        _t(
            lang,
            "Of vervang de reeks door één brede open vraag en volg de ander.",
            "Or replace the series with one broad open question and follow their lead.",
        ),
    )
    if best is None:
        return [Rewrite(r.text, reason) for r in _closed_to_open(pairs[0][0], lang)[:1]] + [broad]
    text = best.rstrip(" ?.,")
    return [Rewrite(text[0].upper() + text[1:] + "?", reason), broad]


def _advice(a: UtteranceAnalysis) -> list[Rewrite]:
    lang, subject = a.language, topic(a.text, a.language)
    about = _t(lang, f" rond {subject}" if subject else "", f" with {subject}" if subject else "")
    return [
        Rewrite(
            _t(
                lang,
                f"Wat heb je zelf al geprobeerd{about}?",
                f"What have you tried so far{about}?",
            ),
            _t(
                lang,
                "Eerst de ander laten denken: eigen oplossingen beklijven beter dan advies.",
                "Let them think first: their own solutions stick better than advice.",
            ),
        ),
        Rewrite(
            _t(
                lang,
                "Mag ik een idee met je delen, of wil je er eerst zelf over nadenken?",
                "Would you like to hear an idea, or think it through yourself first?",
            ),
            _t(
                lang,
                "Vraag toestemming voordat je advies geeft (MI: advies met permissie).",
                "Ask permission before giving advice (MI: advice with permission).",
            ),
        ),
    ]


def _complete_sbi(a: UtteranceAnalysis) -> list[Rewrite]:
    """The manager's own feedback as a sentence, plus complete sentences for the parts it
    lacks; each names what to add in words, not with [brackets]."""
    lang, sbi = a.language, a.sbi
    assert sbi is not None
    body = a.text.strip().rstrip(" .!?")
    parts = []
    if not sbi.situation:
        parts.append(
            _t(
                lang,
                "Ik wil het over één concreet moment hebben.",
                "I'd like to talk about one specific moment.",
            )
        )
    parts.append(body[:1].upper() + body[1:] + ".")
    if not sbi.behaviour:
        parts.append(
            _t(
                lang,
                "Ik zal precies zeggen wat ik je zag doen.",
                "I'll say exactly what I saw you do.",
            )
        )
    if not sbi.impact:
        parts.append(
            _t(
                lang,
                "En ik wil je vertellen wat het effect daarvan was.",
                "And I'd like to tell you what effect it had.",
            )
        )
    reason = _t(
        lang,
        "Maak de feedback compleet volgens SBI: situatie, gedrag en impact.",
        "Complete the feedback with SBI: situation, behaviour and impact.",
    )
    ask = _t(lang, "Hoe kijk jij daarnaar?", "How do you see it?")
    return [
        Rewrite(" ".join(parts), reason),
        Rewrite(
            " ".join([*parts, ask]),
            _t(
                lang,
                reason + " Sluit af met een open vraag.",
                reason + " End with an open question.",
            ),
        ),
    ]


def _polish(a: UtteranceAnalysis) -> list[Rewrite]:
    lang = a.language
    if a.question == "open" and a.reflection is None:
        return [
            Rewrite(
                _t(
                    lang,
                    f"Ik hoor dat dit je bezighoudt. {a.text}",
                    f"I can hear this is on your mind. {a.text}",
                ),
                _t(
                    lang,
                    "Optioneel: begin met een korte reflectie, dan voelt de ander zich gehoord.",
                    "Optional: start with a short reflection so they feel heard.",
                ),
            )
        ]
    if a.reflection == "simple" and a.question is None:
        return [
            Rewrite(
                _t(
                    lang,
                    f"{a.text.rstrip(' .!')}, en ik denk dat er meer onder zit dan je nu zegt.",
                    f"{a.text.rstrip(' .!')}, and I think there's more to it than you say.",
                ),
                _t(
                    lang,
                    "Optioneel: verdiep tot een complexe reflectie door betekenis of gevoel toe "
                    "te voegen.",
                    "Optional: deepen into a complex reflection by adding meaning or feeling.",
                ),
            )
        ]
    return []


def suggest_rewrites(analysis: UtteranceAnalysis, max_n: int = 3) -> list[Rewrite]:
    """2-3 better versions (with reasons) for flawed utterances; 0-1 polish for good ones."""
    a = analysis
    candidates: list[Rewrite] = []
    if a.judging_words or a.generalising_words or a.you_statements:
        candidates += _accusation(a)
    if a.leading:
        candidates += _leading(a)
    if a.why_question and not a.judging_words:
        candidates += _why(a)
    if a.stacked:
        candidates += _stacked(a)
    if a.premature_advice:
        candidates += _advice(a)
    if a.question == "closed" and not a.leading:
        candidates += _closed_to_open(a.text, a.language)
    accusing = bool(a.judging_words or a.generalising_words or a.you_statements)
    if a.is_feedback and a.sbi and not a.sbi.complete and not accusing:
        candidates += _complete_sbi(a)
    if not candidates:
        return _polish(a)[: min(1, max_n)]
    if len(candidates) < 2:
        candidates += _closed_to_open(a.text, a.language)
    unique: list[Rewrite] = []
    for rewrite in candidates:
        if all(rewrite.text != seen.text for seen in unique):
            unique.append(rewrite)
    return unique[:max_n]
