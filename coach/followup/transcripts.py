"""Read uploaded notes or transcripts (.txt .md .docx .vtt .srt) into plain text.

Subtitle formats are reduced to "Speaker: text" lines, merging consecutive cues of one
speaker, because the extractor reads speaker labels to decide who owns an action.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from coach.errors import UserError
from coach.files import TRANSCRIPT_SUFFIXES, decode

__all__ = ["transcript_text"]

_TIMESTAMP_RE = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}.*$"
)
_VOICE_RE = re.compile(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", re.DOTALL)
_TAG_RE = re.compile(r"</?[^>]+>")
_SPEAKER_RE = re.compile(r"^([^:\n]{1,40}?):\s+(.+)$", re.DOTALL)


def _cues(text: str) -> list[str]:
    """Text of each subtitle cue, without headers, cue numbers, notes and timestamps."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    cues: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip()]
        if not lines or lines[0].startswith(("WEBVTT", "NOTE", "STYLE", "REGION")):
            continue
        stamp = next((i for i, ln in enumerate(lines) if _TIMESTAMP_RE.match(ln)), None)
        if stamp is None:
            continue
        body = " ".join(lines[stamp + 1 :]).strip()
        if body:
            cues.append(body)
    return cues


def _subtitles_to_text(text: str) -> str:
    merged: list[tuple[str | None, str]] = []
    for cue in _cues(text):
        speaker: str | None = None
        voice = _VOICE_RE.match(cue)
        if voice:
            speaker, cue = voice.group(1).strip(), voice.group(2)
        cue = _TAG_RE.sub("", cue).strip()
        if speaker is None:
            labelled = _SPEAKER_RE.match(cue)
            if labelled:
                speaker, cue = labelled.group(1).strip(), labelled.group(2).strip()
        if not cue:
            continue
        if merged and merged[-1][0] == speaker:
            merged[-1] = (speaker, merged[-1][1] + " " + cue)
        else:
            merged.append((speaker, cue))
    return "\n".join(f"{s}: {t}" if s else t for s, t in merged)


def transcript_text(filename: str, data: bytes, *, max_bytes: int) -> str:
    """Plain text of a notes or transcript file (the one decoder, coach/files.py, plus
    subtitles reduced to speaker lines); a refused file raises UserError."""
    text = decode(filename, data, max_bytes=max_bytes, suffixes=TRANSCRIPT_SUFFIXES)
    if PurePath(filename).suffix.lower() in (".vtt", ".srt"):
        text = _subtitles_to_text(text).strip()
        if not text:
            raise UserError("file_empty")
    return text
