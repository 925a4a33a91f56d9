"""``coachlog --help`` (and ``coachlog`` alone) without importing typer.

Importing typer takes longer than the rest of printing the help many times over, so the top
level help is laid out here, the way click lays out every help page: a usage line, the app's
text wrapped and indented by two, then each section's definition list with the second column
wrapped beside the first. A test checks that this page and the typer app's own are the same
at every terminal width.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Sequence

from coachlog.cli.catalog import APP_HELP, COMMANDS, OPTIONS
from coachlog.cli.summaries import SUMMARIES

USAGE = "Usage: coachlog [OPTIONS] COMMAND [ARGS]..."


def help_width() -> int:
    """The width click gives a help page: the terminal's (``COLUMNS`` first), at most 80, less
    two, and at least 50."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    if columns <= 0:
        columns = 80
    return max(min(columns, 80) - 2, 50)


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Each paragraph (blank-line separated) filled to ``width``, paragraphs a blank line
    apart."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines += textwrap.wrap(
            " ".join(paragraph.split()),
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            replace_whitespace=False,
        )
    return lines


def _definitions(rows: Sequence[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    first_col = min(max(len(term) for term, _ in rows), 30) + 2
    lines = []
    for term, text in rows:
        wrapped = _wrap(text, max(width - first_col - 2, 10))
        if len(term) <= first_col - 2:
            lines.append(" " * indent + term + " " * (first_col - len(term)) + wrapped[0])
        else:
            lines.append(" " * indent + term)
            lines.append(" " * (first_col + indent) + wrapped[0])
        lines += [" " * (first_col + indent) + line for line in wrapped[1:]]
    return lines


def top_level_help(width: int | None = None) -> str:
    """The page ``coachlog --help`` prints, without its final newline."""
    width = help_width() if width is None else width
    commands = [(name, SUMMARIES.get(name, "")) for name in COMMANDS]
    lines = [USAGE, "", *_wrap(APP_HELP, width, "  ")]
    lines += ["", "Options:", *_definitions(OPTIONS, width)]
    lines += ["", "Commands:", *_definitions(commands, width)]
    return "\n".join(lines)
