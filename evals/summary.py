"""Whole-meeting summary eval on QMSum (general queries), scored with our own ROUGE.

Run: .venv/bin/python -m evals.summary /work/shared/data/qmsum/ALL/val [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from coach.followup.summarise import summarise
from evals.rouge import rouge_scores

# Published QMSum whole-meeting/general-query anchors (ROUGE-1/2/L).
ANCHORS: dict[str, tuple[float, float, float]] = {
    "TextRank (paper)": (16.3, 2.7, 15.4),
    "BART (paper)": (29.2, 6.4, 25.5),
}
MAX_WORDS = 120
_NOISE_RE = re.compile(r"\{[^}]*\}|\[[^\]]*\]|<[^>]*>")


def _clean(content: str) -> str:
    text = _NOISE_RE.sub(" ", content)
    text = re.sub(r"\s+([,.?!'])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def meeting_sentences(meeting: dict[str, Any]) -> list[str]:
    return [_clean(turn.get("content", "")) for turn in meeting.get("meeting_transcripts", [])]


def run(qmsum_dir: Path, limit: int | None = None, max_words: int = MAX_WORDS) -> dict[str, Any]:
    files = sorted(Path(qmsum_dir).glob("*.json"))
    if limit is not None:
        files = files[:limit]
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    scored = 0
    for path in files:
        meeting = json.loads(path.read_text(encoding="utf-8"))
        answers = [q["answer"] for q in meeting.get("general_query_list", []) if q.get("answer")]
        if not answers:
            continue
        prediction = summarise(meeting_sentences(meeting), max_words=max_words)
        # The first general query is "Summarize the whole meeting"; score against it.
        scores = rouge_scores(prediction, answers[0])
        for key in totals:
            totals[key] += scores[key]
        scored += 1
    means = {k: 100 * v / scored if scored else 0.0 for k, v in totals.items()}
    return {"meetings": scored, "max_words": max_words, **means, "anchors": ANCHORS}


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"QMSum whole-meeting summary ({result['meetings']} meetings, "
        f"<= {result['max_words']} words), ROUGE F1 x100",
        f"  {'system':<22} {'R-1':>6} {'R-2':>6} {'R-L':>6}",
        f"  {'ours (TextRank/TF-IDF)':<22} {result['rouge1']:6.1f} {result['rouge2']:6.1f} "
        f"{result['rougeL']:6.1f}",
    ]
    for name, (r1, r2, rl) in result["anchors"].items():
        lines.append(f"  {name:<22} {r1:6.1f} {r2:6.1f} {rl:6.1f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("qmsum_dir", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    args = parser.parse_args()
    print(format_report(run(args.qmsum_dir, args.limit, args.max_words)))


if __name__ == "__main__":
    main()
