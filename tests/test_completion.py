"""Shell completion, driven through bash itself: the script ``coachlog completion bash`` prints
is sourced, its function is called with ``COMP_WORDS``/``COMP_CWORD`` as bash sets them, and
``COMPREPLY`` is read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli, add_goal, make_journal

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")

# each case: the words typed (the last one the word being completed), then what bash offers
CASES = {
    "commands": (["coachlog", "go"], ["goals"]),
    "subcommands": (["coachlog", "goals", "d"], ["done", "drop"]),
    "options": (["coachlog", "log", "--r"], ["--rep"]),
    "reps": (["coachlog", "new", "1on1", "--rep", ""], ["alice", "bob", "carol"]),
    "a rep by its first letters": (["coachlog", "agenda", "--rep", "ca"], ["carol"]),
    "a rep argument": (["coachlog", "reps", "set", "b"], ["bob"]),
}


@pytest.fixture(scope="module")
def shell(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A journal with two open goals, one closed and a call review; a ``coachlog`` on PATH;
    the bash completion script."""
    root = tmp_path_factory.mktemp("completion")
    journal = root / "journal"
    journal.mkdir()
    cli = Cli(journal)
    make_journal(cli)
    record = Path(cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()).stem
    args = ("--rep", "alice", "--kind", "action", "--due", "+7d")
    open_goals = [add_goal(cli, "Run 3 discovery calls", *args), add_goal(cli, "Demo", *args)]
    closed = add_goal(cli, "Book the CTO call", *args)
    cli.ok("goals", "done", closed)
    cli.ok("new", "review", "--rep", "bob", "--call", "Acme discovery", "--pick", "went-well")
    topic = Path(cli.ok("topic", "add", "--rep", "alice", "Pricing").stdout.strip()).stem
    bin_dir = root / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "coachlog"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m coachlog "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    script = cli.ok("completion", "bash").stdout
    (root / "coachlog.bash").write_text(script, encoding="utf-8")
    return {
        "root": root,
        "journal": journal,
        "env": {
            **os.environ,
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "COACHLOG_TODAY": "2026-11-24",
            "COACHLOG_JOURNAL": "",
        },
        "open": open_goals,
        "closed": closed,
        "record": record,
        "topic": topic,
    }


def complete(shell: dict[str, object], *lines: list[str]) -> list[list[str]]:
    """What bash's completion offers for each command line, in one bash."""
    script = shell["root"] / "coachlog.bash"  # type: ignore[operator]
    calls = []
    for words in lines:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        calls.append(
            f"COMP_WORDS=({quoted}); COMP_CWORD={len(words) - 1}; COMPREPLY=(); "
            f"_coachlog_completion coachlog; printf '%s\\n' \"${{COMPREPLY[@]}}\"; echo '::'"
        )
    done = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source {script}\n{chr(10).join(calls)}"],
        cwd=shell["journal"],  # type: ignore[arg-type]
        env=shell["env"],  # type: ignore[arg-type]
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # nothing but the candidates, never a traceback
    chunks = done.stdout.split("::\n")[:-1]
    return [[w for w in chunk.splitlines() if w] for chunk in chunks]


def test_bash_completes_commands_options_and_rep_handles(shell: dict[str, object]) -> None:
    offered = complete(shell, *(words for words, _ in CASES.values()))
    for (name, (_, expected)), got in zip(CASES.items(), offered, strict=True):
        assert got == expected, name


def test_bash_completes_goal_ids_open_ones_to_close_any_to_show(shell: dict[str, object]) -> None:
    opened, closed = sorted(shell["open"]), shell["closed"]  # type: ignore[call-overload]
    to_close, to_show, prefix = complete(
        shell,
        ["coachlog", "goals", "done", ""],
        ["coachlog", "goals", "show", ""],
        ["coachlog", "goals", "progress", opened[0][:3]],
    )
    assert to_close == opened
    assert to_show == sorted([*opened, closed])
    assert prefix == [g for g in opened if g.startswith(opened[0][:3])]


def test_bash_completes_record_ids(shell: dict[str, object]) -> None:
    record = str(shell["record"])
    shown, reviews = complete(
        shell, ["coachlog", "show", "2026-11-24-a"], ["coachlog", "score", "2026"]
    )
    assert shown == sorted([record, str(shell["topic"])])  # the topic is a record too
    assert len(reviews) == 1 and reviews[0].startswith("2026-11-24-bob-acme-discovery-")


def test_bash_completes_a_1on1_id_where_only_a_1on1_is_taken(shell: dict[str, object]) -> None:
    """held, cancel and recap offer the 1:1s, not the call review of the same day."""
    offered = complete(
        shell,
        ["coachlog", "held", "2026-11-24"],
        ["coachlog", "cancel", "2026"],
        ["coachlog", "recap", ""],
        ["coachlog", "topic", "drop", ""],
    )
    assert offered == [[str(shell["record"])]] * 3 + [[str(shell["topic"])]]


def test_outside_a_journal_completion_offers_nothing_and_prints_nothing(
    shell: dict[str, object], tmp_path: Path
) -> None:
    env = {**shell["env"], "COACHLOG_JOURNAL": str(tmp_path / "nowhere")}  # type: ignore[dict-item]
    offered = complete({**shell, "env": env}, ["coachlog", "goals", "done", ""])
    assert offered == [[]]


def test_completion_names_the_shells_it_knows(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    assert "compdef _coachlog_completion coachlog" in cli.ok("completion", "zsh").stdout
    assert cli.ok("completion", "fish").stdout.startswith("complete --command coachlog")
    assert "use bash, zsh or fish" in cli.fails("completion", "tcsh").stderr
