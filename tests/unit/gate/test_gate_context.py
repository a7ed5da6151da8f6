"""The gate's checks that need the caller's context: the prompt's layout, the question said
back as a clause, a raw output that lost the thread, a paragraph that names nothing of its
notes, a mid-answer language switch, and a text that talks about itself."""

from __future__ import annotations

from collections.abc import Sequence

from coach.gate import check, raw_fault
from coach.gate.policy import instructions
from coach.prompts import get_prompt
from coach.rehearsal.replies import ReplyContext, check_reply, invented_relation

NOTES = [
    "Ilse Brouwer: Twee offertes aan Bakkerij Jansen gingen de deur uit met de oude prijzen.",
    "Ilse Brouwer: Ilse zegt dat ze de nieuwe prijslijst pas vrijdag kreeg.",
]
QUESTION = "Hoe spreek ik Ilse aan op de fouten in de offertes?"


def _paragraph(
    text: str, *, context: Sequence[str] = NOTES, particulars: bool = True
) -> str | None:
    """The gate's reason for a Dutch chat paragraph to QUESTION (None: shown)."""
    prompt = instructions(get_prompt("coach_answer", "nl"))
    verdict = check(
        text,
        language="nl",
        prompt=prompt,
        question=QUESTION,
        context=context,
        prose=True,
        particulars=particulars,
    )
    return verdict.reason


def test_a_paragraph_that_names_a_particular_of_its_notes_passes() -> None:
    good = "Noem de offertes voor Bakkerij Jansen met de oude prijzen en vraag Ilse hoe dat kwam."
    assert _paragraph(good) is None


def test_a_generic_paragraph_on_the_question_theme_is_blocked() -> None:
    generic = "Spreek Ilse rustig aan op de fouten en vraag hoe ze het een volgende keer aanpakt."
    assert _paragraph(generic) == "generic"
    # ... unless the text was never written for this context (the first eval sets)
    assert _paragraph(generic, particulars=False) is None


def test_a_label_of_the_prompt_layout_is_an_echo() -> None:
    text = "Bakkerij Jansen kreeg de oude prijzen. Notities: Ilse kreeg de prijslijst vrijdag."
    assert _paragraph(text) == "prompt_echo"


def test_a_later_line_with_a_label_is_a_heading_and_self_talk_is_blocked() -> None:
    label = "Bespreek de offertes voor Bakkerij Jansen met Ilse.\nA: Vraag naar de prijslijst."
    assert _paragraph(label) == "heading"
    meta = "Bespreek de offertes voor Bakkerij Jansen. Dit advies geeft je een goede opening."
    assert _paragraph(meta) == "self_talk"
    first_line = "Vraag Ilse: hoe kwamen de oude prijzen in de offertes voor Bakkerij Jansen?"
    assert _paragraph(first_line) is None


def test_a_switch_to_the_other_language_mid_answer_is_blocked() -> None:
    text = (
        "Bespreek de offertes voor Bakkerij Jansen met Ilse. This is a classic example of how "
        "to create a fallacy in any argument you make."
    )
    assert _paragraph(text) == "language"
    jargon = "Bespreek de offertes voor Bakkerij Jansen met Ilse in jullie volgende check-in."
    assert _paragraph(jargon) is None


def test_invented_dutch_words_are_no_compounds_of_short_function_words() -> None:
    for text in ("Je bendet deze klop van week zes.", "Ik wil sitzen met je over het plan."):
        assert check(text, language="nl", role="persona").reason in {"unknown_words", "language"}
    assert check("De maandrapportage en de datakwaliteitscheck zijn af.", language="nl").ok


def test_raw_fault_sees_a_loop_or_an_echo_in_what_a_caller_would_cut_off() -> None:
    prompt = instructions(get_prompt("rehearsal", "nl"))
    assert raw_fault("Ik weet het niet.\nSituatie: een gesprek over werkdruk", prompt) == (
        "prompt_echo"
    )
    assert raw_fault("Bijna. Bijna. Bijna.", prompt) == "loop"
    assert raw_fault("Ik kreeg de prijslijst pas vrijdag.", prompt) is None


def _reply(raw: str, manager: str = "Ik zag dat de offertes nog de oude prijzen hadden.") -> str:
    gist = "Ik kreeg die prijslijst pas vrijdag, wat had ik dan moeten doen?"
    system = f"Je bent Ilse Brouwer, accountmanager.\nStrekking van je antwoord: {gist}"
    reply = ReplyContext(
        language="nl",
        persona_name="Ilse Brouwer",
        band="high",
        system_prompt=system,
        card=["Ilse Brouwer", "accountmanager"],
    )
    verdict = check_reply(raw, reply, manager_text=manager)
    return verdict.reason or "ok"


def test_a_persona_may_say_its_gist_but_not_the_prompt_or_the_managers_clause() -> None:
    assert _reply("Die prijslijst kreeg ik pas vrijdag. Wat had ik dan moeten doen?") == "ok"
    assert _reply("Ik weet het niet. Je praat met je leidinggevende.") == "prompt_echo"
    manager = "Jij begint er altijd mee, dat weet iedereen."
    assert _reply("Ja, jij begint er altijd mee, zeg je.", manager) == "echo"
    assert _reply("Ik weet het niet.\nSituatie: een gesprek over de offertes.") == "prompt_echo"


def test_a_persona_never_answers_like_a_service_desk_or_an_essay() -> None:
    for raw, reason in [
        ("I'm sorry, I can't help you with that. Don't hesitate to ask.", "assistant_voice"),
        ("I always want to make a difference in my work.", "essay_voice"),
    ]:
        verdict = check(raw, language="en", role="persona")
        assert verdict.reason == reason


def test_a_paragraph_that_is_mostly_a_copy_of_one_source_is_no_advice() -> None:
    source = (
        "Vragen over resultaten en doelen Resultaten horen in elk goed gesprek thuis, maar niet "
        "als afrekening. Deze vragen helpen om terug te kijken."
    )
    copy = (
        "Resultaten horen in elk goed gesprek thuis, maar niet als afrekening bij Bakkerij Jansen."
    )
    assert _paragraph(copy, context=[*NOTES, source]) == "source_copy"
    # restating one agreement in the note's words is not a copy of the whole paragraph
    agreement = (
        "Twee offertes aan Bakkerij Jansen gingen de deur uit met de oude prijzen; vraag Ilse "
        "hoe ze de nieuwe prijslijst voortaan eerder krijgt en wat ze daarvoor van jou nodig heeft."
    )
    assert _paragraph(agreement) is None


def test_a_list_or_a_second_paragraph_is_no_paragraph() -> None:
    bullets = (
        "Bespreek de offertes voor Bakkerij Jansen.\n* Vraag naar de prijslijst.\n"
        "* Spreek een checklist af."
    )
    assert _paragraph(bullets) == "layout"
    two = "Bespreek de offertes voor Bakkerij Jansen.\n\nVraag Ilse naar de prijslijst."
    assert _paragraph(two) == "layout"
    prompt = instructions(get_prompt("rehearsal", "en"))
    assert raw_fault("I'm fine, really.\n\nI went hiking with my team last weekend.", prompt) == (
        "layout"
    )


def test_a_persona_does_not_talk_about_the_language_it_answers_in() -> None:
    assert check(
        "Dat zeg ik in het Nederlands, denk ik.", language="nl", role="persona"
    ).reason == ("assistant_voice")


def test_a_relation_the_card_names_in_other_words_is_not_invented() -> None:
    card = ["Dylan Whitfield", "Lives in Bristol with two young children."]
    kids = "Leeds? I can't just move my kids up there. What happens to my job if I don't go?"
    assert invented_relation(kids, "en", card) is False
    assert invented_relation("My wife would never move to Leeds.", "en", card) is True
