"""Citation markers -> openable source panels: the pure mapping and the scoped loading."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from coach.prep.models import Citation
from coach.prep.render import marker
from coach.prep.sources import SourceRecord, knowledge_entry, load_sources, source_panels
from coach.storage import repo

DAY = dt.date(2026, 10, 5)
REF = dt.date(2026, 11, 20)
NOTE = Citation("note", 12, DAY)
MEETING = Citation("meeting", 5, dt.date(2026, 9, 12))
CHECKIN = Citation("checkin", 3, dt.date(2026, 11, 18))
ENTRY = Citation("knowledge", "vragen-energie")
RECORDS = {
    ("note", 12): SourceRecord("note", 12, DAY, "Sanne de Vries", text="Mails na 22:00."),
    ("meeting", 5): SourceRecord(
        "meeting", 5, MEETING.date, "Sanne de Vries", text="Werkdruk besproken.", topics=("energy",)
    ),
    ("checkin", 3): SourceRecord(
        "checkin",
        3,
        CHECKIN.date,
        "Sanne de Vries",
        scores={"energy": 2, "werkgeluk": None},
        answers={"wins": "Dashboard af.", "hard": "", "discuss": "Taken van Bas.", "learn": ""},
    ),
    ("knowledge", "vragen-energie"): SourceRecord(
        "knowledge",
        "vragen-energie",
        title="Vragen over energie",
        text="# Vragen over energie\n\nWelke taken geven...",
    ),
}


def test_each_panel_is_named_like_its_marker_in_the_text() -> None:
    cites = [NOTE, MEETING, CHECKIN, ENTRY, NOTE]  # a repeated citation opens one panel
    text = " ".join(marker(c, "nl", REF) for c in cites)
    panels = source_panels(cites, RECORDS, "nl", REF)
    assert [p.name for p in panels] == [
        "n12 · 5 okt",
        "m5 · 12 sep",
        "c3 · 18 nov",
        "vragen-energie",
    ]
    assert [f"[{p.name}]" for p in panels] == re.findall(r"\[[^\]]+\]", text)[:4]
    assert [(p.kind, p.id) for p in panels] == [
        ("note", 12),
        ("meeting", 5),
        ("checkin", 3),
        ("knowledge", "vragen-energie"),
    ]


def test_panel_contents_in_dutch() -> None:
    note, meeting, checkin, entry = source_panels([NOTE, MEETING, CHECKIN, ENTRY], RECORDS, "nl")
    assert note.content == "**Notitie over Sanne de Vries · 5 okt 2026**\n\nMails na 22:00."
    assert "**1-op-1 met Sanne de Vries · 12 sep 2026**" in meeting.content
    assert "Werkdruk besproken." in meeting.content and "Onderwerpen: energy" in meeting.content
    assert "Energie 2/5, werkgeluk –/5" in checkin.content
    assert "- Wat ging goed: Dashboard af." in checkin.content
    assert "- Wil bespreken: Taken van Bas." in checkin.content
    assert "lastig" not in checkin.content  # empty answers are left out
    # the entry's own '# title' line is not repeated under the panel heading
    assert entry.content == "**Kennisbank: Vragen over energie**\n\nWelke taken geven..."


def test_panel_contents_in_english_and_a_missing_source() -> None:
    gone = Citation("note", 99, DAY)
    note, missing = source_panels([NOTE, gone], RECORDS, "en", REF)
    assert note.name == "n12 · 5 Oct"
    assert note.content.startswith("**Note on Sanne de Vries · 5 Oct 2026**")
    assert missing.name == "n99 · 5 Oct"
    assert missing.content == "This source no longer exists."


def test_without_a_reference_date_the_year_is_not_in_the_name() -> None:
    old = Citation("note", 1, dt.date(2024, 3, 1))
    with_ref = source_panels([old], {}, "nl", REF)[0]
    without = source_panels([old], {}, "nl", None)[0]
    assert with_ref.name == "n1 · 1 mrt 2024"
    assert without.name == "n1 · 1 mrt"
    assert without.name == marker(old, "nl")[1:-1]


def test_load_sources_reads_only_the_managers_own_rows(env: dict[str, Any]) -> None:
    c, alice, bob = env["c"], env["alice"], env["bob"]
    with c.db.session() as s:
        eva = repo.find_person(s, alice, "Eva Smit")
        other = repo.find_person(s, bob, "Eva Jansen")
        own_note = repo.list_notes(s, alice, person_id=eva.id)[0].id
        bobs_note = repo.list_notes(s, bob, person_id=other.id)[0].id
        held = dt.datetime(2026, 9, 12, 9, 0)
        meeting = repo.add_meeting(s, alice, eva.id, held, summary="Werkdruk.", topics=["energy"])
        checkin = repo.add_checkin(s, alice, eva.id, energy=3, werkgeluk=4, wins="Release.")
        bobs_checkin = repo.add_checkin(s, bob, other.id, energy=1, hard="Geheim.")
        ids = (meeting.id, checkin.id, bobs_checkin.id)
    cites = [
        Citation("note", own_note),
        Citation("note", bobs_note),
        Citation("meeting", ids[0]),
        Citation("checkin", ids[1]),
        Citation("checkin", ids[2]),
        Citation("knowledge", "vragen-werkgeluk"),
        Citation("knowledge", "bestaat-niet"),
    ]
    got = load_sources(c.db, c.settings.timezone, c.loaded_knowledge(), alice, cites, "nl")
    assert set(got) == {
        ("note", own_note),
        ("meeting", ids[0]),
        ("checkin", ids[1]),
        ("knowledge", "vragen-werkgeluk"),
    }
    assert got[("note", own_note)].person == "Eva Smit"
    assert "ontwerpwerk" in got[("note", own_note)].text
    assert got[("meeting", ids[0])].date == dt.date(2026, 9, 12)
    assert got[("meeting", ids[0])].topics == ("energy",)
    assert got[("checkin", ids[1])].scores == {"energy": 3, "werkgeluk": 4}
    assert got[("checkin", ids[1])].answers["wins"] == "Release."
    assert got[("knowledge", "vragen-werkgeluk")].title.startswith("Vragen over werkgeluk")
    panels = source_panels(cites, got, "nl")
    assert "Geheim" not in " ".join(p.content for p in panels)
    assert panels[1].content == "Deze bron bestaat niet meer."


def test_knowledge_entry_without_a_loaded_knowledge_base() -> None:
    # no knowledge base loaded: read the Markdown directly
    entry = knowledge_entry(None, "vragen-energie", "en")
    assert entry is not None and entry.language == "en" and entry.id == "vragen-energie"
    assert knowledge_entry(None, "bestaat-niet", "nl") is None
