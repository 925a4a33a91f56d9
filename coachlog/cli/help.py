"""``coachlog help [COMMAND]...``: the help of coachlog, or of one of its commands."""

from __future__ import annotations

import sys

import typer


def help_(
    words: list[str] = typer.Argument(
        None, metavar="[COMMAND]...", help="A command, or a group and its command (goals add)."
    ),
) -> None:
    """Show the help of coachlog, or of a command (as --help does).

    \b
    Example: coachlog help goals add
    """
    if not words:
        from coachlog.cli.toplevel import top_level_help

        sys.stdout.write(top_level_help() + "\n")
        return
    from coachlog.cli.app import run

    run([*words, "--help"])
