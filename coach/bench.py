"""`coach bench`: throughput and latency figures on this machine (a benchmark, not a test).

- raw encoder sentences/s vs end-to-end ingest notes/s (SQL + chunking + embedding + Chroma);
- search p50/p95 at each size vs a bare chromadb query on the same vectors (both embed the
  query text, so the comparison is end to end), for two query sets: typed questions (3-12
  words, what a manager types in the chat or `coach search`) and note-length texts (~40
  words, the worst case: the query embedding dominates);
- the deterministic prep brief at the largest size, when the prep feature is installed;
- `coach analyze` over 10,000 utterances (learned detectors, rules-only baseline beside it);
- peak RSS of the process.

`parts` (`coach bench --only chat,search`) picks what runs; the notes are ingested whatever
is picked, since search, prep and chat need them.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from coach.container import Container, Overrides, build_container
from coach.settings import Settings
from coach.storage import repo

if TYPE_CHECKING:
    from coach.embeddings import Embedder, MiniLMEmbedder

_SUBJECTS = [
    "de sprintdemo",
    "het klantproject",
    "de kwartaaldoelen",
    "de werkdruk",
    "haar opleiding",
    "the release",
    "the roadmap",
    "his workload",
    "the team offsite",
    "de samenwerking met Finance",
    "het dashboard",
    "de migratie",
    "the code review",
    "zijn loopbaanwens",
    "de planning",
]
_VERBS = [
    "vertelde dat",
    "gaf aan dat",
    "mentioned that",
    "liet weten dat",
    "said that",
    "merkte op dat",
]
_TAILS = [
    "het goed loopt maar de deadline krap is",
    "ze meer tijd nodig heeft voor het testen",
    "things are on track although energy is low this week",
    "hij graag een cursus wil volgen",
    "de samenwerking stroef verloopt en er afspraken nodig zijn",
    "she wants more ownership",
    "de klant tevreden is over het resultaat",
    "he felt overloaded by the incident work",
    "het team de nieuwe werkwijze nog moet leren",
    "ze twijfelt over haar volgende stap",
]


_NAMES = ["Sanne", "Priya", "Joost", "Marta"]


def synthetic_notes(n: int, seed: int = 7) -> list[tuple[dt.date, str]]:
    """About 40-word notes mixing Dutch and English, deterministic for a seed."""
    rnd = random.Random(seed)
    start = dt.date(2024, 1, 1)
    out = []
    for i in range(n):
        parts = [
            f"{rnd.choice(_NAMES)} {rnd.choice(_VERBS)} "
            f"{rnd.choice(_SUBJECTS)} {rnd.choice(_TAILS)}."
            for _ in range(3)
        ]
        out.append((start + dt.timedelta(days=i % 700), " ".join(parts) + f" (#{i})"))
    return out


_QUESTIONS = [
    "hoe gaat het met {s}",
    "wat zei {n} over {s}?",
    "afspraken over {s}",
    "waar liep {n} tegenaan bij {s}",
    "heeft {n} iets gezegd over {s} en de werkdruk?",
    "{n} {s}",
    "what did {n} say about {s}?",
    "how is {n} doing with {s}",
    "open points on {s}",
    "did {n} mention {s} in the last months?",
]


def typed_queries(n: int, seed: int = 5) -> list[str]:
    """Questions as a manager types them (3-12 words), deterministic for a seed."""
    rnd = random.Random(seed)
    return [
        rnd.choice(_QUESTIONS).format(n=rnd.choice(_NAMES), s=rnd.choice(_SUBJECTS))
        for _ in range(n)
    ]


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


PARTS = ("encoders", "search", "prep", "chat", "analyze")


def parse_parts(raw: str | None) -> frozenset[str]:
    """`--only` as typed ("chat,search"); every part when empty. Unknown names: ValueError."""
    names = [x.strip().lower() for x in (raw or "").split(",") if x.strip()]
    unknown = sorted(set(names) - set(PARTS))
    if unknown:
        raise ValueError(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    return frozenset(names) if names else frozenset(PARTS)


def run(
    sizes: list[int],
    queries: int = 200,
    settings: Settings | None = None,
    overrides: Overrides | None = None,
    encoder_sample: int = 512,
    parts: frozenset[str] = frozenset(PARTS),
) -> dict[str, Any]:
    result: dict[str, Any] = {"sizes": {}, "parts": sorted(parts)}
    encoders = "encoders" in parts
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        base = settings or Settings()
        s = base.model_copy(update={"data_dir": Path(tmp), "llm": "fake"})
        s.db.url = None
        c = build_container(s, overrides)
        c.migrate()
        emb = c.embedder
        result["embeddings"] = emb.name
        sample = [t for _, t in synthetic_notes(encoder_sample, seed=1)]
        emb.encode(sample[:8])  # warm up
        # Open the vector store now: its import and client (~1.2 s) are start-up, not ingest,
        # and used to land inside the first size's timed ingest.
        _ = c.notes, c.retriever
        if encoders:
            result["encoder_sentences_per_s"] = round(_encoder_rate(emb, sample), 1)
            result["encoders"] = _encoders_side_by_side(emb, sample)
        query_sets = {
            "typed": typed_queries(queries),
            "note_length": [t for _, t in synthetic_notes(queries, seed=99)],
        }
        for n in sizes:
            with c.db.session() as sess:
                m = repo.add_manager(sess, f"bench-{n}", password_hash=None)
                p = repo.add_person(sess, m.id, "Bench Person")
                mid, pid = m.id, p.id
            notes = synthetic_notes(n, seed=n)
            # The raw rate again, right before this ingest: the machine's speed drifts
            # between runs and minutes, and the ratio should compare like with like.
            raw = _encoder_rate(emb, sample) if encoders else None
            torch_raw = _torch_rate(emb, sample) if encoders else None
            t0 = time.perf_counter()
            c.notes.add_many(mid, pid, notes)
            ingest = n / (time.perf_counter() - t0)
            c.retriever.search(mid, "warm up", k=5)
            entry: dict[str, Any] = {
                "ingest_notes_per_s": round(ingest, 1),
                "encoder_sentences_per_s": round(raw, 1) if raw else None,
                "ingest_vs_encoder": round(ingest / raw, 3) if raw else None,
                "torch_encoder_sentences_per_s": round(torch_raw, 1) if torch_raw else None,
                "ingest_vs_torch_encoder": round(ingest / torch_raw, 3) if torch_raw else None,
                "queries": {name: _latency(c, mid, texts) for name, texts in query_sets.items()}
                if "search" in parts
                else {},
            }
            result["sizes"][str(n)] = entry
        if "prep" in parts:
            result["prep_brief_ms"] = _bench_prep(c, max(sizes))
        if "chat" in parts:
            result["chat"] = _bench_chat(c, mid, s)
    if "analyze" in parts:
        result["analyze"] = _bench_analyze()
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def _encoder_rate(emb: Embedder, texts: list[str]) -> float:
    t0 = time.perf_counter()
    emb.encode(texts)
    return len(texts) / (time.perf_counter() - t0)


_REFS: dict[tuple[int, str], MiniLMEmbedder] = {}
EncoderKind = Literal["torch", "fp32", "int8"]


def _onnx_minilm(emb: Embedder) -> MiniLMEmbedder | None:
    """`emb` when it is MiniLM with ONNX batches (the encoders compared below), else None."""
    from coach.embeddings import MiniLMEmbedder

    return emb if isinstance(emb, MiniLMEmbedder) and emb.backend == "onnx" else None


def _reference(emb: MiniLMEmbedder, kind: EncoderKind) -> MiniLMEmbedder:
    """The same MiniLM with batches on torch (the encoder ingest used before ONNX), or on
    ONNX Runtime fp32 / int8, sharing `emb`'s model folder."""
    from coach.embeddings import MiniLMEmbedder

    if (id(emb), kind) not in _REFS:
        folder = emb.onnx_file.parent if emb.onnx_file else None
        _REFS[id(emb), kind] = (
            MiniLMEmbedder(onnx_dir=folder, backend="torch")
            if kind == "torch"
            else MiniLMEmbedder(onnx_dir=folder, batch_precision=kind)
        )
    return _REFS[id(emb), kind]


def _torch_rate(emb: Embedder, texts: list[str]) -> float | None:
    minilm = _onnx_minilm(emb)
    return _encoder_rate(_reference(minilm, "torch"), texts) if minilm is not None else None


def _encoders_side_by_side(emb: Embedder, texts: list[str]) -> dict[str, Any]:
    """torch, ONNX fp32 and ONNX int8 batch encoders on the same texts, one after the other
    in each of three rounds so a busy neighbour slows all alike; the best of three each,
    its ratio to torch, and the lowest cosine of its vectors to torch's."""
    minilm = _onnx_minilm(emb)
    if minilm is None:
        return {}
    encoders = {kind: _reference(minilm, kind) for kind in get_args(EncoderKind)}
    for e in encoders.values():
        e.encode(texts[:8])  # load the model
    rates: dict[str, list[float]] = {kind: [] for kind in encoders}
    for _ in range(3):
        for kind, e in encoders.items():
            rates[kind].append(_encoder_rate(e, texts))
    want = encoders["torch"].encode(texts[:64])
    out: dict[str, Any] = {"shipped": minilm.batch_precision}
    for kind, e in encoders.items():
        cosine = float((e.encode(texts[:64]) * want).sum(axis=1).min())
        out[kind] = {
            "sentences_per_s": round(max(rates[kind]), 1),
            "vs_torch": round(max(rates[kind]) / max(rates["torch"]), 2),
            "min_cosine_to_torch": round(cosine, 6),
        }
    return out


def _latency(c: Container, manager_id: int, texts: list[str]) -> dict[str, Any]:
    """Our search vs the bare Chroma query, alternating query by query so that a noisy
    neighbour on a shared machine slows both sides alike instead of one whole series."""
    col = c.index.collection(manager_id)
    ours, bare = [], []
    for q in texts:
        t0 = time.perf_counter()
        c.retriever.search(manager_id, q, k=5)
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        col.query(query_embeddings=c.embedder.encode([q]), n_results=5)
        bare.append((time.perf_counter() - t0) * 1000)
    p50, p95 = _percentiles(ours)
    b50, b95 = _percentiles(bare)
    return {
        "n": len(texts),
        "words_avg": round(statistics.mean(len(q.split()) for q in texts), 1),
        "search_p50_ms": round(p50, 2),
        "search_p95_ms": round(p95, 2),
        "bare_chroma_p50_ms": round(b50, 2),
        "bare_chroma_p95_ms": round(b95, 2),
        "p95_vs_bare": round(p95 / b95, 3),
    }


def _bench_prep(c: Container, n: int) -> dict[str, Any] | None:
    try:
        from coach.prep.bench import bench_prep
    except ImportError:
        return None
    return bench_prep(c, n_notes=n)


def _bench_chat(c: Container, manager_id: int, settings: Settings) -> dict[str, Any]:
    """The chat answer on the largest size (its manager is the last one seeded)."""
    from coach.chat.bench import bench_chat, time_to_first_token

    return {
        "answer": bench_chat(c, manager_id, "Bench Person"),
        "embedded_ttft": time_to_first_token(settings),
    }


def _bench_analyze() -> dict[str, Any]:
    from coach.analytics.bench import bench_analyze

    return bench_analyze()


def format_report(r: dict[str, Any]) -> str:
    lines = [f"embeddings: {r['embeddings']}"]
    if r.get("encoder_sentences_per_s") is not None:
        lines.append(f"raw encoder: {r['encoder_sentences_per_s']} sentences/s")
    if r.get("encoders"):
        e = r["encoders"]
        names = {"torch": "torch", "fp32": "ONNX fp32", "int8": "ONNX int8"}
        parts = [
            f"{names[k]}{' (ships)' if k == e['shipped'] else ''} {e[k]['sentences_per_s']}/s "
            f"(x{e[k]['vs_torch']}, min cosine to torch {e[k]['min_cosine_to_torch']})"
            for k in names
        ]
        lines.append("batch encoders side by side, sentences/s: " + "; ".join(parts))
    for n, e in r["sizes"].items():
        if e.get("ingest_vs_encoder") is None:
            lines.append(f"{n} notes: ingest {e['ingest_notes_per_s']} notes/s")
        else:
            lines.append(
                f"{n} notes: ingest {e['ingest_notes_per_s']} notes/s, raw encoder just before "
                f"{e['encoder_sentences_per_s']} sentences/s (ratio {e['ingest_vs_encoder']}; "
                "goal >= 0.8)"
            )
        if e.get("ingest_vs_torch_encoder") is not None:
            lines.append(
                f"  ingest with the shipped encoder vs the torch encoder just before "
                f"({e['torch_encoder_sentences_per_s']} sentences/s): "
                f"x{e['ingest_vs_torch_encoder']} (goal >= 2)"
            )
        for name, q in e["queries"].items():
            lines.append(
                f"  {name} queries ({q['n']}, {q['words_avg']} words): search p50 "
                f"{q['search_p50_ms']} ms, p95 {q['search_p95_ms']} ms; bare chromadb p50 "
                f"{q['bare_chroma_p50_ms']} ms, p95 {q['bare_chroma_p95_ms']} ms; p95 ratio "
                f"{q['p95_vs_bare']} (goal p95 < 30 ms at 10k and <= 1.2x bare)"
            )
    if r.get("prep_brief_ms") is not None:
        lines.append(f"prep brief (deterministic part): {r['prep_brief_ms']} (goal < 300 ms)")
    chat = r.get("chat")
    if chat:
        a = chat["answer"]
        lines.append(
            f"chat answer (deterministic, largest size, {a['n']} questions): p50 "
            f"{a['answer_p50_ms']} ms, p95 {a['answer_p95_ms']} ms (goal p95 < "
            f"{a['goal_p95_ms']} ms); bare search same questions p50 {a['search_p50_ms']} ms, "
            f"p95 {a['search_p95_ms']} ms"
        )
        ttft = chat["embedded_ttft"] or {}
        if "error" in ttft:
            lines.append(f"embedded model time to first token: not measured ({ttft['error']})")
        elif ttft:
            lines.append(
                f"embedded model: load {ttft['load_ms']} ms, time to first token median "
                f"{ttft['median_ms']} ms ({ttft['first_token_ms']})"
            )
    if r.get("analyze"):
        from coach.analytics.bench import format_line

        lines.append(format_line(r["analyze"]))
    lines.append(f"peak RSS: {r['peak_rss_mb']} MB")
    return "\n".join(lines)
