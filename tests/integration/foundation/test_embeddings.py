"""The MiniLM query path on ONNX Runtime gives the same vectors as the torch path."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from coach.embeddings import QUERY_BATCH, MiniLMEmbedder

pytestmark = pytest.mark.integration

TEXTS = [
    "Hoe gaat het met de energie van Sanne sinds de reorganisatie?",
    "Priya wants to move towards a lead role next year.",
    "kort",
    "Een lange notitie " + "over werkdruk, planning en de release van het dashboard " * 60,
]


@pytest.fixture(scope="module")
def torch_only() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def test_onnx_queries_match_torch_and_the_export_is_cached(
    tmp_path: Path, torch_only: MiniLMEmbedder
) -> None:
    fast = MiniLMEmbedder(onnx_dir=tmp_path)
    assert fast.onnx_file is not None and not fast.onnx_file.exists()
    got = np.vstack([fast.encode([t]) for t in TEXTS])
    assert fast.onnx_file.is_file()  # exported on first use
    want = torch_only.encode(TEXTS)  # > QUERY_BATCH texts: the torch path
    assert len(TEXTS) == QUERY_BATCH
    cosines = (got * want).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    stamp = fast.onnx_file.stat().st_mtime_ns
    again = MiniLMEmbedder(onnx_dir=tmp_path)
    assert (again.encode(TEXTS[:2]) * want[:2]).sum(axis=1).min() > 0.9999
    assert again.onnx_file is not None and again.onnx_file.stat().st_mtime_ns == stamp


def test_a_broken_export_falls_back_to_torch(
    tmp_path: Path, torch_only: MiniLMEmbedder, caplog: pytest.LogCaptureFixture
) -> None:
    broken = MiniLMEmbedder(onnx_dir=tmp_path)
    assert broken.onnx_file is not None
    broken.onnx_file.write_bytes(b"not an onnx model")
    with caplog.at_level(logging.WARNING):
        vec = broken.encode([TEXTS[0]])
    assert "using torch" in caplog.text
    assert float((vec * torch_only.encode([TEXTS[0]])).sum()) > 0.9999
