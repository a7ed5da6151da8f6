"""Evals and benchmarks: figures to read, never pass/fail unit tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.cli.common import print_json

eval_app = typer.Typer(help="Quality evals on labelled data.", no_args_is_help=True)


@eval_app.command("retrieval")
def eval_retrieval(
    qmsum: Annotated[Path, typer.Option("--qmsum", help="Folder of QMSum meeting JSON files.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    limit: Annotated[int | None, typer.Option(help="Only the first N meetings.")] = None,
    mode: Annotated[str, typer.Option(help="hybrid | vector | bm25")] = "hybrid",
) -> None:
    """hit@1/3/5/10 and MRR of our retriever vs BM25 on QMSum specific queries."""
    import evals.retrieval as retrieval

    result = retrieval.run(qmsum, limit=limit, mode=mode)
    print_json(result) if as_json else typer.echo(retrieval.format_report(result))


_ERRORS = typer.Option("--errors", help="Also list the dev set's mistakes (never the test set's).")


@eval_app.command("knowledge")
def eval_knowledge(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    errors: Annotated[bool, _ERRORS] = False,
) -> None:
    """hit@3 and MRR of knowledge retrieval on the dev and test questions."""
    import evals.knowledge as knowledge

    result = knowledge.run(errors=errors)
    print_json(result) if as_json else typer.echo(knowledge.format_report(result))


def _dev_test_eval(module: str, doc: str) -> None:
    def command(
        as_json: Annotated[bool, typer.Option("--json")] = False,
        errors: Annotated[bool, _ERRORS] = False,
    ) -> None:
        import importlib

        mod = importlib.import_module(f"evals.{module}")
        result = mod.run(errors=errors)
        print_json(result) if as_json else typer.echo(mod.format_report(result))

    command.__doc__ = doc
    eval_app.command(module)(command)


def _simple_eval(module: str, name: str, doc: str) -> None:
    def command(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        import importlib

        mod = importlib.import_module(f"evals.{module}")
        result = mod.run()
        print_json(result) if as_json else typer.echo(mod.format_report(result))

    command.__doc__ = doc
    eval_app.command(name)(command)


_dev_test_eval("phrasing", "Accuracy per label of the phrasing analysis, dev and test sets.")
_dev_test_eval(
    "analytics",
    "Question/reflection P, R, F1 with 95% intervals: dev (CV), test, MIBot (CV); session R:Q.",
)
_simple_eval("actions", "actions", "Precision, recall, F1 of extracted action items vs gold.")
_simple_eval(
    "gate", "gate", "Share of bad model texts the output gate blocks and good texts it passes."
)
_simple_eval("notes", "notes", "hit@k and MRR on the demo team's labelled note queries (NL/EN).")
# --- issue 17: signals, topics and prep evals
_simple_eval("signals", "signals", "Precision, recall of wellbeing/flight-risk/conflict signals.")
_simple_eval("topics", "topics", "Per-topic precision, recall, macro-F1 on note sentences.")
_simple_eval("prep", "prep", "Share of person situations whose agenda puts the right block first.")


@eval_app.command("chat")
def eval_chat(
    as_json: Annotated[bool, typer.Option("--json")] = False,
    split: Annotated[str, typer.Option(help="dev | test | both")] = "both",
    show_test_errors: Annotated[
        bool, typer.Option(help="Print the test split's errors (look once; never tune on it).")
    ] = False,
) -> None:
    """Required-source hit rate, wrong-person citations, unknown/typo handling of the chat."""
    import evals.chat as chat

    splits = ("dev", "test") if split == "both" else (split,)
    result = chat.run(splits, show_test_errors=show_test_errors)
    print_json(result) if as_json else typer.echo(chat.format_report(result))


@eval_app.command("rehearsal")
def eval_rehearsal(
    model: Annotated[
        str | None,
        typer.Option("--model", help="Let this COACH_LLM write persona lines too (e.g. local)."),
    ] = None,
    heldout_errors: Annotated[
        bool, typer.Option("--heldout-errors", help="Also print the held-out set's errors.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """32 scripted rehearsals: gate failures, repeats, tension direction, agreement reached."""
    import evals.rehearsal as rehearsal

    llm = None
    if model:
        from coach.llm import LLMClient
        from coach.settings import Settings

        llm = LLMClient(Settings(llm=model))
    result = rehearsal.run(llm=llm)
    if as_json:
        print_json(result)
    else:
        typer.echo(rehearsal.format_report(result, heldout_errors=heldout_errors))


@eval_app.command("summary")
def eval_summary(
    qmsum: Annotated[Path, typer.Option("--qmsum", help="Folder of QMSum meeting JSON files.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N meetings.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """ROUGE-1/2/L of the extractive summariser on QMSum general queries."""
    import evals.summary as summary

    result = summary.run(qmsum, limit=limit)
    print_json(result) if as_json else typer.echo(summary.format_report(result))


def bench(
    notes: Annotated[str, typer.Option(help="Sizes to measure, comma separated.")] = "1000,10000",
    queries: Annotated[int, typer.Option(min=20, help="Timed queries per size.")] = 200,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    startup: Annotated[
        bool, typer.Option("--startup", help="Only the start-up times, warm and cold.")
    ] = False,
    runs: Annotated[int, typer.Option(min=1, help="Start-up runs each (median).")] = 3,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Only these parts, comma separated: encoders, search, prep, chat, analyze "
            "(the notes are ingested whatever is picked).",
        ),
    ] = None,
) -> None:
    """Ingest throughput (torch and ONNX encoders), retrieval latency vs bare Chroma, peak
    RSS; with --startup the seconds from `coach serve` to the login page."""
    if startup:
        from coach import bench_startup

        report = bench_startup.run(runs)
        print_json(report) if as_json else typer.echo(bench_startup.format_report(report))
        return
    from coach.bench import format_report, parse_parts, run

    try:
        parts = parse_parts(only)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--only") from e
    result = run([int(n) for n in notes.split(",")], queries=queries, parts=parts)
    print_json(result) if as_json else typer.echo(format_report(result))
