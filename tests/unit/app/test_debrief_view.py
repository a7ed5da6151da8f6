"""Review state of the debrief: owners, continued items, adding items, and the stop text."""

import datetime as dt

import pytest

from coach.app.flows.debrief_stop import stop_language
from coach.app.flows.debrief_view import (
    DebriefState,
    add_item,
    apply,
    parse_owner,
    review_actions,
    review_markdown,
)
from coach.app.state import SessionState
from coach.followup.extract import ActionItemDraft, FollowupResult
from coach.i18n import t

DAY = dt.date(2026, 2, 3)


def _state() -> DebriefState:
    result = FollowupResult(
        language="nl",
        action_items=[
            ActionItemDraft(
                "De taken van Bas verdelen", "manager", dt.date(2026, 2, 6), None, "x", existing=7
            ),
            ActionItemDraft("Samen haar doelen bespreken", "both", dt.date(2026, 2, 20), None, "y"),
        ],
    )
    d = DebriefState(stage="notes", person_id=1, person="Eva Smits")
    d.start_review(result, DAY, {7: ("Taken van Bas herverdelen", dt.date(2026, 1, 30))})
    return d


def test_review_shows_owner_samen_and_the_match() -> None:
    d = _state()
    text = review_markdown(d, "nl")
    assert "wie: samen" in text and "wie: ik" in text
    assert 'vervolg op open punt "Taken van Bas herverdelen" (was: vrijdag 30 januari)' in text
    assert "nieuwe datum" in text
    labels = [s.label for s in review_actions(d, "nl")]
    assert "Open punt afronden 1" in labels and "Los punt 1" in labels
    assert "Open punt afronden 2" not in labels and labels[-2:] == ["Punt toevoegen", "Opslaan"]


def test_link_ops_round_trip_to_the_saved_result() -> None:
    d = _state()
    apply(d, 0, "link_done")
    assert "wordt dat punt afgerond" in review_markdown(d, "nl")
    assert "Datum bijwerken 1" in [s.label for s in review_actions(d, "nl")]
    again = DebriefState.from_dict(d.to_dict())  # thread metadata survives a restart
    (first, _) = again.to_result().action_items
    assert (first.existing, first.existing_op) == (7, "done")
    apply(again, 0, "unlink")
    assert again.to_result().action_items[0].existing is None
    assert "vervolg op" not in review_markdown(again, "nl")


def test_added_item_is_accepted_and_saved() -> None:
    d = _state()
    add_item(d, "  De  presentatie maken ", "employee", None)
    assert d.items[-1].text == "De presentatie maken" and d.items[-1].status == "accepted"
    assert not d.items[-1].asks_due
    assert [a.text for a in d.to_result().action_items][-1] == "De presentatie maken"


def test_stop_text_in_the_users_language() -> None:
    state = SessionState(manager_id=1, mode="debrief", language="nl")
    assert stop_language(state, "en-US") == "nl"
    assert stop_language(None, "en-GB") == "en"
    assert stop_language(None, None) == "nl"
    assert t("task_stopped", "nl") != t("task_stopped", "en")
    assert "Task manually stopped" not in t("task_stopped", "nl")


def test_our_stop_handler_replaces_chainlits_english_one() -> None:
    import chainlit.socket as cl_socket
    from chainlit.server import sio

    from coach.app.flows.debrief_stop import install_stop, localised_stop

    install_stop()
    assert sio.handlers["/"]["stop"] is localised_stop
    assert sio.handlers["/"]["stop"] is not cl_socket.stop


def test_owner_answers() -> None:
    assert [parse_owner(a, "Eva Smits") for a in ("ik", "Eva", "samen", "Together", "Joost")] == [
        "manager",
        "employee",
        "both",
        "both",
        "Joost",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        None,
        [],
        "x",
        {"meeting_date": "20-11-2026"},
        {"items": [1]},
        {"items": [{"text": "a"}]},
        {"stage": "review"},
        {"stage": "review", "meeting_date": ""},
    ],
)
def test_unreadable_metadata_gives_a_fresh_state(raw: object) -> None:
    assert DebriefState.from_dict(raw) == DebriefState()


def test_a_state_before_its_review_has_no_meeting_day() -> None:
    with pytest.raises(ValueError):
        _ = DebriefState(stage="notes", person_id=1, person="Sanne").day


def test_stored_state_keeps_its_fields_and_drops_unknown_keys() -> None:
    item = {"text": "Rooster sturen", "owner": "employee", "due": "2026-12-01"}
    d = DebriefState.from_dict(
        {"stage": "review", "items": [item], "meeting_date": "2026-11-20", "x": 1}
    )
    assert (d.stage, d.day, d.items[0].due_date) == (
        "review",
        dt.date(2026, 11, 20),
        dt.date(2026, 12, 1),
    )
