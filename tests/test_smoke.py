import os
import re
import subprocess
import sys

import pytest

from tests.conftest import Cli


def test_new_1on1_smoke(journal, cli: Cli) -> None:
    result = cli.ok("new", "1on1", "--rep", "alice")
    assert result.stdout.startswith("1on1/2026/2026-11-24-alice-")
    result = cli.fails("new", "1on1", "--rep", "zed")
    assert "unknown rep 'zed'" in result.stderr


def test_top_level_help_is_the_whole_app_help_at_every_width() -> None:
    """``coachlog --help`` is laid out without typer (start-up time); it is the page the app
    with every command built prints, at every width a help page can have."""
    from typer.testing import CliRunner

    from coachlog.cli.app import app
    from coachlog.cli.toplevel import top_level_help

    for width in range(50, 79):
        built = CliRunner().invoke(app, ["--help"], terminal_width=width)
        assert built.exit_code == 0
        assert top_level_help(width) + "\n" == built.stdout, width


def test_each_command_is_one_line_of_the_top_level_help_at_80_columns() -> None:
    from coachlog.cli.catalog import COMMANDS
    from coachlog.cli.toplevel import top_level_help

    page = top_level_help(78)  # the width click gives a help page on an 80-column terminal
    listed = page.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == list(COMMANDS), page


@pytest.mark.parametrize("columns", ["100", "64", "20", "junk", ""])
@pytest.mark.parametrize("args", [["--help"], ["-h"], []])
def test_top_level_help_from_the_command_line(columns: str, args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": columns, "NO_COLOR": "1"}
    whole = "import sys; from coachlog.cli.app import app; app(sys.argv[1:], prog_name='coachlog')"
    fast = subprocess.run(
        [sys.executable, "-m", "coachlog", *args], capture_output=True, text=True, env=env
    )
    built = subprocess.run(
        [sys.executable, "-c", whole, *args], capture_output=True, text=True, env=env
    )
    assert fast.returncode == built.returncode == 0
    assert fast.stderr == built.stderr == ""
    assert re.search(r"\n  goals +Coaching goals and commitments", fast.stdout)
    assert fast.stdout == built.stdout
