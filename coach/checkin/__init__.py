"""Employee check-in: link tokens, attempt limiting and the self-contained HTML page.

Storage and HTTP wiring live elsewhere (service/routes); everything here is pure.
"""

from coach.checkin.page import (
    MAX_TEXT,
    SCALE_FIELDS,
    STRINGS,
    SUPPORTED_LANGS,
    TEXT_FIELDS,
    CheckinAnswers,
    CheckinFormError,
    ErrorReason,
    parse_form,
    pick_language,
    render_error,
    render_form,
    render_thanks,
)
from coach.checkin.tokens import (
    AttemptLimiter,
    hash_token,
    is_token_hash,
    looks_like_token,
    new_token,
    verify,
)

__all__ = [
    "MAX_TEXT",
    "SCALE_FIELDS",
    "STRINGS",
    "SUPPORTED_LANGS",
    "TEXT_FIELDS",
    "AttemptLimiter",
    "CheckinAnswers",
    "CheckinFormError",
    "ErrorReason",
    "hash_token",
    "is_token_hash",
    "looks_like_token",
    "new_token",
    "parse_form",
    "pick_language",
    "render_error",
    "render_form",
    "render_thanks",
    "verify",
]
