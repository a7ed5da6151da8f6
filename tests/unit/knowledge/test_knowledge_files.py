"""Every knowledge file is valid content: front matter, both languages, sources, sections."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from coach.knowledge.entries import KINDS, KNOWLEDGE_DIR, EntryError, load_entries, parse_entry

ENTRIES = load_entries()


def test_there_is_substantial_content() -> None:
    ids = {e.id for e in ENTRIES}
    assert len(ids) >= 30
    kinds = {e.kind for e in ENTRIES}
    assert kinds == set(KINDS)


def test_every_id_exists_in_both_languages_with_same_kind() -> None:
    by_id: dict[str, dict[str, str]] = defaultdict(dict)
    for e in ENTRIES:
        by_id[e.id][e.language] = e.kind
    for entry_id, langs in by_id.items():
        assert set(langs) == {"nl", "en"}, entry_id
        assert langs["nl"] == langs["en"], entry_id


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.language}/{e.id}")
def test_entry_is_complete(entry) -> None:  # type: ignore[no-untyped-def]
    assert entry.title.strip()
    assert entry.sources and all(len(s) > 10 for s in entry.sources)
    assert len(entry.sections) >= 3
    for sec in entry.sections:
        assert len(sec.body.split()) >= 5, (entry.id, sec.heading)
    assert len(entry.body.split()) >= 250


def test_translations_are_not_copies() -> None:
    by_key = {(e.id, e.language): e for e in ENTRIES}
    for e in ENTRIES:
        if e.language == "nl":
            assert e.body != by_key[(e.id, "en")].body
            assert e.title != by_key[(e.id, "en")].title or e.id in {"feedforward", "grow-model"}


def test_question_banks_hold_fifteen_open_questions() -> None:
    from coach.analytics import analyze

    for e in ENTRIES:
        if e.kind != "question-bank":
            continue
        lines = [
            ln.split(". ", 1)[-1].lstrip("- ").strip()
            for sec in e.sections
            for ln in sec.body.splitlines()
            if ln.strip().endswith("?")
        ]
        assert len(lines) >= 15, e.id
        open_share = sum(analyze(q, e.language).question == "open" for q in lines) / len(lines)
        assert open_share >= 0.8, (e.id, e.language, open_share)


def test_required_topics_are_covered() -> None:
    ids = {e.id for e in ENTRIES}
    for needed in (
        "het-goede-gesprek",
        "grow-model",
        "sbi-feedback",
        "lsd-luisteren",
        "reflectief-luisteren",
        "feedforward",
        "slechtnieuwsgesprek",
        "loopbaangesprek",
        "playbook-overbelasting-burnout",
        "valkuil-te-veel-zelf-praten",
    ):
        assert needed in ids


def test_parser_rejects_broken_files(tmp_path: Path) -> None:
    d = tmp_path / "nl"
    d.mkdir()
    bad = d / "x-entry.md"
    bad.write_text(
        "---\nid: x-entry\ntitle: X\nlanguage: nl\ntopic: t\nkind: method\nsources: []\n---\n# X\n"
    )
    with pytest.raises(EntryError, match="sources"):
        parse_entry(bad)
    bad.write_text(
        "---\nid: x-entry\ntitle: X\nlanguage: nl\ntopic: t\nkind: method\n"
        "sources: ['A book (2000)']\n---\n# X\n\nIntro.\n\n## Leeg\n\n## Vol\n\nTekst.\n"
    )
    with pytest.raises(EntryError, match="empty section"):
        parse_entry(bad)
    bad.write_text("no front matter")
    with pytest.raises(EntryError):
        parse_entry(bad)


def test_knowledge_dir_is_the_repo_folder() -> None:
    assert (KNOWLEDGE_DIR / "nl").is_dir() and (KNOWLEDGE_DIR / "en").is_dir()


def test_a_section_carries_its_audience(tmp_path: Path) -> None:
    path = tmp_path / "nl" / "samen-plannen.md"
    path.parent.mkdir()
    path.write_text(
        "---\nid: samen-plannen\ntitle: Samen plannen\nlanguage: nl\ntopic: werk\n"
        "kind: method\nsources: [Eigen]\naudience: manager\n"
        "audience_sections: {Voor de medewerker: employee}\n---\n"
        "# Samen plannen\n\nInleiding.\n\n## Aanpak\n\nStap een.\n\n"
        "## Voor de medewerker\n\nWat jij kunt doen.\n",
        encoding="utf-8",
    )
    entry = parse_entry(path)
    assert [(s.heading, s.audience) for s in entry.sections] == [
        ("", "manager"),
        ("Aanpak", "manager"),
        ("Voor de medewerker", "employee"),
    ]
    assert entry.audience_of("Voor de medewerker") == "employee"
    assert entry.audience_of("Aanpak") == entry.audience_of("Geen sectie") == "manager"
