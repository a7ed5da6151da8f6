"""Read note files (.txt, .md, .docx) strictly: bad input is refused with a message key."""

from __future__ import annotations

import io
from pathlib import Path

from coach.errors import UserError

NOTE_SUFFIXES = (".txt", ".md", ".docx")


def decode_note(filename: str, data: bytes) -> str:
    suffix = Path(filename).suffix.lower()
    if suffix not in NOTE_SUFFIXES:
        raise UserError("file_unsupported")
    if suffix == ".docx":
        return _docx_text(data)
    if b"\x00" in data[:8192]:
        raise UserError("file_binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("file_not_utf8") from None
    if not text.strip():
        raise UserError("file_empty")
    return text


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises several types for broken files
        raise UserError("file_binary") from None
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise UserError("file_empty")
    return text


def read_note_file(path: Path, max_bytes: int) -> str:
    if not path.is_file():
        raise UserError("folder_not_found", path=str(path))
    if path.stat().st_size > max_bytes:
        raise UserError("file_too_large", limit_mb=max_bytes // (1024 * 1024))
    return decode_note(path.name, path.read_bytes())
