from evals import analytics as analytics_eval
from evals import phrasing as phrasing_eval


def test_analytics_eval_meets_goals() -> None:
    result = analytics_eval.run()
    assert result["n"] >= 320
    for name, goal in result["goals"].items():
        assert goal["passed"], f"{name}: {goal['value']:.3f} < {goal['threshold']}"
    assert result["passed"]
    assert "goal question_detection_f1" in analytics_eval.format_report(result)
    heldout = result["heldout"]  # written after the rules, never tuned on
    assert heldout["n"] >= 70 and "held-out set" in analytics_eval.format_report(result)
    for name, goal in heldout["goals"].items():
        assert goal["passed"], f"held-out {name}: {goal['value']:.3f} < {goal['threshold']}"


def test_phrasing_eval_runs_and_is_accurate() -> None:
    result = phrasing_eval.run()
    assert result["n"] >= 120
    assert set(result["accuracy"]) == set(phrasing_eval.LABELS)
    for label, accuracy in result["accuracy"].items():
        assert accuracy >= 0.85, f"{label}: {accuracy:.3f}"
    heldout = result["heldout"]  # written after the rules, never tuned on
    assert heldout["n"] >= 40
    for label, accuracy in heldout["accuracy"].items():
        assert accuracy >= 0.85, f"held-out {label}: {accuracy:.3f}"
    report = phrasing_eval.format_report(result)
    assert "phrasing eval" in report and "held-out set" in report
