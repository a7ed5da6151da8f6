"""Read uploaded notes or transcripts (.txt .md .docx .vtt .srt) into plain text.

Subtitle formats are reduced to "Speaker: text" lines, merging consecutive cues of one
speaker, because the extractor reads speaker labels to decide who owns an action.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

__all__ = ["UploadError", "read_upload", "MAX_UPLOAD_BYTES", "SUPPORTED_SUFFIXES"]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".vtt", ".srt")

_TIMESTAMP_RE = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}.*$"
)
_VOICE_RE = re.compile(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$", re.DOTALL)
_TAG_RE = re.compile(r"</?[^>]+>")
_SPEAKER_RE = re.compile(r"^([^:\n]{1,40}?):\s+(.+)$", re.DOTALL)


class UploadError(ValueError):
    """Upload rejected; message_key is an i18n key for the UI (e.g. "upload.too_large")."""

    def __init__(self, message_key: str) -> None:
        super().__init__(message_key)
        self.message_key = message_key


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError("upload.not_utf8") from exc


def _read_docx(data: bytes) -> str:
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UploadError("upload.unreadable") from exc
    except Exception as exc:  # python-docx raises several package errors on bad files
        raise UploadError("upload.unreadable") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(cells))
    return "\n".join(lines)


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


def read_upload(filename: str, data: bytes) -> str:
    """Plain text of an uploaded file; raises UploadError with an i18n key when rejected."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError("upload.too_large")
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadError("upload.unsupported_type")
    if suffix == ".docx":
        text = _read_docx(data)
    else:
        text = _decode(data)
        if suffix in (".vtt", ".srt"):
            text = _subtitles_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UploadError("upload.empty")
    return text
