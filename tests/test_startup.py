"""What a command imports: a read answered from the index loads no model, YAML or terminal
library, and option values are converted without pydantic. (How fast that is, the benchmark
measures; these tests check what a command does, not how long it takes.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, Cli, add_goal

HEAVY = ("pydantic", "yaml", "ruamel", "rich", "dateutil")

# runs a command in a fresh interpreter, then says which heavy libraries it imported
PROBE = """
import json, sys
from coachlog.__main__ import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
sys.stderr.write("\\nloaded: " + json.dumps(loaded) + "\\n")
sys.exit(code)
"""


def _run(journal: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    env = {**os.environ, "COACHLOG_JOURNAL": str(journal), "COACHLOG_TODAY": TODAY}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    code = f"HEAVY = {HEAVY!r}\n{PROBE}"
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    marker = result.stderr.rindex("\nloaded: ")
    loaded = json.loads(result.stderr[marker + len("\nloaded: ") :])
    result.stderr = result.stderr[:marker]
    return result, loaded


def _goal(cli: Cli, title: str, *args: str) -> str:
    cli.ok("new", "1on1", "--rep", "alice")
    return add_goal(cli, title, "--rep", "alice", "--kind", "action", *args)


def _age(root: Path, seconds: int = 3600) -> None:
    """Date every file back, as a journal is between one day's commands and the next (a file
    changed within the last two seconds is read again, whatever the index holds)."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file() and ".coachlog" not in path.parts:
            os.utime(path, (then, then))


@pytest.mark.parametrize("fmt", ["json", "markdown", "csv"])
def test_goals_open_on_a_warm_index_imports_no_heavy_library(
    journal: Path, cli: Cli, fmt: str
) -> None:
    _goal(cli, "Run two discovery calls")
    _age(journal)
    first, _ = _run(journal, "goals", "open", "--format", fmt)  # reads config and records
    warm, loaded = _run(journal, "goals", "open", "--format", fmt)
    assert first.returncode == warm.returncode == 0, first.stderr + warm.stderr
    assert warm.stdout == first.stdout
    assert "Run two discovery calls" in warm.stdout
    assert loaded == []


def test_a_changed_record_is_read_again_with_the_careful_libraries(journal: Path, cli: Cli) -> None:
    goal = _goal(cli, "Run two discovery calls")
    _age(journal)
    _run(journal, "goals", "open")
    (record,) = journal.glob("1on1/*/*.md")
    record.write_text(
        record.read_text(encoding="utf-8").replace("Run two discovery", "Run three discovery"),
        encoding="utf-8",
    )
    result, loaded = _run(journal, "goals", "open", "--format", "json")
    assert [g["title"] for g in json.loads(result.stdout)] == ["Run three discovery calls"]
    assert [g["id"] for g in json.loads(result.stdout)] == [goal]
    assert "yaml" in loaded  # the changed file was parsed; the others were not


def test_a_config_broken_after_it_read_well_still_stops_every_command(
    journal: Path, cli: Cli
) -> None:
    """The config is validated once per change of the file, not on every command; a change
    is always seen."""
    _age(journal)
    assert _run(journal, "goals", "open")[0].returncode == 0  # read well, and remembered
    config = journal / "coachlog.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("cadence_days: 7", "cadence_days: often"), encoding="utf-8")
    _age(journal, seconds=1800)
    line = config.read_text(encoding="utf-8").splitlines().index("cadence_days: often") + 1
    result, _ = _run(journal, "goals", "open")
    assert result.returncode == 1
    assert result.stderr.startswith(f"coachlog: error: {config}:{line}: cadence_days"), (
        result.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agenda", "--rep", "alice", "--minutes", "abc"), "'--minutes': 'abc' is not a whole"),
        (("new", "1on1", "--rep", "alice", "--minutes", "4.5"), "'4.5' is not a whole number"),
        (("goals", "progress", "x", "--value", "lots"), "'--value': 'lots' is not a number"),
        (("goals", "add", "Call", "--rep", "alice", "--target", ""), "'' is not a number"),
    ],
)
def test_an_option_of_the_wrong_type_is_one_line(
    journal: Path, cli: Cli, args: tuple[str, ...], message: str
) -> None:
    result = cli.fails(*args, code=2)
    assert message in result.stderr
    assert result.stderr.startswith("coachlog: error: Invalid value for")


def test_options_of_every_type_arrive_as_their_type(journal: Path, cli: Cli) -> None:
    goal = _goal(cli, "Book 3 demos", "--target", "3", "--due", "+7d")
    cli.ok("goals", "progress", goal, "--value", "1.5")
    (row,) = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert (row["target"], row["progress"]) == (3, 1.5)
    made = cli.ok("new", "1on1", "--rep", "bob", "--minutes", "30").stdout.strip()
    assert "minutes: 30\n" in (cli.cwd / made).read_text(encoding="utf-8")


def test_the_command_after_a_write_parses_nothing(journal: Path, cli: Cli) -> None:
    """A write brings the index entry of its file up to date; the next command reads that
    file's bytes once (it was written just now) and parses nothing."""
    _goal(cli, "Run two discovery calls")
    _age(journal)
    _run(journal, "goals", "open")
    made, _ = _run(journal, "new", "1on1", "--rep", "bob", "--date", TODAY)
    assert made.returncode == 0, made.stderr
    after, loaded = _run(journal, "goals", "open", "--format", "json")
    assert after.returncode == 0, after.stderr
    assert loaded == []
    assert [g["title"] for g in json.loads(after.stdout)] == ["Run two discovery calls"]


def test_an_edit_that_keeps_size_and_mtime_of_a_just_written_file_is_seen(
    journal: Path, cli: Cli
) -> None:
    """The racy case: coachlog writes a file, and within the clock's resolution another
    program changes it without changing its size or mtime. Its bytes are compared."""
    goal = _goal(cli, "Call Anna on Monday")
    _age(journal)
    cli.ok("goals", "progress", goal, "--value", "1")  # written now: racy in the index
    (record,) = journal.glob("1on1/*/*.md")
    before = record.stat()
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("Call Anna on Monday", "Call Anne on Monday"), "utf-8")
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert record.stat().st_size == before.st_size
    (row,) = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert row["title"] == "Call Anne on Monday"
