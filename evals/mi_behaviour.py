"""Do the other MI behaviours measure well enough to ship a detector? (issue 16, optional)

    .venv/bin/python -m evals.mi_behaviour

MIBot's counsellor turns carry MICO (MI-consistent: affirm, seek collaboration, emphasise
autonomy) and MIIN (MI-inconsistent: persuade, confront) from its automatic coder; no set
here labels the single behaviours, and none is Dutch. This measures one logistic head per
code on the detectors' own input ([USE-multilingual embedding | rule features]),
cross-validated by transcript (5 folds, seeded), with 95% bootstrap intervals. A dev
measurement: it decides whether to build the heads, it is not a test figure.
"""

from __future__ import annotations

import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.preprocessing import StandardScaler

from coach.analytics.learned import default_encoder, design_matrix
from evals.analytics_data import load_mibot
from evals.prf import label_lines, scores

CODES = ("MICO", "MIIN")
FOLDS = 5


def main() -> int:
    rows = load_mibot()
    if not rows:
        print("MIBot transcripts not found (shared/data/mibot)")
        return 1
    x = design_matrix(default_encoder(), [r["text"] for r in rows], ["en"] * len(rows))
    groups = [r["session"] for r in rows]
    predicted: list[set[str]] = [set() for _ in rows]
    for code in CODES:
        y = np.array([r["label"] == code for r in rows])
        for train, test in GroupKFold(n_splits=FOLDS).split(x, y, groups):
            scaler = StandardScaler().fit(x[train])
            model = LogisticRegression(C=0.1, class_weight="balanced", max_iter=2000)
            model.fit(scaler.transform(x[train]), y[train])
            for i, hit in zip(test, model.predict(scaler.transform(x[test])), strict=True):
                if hit:
                    predicted[i].add(code)
    pairs = [({r["label"]} & set(CODES), p) for r, p in zip(rows, predicted, strict=True)]
    result = scores(pairs, CODES)
    print(f"MI behaviour codes on MIBot counsellor turns, CV by transcript (n={len(rows)})")
    print("\n".join(label_lines(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
