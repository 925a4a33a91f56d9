"""``coachlog init``: start a journal."""

from __future__ import annotations

from pathlib import Path

import typer

from coachlog import defaults
from coachlog.cli.common import echo, say, state, warn
from coachlog.vocabulary import PERIOD_KINDS, one_of


def init(
    ctx: typer.Context,
    path: Path = typer.Argument(Path("."), help="Folder for the journal (made if missing)."),
    team: str = typer.Option("", "--team", help="The team's name."),
    manager: str = typer.Option("", "--manager", help="The manager's name or handle."),
    period: str = typer.Option(defaults.PERIOD, "--period", help=f"{one_of(PERIOD_KINDS)}."),
    fiscal_year_start: str = typer.Option(
        defaults.FISCAL_YEAR_START,
        "--fiscal-year-start",
        metavar="MM-DD",
        help="First day of the fiscal year.",
    ),
    git: bool = typer.Option(
        False,
        "--git",
        help="Run git init, ignore derived files and set up merging (as 'coachlog git setup').",
    ),
) -> None:
    """Start a journal: coachlog.yaml with every default spelled out.

    \b
    Example: coachlog init sales-coaching --team "Enterprise West" --manager dana
        --period quarter --fiscal-year-start 02-01 --git
    """
    from coachlog.ops.init import init_journal

    state(ctx).today  # noqa: B018 - a bad --today or COACHLOG_TODAY is refused here too
    result = init_journal(
        path,
        team=team,
        manager=manager,
        period=period,
        fiscal_year_start=fiscal_year_start,
        git=git,
    )
    echo(str(result.config))
    if result.notice:
        warn(result.notice.replace("not committed:", "no first commit:", 1))
    say(f"Journal started in {result.root}. Next: coachlog reps add HANDLE --name 'Full Name'")
