"""``coachlog export``: the journal as database tables, for SQLite tools or JSON lines."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from coachlog.cli.common import say, state
from coachlog.errors import UsageError

EXPORT_FORMATS = ("sqlite", "jsonl")
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def export(
    ctx: typer.Context,
    out: str = typer.Argument(
        None, metavar="[OUT]", help="The file to write (jsonl: default the standard output)."
    ),
    fmt: str = typer.Option(
        None,
        "--format",
        "-f",
        help="sqlite or jsonl (default: sqlite for OUT ending .db, .sqlite or .sqlite3, else "
        "jsonl).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace OUT if it exists."),
) -> None:
    """Write the journal as database tables: SQLite or JSON lines.

    Tables: reps, records, goals, goal_events, reviews, scores, ratings and forecasts, each
    row with its team (README: "Export to a database"). sqlite-utils, Datasette and DuckDB
    open the file as it is. Only structured facts: no Private section, private: field, note
    or comment is exported. --journal may be given several times: one journal a team, in one
    set of tables. The SQLite file is written whole, then put in place.

    \b
    Example: coachlog export --format sqlite team.db && datasette team.db
    Example: coachlog export --format jsonl | jq -c 'select(.table == "goals")'
    """
    from coachlog.ops.export import counts, gather, write_jsonl, write_sqlite

    path = Path(out) if out not in (None, "-") else None
    if fmt is None:
        fmt = "sqlite" if path is not None and path.suffix.lower() in SQLITE_SUFFIXES else "jsonl"
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"{fmt!r} is not an export format; use sqlite or jsonl", flag="--format")
    if fmt == "sqlite" and path is None:
        raise UsageError(
            "a SQLite export needs a file: coachlog export --format sqlite team.db", flag="OUT"
        )
    if path is not None and path.exists() and not path.is_dir() and not force:
        raise UsageError(f"{path} exists", flag="OUT", hint="give --force to replace it")
    st = state(ctx)
    rows = gather(st.journals(), st.today)
    if fmt == "sqlite":
        assert path is not None
        write_sqlite(rows, path, replace=force)
    else:
        write_jsonl(rows, path, sys.stdout, replace=force)
    if path is not None:
        shown = ", ".join(f"{n} {table}" for table, n in counts(rows).items())
        say(f"wrote {path}: {shown}")
