from coach.retrieval.bm25 import BM25Index, rrf
from coach.retrieval.text import chunk_text, tokenize


def test_tokenize_drops_stopwords_and_lowercases() -> None:
    assert tokenize("De Werkdruk is HOOG en the deadline") == ["werkdruk", "hoog", "deadline"]


def test_tokenize_stems_by_language() -> None:
    assert tokenize("complimenten leerdoelen", "nl") == ["compliment", "leerdoel"]
    assert tokenize("complimenten") == ["complimenten"]
    assert tokenize("questions", "en") == ["question"]


def test_short_note_stays_whole_and_long_note_is_split() -> None:
    assert chunk_text("  kort  ") == ["kort"]
    assert chunk_text("") == []
    long = "\n\n".join(" ".join(f"w{i}_{j}" for j in range(50)) for i in range(5))
    chunks = chunk_text(long, max_words=120)
    assert len(chunks) == 3
    assert all(len(c.split()) <= 120 for c in chunks)
    assert " ".join(" ".join(chunks).split()) == " ".join(long.split())


def test_bm25_ranks_matching_document_first() -> None:
    idx = BM25Index(["over werkdruk en energie", "over de roadmap", "energie energie werkdruk"])
    top = idx.top("werkdruk energie", 3)
    assert [i for i, _ in top][:1] == [2]
    assert {i for i, _ in top} == {0, 2}
    assert idx.top("onbekendwoord", 3) == []


def test_bm25_empty_index() -> None:
    assert BM25Index([]).top("iets", 5) == []


def test_rrf_combines_rankings() -> None:
    fused = rrf([["a", "b", "c"], ["b", "a"]])
    assert [k for k, _ in fused][:2] in (["a", "b"], ["b", "a"])
    assert fused[-1][0] == "c"
