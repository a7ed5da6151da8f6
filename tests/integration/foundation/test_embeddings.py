"""MiniLM on ONNX Runtime gives the same vectors as the torch path (fp32), and close ones
from the int8 copy ingest uses; a broken model file never breaks encoding."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from coach.embeddings import ONNX_BATCH, QUERY_BATCH, MiniLMEmbedder, _without_nan_guard

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
    stale = tmp_path / emb.onnx_file.name.replace(".onnx", "-int8.onnx")  # type: ignore[union-attr]
    stale.write_bytes(b"an int8 file of the first recipe")
    got = emb.encode(BATCH)  # more than QUERY_BATCH texts: the int8 batch path
    assert len(BATCH) > QUERY_BATCH
    assert int8.is_file()  # quantised from the fp32 export on first use
    assert int8.stat().st_size < (tmp_path / emb.onnx_file.name).stat().st_size / 3  # type: ignore[union-attr]
    # the older recipe's file is gone: only the export and the new int8 file remain
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


def test_dropping_the_nan_guard_keeps_the_vectors(models: Path, tmp_path: Path) -> None:
    """The int8 file is quantised from the export without its NaN guards; on a padded batch
    (texts of very different lengths) the plain export gives the same output with and
    without them, and the int8 file holds none."""
    import onnx
    import onnxruntime as ort

    emb = MiniLMEmbedder(onnx_dir=models, batch_precision="int8")
    fp32 = emb.onnx_file
    assert fp32 is not None

    def ops(path: Path) -> list[str]:
        return [n.op_type for n in onnx.load(str(path)).graph.node]

    assert ops(fp32).count("IsNaN") == 6  # one guard per layer in the export
    plain = tmp_path / "plain.onnx"
    _without_nan_guard(fp32, plain)
    assert "IsNaN" not in ops(plain)
    assert len(ops(fp32)) - len(ops(plain)) == 12  # the IsNaN and its Where, nothing else
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(emb._path / "tokenizer.json"))
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    enc = tok.encode_batch(BATCH)
    feed = {
        "input_ids": np.asarray([e.ids for e in enc], dtype=np.int64),
        "attention_mask": np.asarray([e.attention_mask for e in enc], dtype=np.int64),
    }
    assert feed["attention_mask"].min() == 0  # padding in the batch
    before, after = (ort.InferenceSession(str(p)).run(None, feed)[0] for p in (fp32, plain))
    assert np.allclose(before, after, atol=1e-6)
    emb.encode(BATCH)  # builds the int8 file in the fixture's folder
    assert "IsNaN" not in ops(emb.model_file("int8"))  # type: ignore[arg-type]


def test_batches_are_padded_to_their_longest_text_only(models: Path) -> None:
    """Texts are tokenised once and each ONNX batch is padded to its own longest text: the
    vectors are those of each text run alone (no padding at all)."""
    from coach.bench import synthetic_notes

    emb = MiniLMEmbedder(onnx_dir=models, batch_precision="fp32")
    session = emb._session("fp32")
    widths: list[tuple[int, int]] = []

    class Recording:
        def run(self, names: object, feed: dict[str, np.ndarray]) -> list[np.ndarray]:
            mask = feed["attention_mask"]
            widths.append((mask.shape[1], int(mask.sum(axis=1).max())))
            return session.run(names, feed)  # type: ignore[no-any-return]

    texts = [t for _, t in synthetic_notes(96, seed=1)] + BATCH
    got = emb._encode_onnx(texts, Recording())
    assert len(widths) == -(-len(texts) // ONNX_BATCH)
    assert all(width == longest for width, longest in widths)  # not tokenizer.json's 128
    assert min(w for w, _ in widths) < 128 < max(w for w, _ in widths)
    want = np.vstack([emb.encode([t]) for t in texts[::16]])  # one by one: no padding
    assert (got[::16] * want).sum(axis=1).min() > 0.99999
