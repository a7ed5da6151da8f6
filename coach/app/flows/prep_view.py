"""Text for the prep flow: the brief with its next-step hint, phrasing advice, stored person.

Pure functions (no Chainlit, no database) so the wording is unit-tested; every user-facing
string comes from the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from coach.analytics import analyze
from coach.i18n import t
from coach.prep.models import Brief
from coach.prep.phrasing import Advice, Issue, advise, issues_of
from coach.prep.render import render_markdown

METADATA_KEY = "prep"


@dataclass(frozen=True)
class PrepPerson:
    """Whose brief this thread is about (kept in the session and the thread metadata)."""

    id: int
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"person_id": self.id, "name": self.name}


def stored_person(raw: object) -> PrepPerson | None:
    """The person saved by `PrepPerson.to_dict`, or None for anything malformed."""
    if not isinstance(raw, dict):
        return None
    pid, name = raw.get("person_id"), raw.get("name")
    if isinstance(pid, bool) or not isinstance(pid, int) or not isinstance(name, str):
        return None
    return PrepPerson(pid, name)


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def brief_markdown(brief: Brief, lang: str) -> str:
    """The brief, then one line on what the manager can do next in this thread."""
    hint = t("prepare_next", lang, name=first_name(brief.person.name))
    return render_markdown(brief, lang).rstrip() + f"\n\n---\n_{hint}_\n"


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.strip().splitlines() or [""])


def phrasing_advice(text: str, lang: str) -> tuple[Advice, list[Issue]]:
    """Advice on the sentence in its own language (so rewrites read naturally), with the
    issues explained in the manager's language."""
    advice = advise(text)
    if advice.analysis.get("language") == lang:
        return advice, advice.issues
    return advice, issues_of(replace(analyze(text), language=lang))


def advice_markdown(text: str, lang: str) -> str:
    """Issues found in a planned sentence and 2-3 better versions, each with its reason."""
    if not text.strip():
        return t("prepare_phrasing_usage", lang)
    advice, issues = phrasing_advice(text, lang)
    out = [f"**{t('prepare_phrasing_said', lang)}**", _quote(text), ""]
    if issues:
        out.append(f"**{t('prep_advice_issues', lang)}**")
        out += [f"- {i.explanation}" for i in issues]
    else:
        out.append(f"_{t('prep_advice_ok', lang)}_")
    if advice.rewrites:
        out += ["", f"**{t('prep_advice_rewrites', lang)}**"]
        for n, r in enumerate(advice.rewrites, start=1):
            out.append(f"{n}. {r['text']}\\")  # a hard line break before the reason
            out.append(f"   _{r['reason']}_")
    return "\n".join(out).rstrip() + "\n"
