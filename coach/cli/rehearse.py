"""`coach rehearse`: a scripted rehearsal from a file, for tests and demos."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach import auth, files
from coach.cli.common import container, fail, friendly, lang, manager_option, print_json
from coach.errors import UserError
from coach.rehearsal import debrief as make_debrief
from coach.rehearsal import render_debrief_markdown, respond, store
from coach.rehearsal.scenarios import UnknownScenario, load_scenarios
from coach.storage import repo


@friendly
def rehearse(
    scenario: Annotated[str, typer.Option("--scenario", "-s", help="Scenario id.")],
    script: Annotated[
        Path, typer.Option("--script", help="Manager turns, one per line.", exists=True)
    ],
    manager: str = manager_option(),
    person: Annotated[
        str | None, typer.Option("--person", "-p", help="Rehearse with a team member.")
    ] = None,
    difficulty: Annotated[str, typer.Option(help="easy | medium | hard")] = "medium",
    language: Annotated[str | None, typer.Option("--lang", help="nl | en")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print transcript + debrief.")] = False,
    save: Annotated[bool, typer.Option(help="Store the debrief in the history.")] = True,
) -> None:
    """Rehearse a hard conversation with scripted manager turns and print the debrief."""
    c = container()
    ui_lang = language or lang()
    if scenario not in load_scenarios():
        fail("rehearsal_unknown_scenario", id=scenario, ids=", ".join(load_scenarios()))
    if difficulty not in ("easy", "medium", "hard"):
        fail("rehearsal_bad_difficulty", value=difficulty)
    try:
        text = files.read(script, max_bytes=files.max_bytes(c.settings.max_upload_mb))
    except UserError as e:
        if e.key != "file_empty":
            raise
        text = ""
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    if not lines:
        fail("rehearsal_empty_script", path=str(script))
    mid = auth.manager_id(c.db, manager)
    try:
        session = c.rehearsal.start(
            mid, scenario, person_ref=person, difficulty=difficulty, language=ui_lang
        )
    except repo.NotFound:
        raise UserError("person_not_found", name=person) from None
    except UnknownScenario:  # pragma: no cover - checked above
        raise
    for line in lines:
        respond(c.llm, session, line)
    result = make_debrief(session)
    rehearsal_id = store.save(c.db, mid, session, result) if save else None
    if as_json:
        print_json(
            {
                "rehearsal_id": rehearsal_id,
                "session": session.to_dict(),
                "debrief": result.to_dict(),
            }
        )
        return
    for turn in session.turns:
        who = session.persona.name if turn.speaker == "employee" else manager
        typer.echo(f"{who}: {turn.text}")
    typer.echo("")
    typer.echo(render_debrief_markdown(result, ui_lang))
