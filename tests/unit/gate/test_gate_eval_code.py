"""The gate eval's own code: each item is gated as the app gates its prompt's text, with its
own case's context, and the held-out set's errors stay hidden. (The eval's figures are read
from `coach eval gate`, never asserted here.)"""

import json

from evals import gate as ge
from evals import gate_build as gb
from evals import gate_generate2 as gg


def _persona_case(**extra: object) -> dict:
    card = ["Ilse Brouwer", "accountmanager", "Twee offertes met oude prijzen verstuurd"]
    return {
        "case": 1,
        "prompt": "rehearsal",
        "language": "nl",
        "system": "Je bent Ilse Brouwer, accountmanager. Je praat met je leidinggevende.",
        "question": "Ik zag dat de offertes nog de oude prijzen hadden.",
        "persona_name": "Ilse Brouwer",
        "band": "medium",
        "card": card,
        "inputs": [],
        "citations": [],
        **extra,
    }


def _item(text: str) -> dict:
    return {"text": text}


def test_a_persona_line_is_cleaned_as_the_role_play_does_before_the_gate() -> None:
    # The speaker label goes and the fourth, cut-off sentence is dropped (clean_reply), so the
    # line the app would show passes; gated raw it would fail as cut off.
    raw = (
        "Ilse: Die prijslijst kreeg ik pas vrijdag. Toen zat ik vol met de beurs. "
        "Wat had ik dan moeten doen? En daarna wilde ik nog"
    )
    assert ge.verdict(_item(raw), _persona_case()) is None


def test_a_persona_line_is_checked_against_its_own_card() -> None:
    line = "Mijn moeder is ziek, daarom was ik er met mijn hoofd niet bij."
    assert ge.verdict(_item(line), _persona_case()) == "card"
    with_mother = _persona_case(card=[*_persona_case()["card"], "zorgt voor haar moeder"])
    assert ge.verdict(_item(line), with_mother) is None


def test_a_prep_narrative_must_cite_one_of_its_own_markers() -> None:
    case = {
        "case": 2,
        "prompt": "prep_narrative",
        "language": "en",
        "question": "",
        "inputs": ["Facts:\n- Sent release notes at 1 a.m. [n51 · 12 Nov]"],
        "citations": ["n51 · 12 Nov"],
    }
    good = (
        "Priya sent release notes at 1 a.m. three nights this week [n51 · 12 Nov]. "
        "Make her workload the main topic of the conversation."
    )
    assert ge.verdict(_item(good), case) is None
    assert ge.verdict(_item(good.replace("[n51 · 12 Nov]", "")), case) == "no_citation"
    assert ge.verdict(_item(good.replace("n51 · 12 Nov", "n99 · 1 Jan")), case) == "no_citation"


def test_a_first_set_role_play_case_gets_its_card_and_band() -> None:
    case = next(c for c in ge.load_cases().values() if c["prompt"] == "rehearsal")
    assert case["card"][0].split()[0] == case["person"] and len(case["card"]) == 4
    assert case["band"] in {"low", "medium", "high"}
    assert case["band"] == "low" or "rustig en open" not in case["system"]


def test_every_test2_item_belongs_to_its_own_case() -> None:
    items = gb.build_set("test2")
    cases = ge.load_cases()
    for it in items:
        assert it["case"] >= 1000 and cases[it["case"]]["prompt"] == it["prompt"]
        if it["kind"] == "written":
            assert it["text"] == cases[it["case"]]["good"]
        if it["group"].startswith("t2-case-"):
            assert it["group"] == f"t2-case-{it['case']}"
    wrong = [it for it in items if it["kind"] == "language"]
    assert wrong and all(cases[it["case"]]["good"] != it["text"] for it in wrong)
    assert all(
        any(c.get("good") == it["text"] and c["language"] != it["language"] for c in cases.values())
        for it in wrong
    )


def test_the_held_out_errors_are_not_printed_unless_asked() -> None:
    err = {"id": "t2-x", "label": "bad", "reason": None, "text": "SECRET"}
    part = {
        "n": 1,
        "bad_blocked": {"k": 0, "n": 1, "rate": 0.0, "ci95": (0.0, 0.8)},
        "good_passed": {"k": 0, "n": 0, "rate": None, "ci95": (0.0, 1.0)},
        "by_kind": {},
        "model_pass_rate": {},
        "errors": [err],
    }
    result = {"set": "dev", **part, "heldout": {"set": "test2", **part}}
    hidden = ge.format_report(result)
    assert hidden.count("SECRET") == 1  # the dev error only
    assert ge.format_report(result, show_test_errors=True).count("SECRET") == 2


def test_every_case_file_is_read_and_no_two_sets_share_a_case_id() -> None:
    files = [ge.DATA / "cases.jsonl", *sorted(ge.DATA.glob("cases-*.jsonl"))]
    ids = [json.loads(x)["case"] for f in files for x in f.read_text().splitlines() if x]
    assert len(files) >= 2 and len(ids) == len(set(ids)) == len(ge.load_cases())
    for name, first in gg.FIRST_CASE.items():
        path = gg.cases_path(name)
        if path.exists():
            own = [json.loads(x)["case"] for x in path.read_text().splitlines() if x]
            assert all(first <= i < first + 1000 for i in own)


def test_shard_parts_are_merged_in_generation_order_only_when_complete(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(gg, "DATA", tmp_path)
    part = {k: gg.outputs_path("test4").with_suffix(f".{k}.part") for k in (0, 1)}
    part[0].write_text('{"case": 4000, "output": "a"}\n{"case": 4020, "output": "c"}\n')
    part[1].write_text('{"case": 4010, "output": "b"}\n')
    gg.merge("test4", [4000, 4010, 4020, 4028], 2)
    assert not gg.outputs_path("test4").exists() and part[0].exists()
    with part[1].open("a") as fh:
        fh.write('{"case": 4028, "output": "d"}\n')
    gg.merge("test4", [4000, 4010, 4020, 4028], 2)
    merged = [json.loads(x)["case"] for x in gg.outputs_path("test4").read_text().splitlines()]
    assert merged == [4000, 4010, 4020, 4028]
    assert not part[0].exists() and not part[1].exists()
