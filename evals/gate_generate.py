"""Collect real outputs of the embedded model (SmolLM2-135M, COACH_LLM=local) for the gate eval.

Run (slow, a few minutes on 2 cores; niced): `nice -n 10 .venv/bin/python -m evals.gate_generate`
It renders the app's own prompts (coach_answer, prep_narrative, rehearsal; NL and EN) with
inputs drawn from the demo team and the knowledge base, asks the embedded model for a short
reply and writes evals/data/gate/model_outputs.jsonl (unlabelled). The labels (ok/bad) were
added by reading every output (evals/data/gate/*.yaml), not by running the gate.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import HumanMessage, SystemMessage

from coach.llm import LLMClient, LLMUnavailable
from coach.prompts import get_prompt
from coach.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).parent / "data" / "gate" / "model_outputs.jsonl"
CASES = OUT.with_name("cases.jsonl")
MAX_TOKENS = 60

QUESTIONS = {
    "nl": [
        "Hoe gaat het met de energie van {first}?",
        "Wat heb ik vorige keer met {first} afgesproken?",
        "Wat kan ik {first} vragen over ambities?",
        "Hoe pak ik het gesprek met {first} aan?",
        "Hoe geef ik {first} feedback over gemiste deadlines?",
        "Waar moet ik op letten in mijn volgende 1:1 met {first}?",
        "Hoe vraag ik {first} naar werkdruk zonder te sturen?",
        "Welke open acties staan er nog voor {first}?",
        "Hoe bespreek ik een conflict tussen {first} en een collega?",
        "Hoe reageer ik als {first} zegt dat het wel gaat?",
    ],
    "en": [
        "How is {first} doing on energy?",
        "What did I agree with {first} last time?",
        "What can I ask {first} about ambitions?",
        "How do I approach the conversation with {first}?",
        "How do I give {first} feedback on missed deadlines?",
        "What should I watch for in my next 1:1 with {first}?",
        "How do I ask {first} about workload without leading?",
        "Which open actions are there for {first}?",
        "How do I discuss a conflict between {first} and a colleague?",
        "How do I respond when {first} says everything is fine?",
    ],
}
MANAGER_LINES = {
    "nl": [
        "Hoe gaat het nu echt met je?",
        "Ik zie dat je vaak 's avonds nog mailt. Hoe komt dat?",
        "Wat zou je graag anders zien in je werk?",
        "Ik wil het met je hebben over de deadlines van de afgelopen weken.",
        "Waar krijg je energie van op dit moment?",
        "Hoe kijk je terug op het besluit over je promotie?",
        "Wat heb je van mij nodig?",
        "Hoe loopt de samenwerking met je collega's?",
        "Waar wil je over een jaar staan?",
        "Ik merk dat je stiller bent in het overleg. Klopt dat?",
    ],
    "en": [
        "How are you really doing?",
        "I see you often send mails late at night. What's going on?",
        "What would you like to be different in your work?",
        "I want to talk about the deadlines of the last few weeks.",
        "What gives you energy at the moment?",
        "How do you look back on the promotion decision?",
        "What do you need from me?",
        "How is the collaboration with your colleagues going?",
        "Where do you want to be in a year?",
        "I notice you are quieter in meetings. Is that right?",
    ],
}


def _team() -> list[dict[str, Any]]:
    data = yaml.safe_load((ROOT / "coach" / "demo" / "team.yaml").read_text(encoding="utf-8"))
    return list(data["people"])


def _knowledge(lang: str) -> list[str]:
    texts = []
    for f in sorted((ROOT / "knowledge" / lang).glob("*.md")):
        body = f.read_text(encoding="utf-8").split("---", 2)[-1]
        texts.append(" ".join(body.split())[:400])
    return texts


def _notes(p: dict[str, Any]) -> list[str]:
    out = [n["text"] for n in p.get("notes", [])]
    out += [" ".join(m["notes"].split()) for m in p.get("meetings", [])]
    return out


def cases(rng: random.Random) -> list[dict[str, Any]]:
    """(prompt name, language, system, user, question, allowed citations) per generation."""
    team = _team()
    out: list[dict[str, Any]] = []
    for lang in ("nl", "en"):
        know = _knowledge(lang)
        for i, q in enumerate(QUESTIONS[lang] * 3):
            p = team[(i * 3 + (lang == "en")) % len(team)]
            first = p["name"].split()[0]
            question = q.format(first=first)
            notes = rng.sample(_notes(p), k=min(2, len(_notes(p))))
            system, user = get_prompt("coach_answer", lang).render(
                question=question,
                notes="\n".join(f"- {p['name']}: {n[:300]}" for n in notes),
                knowledge=rng.choice(know),
            )
            out.append(
                dict(
                    prompt="coach_answer",
                    language=lang,
                    person=first,
                    system=system,
                    user=user,
                    question=question,
                    citations=[],
                )
            )
        for p in team * 2:
            notes = _notes(p)
            facts = [
                f"- {n[:200]} [n{10 + j} · {j + 3} nov]"
                for j, n in enumerate(rng.sample(notes, k=min(3, len(notes))))
            ]
            system, user = get_prompt("prep_narrative", lang).render(
                name=p["name"].split()[0], facts="\n".join(facts), gaps="ambities, energie"
            )
            out.append(
                dict(
                    prompt="prep_narrative",
                    language=lang,
                    person=p["name"].split()[0],
                    system=system,
                    user=user,
                    question="",
                    citations=[f"n{10 + j} · {j + 3} nov" for j in range(3)],
                )
            )
        rp = get_prompt("rehearsal", lang)
        for i, line in enumerate(MANAGER_LINES[lang] * 2):
            p = team[i % len(team)]
            system, _ = rp.render(
                name=p["name"].split()[0],
                role=p.get("role", ""),
                situation="een 1-op-1 over werkdruk" if lang == "nl" else "a 1:1 about workload",
                background="",
                style="",
                events="",
                concerns=p.get("profile", "")[:200],
                tone=rp.part(["tone_low", "tone_medium", "tone_high"][i % 3]),
            )
            out.append(
                dict(
                    prompt="rehearsal",
                    language=lang,
                    person=p["name"].split()[0],
                    system=system,
                    user=line,
                    question=line,
                    citations=[],
                )
            )
    return out


def all_cases() -> list[dict[str, Any]]:
    every = cases(random.Random(12))
    for i, c in enumerate(every):
        c["case"] = i
    return every


def write_cases() -> None:
    """cases.jsonl: every prompt context of the eval (the model's outputs refer to them)."""
    CASES.write_text(
        "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in all_cases()), encoding="utf-8"
    )


def main(limit: int | None = None) -> None:
    # One thread: on a shared, oversubscribed machine llama.cpp's thread barriers stall.
    from langchain_community.chat_models import ChatLlamaCpp

    from coach.llm.client import local_model_path

    model = ChatLlamaCpp(
        model_path=str(local_model_path()),
        n_ctx=4096,
        n_threads=1,
        n_batch=512,  # langchain-community defaults to 8: prompts then take minutes
        max_tokens=MAX_TOKENS,
        temperature=0.4,
        repeat_penalty=1.15,
        verbose=False,
    )
    client = LLMClient(Settings(llm="local", llm_max_tokens=MAX_TOKENS), model=model)
    every = all_cases()
    # Round-robin over (prompt, language), so a shortened run still covers every kind.
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in every:
        groups.setdefault((c["prompt"], c["language"]), []).append(c)
    order = [g[i] for i in range(len(every)) for g in groups.values() if i < len(g)]
    done = (
        {json.loads(x)["case"] for x in OUT.read_text().splitlines() if x}
        if OUT.exists()
        else set()
    )
    todo = [c for c in order[:limit] if c["case"] not in done]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("a", encoding="utf-8") as fh:
        for i, c in enumerate(todo):
            try:
                text = client.complete(
                    [SystemMessage(c["system"]), HumanMessage(c["user"])], max_tokens=MAX_TOKENS
                )
            except LLMUnavailable as e:
                sys.exit(str(e))
            c["output"] = text
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
            fh.flush()
            print(f"{i + 1}/{len(todo)} {c['prompt']}.{c['language']}", file=sys.stderr)


if __name__ == "__main__":
    write_cases()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
