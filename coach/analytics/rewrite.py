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

from coach.analytics._templates import core, topic, why_to_what
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


def _closed_to_open(text: str, lang: str) -> list[Rewrite]:
    subject = topic(text, lang)
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
    lang, kern = a.language, core(" ".join(a.you_statements) or a.text)
    found = _SITUATION_RE.search(a.text) if a.sbi and a.sbi.situation else None
    situation = found.group(0) if found else _t(lang, "Bij [situatie]", "In [situation]")
    hint = f" rond '{kern}'" if kern and lang == "nl" else f" around '{kern}'" if kern else ""
    sbi = _t(
        lang,
        f"{situation} zag ik dat je [concreet gedrag{hint}]. Daardoor [impact op team, klant "
        "of mij]. Hoe kijk jij daarnaar?",
        f"{situation} I saw that you [specific behaviour{hint}]. The effect was [impact on the "
        "team, client or me]. How do you see it?",
    )
    i_message = _t(
        lang,
        "Ik merk dat ik me zorgen maak over hoe het nu loopt"
        + (f" rond '{kern}'" if kern else "")
        + ". Hoe kijk jij daar zelf naar?",
        "I notice I'm concerned about how things are going"
        + (f" around '{kern}'" if kern else "")
        + ". How do you see it yourself?",
    )
    return [
        Rewrite(
            sbi[0].upper() + sbi[1:],
            _t(
                lang,
                "SBI: beschrijf situatie, concreet gedrag en impact in plaats van een oordeel "
                "of generalisatie; vul de [ ] zelf in.",
                "SBI: describe situation, specific behaviour and impact instead of a judgement "
                "or generalisation; fill in the [ ].",
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
    lang, sbi = a.language, a.sbi
    assert sbi is not None
    body = a.text.rstrip(" .!")
    prefix = "" if sbi.situation else _t(lang, "Bij [situatie]: ", "In [situation]: ")
    parts = [prefix + body + "."]
    if not sbi.behaviour:
        parts.append(
            _t(lang, "Concreet zag ik dat je [gedrag].", "Specifically, I saw you [behaviour].")
        )
    if not sbi.impact:
        parts.append(_t(lang, "Daardoor [impact].", "The effect was [impact]."))
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
                    f"Het klinkt alsof [wat je hoorde]. {a.text}",
                    f"It sounds like [what you heard]. {a.text}",
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
                    f"{a.text} En misschien [wat eronder zit].",
                    f"{a.text} And maybe [what lies underneath].",
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
