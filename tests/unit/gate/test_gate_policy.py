"""Which model may write in which language, and the gate as the prompt files' callers use it."""

from __future__ import annotations

from coach.gate.policy import check_output, instructions, model_may_write
from coach.prompts import get_prompt


def test_embedded_model_writes_only_in_the_languages_the_setting_names() -> None:
    assert not model_may_write("local", "nl", "")
    assert not model_may_write("local", "nl", "en")
    assert model_may_write("local", "en", "en, nl")
    assert model_may_write("openai:gpt-4o-mini", "nl", "")
    assert model_may_write("ollama:llama3.1", "en", "")


def test_instructions_leave_the_inputs_out() -> None:
    prompt = get_prompt("coach_answer", "nl")
    own = instructions(prompt)
    assert "Geef in twee of drie zinnen een concreet advies" in own
    assert "{" not in own


def test_an_echo_of_the_instructions_is_blocked_but_quoting_a_note_is_not() -> None:
    prompt = get_prompt("coach_answer", "nl")
    note = "Sanne vertelde dat ze slecht slaapt en 's avonds nog mails checkt."
    echo = "Geef in twee of drie zinnen een concreet advies voor het volgende gesprek."
    assert check_output(echo, prompt, language="nl", inputs=[note]).reason == "prompt_echo"
    quote = "Sanne vertelde dat ze slecht slaapt en 's avonds nog mails checkt. Vraag wat helpt."
    assert check_output(quote, prompt, language="nl", inputs=[note]).ok
