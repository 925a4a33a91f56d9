"""``coachlog check``: list every problem in the journal."""

from __future__ import annotations

import typer

from coachlog.cli.common import echo, say, state


def check(ctx: typer.Context) -> None:
    """List every problem in the journal, with its file and line.

    Reads every file of the journal and lists each problem as path:line: severity: message,
    errors first. Exits 1 when there is any error, 0 otherwise (warnings alone pass).

    \b
    Example: coachlog check && git commit -am "1:1 notes"
    """
    from coachlog.ops.check import check_journal

    st = state(ctx)
    journal = st.journal_unchecked()
    problems = check_journal(journal, st.today)
    journal.problems = []  # listed here already; not again as warnings
    for problem in problems:
        echo(str(problem))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    plural = {True: "", False: "s"}
    say(f"{errors} error{plural[errors == 1]}, {warnings} warning{plural[warnings == 1]}")
    if errors:
        raise typer.Exit(1)
