"""Build the gate eval sets from their sources.

The sets (see evals/gate.py for what each is for):
- gate-dev.yaml and gate-dev2.yaml: the first sets, built by `build()` from cases.jsonl. The
  second was the first test set (gate-test.yaml until 6 Dec 2026); it was run and read so often
  that it is a dev set now. Their written texts are generic advice ({first} filled in) paired
  with a random case of their prompt, so they are not answers to that case's own question.
- gate-test2.yaml, gate-dev3.yaml, gate-test3.yaml and gate-test4.yaml: built by
  `build_set(name)` from <set>-cases.yaml (cases and one good text per case, written by hand)
  and the embedded model's replies to those cases (model_outputs-<set>.jsonl from
  `evals.gate_generate2`, labelled by reading in model_labels-<set>.yaml). Every derived bad
  text belongs to the case its good text answers (no random pairing). test2 was the held-out
  set until 6 Dec 2026; it was run and read, so it is dev-like now. test3 was the held-out set
  until test4: run once on 6 Dec (its figures are in the README) and read since. test4 is the
  held-out set.

Sources: the embedded model's real outputs (model_outputs.jsonl, from `evals.gate_generate`)
with the labels given by reading each one (model_labels.yaml), and the hand-written texts
(written.yaml). Each written good text is also turned into bad variants the gate must catch:
a loop (a sentence said three times), an echo of the prompt or the question, and for prep
narratives a citation marker the model was never given. Every item names its `case` (the
prompt, question and allowed markers it answers, an index into model_outputs.jsonl).

The split is by `group` (a source text and everything derived from it), so a variant of a
test text never lands in dev. Run once per set: `.venv/bin/python -m evals.gate_build SET`;
the output files are committed and are the data, this script only documents how they were
made.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from coach.gate.policy import instructions
from coach.prompts import get_prompt

DATA = Path(__file__).parent / "data" / "gate"
TEST_SHARE = 4  # of 10 groups


def load_cases() -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in (DATA / "cases.jsonl").read_text().splitlines() if x]
    return sorted(rows, key=lambda r: r["case"])


def _split(group: str) -> str:
    h = int(hashlib.sha256(group.encode()).hexdigest(), 16) % 10
    return "test" if h < TEST_SHARE else "dev"


def _fill(text: str, case: dict[str, Any]) -> str:
    marks = [f"[{c}]" for c in case["citations"]] or ["", "", ""]
    return text.format(
        first=case["person"], m1=marks[0], m2=marks[1 % len(marks)], m3=marks[2 % len(marks)]
    )


def _prompt_echo(case: dict[str, Any], rng: random.Random) -> str:
    """A line of the prompt's own instructions, as the embedded model often returns it."""
    own = instructions(get_prompt(case["prompt"], case["language"]))
    lines = [x.strip(" -:") for x in own.splitlines() if len(x.split()) >= 6]
    return rng.choice(lines)


def _loop(text: str, form: int) -> str:
    """Three shapes of a repetition loop, as weak models produce them."""
    first = text.split(". ")[0].rstrip(".") + "."
    tail = " ".join(text.split()[-4:]).rstrip(".!?")
    match form % 3:
        case 0:
            return " ".join([first] * 3)
        case 1:
            return f"{text} {tail}, {tail}, {tail}, {tail}."
        case _:
            return f"{first} {first.lower()} En {first.lower()}"


def _adder(items: list[dict[str, Any]], prefix: str = "") -> Callable[..., None]:
    """add(group, kind, case, text, label): one eval item, appended to `items`."""

    def add(group: str, kind: str, case: dict[str, Any], text: str, label: str) -> None:
        items.append(
            {
                "id": f"{prefix}{kind}-{len(items):03d}",
                "group": group,
                "kind": kind,
                "case": case["case"],
                "language": case["language"],
                "prompt": case["prompt"],
                "label": label,
                "text": text,
            }
        )

    return add


def build() -> list[dict[str, Any]]:
    rng = random.Random(1212)
    cases = load_cases()
    outputs = [json.loads(x) for x in (DATA / "model_outputs.jsonl").read_text().splitlines() if x]
    for o in outputs:
        cases[o["case"]]["output"] = o["output"]
    labels = yaml.safe_load((DATA / "model_labels.yaml").read_text(encoding="utf-8")) or {}
    written = yaml.safe_load((DATA / "written.yaml").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = []
    add = _adder(items)

    for c in cases:
        if "output" in c and c["case"] in labels:
            add(f"model-{c['case']}", "model", c, c["output"], labels[c["case"]])
    for prompt, per_lang in written.items():
        for lang, kinds in per_lang.items():
            pool = [c for c in cases if c["prompt"] == prompt and c["language"] == lang]
            for kind, texts in kinds.items():
                for i, raw in enumerate(texts):
                    case = rng.choice(pool)
                    # The NL and EN lists run parallel (an item and its translation share an
                    # index): one group, one split, counted once in the figures.
                    group = f"{prompt}-{kind}-{i}"
                    text = _fill(raw, case)
                    if kind != "good":
                        add(
                            group,
                            {"foreign": "language", "invented": "invented"}[kind],
                            case,
                            text,
                            "bad",
                        )
                        continue
                    add(group, "written", case, text, "ok")
                    if i % 2 == 0:
                        add(group, "loop", case, _loop(text, i // 2), "bad")
                    if prompt == "prep_narrative" and case["citations"][0] in text:
                        add(
                            group,
                            "citation",
                            case,
                            text.replace(f"[{case['citations'][0]}]", "[n99 · 1 jan]"),
                            "bad",
                        )
            for i, case in enumerate(rng.sample(pool, k=min(6, len(pool)))):
                group = f"{prompt}-echo-{i}"
                add(group, "echo", case, _prompt_echo(case, rng), "bad")
                if case["question"]:
                    add(group, "echo", case, case["question"], "bad")
    for it in items:
        it["split"] = _split(it["group"])
    return items


# The group (and id) prefix of each set built by `build_set`.
PREFIX = {"test2": "t2-", "dev3": "d3-", "test3": "t3-", "test4": "t4-"}
HEAD = {
    "test2": (
        "# Gate eval, test set test2 ({n} texts), built by evals/gate_build.py\n"
        "# from test2-cases.yaml, written and labelled before any gate run on it (6 Dec 2026).\n"
        "# It was the held-out set until test3 (6 Dec 2026); it has been run and read since.\n"
    ),
    "dev3": (
        "# Gate eval, dev set dev3 ({n} texts), built by evals/gate_build.py\n"
        "# from dev3-cases.yaml and the model replies labelled by reading. May be tuned on.\n"
    ),
    "test3": (
        "# Gate eval, test set test3 ({n} texts), built by evals/gate_build.py\n"
        "# from test3-cases.yaml, written and labelled before any gate run on it (6 Dec 2026).\n"
        "# It was the held-out set until test4 (6 Dec 2026); it has been run and read since.\n"
    ),
    "test4": (
        "# Gate eval, held-out test set test4 ({n} texts), built by evals/gate_build.py\n"
        "# from test4-cases.yaml, written and labelled before any gate run on it (6 Dec 2026).\n"
        "# NEVER tune on this set: its figures are the honest estimate.\n"
    ),
}


def main(name: str = "test2") -> None:
    """Writes gate-<name>.yaml (test2, dev3, test3 or test4). The first sets (gate-dev.yaml,
    gate-dev2.yaml) are kept as committed: `build()` made them, but its prompt echoes came from
    `instructions()` as it was then (before 8b15deb), so a rebuild today would change 50 of
    their echo texts."""
    rows = build_set(name)
    _write(DATA / f"gate-{name}.yaml", HEAD[name].format(n=len(rows)), rows)


def _write(path: Path, head: str, rows: list[dict[str, Any]]) -> None:
    path.write_text(
        head + yaml.safe_dump(rows, allow_unicode=True, sort_keys=False, width=100),
        encoding="utf-8",
    )
    print(path, len(rows))


def _persona_echo(case: dict[str, Any]) -> str:
    """An instruction line of the rendered role-play prompt, said back as the persona's line
    (the first line, the mood, the manager's move or the closing instruction)."""
    lines = [x.strip() for x in case["system"].splitlines() if x.strip()]
    pick = [lines[0], lines[-1], *(x for x in lines if x.startswith(("Mood:", "Stemming:")))]
    return pick[case["case"] % len(pick)]


def build_set(name: str = "test2") -> list[dict[str, Any]]:
    """gate-<name>.yaml: per case its model reply (labelled by reading), its good text and the
    known bad kinds derived from that good text, all gated with that case's own context."""
    rng = random.Random(612)
    pre = PREFIX[name]
    lines = (DATA / f"cases-{name}.jsonl").read_text().splitlines()
    cases = {c["case"]: c for c in map(json.loads, lines)}
    path = DATA / f"model_outputs-{name}.jsonl"
    outputs = [json.loads(x) for x in path.read_text().splitlines() if x] if path.exists() else []
    labels = yaml.safe_load((DATA / f"model_labels-{name}.yaml").read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = []
    add = _adder(items, pre)

    for o in sorted(outputs, key=lambda o: o["case"]):
        if o["case"] in labels:
            c = cases[o["case"]]
            add(f"{pre}model-{c['case']}", "model", c, o["output"], labels[o["case"]])
    # The case in the other language at the same place of the same prompt: its good text is
    # the wrong language here.
    twin: dict[int, dict[str, Any]] = {}
    for prompt in ("coach_answer", "prep_narrative", "rehearsal"):
        nl = [c for c in cases.values() if c["prompt"] == prompt and c["language"] == "nl"]
        en = [c for c in cases.values() if c["prompt"] == prompt and c["language"] == "en"]
        for a, b in zip(nl, en, strict=True):
            twin[a["case"]], twin[b["case"]] = b, a
    for i, c in enumerate(sorted(cases.values(), key=lambda c: c["case"])):
        group, good = f"{pre}case-{c['case']}", c["good"]
        add(group, "written", c, good, "ok")
        add(group, "loop", c, _loop(good, i), "bad")
        add(group, "language", c, twin[c["case"]]["good"], "bad")
        echo = _persona_echo(c) if c["prompt"] == "rehearsal" else _prompt_echo(c, rng)
        add(group, "echo", c, echo, "bad")
        if c["question"]:
            add(group, "echo", c, c["question"], "bad")
        if c["prompt"] == "prep_narrative":
            first = f"[{c['citations'][0]}]"
            add(group, "citation", c, good.replace(first, "[n99 · 1 jan]"), "bad")
    return items


if __name__ == "__main__":
    import sys

    main(*sys.argv[1:2])
