"""Parse and validate knowledge entries (Markdown with YAML front matter)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
KINDS = ("method", "question-bank", "playbook", "pitfall", "phrasing")
LANGS = ("nl", "en")
# Who an entry (or one section) is written for: the chat's how-to answers are for a manager.
AUDIENCES = ("manager", "employee", "both")
REQUIRED = ("id", "title", "language", "topic", "kind", "sources")


class EntryError(ValueError):
    pass


@dataclass(frozen=True)
class Section:
    """A `##` section (the intro has heading ""), with whom it is written for."""

    heading: str
    body: str
    audience: str = "manager"


@dataclass(frozen=True)
class Entry:
    """A knowledge entry; `summary` and `situations` describe when a manager needs it."""

    id: str
    title: str
    language: str
    topic: str
    kind: str
    sources: tuple[str, ...]
    body: str
    path: Path
    sections: tuple[Section, ...] = field(default=())
    summary: str = ""
    situations: tuple[str, ...] = ()
    audience: str = "manager"

    def audience_of(self, heading: str) -> str:
        """The audience of one section: its own when the front matter names it, else the
        entry's."""
        return next((s.audience for s in self.sections if s.heading == heading), self.audience)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()[:16]


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)


def parse_entry(path: Path) -> Entry:
    raw = path.read_text(encoding="utf-8")
    m = _FRONT.match(raw)
    if not m:
        raise EntryError(f"{path}: no front matter")
    meta = yaml.safe_load(m.group(1)) or {}
    missing = [k for k in REQUIRED if not meta.get(k)]
    if missing:
        raise EntryError(f"{path}: missing {missing}")
    if meta["kind"] not in KINDS:
        raise EntryError(f"{path}: kind {meta['kind']!r} not in {KINDS}")
    if meta["language"] not in LANGS:
        raise EntryError(f"{path}: language {meta['language']!r}")
    if path.parent.name in LANGS and path.parent.name != meta["language"]:
        raise EntryError(f"{path}: language does not match folder")
    if path.stem != meta["id"]:
        raise EntryError(f"{path}: file name does not match id {meta['id']!r}")
    sources = meta["sources"]
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise EntryError(f"{path}: sources must be a list of names")
    situations = meta.get("situations") or []
    if not isinstance(situations, list) or not all(isinstance(x, str) for x in situations):
        raise EntryError(f"{path}: situations must be a list of sentences")
    audience = str(meta.get("audience") or "manager")
    per_section = meta.get("audience_sections") or {}
    if audience not in AUDIENCES or not isinstance(per_section, dict):
        raise EntryError(f"{path}: audience must be one of {AUDIENCES}")
    if any(v not in AUDIENCES for v in per_section.values()):
        raise EntryError(f"{path}: audience_sections values must be one of {AUDIENCES}")
    body = m.group(2).strip()
    sections = [
        replace(sec, audience=str(per_section.get(sec.heading, audience)))
        for sec in split_sections(body)
    ]
    unknown = set(per_section) - {sec.heading for sec in sections}
    if unknown:
        raise EntryError(f"{path}: audience_sections name no section: {sorted(unknown)}")
    for sec in sections:
        if not sec.body.strip():
            raise EntryError(f"{path}: empty section {sec.heading!r}")
    return Entry(
        id=meta["id"],
        title=str(meta["title"]),
        language=meta["language"],
        topic=str(meta["topic"]),
        kind=meta["kind"],
        sources=tuple(sources),
        body=body,
        path=path,
        sections=tuple(sections),
        summary=str(meta.get("summary") or "").strip(),
        situations=tuple(x.strip() for x in situations if x.strip()),
        audience=audience,
    )


def split_sections(body: str) -> list[Section]:
    """Chunk by heading: the intro (under the title) and each `##` section."""
    sections: list[Section] = []
    heading = ""
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("# ") and not sections and not lines:
            continue  # the title line
        if line.startswith("## "):
            if heading or any(x.strip() for x in lines):
                sections.append(Section(heading, "\n".join(lines).strip()))
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    if heading or any(x.strip() for x in lines):
        sections.append(Section(heading, "\n".join(lines).strip()))
    return sections


def load_entries(root: Path = KNOWLEDGE_DIR) -> list[Entry]:
    return [parse_entry(p) for lang in LANGS for p in sorted((root / lang).glob("*.md"))]
