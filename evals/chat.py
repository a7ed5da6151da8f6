"""Chat eval on the demo team: does the answer cite what it must, and nobody it must not?

Labelled conversations (evals/data/chat-dev.yaml to tune on, chat-test.yaml never tuned on;
format in the test file's header) run through the same ChatService as the app and
`coach ask`, turn by turn with the conversation state carried over. Figures: required-source
hit rate (per required source, and per turn with all of them), wrong-person citations,
unknown-name and typo handling, person and intent accuracy, each with n and a 95% Wilson
interval. The test split's errors are not printed unless asked for.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from coach.chat.service import ChatService, Draft
from coach.chat.understand import ConversationState
from coach.demo.loader import install_demo, load_team
from coach.storage import repo
from coach.storage.models import ActionItem, CheckIn, Meeting
from evals.common import load_yaml, scratch_container

DATA = Path(__file__).parent / "data"
SPLITS = {"dev": DATA / "chat-dev.yaml", "test": DATA / "chat-test.yaml"}
TODAY = dt.date(2026, 6, 1)


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval of a proportion (sound at 0 and 1, unlike the normal one)."""
    if n == 0:
        return (0.0, 1.0)
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 3), round(min(1.0, centre + half), 3))


def _rate(hits: int, n: int) -> dict[str, Any]:
    return {
        "rate": round(hits / n, 3) if n else None,
        "hits": hits,
        "n": n,
        "ci95": wilson(hits, n),
    }


def _keys(c: Any, mid: int, key_of: dict[str, str]) -> dict[str, str]:
    """Database ids of the demo rows -> the eval's stable names (meeting:sanne:24, ...)."""
    out: dict[str, str] = {}
    with c.db.session() as s:
        meetings = {m.id: m for m in s.query(Meeting).filter(Meeting.manager_id == mid)}
        for n in repo.list_notes(s, mid):
            kind = "meeting" if n.source == "meeting" else "note"
            out[f"note:{n.id}"] = f"{kind}:{key_of[n.person.name]}:{(TODAY - n.date).days}"
        for a in s.query(ActionItem).filter(ActionItem.manager_id == mid):
            m = meetings.get(a.meeting_id) if a.meeting_id else None
            if m is not None:
                person = key_of[repo.get_person(s, mid, a.person_id).name]
                out[f"action:{a.id}"] = f"action:{person}:{(TODAY - m.held_at.date()).days}"
        for ci in s.query(CheckIn).filter(CheckIn.manager_id == mid):
            person = key_of[repo.get_person(s, mid, ci.person_id).name]
            out[f"checkin:{ci.id}"] = f"checkin:{person}:{(TODAY - ci.submitted_at.date()).days}"
    return out


def _cited(draft: Draft, names: dict[str, str]) -> tuple[set[str], set[str]]:
    """(stable refs cited, person keys whose data is cited)."""
    refs: set[str] = set()
    people: set[str] = set()
    for src in draft.sources:
        for r in src.refs:
            stable = r if r.startswith("knowledge:") else names.get(r, r)
            refs.add(stable)
            if not stable.startswith("knowledge:"):
                people.add(stable.split(":")[1])
    return refs, people


def score(
    convs: list[dict[str, Any]],
    service: ChatService,
    mid: int,
    names: dict[str, str],
    keys: list[str],
    id_of: dict[str, int],
    *,
    crossed: bool = False,
) -> dict[str, Any]:
    """`crossed`: every question asked with the app in the other language (a Dutch manager in
    an English browser): the answer must still come in the question's language."""
    kinds = ("sources", "turns_all", "wrong", "unknown", "typo", "person", "intent", "language")
    tally = {k: [0, 0] for k in kinds}
    errors: list[dict[str, Any]] = []
    per_lang = {"nl": 0, "en": 0}
    for conv in convs:
        state = ConversationState()
        for turn in conv["turns"]:
            wrong: list[str] = []
            asked = conv["language"]
            per_lang[asked] += 1
            ui = ("en" if asked == "nl" else "nl") if crossed else asked
            draft = service.draft(mid, turn["q"], ui, state)
            state = draft.state
            tally["language"][0] += draft.language == asked
            tally["language"][1] += 1
            if draft.language != asked:
                wrong.append(f"answered in {draft.language}")
            refs, people = _cited(draft, names)
            want = turn.get("person")
            if "unknown" in turn:
                ok = draft.unknown is not None and draft.unknown.lower() == turn["unknown"].lower()
                tally["unknown"][0] += ok and not people
                tally["unknown"][1] += 1
                if not ok or people:
                    wrong.append(f"unknown {turn['unknown']!r} got {draft.unknown!r}")
            if "suggest" in turn:
                ok = [p.id for p in draft.suggestions] == [id_of[turn["suggest"]]]
                tally["typo"][0] += ok and not people
                tally["typo"][1] += 1
                if not ok:
                    wrong.append(f"suggest {turn['suggest']} got {draft.suggestions}")
            forbid = set(turn.get("forbid") or [k for k in keys if k != want])
            bad = people & forbid
            tally["wrong"][0] += bool(bad)
            tally["wrong"][1] += 1
            if bad:
                wrong.append(f"cited forbidden {sorted(bad)}")
            if "person" in turn:
                got = next((k for k, i in id_of.items() if i == draft.person_id), None)
                tally["person"][0] += got == want
                tally["person"][1] += 1
                if got != want:
                    wrong.append(f"person {want} got {got}")
            if "intent" in turn:
                tally["intent"][0] += draft.intent == turn["intent"]
                tally["intent"][1] += 1
                if draft.intent != turn["intent"]:
                    wrong.append(f"intent {turn['intent']} got {draft.intent}")
            required = turn.get("sources") or []
            missing = []
            for need in required:
                options = need if isinstance(need, list) else [need]
                hit = any(o in refs for o in options)
                tally["sources"][0] += hit
                tally["sources"][1] += 1
                if not hit:
                    missing.append(options)
            if required:
                tally["turns_all"][0] += not missing
                tally["turns_all"][1] += 1
            if missing:
                wrong.append(f"missing {missing}")
            if wrong:
                errors.append(
                    {"id": conv["id"], "q": turn["q"], "problems": wrong, "cited": sorted(refs)}
                )
    out: dict[str, Any] = {"questions": per_lang["nl"] + per_lang["en"], **per_lang}
    out["required_source_hit_rate"] = _rate(*tally["sources"])
    out["turns_with_all_required"] = _rate(*tally["turns_all"])
    wrong_hits, wrong_n = tally["wrong"]
    out["wrong_person_citations"] = {
        "turns": wrong_hits,
        "n": wrong_n,
        "ci95": wilson(wrong_hits, wrong_n),
    }
    out["unknown_names_handled"] = _rate(*tally["unknown"])
    out["typos_suggested"] = _rate(*tally["typo"])
    out["person_accuracy"] = _rate(*tally["person"])
    out["intent_accuracy"] = _rate(*tally["intent"])
    out["answer_language"] = _rate(*tally["language"])
    out["errors"] = errors
    return out


def run(
    splits: tuple[str, ...] = ("dev", "test"), show_test_errors: bool = False
) -> dict[str, Any]:
    team = load_team()
    key_of = {p["name"]: p["key"] for p in team["people"]}
    result: dict[str, Any] = {}
    with scratch_container() as c:
        install_demo(c, today=TODAY)
        with c.db.session() as s:
            mid = repo.get_manager(s, team["manager"]["username"]).id
            id_of = {key_of[p.name]: p.id for p in repo.list_people(s, mid)}
        names = _keys(c, mid, key_of)
        now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
        service = ChatService.from_container(c, paragraph=False)
        from dataclasses import replace

        service.answers = replace(service.answers, now=lambda: now)
        for split in splits:
            convs = load_yaml(SPLITS[split])
            for key, crossed in ((split, False), (f"{split}_crossed", True)):
                r = score(convs, service, mid, names, list(id_of), id_of, crossed=crossed)
                if split == "test" and not show_test_errors:
                    r["errors"] = len(r["errors"])
                result[key] = r
    return result


def _section(r: dict[str, Any], title: str) -> list[str]:
    def fmt(name: str, x: dict[str, Any]) -> str:
        rate = "-" if x["rate"] is None else f"{x['rate']:.3f}"
        low, high = x["ci95"]
        return f"  {name:<28} {rate}  ({x['hits']}/{x['n']}, 95% CI {low:.3f}-{high:.3f})"

    w = r["wrong_person_citations"]
    lines = [
        f"{title}: {r['questions']} questions ({r['nl']} nl, {r['en']} en)",
        fmt("required-source hit rate", r["required_source_hit_rate"]),
        fmt("turns with all required", r["turns_with_all_required"]),
        f"  {'wrong-person citations':<28} {w['turns']} of {w['n']} turns "
        f"(95% CI {w['ci95'][0]:.3f}-{w['ci95'][1]:.3f})",
        fmt("unknown names handled", r["unknown_names_handled"]),
        fmt("typos suggested", r["typos_suggested"]),
        fmt("person accuracy", r["person_accuracy"]),
        fmt("intent accuracy", r["intent_accuracy"]),
        fmt("answered in its language", r["answer_language"]),
    ]
    errs = r["errors"]
    if isinstance(errs, int):
        lines.append(f"  errors: {errs} (not printed: test split)")
    else:
        for e in errs:
            lines.append(f"  x {e['id']}: {e['q']} -> {'; '.join(e['problems'])}")
    return lines


def format_report(result: dict[str, Any]) -> str:
    lines: list[str] = []
    titles = {"dev": "dev split (tuned on)", "test": "test split (never tuned on)"}
    for split, title in titles.items():
        for key, where in ((split, ""), (f"{split}_crossed", ", app in the other language")):
            if key in result:
                lines += [*_section(result[key], title + where), ""]
    return "\n".join(lines).rstrip()


if __name__ == "__main__":
    print(format_report(run(("dev",))))
