"""State and wording of the debrief flow: review of action items, summary and open items.

Pure (no Chainlit, no database) so the review rules and the wording are unit-tested. The
state is a plain dataclass that round-trips through JSON, because it lives in the thread
metadata and a resumed thread must be able to finish the review.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Self

from coach import slash
from coach.followup.dates import parse_due
from coach.followup.extract import ActionItemDraft, FollowupResult, Signal
from coach.followup.message import format_date
from coach.followup.service import ActionItemView
from coach.i18n import t
from coach.jsonable import Stored
from coach.topics import TOPIC_LABELS

Stage = Literal["person", "notes", "review", "saved"]
ItemStatus = Literal["open", "accepted", "dropped"]
ItemOp = Literal[
    "accept", "edit", "drop", "restore", "due", "nodue", "link_update", "link_done", "unlink"
]
METADATA_KEY = "debrief"
KEEP = "-"  # typed in an edit prompt: keep the current value

_PERSON_RE = re.compile(
    r"^\s*(?:nabespreking|nabespreken|debrief|debriefing|follow-?up)\s+(?:met|with|van|of)\s+"
    r"(?P<name>[^\n.!?,;:]{1,60}?)\s*[.!?]?\s*$",
    re.IGNORECASE,
)
_ME = frozenset({"ik", "mij", "me", "i", "manager", "myself", "mezelf"})
_EMPLOYEE = frozenset({"jij", "je", "you", "medewerker", "employee", "zij", "hij", "ze", "she"})
_BOTH = frozenset({"samen", "together", "we", "wij", "beiden", "both", "us", "ons"})
_NONE = frozenset({"", "geen", "leeg", "none", "no", "nee", "niets", "nothing", "empty"})


@dataclass
class ReviewItem:
    """One proposed action item and what the manager decided about it."""

    text: str
    owner: str  # "manager", "employee", a name, or "" when unknown
    due: str | None  # ISO date
    source: str = ""
    status: ItemStatus = "open"
    due_left_empty: bool = False
    existing: int | None = None  # the open item this one continues
    existing_text: str = ""
    existing_due: str | None = None
    existing_op: Literal["update", "done"] = "update"

    @property
    def due_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.due) if self.due else None

    @property
    def asks_due(self) -> bool:
        return self.status != "dropped" and self.due is None and not self.due_left_empty


@dataclass
class DebriefState(Stored):
    """Where one debrief stands; `rev` ties action buttons to this very analysis."""

    stage: Stage = "person"
    person_id: int | None = None
    person: str = ""
    meeting_date: str | None = None
    text: str = ""
    result_language: str = "nl"
    summary: dict[str, str] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)
    signals: list[dict[str, str]] = field(default_factory=list)
    items: list[ReviewItem] = field(default_factory=list)
    rev: str = ""
    meeting_id: int | None = None

    @classmethod
    def _read(cls, known: dict[str, Any]) -> Self:
        """The items as ReviewItems; a meeting date must be an ISO date, and a review has one
        (set when it began)."""
        known["items"] = [ReviewItem(**i) for i in known.get("items") or []]
        state = cls(**known)
        if state.stage == "review" and not state.meeting_date:
            raise ValueError("a review without its meeting day")
        if state.meeting_date:
            dt.date.fromisoformat(state.meeting_date)
        return state

    @property
    def day(self) -> dt.date:
        """The meeting's day: set when the review begins, from the follow-up service's clock in
        the manager's time zone (the server's date would be another day at night)."""
        if not self.meeting_date:
            raise ValueError("a debrief has no meeting day before its review")
        return dt.date.fromisoformat(self.meeting_date)

    def start_review(
        self,
        result: FollowupResult,
        day: dt.date,
        open_items: dict[int, tuple[str, dt.date | None]] | None = None,
    ) -> None:
        """Begin the review; `open_items` (id -> text, due) names what a continued item links to."""
        self.stage = "review"
        self.meeting_date = day.isoformat()
        self.result_language = result.language
        self.summary = dict(result.summary)
        self.decisions = list(result.decisions)
        self.signals = [asdict(s) for s in result.signals]
        known = open_items or {}
        self.items = []
        for a in result.action_items:
            item = ReviewItem(
                a.text, a.owner, a.due.isoformat() if a.due else None, a.source_sentence
            )
            if a.existing is not None and a.existing in known:
                text, due = known[a.existing]
                item.existing, item.existing_text = a.existing, text
                item.existing_due = due.isoformat() if due else None
            self.items.append(item)
        self.rev = uuid.uuid4().hex[:8]
        self.meeting_id = None

    def kept_items(self) -> list[ReviewItem]:
        """What Save stores: every item the manager did not drop."""
        return [i for i in self.items if i.status != "dropped"]

    def to_result(self) -> FollowupResult:
        """The reviewed follow-up (kept items only), as the service's save/draft expect."""
        return FollowupResult(
            language=self.result_language,
            summary=dict(self.summary),
            decisions=list(self.decisions),
            action_items=[
                ActionItemDraft(
                    i.text,
                    i.owner,
                    i.due_date,
                    None,
                    i.source,
                    existing=i.existing,
                    existing_op=i.existing_op,
                )
                for i in self.kept_items()
            ],
            signals=[Signal(**s) for s in self.signals],  # type: ignore[arg-type]
        )


# --- parsing what the manager typed -------------------------------------------------------


def person_phrase(text: str) -> str | None:
    """'Nabespreking met Sanne' / 'Debrief with Priya' -> the name; else None."""
    m = _PERSON_RE.match(text)
    return m.group("name").strip() if m else None


def actions_command(command: str | None, content: str) -> str | None:
    """The person filter of `/acties [naam]` or `/actions [name]` ('' for all); else None."""
    found = slash.lookup(command, content, {"acties": "", "actions": ""})
    return found[1] if found else None


def parse_owner(answer: str, employee: str) -> str:
    """'ik' -> manager, the employee's (first) name or 'jij' -> employee, 'samen' -> both,
    else the name."""
    value = " ".join(answer.split())
    low = value.lower()
    forms = {employee.lower(), employee.split()[0].lower()} if employee.strip() else set()
    if low in _ME:
        return "manager"
    if low in _EMPLOYEE or low in forms:
        return "employee"
    if low in _BOTH:
        return "both"
    if low in ("?", "onbekend", "unknown"):
        return ""
    return value


def parse_due_answer(answer: str, ref: dt.date) -> tuple[bool, dt.date | None]:
    """(understood, date): 'geen' means no due date; unreadable text is not understood."""
    low = answer.strip().lower()
    if low in _NONE:
        return True, None
    try:
        return True, dt.date.fromisoformat(low)
    except ValueError:
        pass
    due, _ = parse_due(low, ref)
    return (due is not None), due


# --- the review -------------------------------------------------------------------------


def apply(state: DebriefState, index: int, op: ItemOp) -> bool:
    """Accept, drop, restore or leave the due date empty; False for an unknown item."""
    if not 0 <= index < len(state.items):
        return False
    item = state.items[index]
    if op == "accept":
        item.status = "accepted"
    elif op == "drop":
        item.status = "dropped"
    elif op == "restore":
        item.status = "open"
    elif op == "nodue":
        item.due, item.due_left_empty = None, True
    elif op in ("link_update", "link_done") and item.existing is not None:
        item.existing_op = "update" if op == "link_update" else "done"
    elif op == "unlink":
        item.existing, item.existing_text, item.existing_due = None, "", None
    return True


def add_item(state: DebriefState, text: str, owner: str, due: dt.date | None) -> ReviewItem:
    """A commitment the extractor missed, typed by the manager (accepted at once)."""
    item = ReviewItem(" ".join(text.split()), owner, due.isoformat() if due else None)
    item.status, item.due_left_empty = "accepted", due is None
    state.items.append(item)
    return item


def owner_label(owner: str, person: str, lang: str) -> str:
    if owner == "manager":
        return t("debrief_owner_me", lang)
    if owner == "employee":
        return person.split()[0] if person else t("debrief_owner_employee", lang)
    if owner == "both":
        return t("debrief_owner_both", lang)
    return owner or t("debrief_owner_unknown", lang)


def due_label(due: dt.date | None, lang: str) -> str:
    return format_date(due, lang) if due else t("debrief_due_none", lang)


def _topic(topic: str, lang: str) -> str:
    return TOPIC_LABELS.get(topic, {}).get(lang, topic.capitalize())


def analysis_markdown(state: DebriefState, lang: str) -> str:
    """Summary per topic, decisions and signals (the signals are prompts, never verdicts)."""
    day = format_date(state.day, lang)
    out = [t("debrief_analysis_heading", lang, name=state.person, date=day), ""]
    out.append(f"**{t('debrief_h_summary', lang)}**")
    if state.summary:
        out += [f"- *{_topic(k, lang)}*: {v}" for k, v in state.summary.items()]
    else:
        out.append(t("debrief_summary_none", lang))
    out += ["", f"**{t('debrief_h_decisions', lang)}**"]
    out += [f"- {d}" for d in state.decisions] or [t("debrief_decisions_none", lang)]
    if state.signals:
        out += ["", f"**{t('debrief_h_signals', lang)}**", t("debrief_signals_intro", lang)]
        out += [f"- {s['text']}" for s in state.signals]
    return "\n".join(out)


def review_markdown(state: DebriefState, lang: str) -> str:
    """The action items as a numbered list with owner, due date and review status."""
    if state.stage == "saved":
        head = t("debrief_review_saved", lang, count=len(state.kept_items()))
    else:
        head = t("debrief_review_heading", lang)
    out = [f"**{t('debrief_h_actions', lang)}**", head, ""]
    if not state.items:
        out.append(t("debrief_actions_none_found", lang))
    for n, item in enumerate(state.items, 1):
        who = owner_label(item.owner, state.person, lang)
        line = t(
            "debrief_item_line",
            lang,
            text=item.text,
            owner=who,
            due=due_label(item.due_date, lang),
        )
        if item.status == "dropped":
            out.append(f"{n}. ~~{line}~~ {t('debrief_item_dropped', lang)}")
            continue
        mark = "✓ " if item.status == "accepted" else ""
        out.append(f"{n}. {mark}{line}")
        if item.existing is not None:
            was = (
                due_label(dt.date.fromisoformat(item.existing_due), lang)
                if item.existing_due
                else t("debrief_due_none", lang)
            )
            key = "debrief_item_closes" if item.existing_op == "done" else "debrief_item_updates"
            out.append(
                f"   - ↻ {t('debrief_item_continues', lang, text=item.existing_text, due=was)} "
                f"{t(key, lang)}"
            )
        if item.asks_due:
            out.append(f"   - *{t('debrief_due_question', lang, n=n)}*")
    if state.stage == "review":
        out += ["", t("debrief_review_hint", lang)]
    return "\n".join(out)


@dataclass(frozen=True)
class ActionSpec:
    """A button to render: Chainlit action name, payload, label and lucide icon."""

    name: str
    payload: dict[str, Any]
    label: str
    icon: str
    tooltip: str = ""


def review_actions(state: DebriefState, lang: str) -> list[ActionSpec]:
    """Per item: accept / edit / drop (or restore), a due date button when one is missing;
    then Save. Nothing once saved."""
    if state.stage != "review":
        return []
    specs: list[ActionSpec] = []

    def add(n: int, op: ItemOp, icon: str) -> None:
        payload = {"rev": state.rev, "index": n - 1, "op": op}
        label = t(f"debrief_btn_{op}", lang, n=n)
        specs.append(ActionSpec("debrief_item", payload, label, icon, state.items[n - 1].text))

    for n, item in enumerate(state.items, 1):
        if item.status == "dropped":
            add(n, "restore", "undo-2")
            continue
        if item.status != "accepted":
            add(n, "accept", "check")
        add(n, "edit", "pencil")
        add(n, "drop", "x")
        if item.asks_due:
            add(n, "due", "calendar")
            add(n, "nodue", "calendar-off")
        if item.existing is not None:
            if item.existing_op == "update":
                add(n, "link_done", "check-check")
            else:
                add(n, "link_update", "calendar-clock")
            add(n, "unlink", "unlink")
    specs.append(ActionSpec("debrief_add", {"rev": state.rev}, t("debrief_btn_add", lang), "plus"))
    label = t("debrief_btn_save", lang)
    specs.append(ActionSpec("debrief_save", {"rev": state.rev}, label, "save"))
    return specs


def open_items_markdown(items: list[ActionItemView], lang: str, done: str | None = None) -> str:
    """The manager's open action items, numbered as their "done" buttons are."""
    out: list[str] = []
    if done:
        out += [t("debrief_open_done", lang, text=done), ""]
    if not items:
        out.append(t("actions_none", lang))
        return "\n".join(out)
    out.append(f"**{t('debrief_open_heading', lang, count=len(items))}**")
    for n, i in enumerate(items, 1):
        owner = i.owner if i.owner in ("manager", "employee", "both") else (i.owner_name or "")
        who = owner_label(owner, i.person, lang)
        line = t("debrief_item_line", lang, text=i.text, owner=who, due=due_label(i.due, lang))
        out.append(f"{n}. {i.person}: {line}")
    return "\n".join(out)


def open_items_actions(items: list[ActionItemView], lang: str) -> list[ActionSpec]:
    return [
        ActionSpec(
            "debrief_done", {"item_id": i.id}, t("debrief_btn_done", lang, n=n), "check", i.text
        )
        for n, i in enumerate(items, 1)
    ]
