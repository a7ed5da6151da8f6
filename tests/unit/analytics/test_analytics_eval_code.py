"""The analytics eval's own code: scoring, intervals, translation groups, session figures.
(The eval's figures themselves are read from `coach eval analytics`, never asserted here.)"""

from evals import analytics_metrics as am
from evals.analytics_data import load_own, weights
from evals.analytics_train import targets


def _row(session: str, q: str | None, r: str | None = None, **extra: str) -> dict:
    return {"session": session, "question": q, "reflection": r, **extra}


def test_precision_recall_and_interval_on_a_known_case() -> None:
    gold = [_row(f"s{i}", "open") for i in range(8)] + [_row("s8", None), _row("s9", None)]
    pred = [_row(g["session"], "open") for g in gold[:6]] + [
        _row("s6", None),
        _row("s7", "closed"),
        _row("s8", "open"),
        _row("s9", None),
    ]
    out = am.score(gold, pred, [1.0] * 10, am.LABELS)
    q = out["question"]
    assert (q["precision"], q["recall"], q["n"]) == (round(7 / 8, 3), round(7 / 8, 3), 8)
    assert q["f1_ci"][0] <= q["f1"] <= q["f1_ci"][1] and q["f1_ci"][0] < q["f1_ci"][1]
    assert out["open_closed_accuracy"]["value"] == 0.75  # 6 of the 8 true questions


def test_a_translation_group_counts_once() -> None:
    rows = [_row("a", "open", group="g1"), _row("b", "open", group="g1"), _row("c", None)]
    assert weights(rows) == [0.5, 0.5, 1.0]
    out = am.score(
        rows, [_row("a", "open"), _row("b", None), _row("c", None)], weights(rows), am.LABELS
    )
    assert out["question"]["n"] == 1.0 and out["question"]["recall"] == 0.5


def test_unknown_kinds_only_count_for_detection() -> None:
    gold = [_row("m", "unknown"), _row("m", None, "unknown")]
    pred = [_row("m", "closed"), _row("m", None, "simple")]
    out = am.score(gold, pred, [1.0, 1.0], am.LABELS)
    assert out["question"]["f1"] == 1.0 and out["reflection"]["f1"] == 1.0
    assert out["open"]["n"] == 0 and out["simple"]["precision"] == 0.0
    assert "open_closed_accuracy" not in out
    assert targets({"question": "unknown", "reflection": None}) == [1.0, None, 0.0, None]


def test_session_r_q_from_gold_and_predicted_codes() -> None:
    gold, pred = [], []
    for s, n_refl in (("a", 1), ("b", 2), ("c", 3)):
        gold += [_row(s, "open")] + [_row(s, None, "simple")] * n_refl + [_row(s, None)] * 3
        pred += [_row(s, "open")] + [_row(s, None, "complex")] * n_refl + [_row(s, None)] * 3
    out = am.session_level(gold, pred)
    assert out is not None and out["sessions"] == 3
    assert out["r_q"]["mean_abs_diff"] == 0.0 and out["r_q"]["pearson_r"] == 1.0
    assert out["pct_cr"]["gold_mean"] == 0.0 and out["pct_cr"]["pred_mean"] == 1.0


def test_own_rows_without_a_session_are_their_own_session(tmp_path) -> None:
    path = tmp_path / "analytics-x.jsonl"
    path.write_text(
        '{"text": "Hoe gaat het?", "language": "nl", "question": "open", "reflection": null}\n'
        '{"text": "Ok.", "language": "en", "question": null, "reflection": null, '
        '"session": "s1"}\n',
        encoding="utf-8",
    )
    rows = load_own([path])
    assert [r["session"] for r in rows] == ["analytics-x/analytics-x:1", "analytics-x/s1"]
