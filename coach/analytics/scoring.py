"""Turn tension score: how much one manager turn is likely to raise or lower tension.

Used to pick the weakest turns of a conversation and, later, to drive the tension state of
the role-play employee. Positive = more tension/defensiveness, negative = more safety.

    +2 per judging word (max 2 counted)     +1 per generalising word (max 2 counted)
    +2 accusatory you-statement             +2 leading question
    +2 premature advice                     +1 closed question
    +1 stacked questions                    +1 why-question
    -1 open question                        -1 empathy
    -1 simple reflection                    -2 complex reflection

A why-question is open, so its +1 and the open -1 cancel out: neutral, not good.
"""

from __future__ import annotations

from coach.analytics.utterance import UtteranceAnalysis


def turn_effect(a: UtteranceAnalysis) -> int:
    """Tension delta of one manager turn (see the module docstring for the weights)."""
    delta = 2 * min(len(a.judging_words), 2) + min(len(a.generalising_words), 2)
    delta += 2 if a.you_statements else 0
    delta += 2 if a.leading else 0
    delta += 2 if a.premature_advice else 0
    delta += 1 if a.question == "closed" else 0
    delta += 1 if a.stacked else 0
    delta += 1 if a.why_question else 0
    delta -= 1 if a.question == "open" else 0
    delta -= 1 if a.empathy else 0
    delta -= {"simple": 1, "complex": 2}.get(a.reflection or "", 0)
    return delta
