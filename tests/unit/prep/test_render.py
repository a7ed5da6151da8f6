from __future__ import annotations

import datetime as dt

import pytest

from coach.prep.models import SECTIONS, Brief, BriefItem, Citation
from coach.prep.render import render_markdown, sources
from coach.team.lookup import PersonRef

TODAY = dt.date(2025, 11, 12)


def _brief(lang: str) -> Brief:
    note = Citation("note", 12, dt.date(2025, 10, 3))
    meeting = Citation("meeting", 5, dt.date(2025, 9, 12))
    sections: dict[str, list[BriefItem]] = {name: [] for name in SECTIONS}
    sections["since_last"] = [BriefItem("Mails na 22:00.", (note,), {"since": meeting.date})]
    sections["cadence"] = [BriefItem("Laatste 1:1", (meeting,), {"last": meeting.date})]
    sections["topic_coverage"] = [
        BriefItem("Ambities: 7 maanden", (meeting,), {"topic": "ambitions", "gap": True})
    ]
    sections["agenda"] = [
        BriefItem("Opening", (), {"minutes": 5}),
        BriefItem("Thema", (meeting,), {"minutes": 25}),
    ]
    sections["questions"] = [
        BriefItem("Wat geeft je energie?", (Citation("knowledge", "vragen-energie"),), {})
    ]
    return Brief(PersonRef(1, "Sanne de Vries"), lang, TODAY, sections)


@pytest.mark.parametrize(
    ("lang", "headings", "marker", "empty"),
    [
        (
            "nl",
            [
                "### Ritme",
                "### Sinds de vorige 1:1 (12 sep)",
                "### Voorgestelde agenda (30 min)",
                "### Vragen om te stellen",
            ],
            "[n12 · 3 okt]",
            "_Geen openstaande afspraken._",
        ),
        (
            "en",
            [
                "### Cadence",
                "### Since the last 1:1 (12 Sep)",
                "### Suggested agenda (30 min)",
                "### Questions to ask",
            ],
            "[n12 · 3 Oct]",
            "_No open action items._",
        ),
    ],
)
def test_markdown_has_headings_markers_and_empty_states(
    lang: str, headings: list[str], marker: str, empty: str
) -> None:
    md = render_markdown(_brief(lang), lang)
    for h in headings:
        assert h in md
    assert f"- Mails na 22:00. {marker}" in md
    assert "[vragen-energie]" in md
    assert empty in md
    assert "**5 min** · Opening" in md


def test_sources_are_unique_in_order_of_appearance() -> None:
    assert sources(_brief("nl")) == [
        ("n12 · 3 okt", "note", 12),
        ("m5 · 12 sep", "meeting", 5),
        ("vragen-energie", "knowledge", "vragen-energie"),
    ]


def test_to_dict_shape() -> None:
    d = _brief("nl").to_dict()
    assert set(d) == {"person", "language", "generated_for", "narrative", "sections"}
    assert d["generated_for"] == "2025-11-12" and d["narrative"] is None
    assert set(d["sections"]) == set(SECTIONS)
    item = d["sections"]["since_last"][0]
    assert item["citations"] == [{"kind": "note", "id": 12}]
    assert item["since"] == "2025-09-12"
