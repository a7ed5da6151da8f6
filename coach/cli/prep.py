"""`coach prep` (the pre-meeting brief) and `coach analyze` (the right words)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from coach.cli.common import as_manager, friendly, lang, manager_option, parse_date, print_json
from coach.errors import UserError
from coach.i18n import t


@friendly
def prep(
    person: Annotated[str, typer.Argument(help="Name, first name or id of the employee.")],
    manager: str = manager_option(),
    as_json: Annotated[bool, typer.Option("--json", help="Print the brief as JSON.")] = False,
    today: Annotated[str | None, typer.Option(help="Prepare as of this day (YYYY-MM-DD).")] = None,
    language: Annotated[str | None, typer.Option("--lang", help="nl or en.")] = None,
    narrative: Annotated[
        bool, typer.Option(help="Let a hosted/served LLM add an opening paragraph.")
    ] = True,
) -> None:
    """Prepare a 1:1: what happened, open actions, theme gaps, agenda and questions."""
    from coach.prep.narrate import narrate
    from coach.prep.render import render_markdown

    c, mid = as_manager(manager)
    brief = c.prep.build(mid, person, today=parse_date(today), language=language)
    if narrative:
        brief = narrate(c.llm, brief)
    if as_json:
        print_json(brief.to_dict())
    else:
        typer.echo(render_markdown(brief))


_BATCH = 256  # lines per embedding call: fast, and output still streams


def _analyze_lines(language: str | None) -> None:
    """JSON lines in ({"text": ...}), one analytics object per line out, in input order."""
    from coach.analytics.utterance import analyze_many

    texts: list[str] = []
    langs: list[str | None] = []

    def flush() -> None:
        for result in analyze_many(texts, langs):
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        texts.clear()
        langs.clear()

    for n, raw in enumerate(sys.stdin, start=1):
        if not raw.strip():
            continue
        try:
            item: object = json.loads(raw)
            if not isinstance(item, dict):
                raise TypeError
            text = item["text"]
            lang_n = item.get("language") or language
            if not isinstance(text, str) or not isinstance(lang_n, str | None):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            flush()  # everything before the bad line is still written
            raise UserError("prep_bad_jsonl", line=n) from None
        texts.append(text)
        langs.append(lang_n)
        if len(texts) >= _BATCH:
            flush()
    flush()


@friendly
def analyze(
    text: Annotated[
        str | None, typer.Argument(help="A sentence you plan to say. Omit: JSON lines on stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the advice as JSON.")] = False,
    language: Annotated[str | None, typer.Option("--lang", help="nl or en (else detected).")] = (
        None
    ),
) -> None:
    """Check a planned sentence: open or closed, judging, why, ... and better ways to say it."""
    if text is None:
        _analyze_lines(language)
        return
    from coach.prep.phrasing import advise

    advice = advise(text, language)
    if as_json:
        print_json(advice.to_dict())
        return
    out_lang = str(advice.analysis.get("language") or lang())
    if advice.issues:
        typer.echo(t("prep_advice_issues", out_lang))
        for issue in advice.issues:
            typer.echo(f"- {issue.explanation}")
    else:
        typer.echo(t("prep_advice_ok", out_lang))
    if advice.rewrites:
        typer.echo("")
        typer.echo(t("prep_advice_rewrites", out_lang))
        for r in advice.rewrites:
            typer.echo(f"- {r['text']}  ({r['reason']})")


def register(app: typer.Typer) -> None:
    """Add `prep` and `analyze` to the main command."""
    app.command("prep")(prep)
    app.command("analyze")(analyze)
