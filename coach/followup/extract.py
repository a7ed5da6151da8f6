"""Turn 1:1 notes or a transcript into a follow-up: summary, decisions, actions, signals.

Deterministic and explainable: every action item keeps its source sentence so the manager can
check and edit it before anything is sent. Notes without a speaker are read as written by the
manager ("ik" = the manager, "Sanne"/"jij" = the employee).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.analytics.language import detect_language
from coach.followup import lexicon as lx
from coach.followup import todo
from coach.followup.commitments import find_commitment
from coach.followup.continued import OpenItem, best_links
from coach.followup.dates import parse_due
from coach.followup.textsum import topic_summary
from coach.signals import Signal, detect_signals
from coach.topics import split_sentences

__all__ = ["ActionItemDraft", "FollowupResult", "Signal", "extract", "detect_language"]

_BULLET_RE = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")
_CHECKBOX_RE = re.compile(r"^\s*(?:[-*•]\s*)?\[\s?[xX ]?\]\s*")
_LABEL_RE = re.compile(
    r"^(?P<label>[A-ZÀ-Ý][\w.'\-]*(?: [A-ZÀ-Ýa-z][\w.'\-]*){0,2})\s*:\s+(?P<rest>.+)$"
)
_HEADER_RE = re.compile(r"^[A-ZÀ-Ý][\w\s&/\-]{0,40}:?$")


@dataclass
class ActionItemDraft:
    """One commitment: owner is "manager", "employee", "both", a named third person, or ""
    when unknown; `existing` is the id of the open item it continues."""

    text: str
    owner: str
    due: date | None
    due_phrase: str | None
    source_sentence: str
    existing: int | None = None
    voice: str = "manager"  # "employee" when the employee said it ("ik" is then the employee)
    existing_op: str = "update"  # for a continued item: "update" (its due date) or "done"


@dataclass
class FollowupResult:
    language: str
    summary: dict[str, str] = field(default_factory=dict)
    decisions: list[str] = field(default_factory=list)
    action_items: list[ActionItemDraft] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": dict(self.summary),
            "decisions": list(self.decisions),
            "action_items": [
                {
                    "text": a.text,
                    "owner": a.owner or None,
                    "due": a.due.isoformat() if a.due else None,
                    "existing": a.existing,
                }
                for a in self.action_items
            ],
            "signals": [
                {"kind": s.kind, "text": s.text, "evidence": s.evidence} for s in self.signals
            ],
        }


@dataclass
class _People:
    employee: set[str]
    manager: set[str]
    known: set[str]

    def resolve(self, name: str) -> str:
        low = name.lower()
        if low in self.employee:
            return "employee"
        if low in self.manager:
            return "manager"
        return name


def _name_forms(name: str | None) -> set[str]:
    if not name:
        return set()
    parts = name.split()
    return {name.lower(), parts[0].lower()}


@dataclass
class _Line:
    text: str
    speaker: str | None  # "manager", "employee", a name, or None for notes
    bullet: bool
    checkbox: bool
    label_owner: str | None
    section: str | None


def _speaker_role(label: str, people: _People) -> str | None:
    low = label.lower()
    if low in lx.ROLE_MANAGER:
        return "manager"
    if low in lx.ROLE_EMPLOYEE:
        return "employee"
    if low in lx.ROLE_BOTH:
        return "both"
    if low in people.employee or low in people.manager or low in people.known:
        return people.resolve(label)
    return None


def _unwrap(text: str) -> list[str]:
    """Join hard-wrapped lines: a line continues the previous one when that one has no end
    punctuation and is long, or when the new line starts in lower case."""
    out: list[str] = []
    for line in (ln.strip() for ln in text.splitlines()):
        if not line:
            continue
        starts_block = bool(_BULLET_RE.match(line) or _CHECKBOX_RE.match(line))
        if (
            out
            and not starts_block
            and not _LABEL_RE.match(line)
            and not out[-1].endswith((".", "!", "?", ":"))
            and (line[:1].islower() or len(out[-1]) >= 60)
        ):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
    return out


def _lines(text: str, people: _People) -> list[_Line]:
    raw = _unwrap(text)
    label_counts: dict[str, int] = {}
    for ln in raw:
        m = _LABEL_RE.match(ln)
        if m:
            label_counts[m["label"]] = label_counts.get(m["label"], 0) + 1
    out: list[_Line] = []
    section: str | None = None
    for ln in raw:
        if lx.ACTION_HEADERS_RE.match(ln):
            section = "actions"
            continue
        if lx.DECISION_HEADERS_RE.match(ln):
            section = "decisions"
            continue
        checkbox = bool(_CHECKBOX_RE.match(ln))
        bullet = checkbox or bool(_BULLET_RE.match(ln))
        body = _CHECKBOX_RE.sub("", ln) if checkbox else _BULLET_RE.sub("", ln)
        if not bullet and _HEADER_RE.match(ln) and len(ln.split()) <= 3:
            section = None
            continue
        speaker = None
        label_owner = None
        m = _LABEL_RE.match(body)
        if m and not lx.ACTION_MARKER_RE.match(body) and not lx.DECISION_MARKER_RE.match(body):
            label = m["label"]
            role = _speaker_role(label, people)
            multi = label_counts.get(label, 0) >= 2 and len(label.split()) <= 2
            if bullet and role is not None:
                label_owner, body = role, m["rest"]
            elif role is not None or (multi and label.lower() not in lx.NOT_NAMES):
                speaker, body = role or label, m["rest"]
        out.append(_Line(body.strip(), speaker, bullet, checkbox, label_owner, section))
    return out


def _owner_for(subject: str | None, speaker: str | None, people: _People) -> str:
    """Map the grammatical doer to manager/employee/a name, from the speaker's viewpoint."""
    me = speaker or "manager"
    if subject is None:
        return ""
    low = subject.lower()
    if low in {"we", "wij"}:
        return "both"
    if low in lx.FIRST_PERSON:
        return me
    if low in lx.SECOND_PERSON:
        return {"manager": "employee", "employee": "manager"}.get(me, "")
    if low in lx.THIRD_PERSON:
        return "employee" if me != "employee" else ""
    if low == "they":
        return "employee" if me != "employee" else ""
    return people.resolve(subject)


_OCCASION_RE = re.compile(r"\b(?:van|of)\s+(?:het\s+|de\s+|the\s+)?$", re.IGNORECASE)


_AGREED_THAT_RE = re.compile(
    r"^(?:(?:we|wij)\s+)?(?:spreken|spraken)\s+af\s+dat\s+|^(?:we\s+)?agreed\s+that\s+",
    re.IGNORECASE,
)


def _clean_action_text(sentence: str, due_phrase: str | None) -> str:
    text = _AGREED_THAT_RE.sub("", lx.ACTION_MARKER_RE.sub("", sentence))
    text = lx.TODO_INLINE_RE.sub("", text)
    text = lx.OWNER_RE.sub("", text)
    if due_phrase:
        at = text.lower().find(due_phrase.lower())
        # "voor de teamdag van 5 maart": a date that names the occasion stays in the text.
        if at >= 0 and not _OCCASION_RE.search(text[:at]):
            text = text[:at] + text[at + len(due_phrase) :]
    text = re.sub(r",?\s*(?:goed|oké?|okay|ok|right|toch)\?\s*$", "", text, flags=re.IGNORECASE)
    text = lx.FILLER_RE.sub("", text.strip())
    head, sep, tail = text.rpartition(", ")
    if sep and head and len(tail.split()) <= 3 and due_phrase:
        text = head  # drop a leftover tail such as ", heb je het" once the date is removed
    text = re.sub(r"\s{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"^[A-ZÀ-Ý][\w\-]*:\s+", "", text)
    text = text.strip(" ,.;:-–")
    return text[:1].upper() + text[1:] if text else text


def _explicit_owner(sentence: str) -> str | None:
    m = lx.OWNER_RE.search(sentence)
    if m:
        return next(g for g in m.groups() if g)
    m = lx.ACTION_MARKER_RE.match(sentence)
    if m and (m["paren"] or m["name"]):
        return (m["paren"] or m["name"] or "").strip()
    return None


def _is_question(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") and bool(lx.QUESTION_START_RE.match(sentence.strip()))


def _process_sentence(
    sentence: str, line: _Line, meeting_date: date, people: _People, result: FollowupResult
) -> None:
    if len(sentence.split()) < 3 or _is_question(sentence):
        return
    marker = bool(lx.ACTION_MARKER_RE.match(sentence) or lx.TODO_INLINE_RE.match(sentence))
    context = marker or line.checkbox or line.section == "actions" or line.label_owner is not None
    if lx.DECISION_MARKER_RE.match(sentence) or line.section == "decisions":
        result.decisions.append(lx.DECISION_MARKER_RE.sub("", sentence).strip())
        return
    if lx.DECISION_RE.search(sentence) and not marker:
        result.decisions.append(sentence.strip())
        return
    known = people.employee | people.manager | people.known
    commitment = None
    clause = sentence
    for part in re.split(r"(?<=[^\d])[,;]\s+|\s+(?:en|and|maar|but)\s+(?=ik\b|i\b)", sentence):
        commitment = find_commitment(part, known, in_action_context=context)
        if commitment is not None:
            clause = part
            break
    due, phrase = parse_due(sentence, meeting_date)
    if commitment is None and not context:
        if lx.AGREEMENT_RE.search(sentence) and not re.search(
            r"\b(?:vorige keer|last time)\b", sentence, re.I
        ):
            result.decisions.append(sentence.strip())
        return
    if commitment is not None and not commitment.strong and not context and phrase is None:
        return
    owner = _explicit_owner(sentence) or line.label_owner
    if owner is not None and owner not in ("manager", "employee", "both"):
        owner = people.resolve(owner)
    text = _clean_action_text(clause if commitment is not None else sentence, phrase)
    rewrite = todo.dutch if result.language == "nl" else todo.english
    done = rewrite(text, known) if text else todo.ToDo(None, text)
    if _keeps_form(text, done):
        text = done.text
    if owner is None:
        said = commitment.subject if commitment else None
        if _AGREED_THAT_RE.match(sentence.strip()):  # "We spreken af dat ik ...": "ik" does it
            said = done.subject or said
        subject = said or done.subject
        owner = _owner_for(subject, line.speaker, people)
    if not text:
        return
    voice = "employee" if line.speaker == "employee" else "manager"
    result.action_items.append(
        ActionItemDraft(text, owner, due, phrase, sentence.strip(), voice=voice)
    )


def _keeps_form(text: str, done: todo.ToDo) -> bool:
    """Use the rewrite unless the text already was a to-do ("Koen voorstellen aan ...")."""
    if done.subject is None or not done.text:
        return False
    words = text.split()
    if len(words) >= 2 and done.subject.lower() not in {"we", "wij"}:
        verb = words[1].lower()
        if words[0].lower() == done.subject.lower() and verb.endswith("en") and len(verb) > 4:
            return False
    return True


def _receives_from(sentence: str, people: _People, meeting_date: date) -> ActionItemDraft | None:
    """ "Femke krijgt volgende week een inwerksessie van Mehmet": the giver owns the action."""
    m = re.search(
        r"^(?P<who>[A-Z][\w\-]+)\s+(?:krijgt|gets)\b.*\b(?:van|from)\s+(?P<giver>[A-Z][\w\-]+)",
        sentence,
    )
    if not m:
        return None
    due, phrase = parse_due(sentence, meeting_date)
    if phrase is None:
        return None
    return ActionItemDraft(
        _clean_action_text(sentence, phrase), people.resolve(m["giver"]), due, phrase, sentence
    )


def extract(
    text: str,
    meeting_date: date,
    *,
    language: str | None = None,
    employee_name: str | None = None,
    manager_name: str | None = None,
    known_people: Sequence[str] = (),
    open_items: Sequence[OpenItem] = (),
) -> FollowupResult:
    """Extract summary, decisions, action items and careful signals from notes or a transcript;
    an item that continues one of `open_items` gets its id as `existing`."""
    lang = language or detect_language(text)
    people = _People(
        _name_forms(employee_name) | {"medewerker", "employee"},
        _name_forms(manager_name) | {"manager", "leidinggevende"},
        {n.lower() for p in known_people for n in _name_forms(p)},
    )
    result = FollowupResult(language=lang)
    lines = _lines(text, people)
    spoken: list[str] = []
    for line in lines:
        for sentence in split_sentences(line.text) or [line.text]:
            before = len(result.action_items)
            _process_sentence(sentence, line, meeting_date, people, result)
            if len(result.action_items) == before:
                received = _receives_from(sentence, people, meeting_date)
                if received is not None:
                    result.action_items.append(received)
            spoken.append(sentence)
    first = employee_name.split()[0] if employee_name else None
    links = best_links([a.text for a in result.action_items], open_items)
    for index, item_id in links.items():
        result.action_items[index].existing = item_id
    result.summary = topic_summary(spoken, lang)
    result.signals = detect_signals(spoken, lang, first)
    return result
