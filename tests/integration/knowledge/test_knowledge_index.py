"""The knowledge index: incremental by content hash, fresh after sync, language-aware."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.container import Container
from coach.knowledge.service import KnowledgeBase

pytestmark = pytest.mark.integration


def test_sync_is_incremental_and_fresh(container: Container, tmp_path: Path) -> None:
    root = tmp_path / "knowledge"
    for lang in ("nl", "en"):
        (root / lang).mkdir(parents=True)
        for name in ("sbi-feedback.md", "grow-model.md"):
            shutil.copy(Path("knowledge") / lang / name, root / lang / name)
    kb = KnowledgeBase(container.chroma, container.embedder, root=root)
    assert not kb.is_fresh()
    assert kb.sync() == 4
    assert kb.is_fresh()
    assert kb.sync() == 0  # nothing changed

    path = root / "nl" / "grow-model.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nExtra regel over doelen.\n", encoding="utf-8"
    )
    kb2 = KnowledgeBase(container.chroma, container.embedder, root=root)
    assert not kb2.is_fresh()
    assert kb2.sync() == 1
    assert kb2.is_fresh()

    (root / "en" / "sbi-feedback.md").unlink()
    kb3 = KnowledgeBase(container.chroma, container.embedder, root=root)
    kb3.sync()
    ids = kb3._collection().get()["ids"]
    assert not any(i.startswith("en:sbi-feedback:") for i in ids)


def test_search_cites_entries_in_the_managers_language(container: Container) -> None:
    kb = container.knowledge
    kb.sync()
    nl = kb.search("Hoe geef ik concrete feedback over gedrag?", language="nl", k=3)
    assert nl and all(h.language == "nl" for h in nl)
    assert "sbi-feedback" in [h.entry_id for h in nl]
    en = kb.search("How do I give concrete feedback on behaviour?", language="en", k=3)
    assert en and all(h.language == "en" for h in en)
    assert "sbi-feedback" in [h.entry_id for h in en]
    entry = kb.get(nl[0].entry_id, "nl")
    assert entry is not None and entry.title == nl[0].title
