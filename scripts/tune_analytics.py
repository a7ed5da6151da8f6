"""Choose the analytics heads' C and MIBot share by cross-validation on dev + MIBot only.

    .venv/bin/python scripts/tune_analytics.py

Prints, per setting, out-of-fold question F1, open/closed accuracy and reflection F1 on our
dev turns and on MIBot. The test sets are never read. The chosen values go into
evals/analytics_train.py (C, MIBOT_SHARE); then run scripts/train_analytics.py.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.analytics import learned  # noqa: E402
from evals import analytics as ev  # noqa: E402
from evals import analytics_metrics as am  # noqa: E402
from evals import analytics_train as tr  # noqa: E402
from evals.analytics_data import DEV_FILES, load_mibot, load_own, weights  # noqa: E402


def main() -> int:
    encoder = tr.CachedEncoder(learned.default_encoder())
    dev, mibot = load_own(DEV_FILES), load_mibot()
    rows = dev + mibot
    for c, share in itertools.product((0.02, 0.1, 0.5), (0.5, 0.7)):
        oof = ev.cross_validated(rows, encoder, k=3, c=c, mibot_share=share)
        d = am.score(dev, oof[: len(dev)], weights(dev), am.LABELS)
        m = am.score(mibot, oof[len(dev) :], weights(mibot), ("question", "reflection"))
        print(
            f"C={c:<5} mibot_share={share}: dev q {d['question']['f1']:.3f} "
            f"oc {d['open_closed_accuracy']['value']:.3f} r {d['reflection']['f1']:.3f} "
            f"cx {d['complex']['f1']:.3f} | mibot q {m['question']['f1']:.3f} "
            f"r {m['reflection']['f1']:.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
