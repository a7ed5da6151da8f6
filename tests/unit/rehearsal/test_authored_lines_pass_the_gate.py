"""Every authored persona line, slots filled from its scenario's facts, passes the same
output gate as a model's line (language, known words, no AI or assistant voice): the gate
guards what the manager reads, whoever wrote it."""

from __future__ import annotations

import pytest

from coach import gate
from coach.rehearsal.dialogue import load_dialogues
from coach.rehearsal.lines import fill

DIALOGUES = load_dialogues()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("scenario", sorted(DIALOGUES))
def test_every_authored_line_passes_the_gate(scenario: str, language: str) -> None:
    dialogue = DIALOGUES[scenario]
    values = dict(dialogue.facts(language))
    failing = []
    for line in sorted(set(dialogue.all_lines(language))):
        text = fill(line, values)
        assert text is not None, f"slot without a fact in {scenario}: {line}"
        verdict = gate.check(text, language=language, role="persona", context=values.values())
        if not verdict.ok:
            failing.append((verdict.reason, text))
    assert failing == []
