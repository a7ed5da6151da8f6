"""Check-in page: parsing, escaping, both languages, accessibility basics."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from coach.checkin import (
    STRINGS,
    CheckinAnswers,
    CheckinFormError,
    parse_form,
    pick_language,
    render_error,
    render_form,
    render_thanks,
)

EVIL = '<script>alert("x")</script>'
VALID = {
    "energy": "4",
    "werkgeluk": "3",
    "wins": "  Release gehaald  ",
    "hard": "Planning",
    "discuss": "Thuiswerken",
    "learn": "Python",
}


class _Collector(HTMLParser):
    """Collects tags and attributes and checks that every opened element is closed."""

    VOID = {"meta", "input", "br", "link", "img", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert collector.stack == [], collector.stack
    return collector


def _form(**kw: object) -> str:
    args: dict[str, object] = {
        "lang": "nl",
        "first_name": "Zoë",
        "action_url": "/checkin/abc",
        "csrf": "tok123",
    }
    args.update(kw)
    return render_form(**args)  # type: ignore[arg-type]


# --- parse_form --------------------------------------------------------------------------


def test_parse_valid_form_trims_text() -> None:
    answers = parse_form(VALID)
    assert answers == CheckinAnswers(
        energy=4,
        werkgeluk=3,
        wins="Release gehaald",
        hard="Planning",
        discuss="Thuiswerken",
        learn="Python",
    )
    assert answers.to_dict()["energy"] == 4


def test_parse_allows_empty_text_and_normalises_newlines() -> None:
    answers = parse_form({"energy": "1", "werkgeluk": "5", "wins": "a\r\nb\x00c"})
    assert (answers.energy, answers.werkgeluk) == (1, 5)
    assert answers.wins == "a\nbc"
    assert answers.hard == answers.discuss == answers.learn == ""


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("", "required"),
        ("   ", "required"),
        ("0", "scale"),
        ("6", "scale"),
        ("3.0", "scale"),
        ("drie", "scale"),
        ("-1", "scale"),
        ("٣", "scale"),
        ("10", "scale"),
    ],
)
def test_parse_bad_scale(value: str, key: str) -> None:
    with pytest.raises(CheckinFormError) as info:
        parse_form({**VALID, "energy": value})
    assert info.value.errors == {"energy": key}


def test_parse_reports_all_errors_at_once() -> None:
    form = {"werkgeluk": "9", "wins": "x" * 2001, "learn": "y" * 2000}
    with pytest.raises(CheckinFormError) as info:
        parse_form(form)
    assert info.value.errors == {"energy": "required", "werkgeluk": "scale", "wins": "too_long"}


def test_length_is_measured_after_trimming() -> None:
    answers = parse_form({**VALID, "wins": "   " + "x" * 2000 + "\n\n"})
    assert len(answers.wins) == 2000


# --- escaping ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_form_escapes_name_values_and_attributes(lang: str) -> None:
    html = _form(
        lang=lang,
        first_name=EVIL,
        action_url='/c/x"><script>bad()</script>',
        csrf='"><script>csrf()</script>',
        values={
            "wins": EVIL,
            "hard": "</textarea><script>y()</script>",
            "energy": '3"><script>',
        },
        errors={"energy": "scale"},
    )
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;script&gt;y()&lt;/script&gt;" in html
    parsed = _parse(html)
    form = next(attrs for tag, attrs in parsed.tags if tag == "form")
    assert form["action"] == '/c/x"><script>bad()</script>'  # survives as a plain attribute
    csrf = next(a for t, a in parsed.tags if t == "input" and a.get("name") == "csrf")
    assert csrf["value"] == '"><script>csrf()</script>'
    assert not any(a.get("checked") is not None for t, a in parsed.tags if t == "input")


def test_thanks_and_error_escape() -> None:
    html = render_thanks(lang="nl", first_name=EVIL)
    assert "<script" not in html and "&lt;script&gt;" in html
    _parse(html)
    # Braces in a name are shown literally, not treated as a format template.
    assert "Thank you, {name}{0}." in render_thanks(lang="en", first_name="{name}{0}")


# --- rendering ---------------------------------------------------------------------------


def test_dutch_form_content() -> None:
    html = _form(lang="nl")
    parsed = _parse(html)
    text = " ".join(parsed.text)
    for phrase in (
        "Wat ging goed?",
        "Wat vond je lastig?",
        "Waar wil ik het over hebben?",
        "Wat wil ik leren?",
        "Alleen je leidinggevende ziet dit.",
        "Versturen",
        "Hoi Zoë",
    ):
        assert phrase in text, phrase
    assert '<html lang="nl">' in html
    links = [a for t, a in parsed.tags if t == "a"]
    assert {"href": "?lang=en", "hreflang": "en", "lang": "en"} in links


def test_english_form_content() -> None:
    html = _form(lang="en", first_name="Sam")
    text = " ".join(_parse(html).text)
    for phrase in ("What went well?", "Only your manager sees this.", "Send", "Hi Sam"):
        assert phrase in text, phrase
    assert '<html lang="en">' in html
    assert 'href="?lang=nl"' in html
    assert "Wat ging goed" not in html


def test_unknown_language_falls_back_to_dutch() -> None:
    assert '<html lang="nl">' in _form(lang="fr")
    assert '<html lang="nl">' in render_error(lang="xx", reason="invalid")


def test_form_structure_is_accessible_and_self_contained() -> None:
    html = _form()
    parsed = _parse(html)
    radios = [a for t, a in parsed.tags if t == "input" and a.get("type") == "radio"]
    assert len(radios) == 10
    assert {a["name"] for a in radios} == {"energy", "werkgeluk"}
    ids = {a["id"] for t, a in parsed.tags if "id" in a}
    label_for = {a["for"] for t, a in parsed.tags if t == "label" and "for" in a}
    for radio in radios:
        assert radio["id"] in label_for
    textareas = [a for t, a in parsed.tags if t == "textarea"]
    assert [a["name"] for a in textareas] == ["wins", "hard", "discuss", "learn"]
    assert all(a["id"] in label_for and a["maxlength"] == "2000" for a in textareas)
    assert label_for <= ids
    assert [t for t, _ in parsed.tags].count("legend") == 2
    assert any(t == "button" and a.get("type") == "submit" for t, a in parsed.tags)
    # Self-contained: no scripts, external styles, fonts or images.
    assert not any(t in {"script", "link", "img", "iframe"} for t, _ in parsed.tags)
    assert not re.search(r"https?://|@import|url\(", html)
    metas = {a.get("name"): a.get("content") for t, a in parsed.tags if t == "meta"}
    assert metas["referrer"] == "no-referrer"
    assert "noindex" in (metas["robots"] or "")


def test_errors_and_values_are_redisplayed() -> None:
    html = _form(
        lang="en",
        errors={"werkgeluk": "required", "learn": "too_long", "hard": "unknown_key"},
        values={"energy": "4", "learn": "Rust & Go", "discuss": "1:1 > status"},
    )
    parsed = _parse(html)
    checked = [a for t, a in parsed.tags if t == "input" and "checked" in a]
    assert [(a["name"], a["value"]) for a in checked] == [("energy", "4")]
    assert "Rust &amp; Go</textarea>" in html
    assert "1:1 &gt; status</textarea>" in html
    assert 'role="alert"' in html
    text = " ".join(parsed.text)
    assert "Choose a number from 1 to 5." in text
    assert "At most 2000 characters." in text
    assert "This value is not valid." in text  # unknown key -> generic message
    learn = next(a for t, a in parsed.tags if t == "textarea" and a["name"] == "learn")
    assert learn["aria-invalid"] == "true" and learn["aria-describedby"] == "learn-error"
    assert "learn-error" in {a.get("id") for _, a in parsed.tags}


def test_no_error_markup_without_errors() -> None:
    parsed = _parse(_form())
    assert not any("aria-invalid" in a or a.get("role") == "alert" for _, a in parsed.tags)
    assert not any(a.get("class") == "error" for _, a in parsed.tags)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_error_pages_reveal_nothing(lang: str) -> None:
    pages = {r: render_error(lang=lang, reason=r) for r in ("invalid", "expired", "revoked")}
    assert pages["invalid"] == pages["expired"] == pages["revoked"]
    limited = render_error(lang=lang, reason="rate_limited")
    assert limited != pages["invalid"]
    for html in [*pages.values(), limited]:
        _parse(html)
        assert "<form" not in html
        lowered = html.lower()
        assert "expired" not in lowered and "verlopen" not in lowered
        assert "revoked" not in lowered and "ingetrokken" not in lowered


def test_thanks_page_both_languages() -> None:
    assert "Dank je wel, Eva." in render_thanks(lang="nl", first_name="Eva")
    assert "Thank you, Eva." in render_thanks(lang="en", first_name="Eva")


def test_catalogues_have_the_same_keys() -> None:
    assert set(STRINGS["nl"]) == set(STRINGS["en"])
    assert all(value.strip() for cat in STRINGS.values() for value in cat.values())


# --- pick_language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "nl"),
        ("", "nl"),
        ("en-US,en;q=0.9", "en"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("de-DE,de;q=0.9,en;q=0.7,nl;q=0.8", "nl"),
        ("fr,de", "nl"),
        ("en;q=0.2, nl;q=0.5", "nl"),
        ("EN-gb", "en"),
        ("en;q=0, nl;q=0.1", "nl"),
        ("en;q=0", "nl"),
        ("en;q=abc, nl;q=0.3", "nl"),
        ("*", "nl"),
        ("en;q=0.5, nl;q=0.5", "en"),
    ],
)
def test_pick_language(header: str | None, expected: str) -> None:
    assert pick_language(header) == expected


def test_pick_language_default() -> None:
    assert pick_language(None, default="en") == "en"
    assert pick_language("fr", default="en") == "en"
    assert pick_language("*", default="en") == "en"
