"""The employee check-in page: form parsing and self-contained HTML in Dutch or English.

Pages use inline CSS only (no fonts, scripts or other requests) and escape everything they show.
The page sends no referrer and asks not to be indexed, because its URL carries the token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from html import escape
from typing import Literal

SCALE_FIELDS = ("energy", "werkgeluk")
TEXT_FIELDS = ("wins", "hard", "discuss", "learn")
MAX_TEXT = 2000
SUPPORTED_LANGS = ("nl", "en")

ErrorReason = Literal["invalid", "expired", "revoked", "rate_limited"]

# One catalogue per language; every user-facing string lives here.
STRINGS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Check-in voor je 1-op-1",
        "greeting": "Hoi {name},",
        "intro": (
            "Je volgende gesprek komt eraan. Neem even een paar minuten om stil te staan bij "
            "hoe het gaat. Alles is optioneel, behalve de twee vragen met cijfers."
        ),
        "privacy": "Alleen je leidinggevende ziet dit.",
        "energy": "Hoe is je energie op dit moment?",
        "werkgeluk": "Hoe gelukkig ben je in je werk (werkgeluk)?",
        "scale_low": "heel laag",
        "scale_high": "heel hoog",
        "wins": "Wat ging goed?",
        "hard": "Wat vond je lastig?",
        "discuss": "Waar wil ik het over hebben?",
        "learn": "Wat wil ik leren?",
        "submit": "Versturen",
        "switch": "English",
        "errors_title": "Controleer de gemarkeerde vragen.",
        "err_required": "Kies een cijfer van 1 tot 5.",
        "err_scale": "Kies een cijfer van 1 tot 5.",
        "err_too_long": "Maximaal 2000 tekens.",
        "err_invalid": "Deze waarde klopt niet.",
        "thanks_title": "Bedankt!",
        "thanks_body": (
            "Dank je wel, {name}. Je antwoorden zijn opgeslagen en je leidinggevende kan ze "
            "gebruiken om jullie gesprek voor te bereiden. Je kunt dit venster sluiten."
        ),
        "error_title": "Deze link werkt niet",
        "error_link": (
            "Deze link is niet (meer) geldig. Vraag je leidinggevende gerust om een nieuwe link."
        ),
        "rate_title": "Even geduld",
        "error_rate": (
            "Er zijn te veel pogingen gedaan. Wacht een paar minuten en probeer het opnieuw."
        ),
    },
    "en": {
        "title": "Check-in for your 1:1",
        "greeting": "Hi {name},",
        "intro": (
            "Your next conversation is coming up. Take a few minutes to reflect on how things "
            "are going. Everything is optional except the two questions with numbers."
        ),
        "privacy": "Only your manager sees this.",
        "energy": "How is your energy right now?",
        "werkgeluk": "How happy are you in your work?",
        "scale_low": "very low",
        "scale_high": "very high",
        "wins": "What went well?",
        "hard": "What did you find hard?",
        "discuss": "What do I want to discuss?",
        "learn": "What do I want to learn?",
        "submit": "Send",
        "switch": "Nederlands",
        "errors_title": "Please check the highlighted questions.",
        "err_required": "Choose a number from 1 to 5.",
        "err_scale": "Choose a number from 1 to 5.",
        "err_too_long": "At most 2000 characters.",
        "err_invalid": "This value is not valid.",
        "thanks_title": "Thank you!",
        "thanks_body": (
            "Thank you, {name}. Your answers are saved and your manager can use them to prepare "
            "your conversation. You can close this window."
        ),
        "error_title": "This link does not work",
        "error_link": (
            "This link is not valid (any more). Feel free to ask your manager for a new one."
        ),
        "rate_title": "Please wait",
        "error_rate": "Too many attempts were made. Please wait a few minutes and try again.",
    },
}

_CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1f2328;font:16px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.card{background:#fff;border:1px solid #d8dce1;border-radius:10px;padding:1.25rem 1.5rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
.top{display:flex;justify-content:flex-end}
a{color:#0b57d0}
a:focus,input:focus,textarea:focus,button:focus{outline:3px solid #0b57d0;outline-offset:2px}
.privacy{background:#eef4ff;border-left:4px solid #0b57d0;padding:.5rem .75rem;margin:1rem 0}
fieldset{border:0;margin:1.25rem 0;padding:0}
legend{font-weight:600;margin-bottom:.4rem}
.scale{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
.scale label{display:flex;flex-direction:column;align-items:center;min-width:3rem;
padding:.35rem .5rem;border:1px solid #c4c9d0;border-radius:8px;cursor:pointer}
.scale small{color:#57606a;font-size:.75rem}
.field{margin:1.25rem 0}
.field label{display:block;font-weight:600;margin-bottom:.35rem}
textarea{width:100%;min-height:5.5rem;padding:.5rem;font:inherit;border:1px solid #8c959f;
border-radius:6px}
.error{color:#b3261e;font-weight:600;margin:.3rem 0 0}
.alert{border:2px solid #b3261e;border-radius:8px;padding:.5rem .75rem;color:#b3261e}
[aria-invalid=true]{border-color:#b3261e}
button{font:inherit;font-weight:600;background:#0b57d0;color:#fff;border:0;border-radius:8px;
padding:.7rem 1.5rem;cursor:pointer}
""".strip()

_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class CheckinAnswers:
    """A validated check-in. Scores are 1-5; texts are trimmed and may be empty."""

    energy: int
    werkgeluk: int
    wins: str
    hard: str
    discuss: str
    learn: str

    def to_dict(self) -> dict[str, int | str]:
        return asdict(self)


class CheckinFormError(ValueError):
    """Invalid form input; `errors` maps field name to a message key (required, scale, ...)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(f"{field}: {key}" for field, key in errors.items()))
        self.errors = errors


def _clean_text(value: str) -> str:
    return _CTRL_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def parse_form(form: Mapping[str, str]) -> CheckinAnswers:
    """Validate posted form fields; raises CheckinFormError listing every bad field."""
    errors: dict[str, str] = {}
    scores: dict[str, int] = {}
    for field in SCALE_FIELDS:
        raw = (form.get(field) or "").strip()
        if not raw:
            errors[field] = "required"
        elif raw.isascii() and raw.isdigit() and 1 <= int(raw) <= 5:
            scores[field] = int(raw)
        else:
            errors[field] = "scale"
    texts: dict[str, str] = {}
    for field in TEXT_FIELDS:
        text = _clean_text(form.get(field) or "")
        if len(text) > MAX_TEXT:
            errors[field] = "too_long"
        texts[field] = text
    if errors:
        raise CheckinFormError(errors)
    return CheckinAnswers(
        energy=scores["energy"],
        werkgeluk=scores["werkgeluk"],
        wins=texts["wins"],
        hard=texts["hard"],
        discuss=texts["discuss"],
        learn=texts["learn"],
    )


def pick_language(accept_language: str | None, default: str = "nl") -> str:
    """Best supported language from an Accept-Language header (q-values honoured)."""
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0 or not tag:
            continue
        primary = default if tag == "*" else tag.split("-")[0]
        if primary in SUPPORTED_LANGS:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else default


def _lang(lang: str) -> str:
    return lang if lang in STRINGS else "nl"


def _page(lang: str, title: str, body: str) -> str:
    t = STRINGS[lang]
    other = "en" if lang == "nl" else "nl"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<nav class="top"><a href="?lang={other}" hreflang="{other}" lang="{other}">'
        f"{escape(t['switch'])}</a></nav>\n"
        f'<div class="card">\n{body}\n</div>\n</main>\n</body>\n</html>\n'
    )


def _error_text(t: Mapping[str, str], key: str) -> str:
    return t.get(f"err_{key}", t["err_invalid"])


def _scale(t: Mapping[str, str], field: str, value: str, error: str | None) -> str:
    described = f' aria-describedby="{field}-error"' if error else ""
    invalid = ' aria-invalid="true"' if error else ""
    options = []
    for n in range(1, 6):
        hint = {1: t["scale_low"], 5: t["scale_high"]}.get(n)
        hint_html = f"<small>{escape(hint)}</small>" if hint else ""
        checked = " checked" if value == str(n) else ""
        options.append(
            f'<label for="{field}-{n}"><input type="radio" id="{field}-{n}" name="{field}" '
            f'value="{n}" required{checked}{invalid}> {n}{hint_html}</label>'
        )
    error_html = (
        f'<p class="error" id="{field}-error">{escape(_error_text(t, error))}</p>' if error else ""
    )
    return (
        f'<fieldset{described}><legend id="{field}-legend">{escape(t[field])}</legend>\n'
        f'<div class="scale">{"".join(options)}</div>{error_html}</fieldset>'
    )


def _textarea(t: Mapping[str, str], field: str, value: str, error: str | None) -> str:
    extra = f' aria-invalid="true" aria-describedby="{field}-error"' if error else ""
    error_html = (
        f'<p class="error" id="{field}-error">{escape(_error_text(t, error))}</p>' if error else ""
    )
    return (
        f'<div class="field"><label for="{field}">{escape(t[field])}</label>'
        f'<textarea id="{field}" name="{field}" rows="4" maxlength="{MAX_TEXT}"{extra}>'
        f"{escape(value)}</textarea>{error_html}</div>"
    )


def render_form(
    *,
    lang: str,
    first_name: str,
    action_url: str,
    csrf: str,
    errors: Mapping[str, str] | None = None,
    values: Mapping[str, str] | None = None,
) -> str:
    """The check-in form; `errors` (field -> message key) and `values` re-display a failed post."""
    lang = _lang(lang)
    t = STRINGS[lang]
    errors = errors or {}
    values = values or {}
    parts = [
        f"<h1>{escape(t['title'])}</h1>",
        f"<p>{escape(t['greeting'].format(name=first_name))}</p>",
        f"<p>{escape(t['intro'])}</p>",
        f'<p class="privacy">{escape(t["privacy"])}</p>',
    ]
    if errors:
        parts.append(f'<div class="alert" role="alert">{escape(t["errors_title"])}</div>')
    parts.append(f'<form method="post" action="{escape(action_url)}" accept-charset="utf-8">')
    parts.append(f'<input type="hidden" name="csrf" value="{escape(csrf)}">')
    parts.append(f'<input type="hidden" name="lang" value="{lang}">')
    for field in SCALE_FIELDS:
        parts.append(_scale(t, field, str(values.get(field, "")).strip(), errors.get(field)))
    for field in TEXT_FIELDS:
        parts.append(_textarea(t, field, str(values.get(field, "")), errors.get(field)))
    parts.append(f'<button type="submit">{escape(t["submit"])}</button>')
    parts.append("</form>")
    return _page(lang, t["title"], "\n".join(parts))


def render_thanks(*, lang: str, first_name: str) -> str:
    """Confirmation after a successful check-in."""
    lang = _lang(lang)
    t = STRINGS[lang]
    body = (
        f"<h1>{escape(t['thanks_title'])}</h1>\n"
        f"<p>{escape(t['thanks_body'].format(name=first_name))}</p>\n"
        f'<p class="privacy">{escape(t["privacy"])}</p>'
    )
    return _page(lang, t["thanks_title"], body)


def render_error(*, lang: str, reason: ErrorReason) -> str:
    """A friendly error page. Invalid, expired and revoked links read the same on purpose, so
    the page never tells a guesser whether a token once existed."""
    lang = _lang(lang)
    t = STRINGS[lang]
    if reason == "rate_limited":
        title, message = t["rate_title"], t["error_rate"]
    else:
        title, message = t["error_title"], t["error_link"]
    body = f"<h1>{escape(title)}</h1>\n<p>{escape(message)}</p>"
    return _page(lang, title, body)
