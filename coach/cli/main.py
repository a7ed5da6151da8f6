"""Entry point of the `coach` command."""

from __future__ import annotations

import os
import warnings

import typer

from coach.cli import chat, data, followup, logins, prep, rehearse, rhythm, serve, tools

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
warnings.filterwarnings("ignore", category=DeprecationWarning)

app = typer.Typer(
    help="Gesprekscoach: prepare, rehearse and follow up your 1:1 conversations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
data.user_app.command("passwd")(logins.passwd)
data.user_app.add_typer(logins.sessions_app, name="sessions")
app.add_typer(data.user_app, name="user")
app.add_typer(data.person_app, name="person")
app.add_typer(data.note_app, name="note")
app.add_typer(data.db_app, name="db")
app.command("import")(data.import_folder)
app.command("search")(data.search)
app.command("ask")(chat.ask)
app.command("reindex")(data.reindex)
app.command("demo")(data.demo)


app.command("serve")(serve.serve)
app.command("bench")(tools.bench)
app.add_typer(tools.eval_app, name="eval")
prep.register(app)  # prep, analyze
app.command("rehearse")(rehearse.rehearse)
app.command("followup")(followup.followup)
app.add_typer(followup.actions_app, name="actions")
app.command("cadence")(rhythm.cadence)
app.add_typer(rhythm.checkin_app, name="checkin")

if __name__ == "__main__":
    app()
