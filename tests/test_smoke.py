from tests.conftest import Cli


def test_new_1on1_smoke(journal, cli: Cli) -> None:
    result = cli.ok("new", "1on1", "--rep", "alice")
    assert result.stdout.startswith("1on1/2026/2026-11-24-alice-")
    result = cli.fails("new", "1on1", "--rep", "zed")
    assert "unknown rep 'zed'" in result.stderr


def test_top_level_help_lists_every_command_as_the_whole_app_does(tmp_path) -> None:
    """``coachlog --help`` builds commands without their options (start-up time); what it
    prints is what the app with every command built prints."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    whole = "import sys; from coachlog.cli.app import app; app(sys.argv[1:], prog_name='coachlog')"
    for args in (["--help"], []):
        listed = subprocess.run(
            [sys.executable, "-m", "coachlog", *args], capture_output=True, text=True, env=env
        )
        built = subprocess.run(
            [sys.executable, "-c", whole, *args], capture_output=True, text=True, env=env
        )
        assert listed.returncode == built.returncode == 0
        assert "goals   Coaching goals and commitments" in listed.stdout
        assert listed.stdout == built.stdout
