"""Faults a journal meets in real use: a first read of thousands of files killed half way (a
kill -9, a closed laptop), a parse worker killed under it. Nothing may be left holding the
journal's lock or running on, and the next command must simply work."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TODAY, Cli, add_goal, snapshot

RECORD = """---
kind: 1on1
id: {id}
rep: {rep}
manager: dana
date: {day}
created: {day}T09:00:00Z
minutes: 40
goals:
  - id: g{n:07d}
    title: Goal {n}
    kind: action
    owner: rep
    status: done
    set: {day}
    due: {day}
    closed: {day}
---
# 1:1 with {rep}, {day}

## Notes

Talked through the week.
"""


def many_records(journal: Path, count: int) -> None:
    """``count`` small 1:1 records spread over the journal's reps and the days before today."""
    from datetime import date, timedelta

    reps = sorted(p.stem for p in (journal / "reps").glob("*.yaml"))
    start = date.fromisoformat(TODAY) - timedelta(days=count // len(reps) + 1)
    for n in range(count):
        rep = reps[n % len(reps)]
        day = start + timedelta(days=n // len(reps))
        record_id = f"{day}-{rep}-z{n % 1000:03d}"
        folder = journal / "1on1" / f"{day.year:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}.md").write_text(
            RECORD.format(id=record_id, rep=rep, day=day, n=n), encoding="utf-8"
        )


def _env(journal: Path, marker: str) -> dict[str, str]:
    return {
        **os.environ,
        "COACHLOG_JOURNAL": str(journal),
        "COACHLOG_TODAY": TODAY,
        "COACHLOG_TEST_RUN": marker,  # to find every process of this run afterwards
        "NO_COLOR": "1",
    }


def processes_of(marker: str) -> list[int]:
    """Processes still running with ``marker`` in their environment."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"COACHLOG_TEST_RUN={marker}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _cold(journal: Path) -> None:
    shutil.rmtree(journal / ".coachlog", ignore_errors=True)


@pytest.fixture
def big_journal(journal: Path) -> Path:
    many_records(journal, 4000)
    return journal


COMMAND = [sys.executable, "-m", "coachlog"]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_a_killed_first_read_leaves_nothing_behind_and_the_next_write_finishes(
    big_journal: Path,
) -> None:
    rng = random.Random(7)
    for trial in range(4):
        marker = f"cold-read-{os.getpid()}-{trial}"
        env = _env(big_journal, marker)
        _cold(big_journal)
        reader = subprocess.Popen(
            [*COMMAND, "goals", "open"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.4, 1.6))  # somewhere in the parse: workers running
        reader.send_signal(signal.SIGKILL)
        reader.wait()
        try:
            write = subprocess.run(
                [*COMMAND, "reps", "set", "alice", "--name", f"Alice {trial}"],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"trial {trial}: the write waited on the lock of a killed read")
        finally:
            deadline = time.monotonic() + 10
            while processes_of(marker) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = processes_of(marker)
            for pid in left:  # do not leave them to the next test
                os.kill(pid, signal.SIGKILL)
        assert write.returncode == 0, write.stderr
        assert left == [], f"trial {trial}: workers outlived their parent"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds processes through /proc")
def test_a_killed_parse_worker_is_one_line_and_the_read_still_answers(big_journal: Path) -> None:
    marker = f"worker-{os.getpid()}"
    env = _env(big_journal, marker)
    _cold(big_journal)
    reader = subprocess.Popen(
        [*COMMAND, "goals", "open", "--format", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and reader.poll() is None:
        workers = [pid for pid in processes_of(marker) if b"parsing" in _cmdline(pid)]
        time.sleep(0.02)
    if not workers:
        reader.communicate()
        pytest.skip("the parse finished before a worker could be seen")
    try:
        os.kill(workers[0], signal.SIGKILL)
    except ProcessLookupError:  # it finished first: nothing to see this time
        reader.communicate(timeout=120)
        pytest.skip("the worker finished before it could be killed")
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert "Traceback" not in err
    assert out.startswith("[")
    assert err == "warning: a parsing process stopped early; its files were read here instead\n"


def test_the_workers_parse_as_this_process_does(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files parsed by the worker processes give the index exactly what parsing them here
    gives, in the same order."""
    from coachlog.store import parsing
    from coachlog.store.index import walk
    from coachlog.store.records import JournalFiles
    from coachlog.vocabulary import KIND_DIRS

    many_records(journal, 40)
    files = JournalFiles(journal)
    changed = sorted(walk(journal, KIND_DIRS.values()))
    here = [parsing.parse(files, st) for st in changed]
    monkeypatch.setattr(parsing, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parsing.os, "cpu_count", lambda: 4)
    notices: list[str] = []
    assert parsing.parse_all(files, changed, notices) == here
    assert notices == []


# --- a journal that cannot be written ------------------------------------------------------------


def _chattr(flag: str, *paths: Path) -> bool:
    """``chattr flag paths``: an immutable file or folder refuses writes even to root (as a
    read-only one refuses them to its user). False where the file system cannot."""
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture
def immutable(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Make paths immutable for the test, and mutable again after it."""
    made: list[Path] = []

    def make(*paths: Path) -> None:
        if shutil.which("chattr") is None or not _chattr("+i", *paths):
            pytest.skip("no chattr +i on this file system")
        made.extend(paths)

    yield make
    if made:
        _chattr("-i", *made)


def test_an_index_that_cannot_be_written_is_one_warning_and_the_answer(
    journal: Path, cli: Cli, immutable
) -> None:
    add_goal(cli, "Call the Acme CFO", "--rep", "alice", "--kind", "action", *_new_1on1(cli))
    before = cli.ok("goals", "open", "--format", "csv").stdout
    for old in (journal / ".coachlog").glob("index.sqlite*"):
        old.unlink()
    index = journal / ".coachlog" / "index.sqlite"
    index.touch()  # an index file that cannot be written (as one owned by another user)
    immutable(index)
    result = cli.ok("goals", "open", "--format", "csv")
    assert result.stdout == before
    assert result.stderr.startswith("warning: the index in .coachlog/ cannot be written")
    assert len(result.stderr.splitlines()) == 1


def test_a_journal_that_cannot_be_written_is_one_error_and_nothing_changed(
    journal: Path, cli: Cli, immutable
) -> None:
    _new_1on1(cli)
    shutil.rmtree(journal / ".coachlog")
    before = snapshot(journal)
    immutable(journal)
    result = cli.fails("reps", "set", "alice", "--name", "Alice M.")
    assert "cannot take the journal's lock" in result.stderr
    assert snapshot(journal) == before


def test_a_folder_that_cannot_be_written_is_one_error_and_nothing_changed(
    journal: Path, cli: Cli, immutable
) -> None:
    before = snapshot(journal)
    immutable(journal / "reps")
    result = cli.fails("reps", "set", "alice", "--name", "Alice M.")
    assert "reps/alice.yaml: cannot write (operation not permitted); nothing was changed" in (
        result.stderr
    )
    assert snapshot(journal) == before


@pytest.mark.parametrize("broken", ["a file", "a folder"])
def test_coachlogs_own_folder_in_the_way_is_one_line(journal: Path, cli: Cli, broken: str) -> None:
    """``.coachlog`` being a file, or its lock a folder (a bad copy, a stray mkdir)."""
    shutil.rmtree(journal / ".coachlog", ignore_errors=True)
    if broken == "a file":
        (journal / ".coachlog").write_text("")
        read = cli.ok("goals", "open")
        assert read.stderr.startswith("warning: the index in .coachlog/ cannot be written")
    else:
        (journal / ".coachlog" / "lock").mkdir(parents=True)
    result = cli.fails("reps", "set", "alice", "--name", "Alice M.")
    assert "cannot take the journal's lock" in result.stderr


def test_a_full_disk_leaves_every_file_as_it_was_and_says_so_in_one_line(journal: Path) -> None:
    """A write the file system refuses half way (here: files limited to 512 bytes, as a full
    disk refuses them) writes nothing, leaves no temporary file, and says so in one line."""
    import resource

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))

    before = snapshot(journal)
    done = subprocess.run(
        [*COMMAND, "new", "1on1", "--rep", "alice", "--no-edit"],
        env=_env(journal, "full-disk"),
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.endswith("cannot write (file too large); nothing was changed\n"), done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert snapshot(journal) == before


def _new_1on1(cli: Cli) -> tuple[str, ...]:
    cli.ok("new", "1on1", "--rep", "alice")
    return ("--due", "+7d")


# --- a rep profile that does not read ----------------------------------------------------------


@pytest.mark.parametrize("args", [("reps", "list"), ("report",), ("report", "--format", "json")])
def test_a_misspelt_profile_is_skipped_with_a_warning_by_what_reads_everyone(
    journal: Path, cli: Cli, args: tuple[str, ...]
) -> None:
    profile = journal / "reps" / "bob.yaml"
    profile.write_text(profile.read_text().replace("name:", "nmae:", 1))
    result = cli.ok(*args)
    assert result.stderr == (
        "warning: reps/bob.yaml:1: unknown key 'nmae' in a rep profile "
        "(skipped; 'coachlog check' lists every problem)\n"
    )
    assert "alice" in result.stdout and "bob" not in result.stdout


def test_a_misspelt_profile_still_stops_what_is_about_that_rep(journal: Path, cli: Cli) -> None:
    profile = journal / "reps" / "bob.yaml"
    profile.write_text(profile.read_text().replace("name:", "nmae:", 1))
    assert "unknown key 'nmae'" in cli.fails("report", "--rep", "bob").stderr
    assert "unknown key 'nmae'" in cli.fails("agenda", "--rep", "bob").stderr
    assert "unknown key 'nmae'" in cli("check").stdout


# --- small things a hand or another system gets wrong -------------------------------------------


@pytest.mark.parametrize("handle", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_a_handle_windows_keeps_for_a_device_is_refused(
    journal: Path, cli: Cli, handle: str
) -> None:
    before = snapshot(journal)
    assert "Windows keeps that name" in cli.fails("reps", "add", handle).stderr
    assert snapshot(journal) == before


def test_a_profile_named_for_a_windows_device_is_reported_by_check(journal: Path, cli: Cli) -> None:
    shutil.copy(journal / "reps" / "bob.yaml", journal / "reps" / "nul.yaml")
    assert "reps/nul.yaml:1: error: 'nul' is not a rep handle (Windows keeps" in (
        cli("check").stdout
    )


@pytest.mark.parametrize("value", ["true", "false", "yes"])
def test_a_rating_is_a_whole_number_not_a_yes_or_no(journal: Path, cli: Cli, value: str) -> None:
    record = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    text = record.read_text(encoding="utf-8")
    assert "\nhelpful:\n" in text
    record.write_text(text.replace("\nhelpful:\n", f"\nhelpful: {value}\n", 1))
    assert "helpful" in cli("check").stdout
    report = json.loads(cli.ok("report", "--format", "json").stdout)
    assert all(row["helpful_ratings"] == 0 for row in report["reps"])


def test_a_focus_typed_in_nfc_then_nfd_keeps_its_since_date(journal: Path, cli: Cli) -> None:
    import unicodedata

    text = "Résumé the customer's pain before the demo"
    nfc, nfd = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    assert nfc != nfd
    cli.ok("--today", "2026-11-02", "focus", "set", "--rep", "alice", nfc, "--plan", "Role-play")
    cli.ok("focus", "set", "--rep", "alice", nfd, "--plan", "Role-play it twice")
    shown = json.loads(cli.ok("focus", "show", "--rep", "alice", "--format", "json").stdout)
    assert shown["focus"]["since"] == "2026-11-02"
    assert shown["focus"]["behaviour"] == nfc
    assert shown["history"] == []


def test_a_record_linked_from_outside_the_journal_is_not_read_nor_written_through(
    journal: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory
) -> None:
    record = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    goal = add_goal(cli, "Call the Acme CFO", "--rep", "alice", "--kind", "action")
    outside = tmp_path_factory.mktemp("elsewhere") / "record.md"
    record.rename(outside)
    record.symlink_to(outside)
    kept = outside.read_bytes()

    listed = cli.ok("goals", "open", "--format", "csv")
    assert goal not in listed.stdout
    assert "outside the journal: not read (skipped;" in listed.stderr
    assert "outside the journal" in cli.fails("goals", "done", goal).stderr
    assert "outside the journal: not read" in cli("check").stdout
    assert record.is_symlink() and outside.read_bytes() == kept


def test_a_record_linked_within_the_journal_is_read(journal: Path, cli: Cli) -> None:
    record = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    goal = add_goal(cli, "Call the Acme CFO", "--rep", "alice", "--kind", "action")
    kept = journal / "kept" / record.name
    kept.parent.mkdir()
    record.rename(kept)
    record.symlink_to(kept)
    assert goal in cli.ok("goals", "open", "--format", "csv").stdout


def test_a_hand_indented_list_stays_as_it_is_when_a_goal_changes(journal: Path, cli: Cli) -> None:
    """Lists indented by hand otherwise than coachlog writes them (six spaces) are left as
    they are by a one-goal change, which adds its own lines and nothing else."""
    import difflib

    record = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    goal = add_goal(cli, "Call the Acme CFO", "--rep", "alice", "--kind", "action")
    text = record.read_text(encoding="utf-8")
    assert "\nadhoc:\n  - " in text
    hand = text.replace("\nadhoc:\n  - ", "\nadhoc:\n      - ").replace("?\n  - ", "?\n      - ")
    record.write_text(hand, encoding="utf-8")
    cli.ok("goals", "progress", goal, "--value", "1")
    after = record.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(hand.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert all(line.startswith("+") for line in changed), changed
    assert len(changed) <= 4, changed


def test_a_misspelt_profile_is_one_warning_however_often_the_reps_are_read(
    journal: Path, cli: Cli
) -> None:
    profile = journal / "reps" / "bob.yaml"
    profile.write_text(profile.read_text().replace("name:", "nmae:", 1))
    result = cli("report", "--manager", "nobody")  # reads every profile twice
    assert result.exit_code == 2
    assert result.stderr.count("warning: reps/bob.yaml:1:") == 1, result.stderr
    from coachlog.store.journal import Journal

    store = Journal(journal)
    store.reps()
    store.reps()
    assert len(store.problems) == 1
