"""`coach bench` runs end to end on a small size and reports every figure it promises (the
figures themselves are read by people, not asserted)."""

from __future__ import annotations

import pytest

from coach.bench import format_report, run, typed_queries
from coach.container import Overrides
from coach.embeddings import Embedder

pytestmark = pytest.mark.integration


def test_bench_reports_every_figure(embedder: Embedder) -> None:
    result = run([60], queries=20, overrides=Overrides(embedder=embedder), encoder_sample=64)
    entry = result["sizes"]["60"]
    assert entry["ingest_notes_per_s"] > 0 and entry["encoder_sentences_per_s"] > 0
    assert set(entry["queries"]) == {"typed", "note_length"}
    typed, long = entry["queries"]["typed"], entry["queries"]["note_length"]
    assert typed["n"] == long["n"] == 20
    assert typed["words_avg"] < 13 < long["words_avg"]
    for q in (typed, long):
        assert 0 < q["search_p50_ms"] <= q["search_p95_ms"]
        assert 0 < q["bare_chroma_p50_ms"] <= q["bare_chroma_p95_ms"]
    assert result["prep_brief_ms"]["n_notes"] == 60
    assert result["peak_rss_mb"] > 0
    encoders = result["encoders"]  # torch, ONNX fp32 and ONNX int8 side by side
    assert all(encoders[k]["sentences_per_s"] > 0 for k in ("torch", "fp32", "int8"))
    assert encoders["fp32"]["min_cosine_to_torch"] > 0.9999  # the same vectors
    assert 0.97 < encoders["int8"]["min_cosine_to_torch"] < 0.99999  # close, not the same
    assert encoders["shipped"] == embedder.batch_precision  # type: ignore[attr-defined]
    assert entry["ingest_vs_torch_encoder"] > 0
    report = format_report(result)
    assert "batch encoders side by side, sentences/s: torch" in report
    assert "ONNX fp32" in report and "ONNX int8" in report and "(ships)" in report
    assert "typed queries (20," in report and "note_length queries (20," in report
    assert "peak RSS" in report


def test_typed_queries_are_short_and_deterministic() -> None:
    queries = typed_queries(50)
    assert queries == typed_queries(50) and len(set(queries)) > 25
    assert all(3 <= len(q.split()) <= 12 for q in queries)
