"""Careful attention signals (wellbeing and low energy, flight risk, conflict), one place.

The debrief (coach.followup) and the prep brief (coach.prep) both ask "did anything come up
that a manager should check in on?". The vocabularies, the words that mean something else
("zorgen dat", "quit the old tool") and the advice templates are data per language in
coach/signals/data/*.yaml; this module only matches them. Every language's vocabulary is used
on every sentence (a Dutch manager's notes about an English-speaking employee are often in
English); the templates follow the reader's language.

These are prompts for the manager to check in, never a diagnosis: the wording names what was
heard, quotes the evidence, and suggests an open question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

SignalKind = Literal["low_energy", "flight_risk", "wellbeing", "conflict"]
Family = Literal["wellbeing", "flight_risk", "conflict"]
KINDS: tuple[SignalKind, ...] = ("low_energy", "flight_risk", "wellbeing", "conflict")
FAMILIES: tuple[Family, ...] = ("wellbeing", "flight_risk", "conflict")
DATA_DIR = Path(__file__).with_name("data")
LANGUAGES = ("nl", "en")


@dataclass
class Signal:
    kind: SignalKind
    text: str
    evidence: str


@dataclass(frozen=True)
class Advice:
    """How to raise one family of signals carefully, drawn from a knowledge entry."""

    family: Family
    topic: str  # the question bank the prep brief asks from
    source: str  # knowledge entry id, cited
    text: str


@dataclass(frozen=True)
class _Kind:
    family: Family
    terms: re.Pattern[str]
    ignore: re.Pattern[str] | None
    template: str


@dataclass(frozen=True)
class Vocabulary:
    language: str
    someone: str
    negation: re.Pattern[str]
    recovered: re.Pattern[str] | None
    kinds: Mapping[SignalKind, _Kind]
    advice: Mapping[Family, Advice]


class SignalDataError(ValueError):
    pass


def _union(patterns: Iterable[str], where: str) -> re.Pattern[str] | None:
    items = [p for p in patterns if p]
    if not items:
        return None
    try:
        return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in items) + r")\b", re.I)
    except re.error as e:
        raise SignalDataError(f"{where}: {e}") from None


def _parse(raw: object, path: Path) -> Vocabulary:
    if not isinstance(raw, dict) or not isinstance(raw.get("kinds"), dict):
        raise SignalDataError(f"{path}: needs `kinds`")
    kinds: dict[SignalKind, _Kind] = {}
    for name in KINDS:
        spec = raw["kinds"].get(name)
        if not isinstance(spec, dict) or spec.get("family") not in FAMILIES:
            raise SignalDataError(f"{path}: kind {name!r} needs a family in {FAMILIES}")
        terms = _union(spec.get("terms") or [], f"{path}:{name}")
        if terms is None or not str(spec.get("template") or "").strip():
            raise SignalDataError(f"{path}: kind {name!r} needs terms and a template")
        kinds[name] = _Kind(
            spec["family"],
            terms,
            _union(spec.get("ignore") or [], f"{path}:{name}:ignore"),
            " ".join(str(spec["template"]).split()),
        )
    advice: dict[Family, Advice] = {}
    for family in FAMILIES:
        spec = (raw.get("advice") or {}).get(family)
        if not isinstance(spec, dict) or not all(spec.get(k) for k in ("topic", "source", "text")):
            raise SignalDataError(f"{path}: advice for {family!r} needs topic, source, text")
        advice[family] = Advice(
            family, str(spec["topic"]), str(spec["source"]), " ".join(str(spec["text"]).split())
        )
    negs = sorted((re.escape(n) for n in raw.get("negations") or []), key=len, reverse=True)
    negation = re.compile(r"\b(?:" + "|".join(negs) + r")\s+(?:\S+\s+)?$", re.I)
    return Vocabulary(
        language=str(raw.get("language") or path.stem),
        someone=str(raw.get("someone") or ""),
        negation=negation,
        recovered=_union(raw.get("recovered") or [], f"{path}:recovered"),
        kinds=kinds,
        advice=advice,
    )


@lru_cache(maxsize=4)
def vocabularies(root: Path = DATA_DIR) -> dict[str, Vocabulary]:
    """Every language's vocabulary, validated once per process (a bad file fails loudly)."""
    out: dict[str, Vocabulary] = {}
    for lang in LANGUAGES:
        path = root / f"{lang}.yaml"
        out[lang] = _parse(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    return out


def family_of(kind: str) -> Family:
    return vocabularies()["nl"].kinds[kind].family  # type: ignore[index]


def advice(family: Family, language: str) -> Advice:
    vocab = vocabularies()
    return vocab.get(language, vocab["nl"]).advice[family]


def _quote(sentence: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", sentence).strip().strip("'\"")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _counts(
    vocabs: Iterable[Vocabulary], kind: SignalKind, sentence: str, start: int, end: int
) -> bool:
    """A match counts unless a negation (of any language) stands just before it or an
    `ignore` phrase of that kind (of any language) overlaps it."""
    before = sentence[:start]
    for v in vocabs:
        if v.negation.search(before):
            return False
        ignore = v.kinds[kind].ignore
        if ignore is not None:
            for ig in ignore.finditer(sentence):
                if ig.start() < end and start < ig.end():
                    return False
    return True


@lru_cache(maxsize=100_000)
def _kinds(sentence: str) -> tuple[SignalKind, ...]:
    return tuple(_kinds_uncached(sentence))


def kinds_in(sentence: str) -> list[SignalKind]:
    """The signal kinds one sentence raises, in KINDS order (cached per sentence: notes
    repeat across briefs)."""
    return list(_kinds(sentence))


def _kinds_uncached(sentence: str) -> list[SignalKind]:
    """The signal kinds one sentence raises, in KINDS order (every language's vocabulary)."""
    vocabs = list(vocabularies().values())
    if any(v.recovered is not None and v.recovered.search(sentence) for v in vocabs):
        return []
    found: list[SignalKind] = []
    for name in KINDS:
        spans = {m.span() for v in vocabs for m in v.kinds[name].terms.finditer(sentence)}
        if any(_counts(vocabs, name, sentence, a, b) for a, b in sorted(spans)):
            found.append(name)
    return found


def families_in(sentence: str) -> set[Family]:
    return {family_of(k) for k in kinds_in(sentence)}


def detect_signals(sentences: list[str], language: str, employee: str | None) -> list[Signal]:
    """At most one signal per kind, quoting the first sentence that triggered it."""
    vocab = vocabularies()
    v = vocab.get(language, vocab["nl"])
    who = employee or v.someone
    first: dict[SignalKind, str] = {}
    for sentence in sentences:
        for kind in kinds_in(sentence):
            first.setdefault(kind, sentence)
    out: list[Signal] = []
    for kind in KINDS:
        if kind in first:
            quote = _quote(first[kind])
            out.append(Signal(kind, v.kinds[kind].template.format(q=quote, who=who), quote))
    return out
