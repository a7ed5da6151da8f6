"""The one file decoder: a note file, an upload or a transcript becomes plain text, or a
UserError whose key says why in the user's language; nothing is half read.

Every caller passes the byte limit from the settings (COACH_MAX_UPLOAD_MB) and the suffixes it
accepts: notes take .txt .md .docx; a follow-up also takes subtitles (.vtt .srt), which
coach/followup/transcripts.py reduces to speaker lines after this decoding.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path, PurePath

from coach.errors import UserError

NOTE_SUFFIXES = (".txt", ".md", ".docx")
TRANSCRIPT_SUFFIXES = (*NOTE_SUFFIXES, ".vtt", ".srt")
# Which types the refusal names: the user is told what this place accepts.
_UNSUPPORTED = {NOTE_SUFFIXES: "file_unsupported", TRANSCRIPT_SUFFIXES: "transcript_unsupported"}


def decode(
    filename: str, data: bytes, *, max_bytes: int, suffixes: Sequence[str] = NOTE_SUFFIXES
) -> str:
    """Text of the file (BOM dropped, line ends made \\n, outer blank space stripped)."""
    if len(data) > max_bytes:
        raise UserError("file_too_large", limit_mb=max(1, max_bytes // (1024 * 1024)))
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in suffixes:
        raise UserError(_UNSUPPORTED.get(tuple(suffixes), "file_unsupported"))
    if suffix == ".docx":
        text = _docx_text(data)
    else:
        if b"\x00" in data[:8192]:
            raise UserError("file_binary")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError("file_not_utf8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UserError("file_empty")
    return text


def read_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a file on disk; a missing file or an oversized one is refused unread."""
    if not path.is_file():
        raise UserError("file_not_found", path=str(path))
    if path.stat().st_size > max_bytes:
        raise UserError("file_too_large", limit_mb=max(1, max_bytes // (1024 * 1024)))
    return path.read_bytes()


def read(path: Path, *, max_bytes: int, suffixes: Sequence[str] = NOTE_SUFFIXES) -> str:
    """`decode` for a file on disk, refused unread when missing or oversized."""
    data = read_bytes(path, max_bytes=max_bytes)
    return decode(path.name, data, max_bytes=max_bytes, suffixes=suffixes)


def _docx_text(data: bytes) -> str:
    """Paragraphs, then table rows as "cell | cell" (meeting notes often hold a table)."""
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises several types for broken files
        raise UserError("file_unreadable") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                lines.append(" | ".join(cells))
    return "\n".join(lines)


def max_bytes(max_upload_mb: int) -> int:
    return max_upload_mb * 1024 * 1024


__all__ = ["NOTE_SUFFIXES", "TRANSCRIPT_SUFFIXES", "decode", "max_bytes", "read", "read_bytes"]
