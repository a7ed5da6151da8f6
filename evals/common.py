"""Helpers shared by the evals: ranking metrics and a throwaway container."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from coach.container import Container, Overrides, build_container
from coach.settings import Settings

KS = (1, 3, 5, 10)


def first_hit_rank(hits: Sequence[bool]) -> int | None:
    for i, ok in enumerate(hits):
        if ok:
            return i + 1
    return None


def ranking_metrics(ranks: Sequence[int | None], ks: Sequence[int] = KS) -> dict[str, float]:
    """hit@k and MRR from the 1-based rank of the first relevant result per query."""
    n = len(ranks) or 1
    out = {f"hit@{k}": sum(1 for r in ranks if r is not None and r <= k) / n for k in ks}
    out["mrr"] = sum(1.0 / r for r in ranks if r is not None) / n
    return {k: round(v, 4) for k, v in out.items()}


@contextmanager
def scratch_container(**settings: object) -> Iterator[Container]:
    """A real container (SQLite, embedded Chroma, real embeddings) in a temp folder."""
    with tempfile.TemporaryDirectory(prefix="coach-eval-") as tmp:
        s = Settings(data_dir=Path(tmp), llm="fake", **settings)  # type: ignore[arg-type]
        c = build_container(s, Overrides())
        c.migrate()
        yield c


HELDOUT_TITLE = "held-out set (never tuned on)"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score_with_heldout(
    path: Path | None,
    default: Path,
    heldout: Path,
    load: Callable[[Path], Any],
    score: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """Score `path`; without one, the tuning set `default` plus `heldout` (under "heldout")."""
    result = score(load(path or default))
    if path is None:
        result["heldout"] = score(load(heldout))
    return result


def report_with_heldout(
    result: dict[str, Any], section: Callable[[dict[str, Any], str], list[str]], title: str
) -> str:
    """The report of a main set, followed by its held-out set's when the result has one."""
    lines = section(result, title)
    if "heldout" in result:
        lines += ["", *section(result["heldout"], HELDOUT_TITLE)]
    return "\n".join(lines)


# --- dev/test hygiene (issue 16) -------------------------------------------------------------
DEV = Path(__file__).parent / "data" / "dev"
TEST = Path(__file__).parent / "data" / "test"
BOOTSTRAP_SEED = 16


def item_weights(items: Sequence[dict[str, Any]]) -> list[float]:
    """1 per item, 1/k for each of the k items sharing a `group` (translations count once)."""
    size: dict[str, int] = {}
    for item in items:
        if item.get("group"):
            size[item["group"]] = size.get(item["group"], 0) + 1
    return [1.0 / size[i["group"]] if i.get("group") else 1.0 for i in items]


def weighted_mean_ci(
    values: Sequence[float], weights: Sequence[float], draws: int = 1000
) -> tuple[float, list[float]]:
    """Weighted mean of per-item scores with a 95% bootstrap interval over items."""
    import numpy as np

    v, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    if not len(v):
        return 0.0, [0.0, 0.0]
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    idx = rng.integers(0, len(v), size=(draws, len(v)))
    means = (v[idx] * w[idx]).sum(axis=1) / w[idx].sum(axis=1)
    mean = float((v * w).sum() / w.sum())
    return round(mean, 3), [round(float(np.percentile(means, q)), 3) for q in (2.5, 97.5)]
