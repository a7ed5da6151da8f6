"""The narrative paragraph: only from a capable model, only with markers it was given."""

from __future__ import annotations

import datetime as dt

from coach.llm import LLMClient
from coach.llm.fake import ScriptedChatModel
from coach.prep.models import Brief, BriefItem, Citation
from coach.prep.narrate import narrate
from coach.prep.render import render_markdown
from coach.settings import Settings
from coach.team.lookup import PersonRef

TODAY = dt.date(2026, 11, 28)
NOTE = Citation("note", 7, dt.date(2026, 11, 20))
MEETING = Citation("meeting", 3, dt.date(2026, 10, 1))


def brief(lang: str = "nl") -> Brief:
    return Brief(
        PersonRef(1, "Sanne de Vries"),
        lang,
        TODAY,
        {
            "since_last": [BriefItem("Sanne reageerde kortaf in het teamoverleg.", (NOTE,))],
            "open_actions": [BriefItem("Python-cursus aanvragen (jij)", (MEETING,))],
            "topic_coverage": [
                BriefItem("ambities: 7 maanden niet", (), {"topic": "ambitions", "gap": True})
            ],
        },
    )


def client(llm: str, *replies: str) -> tuple[LLMClient, ScriptedChatModel]:
    model = ScriptedChatModel(replies=list(replies))
    return LLMClient(Settings(llm=llm), model=model), model


def test_a_capable_model_adds_a_cited_paragraph() -> None:
    text = (
        "Sanne reageerde onlangs kortaf [n7 · 20 nov]. De aanvraag voor haar cursus staat "
        "nog open [m3 · 1 okt], dus bespreek ook haar ambities."
    )
    llm, model = client("openai:gpt-4o-mini", text)
    out = narrate(llm, brief())
    assert out.narrative == text
    prompt = "\n".join(str(m.content) for m in model.prompts[-1])
    assert "[n7 · 20 nov]" in prompt and "[m3 · 1 okt]" in prompt and "ambitions" in prompt
    markdown = render_markdown(out)
    assert "In het kort (geschreven door het taalmodel" in markdown and text in markdown
    assert out.to_dict()["narrative"] == text


def test_an_invented_or_missing_source_drops_the_paragraph() -> None:
    for reply in ("Sanne is erg moe [n99 · 1 jan].", "Sanne is moe en wil weg.", "   "):
        llm, _ = client("anthropic:claude", reply)
        assert narrate(llm, brief()).narrative is None, reply


def test_embedded_and_fake_models_are_never_asked() -> None:
    for name in ("fake", "local"):
        llm, model = client(name, "Sanne [n7 · 20 nov].")
        assert narrate(llm, brief()) == brief()
        assert model.prompts == []


def test_an_unreachable_server_leaves_the_brief_as_it_is() -> None:
    llm = LLMClient(Settings(llm="openai:gpt-4o-mini", llm_base_url="http://127.0.0.1:9/v1"))
    assert narrate(llm, brief()).narrative is None


def test_a_cited_paragraph_the_gate_rejects_is_dropped() -> None:
    english = "Sanne was short [n7 · 20 nov] and the course is still open [m3 · 1 okt] today."
    loop = "Sanne reageerde kortaf [n7 · 20 nov]. " * 3
    for reply in (english, loop):
        llm, _ = client("openai:gpt-4o-mini", reply)
        assert narrate(llm, brief()).narrative is None, reply


def test_the_embedded_model_writes_where_the_setting_allows_it() -> None:
    text = "Sanne reageerde onlangs kortaf [n7 · 20 nov]. Vraag hoe het met haar gaat."
    model = ScriptedChatModel(replies=[text])
    llm = LLMClient(Settings(llm="local", local_text_languages="nl"), model=model)
    assert narrate(llm, brief()).narrative == text
    assert len(model.prompts) == 1
