"""MiniLM on ONNX Runtime gives the same vectors as the torch path (fp32), and close ones
from the int8 copy ingest uses; a broken model file never breaks encoding."""

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
    fast = MiniLMEmbedder(onnx_dir=tmp_path, query_precision="fp32")
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


BATCH = [
    *TEXTS,
    "Joost gaf aan dat de migratie goed loopt maar de deadline krap is.",
    "Marta said that the roadmap is on track although energy is low this week.",
    "Sanne vertelde dat ze twijfelt over haar volgende stap en meer tijd wil voor testen.",
]


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fp32 export for the int8 tests (exporting takes seconds)."""
    folder = tmp_path_factory.mktemp("models")
    MiniLMEmbedder(onnx_dir=folder, batch_precision="fp32").encode(["warm"])
    return folder


def _copy_fp32(models: Path, into: Path) -> MiniLMEmbedder:
    emb = MiniLMEmbedder(onnx_dir=into, batch_precision="int8")
    assert emb.onnx_file is not None
    (into / emb.onnx_file.name).write_bytes((models / emb.onnx_file.name).read_bytes())
    return emb


def test_int8_batches_load_offline_and_stay_close_to_fp32(
    tmp_path: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    emb = _copy_fp32(models, tmp_path)
    int8 = emb.model_file("int8")
    assert int8 is not None and not int8.exists()
    got = emb.encode(BATCH)  # more than QUERY_BATCH texts: the int8 batch path
    assert len(BATCH) > QUERY_BATCH
    assert int8.is_file()  # quantised from the fp32 export on first use
    assert int8.stat().st_size < (tmp_path / emb.onnx_file.name).stat().st_size / 3  # type: ignore[union-attr]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([int8.name, emb.onnx_file.name])  # type: ignore[union-attr]
    want = MiniLMEmbedder(onnx_dir=tmp_path, batch_precision="fp32").encode(BATCH)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cosines = (got * want).sum(axis=1)
    assert cosines.min() > 0.97, cosines  # close to fp32 (per-tensor int8 gave 0.93) ...
    assert cosines.min() < 0.99999, cosines  # ... yet not the fp32 model under another name
    # queries stay on fp32: a single text gives the fp32 vector exactly
    assert float((emb.encode([BATCH[0]]) * want[0]).sum()) > 0.99999


@pytest.mark.parametrize("content", [b"", b"not an onnx model"])
def test_a_broken_int8_file_falls_back_to_fp32_onnx(
    tmp_path: Path, models: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    emb = _copy_fp32(models, tmp_path)
    int8 = emb.model_file("int8")
    assert int8 is not None
    int8.write_bytes(content)
    with caplog.at_level(logging.WARNING):
        got = emb.encode(BATCH)
    assert "ONNX int8 encoder unavailable; using fp32 ONNX" in caplog.text
    want = MiniLMEmbedder(onnx_dir=tmp_path, batch_precision="fp32").encode(BATCH)
    assert (got * want).sum(axis=1).min() > 0.99999  # the fp32 ONNX vectors, not torch's
    assert emb._st is None  # torch was never needed


def test_a_failed_quantisation_leaves_no_file_and_falls_back(
    tmp_path: Path, models: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from onnxruntime import quantization

    def half_written(source: str, target: str, **kw: object) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:1000])  # cut off mid-write
        raise OSError("disk full")

    monkeypatch.setattr(quantization, "quantize_dynamic", half_written)
    emb = _copy_fp32(models, tmp_path)
    with caplog.at_level(logging.WARNING):
        got = emb.encode(BATCH)
    assert "disk full" in caplog.text
    assert sorted(p.name for p in tmp_path.iterdir()) == [emb.onnx_file.name]  # type: ignore[union-attr]
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    monkeypatch.undo()  # the next process quantises it properly
    again = MiniLMEmbedder(onnx_dir=tmp_path, batch_precision="int8")
    again.encode(BATCH)
    assert again.model_file("int8").is_file()  # type: ignore[union-attr]


def test_a_failed_export_leaves_no_file_and_takes_torch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import torch

    def half_written(model: object, args: object, f: str, **kw: object) -> None:
        Path(f).write_bytes(b"\x08\x07" * 500)  # cut off mid-write
        raise RuntimeError("export interrupted")

    monkeypatch.setattr(torch.onnx, "export", half_written)
    emb = MiniLMEmbedder(onnx_dir=tmp_path, batch_precision="int8")
    with caplog.at_level(logging.WARNING):
        got = emb.encode(BATCH)
    assert "export interrupted" in caplog.text and "using fp32 ONNX" in caplog.text
    assert "using torch" in caplog.text  # fp32 ONNX failed the same way: torch computed it
    assert list(tmp_path.iterdir()) == []
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
