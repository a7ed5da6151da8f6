"""Labelled utterances for the analytics detectors: our own dev/test sets and MIBot.

Every row is a turn: {"text", "language", "question", "reflection", "session", "source"}.
Own files without a session give each row its own session (they are independent utterances),
so "split by conversation" holds for every source. Rows may carry a "group" (an item and its
translation): scoring gives each group a total weight of one, so a translation counts once.

MIBot (../shared/data/mibot, CC BY-SA 4.0, Mahmood et al., Findings of ACL 2025): counsellor
turns labelled by an automatic coder. R -> reflection (kind unknown), Q -> question (open or
closed unknown); MICO/MIIN/Other -> neither. Unknown parts are None in "open"/"complex" and
left out of those heads. A MICO/Other turn ending in "?" (asking permission, say) is left out
of the question head: under our conventions it is a question, for the coder it is not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
DEV_FILES = sorted((DATA / "dev").glob("analytics-*.jsonl"))
TEST_FILES = sorted((DATA / "test").glob("analytics-*.jsonl"))
_ROOT = Path(__file__).resolve().parents[1]
# shared/ inside the checkout, ../shared beside it, or the workplace's copy.
_MIBOT_CANDIDATES = tuple(
    base / "data" / "mibot" / "transcripts"
    for base in (_ROOT / "shared", _ROOT.parent / "shared", Path("/work/shared"))
)


def mibot_dir() -> Path | None:
    for folder in _MIBOT_CANDIDATES:
        if folder.is_dir():
            return folder
    return None


def load_own(files: list[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                row = json.loads(line)
                row.setdefault("session", f"{path.stem}:{n}")
                row["session"] = f"{path.stem}/{row['session']}"
                row["source"] = path.stem
                rows.append(row)
    return rows


def load_mibot(folder: Path | None = None) -> list[dict[str, Any]]:
    """Counsellor turns of every MIBot transcript (empty when the data is not there)."""
    folder = folder or mibot_dir()
    if folder is None:
        return []
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for u in data["utterances"]:
            if u["speaker"] != "counsellor" or not u["text"].strip():
                continue
            label = u["auto_misc_label"]
            asked = u["text"].rstrip().endswith("?")
            question: str | None = "unknown" if label == "Q" else None
            rows.append(
                {
                    "text": u["text"],
                    "language": "en",
                    "question": question,
                    "reflection": "unknown" if label == "R" else None,
                    "session": f"mibot/{path.stem[:12]}",
                    "source": "mibot",
                    "label": label,
                    "skip_question": asked and label in ("MICO", "MIIN", "Other"),
                }
            )
    return rows


def sessions(rows: list[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Rows per session in order of first appearance."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["session"], []).append(row)
    yield from out.items()


def weights(rows: list[dict[str, Any]]) -> list[float]:
    """1 per row, 1/k for each of the k rows of a translation group."""
    size: dict[str, int] = {}
    for row in rows:
        if row.get("group"):
            size[row["group"]] = size.get(row["group"], 0) + 1
    return [1.0 / size[r["group"]] if r.get("group") else 1.0 for r in rows]
