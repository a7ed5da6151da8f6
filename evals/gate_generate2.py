"""Render a gate set's hand-written cases (evals/data/gate/<set>-cases.yaml; sets test2,
dev3, test3 and test4) into the app's own prompts and collect the embedded model's replies to them.

Run (slow on a shared 2-core machine; niced):
`nice -n 10 .venv/bin/python -m evals.gate_generate2 [SET] [SHARD N]` (SET: test2 by default)
Writes evals/data/gate/cases-<set>.jsonl (every case with the messages the app would send and
the context its gate call gets) and appends the model's replies to
evals/data/gate/model_outputs-<set>.jsonl (with SHARD N, shard k of N writes
model_outputs-<set>.k.part; the shard that finishes last merges the parts into the .jsonl in
generation order). Case ids never collide across sets: each set has
its own range (FIRST_CASE). Unlike evals/gate_generate.py (the first sets),
each case is rendered the way its caller in the app renders it:

- coach_answer: coach/chat/service.py (notes "- name: excerpt", knowledge excerpts), the
  paragraph's token limit (coach/chat/paragraph.MAX_TOKENS); the gate's inputs are the
  sources' names and texts.
- prep_narrative: coach/prep/narrate.py (facts with their markers, the gaps), its token limit.
- rehearsal: coach/rehearsal/generate.system_prompt with the scenario card, the move, phase,
  tension band and the authored gist, the manager's line as the last turn, its token limit;
  the gate is coach/rehearsal/replies.check_reply with the card (see evals/gate.py).

The labels (ok/bad) were added by reading every reply (model_labels-<set>.yaml), not by
running the gate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import HumanMessage, SystemMessage

from coach.chat.paragraph import MAX_TOKENS as CHAT_TOKENS
from coach.chat.service import excerpt
from coach.prep.narrate import MAX_TOKENS as PREP_TOKENS
from coach.prompts import get_prompt
from coach.rehearsal import generate
from coach.rehearsal.persona import Persona

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "gate"
# The first case id of each set (cases.jsonl, the first sets, holds 0-127).
FIRST_CASE = {"test2": 1000, "dev3": 2000, "test3": 3000, "test4": 4000}


def source(name: str) -> Path:
    return DATA / f"{name}-cases.yaml"


def cases_path(name: str) -> Path:
    return DATA / f"cases-{name}.jsonl"


def outputs_path(name: str) -> Path:
    return DATA / f"model_outputs-{name}.jsonl"


def _knowledge(lang: str, name: str) -> tuple[str, str]:
    """(title, body) of a knowledge card, as the chat's knowledge source holds it."""
    raw = (ROOT / "knowledge" / lang / f"{name}.md").read_text(encoding="utf-8")
    _, head, body = raw.split("---", 2)
    return str(yaml.safe_load(head)["title"]), " ".join(body.split())


def _card(c: dict[str, Any], lang: str) -> list[str]:
    """What coach/rehearsal/engine._card gives check_reply: the persona and the scenario."""
    return [
        c["name"],
        c["role"],
        c["background"],
        c["style"],
        *c["events"],
        *c["concerns"],
        c["description"],
    ]


def render(prompt: str, lang: str, c: dict[str, Any]) -> dict[str, Any]:
    first = (c.get("person") or c["name"]).split()[0]
    base = {"prompt": prompt, "language": lang, "person": first, "good": c["good"]}
    if prompt == "coach_answer":
        notes = [tuple(n.split(": ", 1)) for n in c["notes"]]
        title, body = _knowledge(lang, c["knowledge"])
        system, user = get_prompt(prompt, lang).render(
            question=c["question"],
            notes="\n".join(f"- {name}: {excerpt(text, 300)}" for name, text in notes),
            knowledge=excerpt(body, 400),
        )
        inputs = [*(n for n, _ in notes), title, *(t for _, t in notes), excerpt(body, 400)]
        return base | {
            "system": system,
            "user": user,
            "question": c["question"],
            "inputs": inputs,
            "citations": [],
            "max_tokens": CHAT_TOKENS,
        }
    if prompt == "prep_narrative":
        system, user = get_prompt(prompt, lang).render(
            name=first, facts="\n".join(f"- {f}" for f in c["facts"]), gaps=c["gaps"]
        )
        marks = [m for f in c["facts"] for m in [f.rsplit("[", 1)[1].rstrip("]")]]
        return base | {
            "system": system,
            "user": user,
            "question": "",
            "inputs": [user],
            "citations": marks,
            "max_tokens": PREP_TOKENS,
        }
    # The case writes its card out in full; no scenario stands behind it.
    card = {**c, "scenario_id": "", "language": lang, "recent_events": c["events"]}
    state = ("description", "band", "move", "phase", "gist")
    system = generate.system_prompt(
        Persona.from_dict(card), language=lang, **{k: c[k] for k in state}
    )
    return base | {
        "system": system,
        "user": c["manager"],
        "question": c["manager"],
        "persona_name": c["name"],
        "band": c["band"],
        "card": _card(c, lang),
        "inputs": [c["manager"]],
        "citations": [],
        "max_tokens": generate.MAX_TOKENS,
    }


def all_cases(name: str = "test2") -> list[dict[str, Any]]:
    src = yaml.safe_load(source(name).read_text(encoding="utf-8"))
    out = []
    for prompt, per_lang in src.items():
        for lang, cases in per_lang.items():
            out += [render(prompt, lang, c) for c in cases]
    for i, c in enumerate(out):
        c["case"] = FIRST_CASE[name] + i
    assert len(out) < 1000, "a set's case ids must stay inside its own range"
    return out


def write_cases(name: str = "test2") -> None:
    cases_path(name).write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in all_cases(name)),
        encoding="utf-8",
    )


def main(name: str = "test2", shard: int = 0, shards: int = 1) -> None:
    from langchain_community.chat_models import ChatLlamaCpp

    from coach.llm import LLMClient
    from coach.llm.client import local_model_path
    from coach.settings import Settings

    # The app's embedded model settings (coach/llm/client.py) with one thread: on a shared,
    # oversubscribed machine llama.cpp's thread barriers stall.
    model = ChatLlamaCpp(
        model_path=str(local_model_path()),
        n_ctx=4096,
        n_threads=1,
        n_batch=512,
        max_tokens=PREP_TOKENS,
        temperature=0.4,
        repeat_penalty=1.15,
        verbose=False,
    )
    client = LLMClient(Settings(llm="local"), model=model)
    every = all_cases(name)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in every:
        groups.setdefault((c["prompt"], c["language"]), []).append(c)
    order = [g[i] for i in range(len(every)) for g in groups.values() if i < len(g)]
    full = outputs_path(name)
    out = full.with_suffix(f".{shard}.part") if shards > 1 else full
    done = (
        {json.loads(x)["case"] for x in out.read_text().splitlines() if x}
        if out.exists()
        else set()
    )
    todo = [c for k, c in enumerate(order) if k % shards == shard and c["case"] not in done]
    with out.open("a", encoding="utf-8") as fh:
        for i, c in enumerate(todo):
            text = client.complete(
                [SystemMessage(c["system"]), HumanMessage(c["user"])], max_tokens=c["max_tokens"]
            )
            fh.write(json.dumps({"case": c["case"], "output": text}, ensure_ascii=False) + "\n")
            fh.flush()
            print(f"{i + 1}/{len(todo)} {c['prompt']}.{c['language']}", file=sys.stderr)
    if shards > 1:
        merge(name, [c["case"] for c in order], shards)


def merge(name: str, order: list[int], shards: int) -> None:
    """Once every shard is done: all shards' replies in generation order in one file, and the
    parts removed. Does nothing while a shard is still missing replies."""
    parts = [outputs_path(name).with_suffix(f".{k}.part") for k in range(shards)]
    rows = {
        json.loads(x)["case"]: x
        for p in parts
        if p.exists()
        for x in p.read_text(encoding="utf-8").splitlines()
        if x
    }
    if set(rows) != set(order):
        return
    outputs_path(name).write_text("".join(rows[c] + "\n" for c in order), encoding="utf-8")
    for p in parts:
        p.unlink(missing_ok=True)


if __name__ == "__main__":
    argv = sys.argv[1:]
    name = argv.pop(0) if argv and not argv[0].isdigit() else "test2"
    if name not in FIRST_CASE:
        sys.exit(f"unknown set {name!r}; known: {', '.join(FIRST_CASE)}")
    write_cases(name)
    main(name, *[int(a) for a in argv])
