"""Deterministic "after the 1:1" core: extraction, due dates, uploads, messages, summaries."""

from coach.followup.dates import parse_due
from coach.followup.extract import (
    ActionItemDraft,
    FollowupResult,
    Signal,
    detect_language,
    extract,
)
from coach.followup.message import compose, format_date, mailto_link
from coach.followup.summarise import summarise
from coach.followup.transcripts import transcript_text

__all__ = [
    "ActionItemDraft",
    "FollowupResult",
    "Signal",
    "compose",
    "detect_language",
    "extract",
    "format_date",
    "mailto_link",
    "parse_due",
    "summarise",
    "transcript_text",
]
