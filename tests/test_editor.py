"""The editor never overwrites other writes: ``new`` opens the record in $EDITOR on a real
pseudo-terminal (``script``), another command changes the record meanwhile, and both changes
are in the file when the editor is closed. The merge itself is tested on the op directly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachlog.ops.editing import edit_record
from coachlog.store.journal import Journal
from tests.conftest import Cli

HOLDER = """#!/bin/sh
# an editor that reads the file, waits (the meeting), then saves its old buffer plus a line
buf=$(cat "$1")
touch "$HOLD_DIR/ready"
while [ ! -f "$HOLD_DIR/go" ]; do sleep 0.05; done
printf '%s\\nNote from the meeting: Alice will run the pilot.\\n' "$buf" > "$1"
"""


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")
def test_a_goal_added_while_the_editor_is_open_survives_the_save(journal: Path, cli: Cli) -> None:
    hold = journal.parent / "hold"
    hold.mkdir()
    editor = hold / "editor.sh"
    editor.write_text(HOLDER, encoding="utf-8")
    editor.chmod(0o755)
    env = {
        **os.environ,
        "EDITOR": str(editor),
        "VISUAL": "",
        "HOLD_DIR": str(hold),
        "COACHLOG_TODAY": "2026-11-24",
        "COACHLOG_JOURNAL": str(journal),
    }
    command = f"{sys.executable} -m coachlog new 1on1 --rep alice"
    with subprocess.Popen(
        ["script", "-qec", command, "/dev/null"],
        cwd=journal,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as editing:
        try:
            _wait_for(hold / "ready")
            goal = cli.ok(
                "goals", "add", "Run 5 discovery calls", "--rep", "alice", "--kind", "action",
                "--due", "+7d", "--target", "5",
            ).stdout.strip()  # fmt: skip
        finally:
            (hold / "go").touch()  # the editor is closed whatever happened
        output, _ = editing.communicate(timeout=60)
    assert editing.returncode == 0, output
    (record,) = (journal / "1on1").glob("*/*.md")
    text = record.read_text(encoding="utf-8")
    assert f"- id: {goal}" in text  # the other command's write
    assert text.endswith("Note from the meeting: Alice will run the pilot.\n")  # the person's
    assert b"warning" not in output
    assert "error" not in cli.ok("check").stdout
    assert not list((journal / ".coachlog" / "edit").iterdir())  # the copy is gone


def _editor(change):  # type: ignore[no-untyped-def]
    """A run_editor that applies ``change(text) -> text`` to the copy it is given."""

    def run(copy: Path) -> None:
        copy.write_text(change(copy.read_text(encoding="utf-8")), encoding="utf-8")

    return run


def _record(cli: Cli, journal: Path) -> Path:
    return journal / cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()


def test_both_sides_change_the_same_lines_keeps_both_and_warns(journal: Path, cli: Cli) -> None:
    path = _record(cli, journal)

    def meanwhile(text: str) -> str:  # another command rewrote the Notes line meanwhile
        path.write_text(path.read_text().replace("## Notes\n", "## Notes\n\nFrom a teammate.\n"))
        return text.replace("## Notes\n", "## Notes\n\nMine.\n")

    done = edit_record(Journal(journal), path, _editor(meanwhile))
    text = path.read_text()
    assert "Mine." in text and "From a teammate." in text
    assert text.index("Mine.") < text.index("From a teammate.")
    assert len(done.warnings) == 1 and "both are kept, yours first" in done.warnings[0]


def test_front_matter_broken_in_the_editor_is_saved_with_a_warning_naming_the_line(
    journal: Path, cli: Cli
) -> None:
    path = _record(cli, journal)
    done = edit_record(
        Journal(journal), path, _editor(lambda t: t.replace("minutes: 40", "minutes: [40"))
    )
    assert "minutes: [40" in path.read_text()  # nothing the person typed is lost
    relative = path.relative_to(journal)
    line = path.read_text().splitlines().index("minutes: [40") + 1
    assert len(done.warnings) == 1
    assert done.warnings[0].startswith(f"{relative}:")
    assert "coachlog check" in done.warnings[0]
    assert str(line) in done.warnings[0].split(":")[1]


def test_a_record_deleted_while_open_is_written_again_with_a_warning(
    journal: Path, cli: Cli
) -> None:
    path = _record(cli, journal)

    def deleted(text: str) -> str:
        path.unlink()
        return text + "A late note.\n"

    done = edit_record(Journal(journal), path, _editor(deleted))
    assert path.read_text().endswith("A late note.\n")
    assert "was deleted while it was open" in done.warnings[0]


def test_an_editor_that_changes_nothing_writes_nothing(journal: Path, cli: Cli) -> None:
    path = _record(cli, journal)
    before = path.stat().st_mtime_ns
    done = edit_record(Journal(journal), path, _editor(lambda t: t))
    assert (done.changed, done.warnings, path.stat().st_mtime_ns) == (False, [], before)
