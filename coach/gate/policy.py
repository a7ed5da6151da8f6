"""Whether model text may be shown at all, before the gate looks at what it says.

The embedded model (COACH_LLM=local, SmolLM2-135M) writes text that the gate nearly always
rejects (see `coach eval gate` and the README), so asking it costs the manager seconds for a
paragraph that is then dropped. `COACH_LOCAL_TEXT_LANGUAGES` names the languages in which it
is still asked; by default none. Any other model is asked, and its text still passes the gate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from coach.gate import Options, Verdict, check
from coach.prompts import Prompt


def provider(llm_spec: str) -> str:
    return llm_spec.strip().split(":", 1)[0]


def model_may_write(llm_spec: str, language: str, local_languages: str) -> bool:
    """True when text from the configured model may be requested for `language`."""
    if provider(llm_spec) != "local":
        return True
    allowed = {x.strip().lower() for x in local_languages.split(",") if x.strip()}
    return language in allowed


def instructions(prompt: Prompt) -> str:
    """The prompt's own words (system and template, each variable a line break): the text a
    model must not echo. The inputs (notes, facts) are left out on purpose: quoting a note is
    not an echo, and their words count as known vocabulary instead. The line break keeps the
    words around a variable apart, so each instruction sentence stays whole. The parts (the
    role-play's mood, move and phase lines, its labels) are the prompt's words too, each on
    its own line."""
    system, user = prompt.render(**dict.fromkeys(prompt.variables, "\n"))
    return "\n".join([system, user, *prompt.parts.values()])


def check_output(
    text: str,
    prompt: Prompt,
    *,
    language: str,
    question: str = "",
    inputs: Sequence[str] = (),
    **options: Unpack[Options],
) -> Verdict:
    """The gate as every caller of a prompt file uses it (the app and `coach eval gate`): the
    prompt's own words are what must not be echoed, the inputs are known words; `options` as
    `coach.gate.check` (citations, role, earlier lines, prose, particulars)."""
    return check(
        text,
        language=language,
        prompt=instructions(prompt),
        question=question,
        context=inputs,
        **options,
    )


__all__ = ["check_output", "instructions", "model_may_write", "provider"]
