"""The permission cases as they happen to a person, not to root: run as the unprivileged user
``nobody`` (``runuser``), whom file modes bind (root passes every mode check, so CI, which runs
as root, would prove nothing run as itself).

A read-only journal, a read-only ``.coachlog``, a ``.coachlog`` left owned by root by a ``sudo``
run, a folder of records that is not the user's: reads answer (with one ``warning:`` line
where the index cannot be kept), writes are one ``error:`` line, nothing is written, no
traceback. ``nobody`` cannot run this checkout's Python (it may live under /root), so the tests
use a virtual environment built from the system's Python in a world-readable place
(``COACHLOG_USER_VENV``, default /opt/coachlog-user-venv; ``.ci/run`` makes it), with this
checkout's ``coachlog`` package copied beside the journal for it to import.
"""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Cli, make_journal, snapshot

VENV = Path(os.environ.get("COACHLOG_USER_VENV", "/opt/coachlog-user-venv"))
PYTHON = VENV / "bin" / "python"
USER = "nobody"
SOURCE = Path(__file__).resolve().parents[1] / "coachlog"


def _why_not() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "runs commands as another user: needs root (CI runs as root)"
    if shutil.which("runuser") is None:
        return "runuser is not installed"
    if not PYTHON.exists():
        return f"no virtual environment for {USER} at {VENV} (.ci/run makes it)"
    return None


pytestmark = pytest.mark.skipif(_why_not() is not None, reason=str(_why_not()))


class AsUser:
    """Runs ``coachlog`` as ``nobody`` on a journal in a folder everyone may enter."""

    def __init__(self, base: Path, journal: Path) -> None:
        self.base = base
        self.journal = journal

    def __call__(self, *args: str, identity: str = "") -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": "/nonexistent",
            "PYTHONPATH": str(self.base / "src"),
            "COACHLOG_TODAY": "2026-11-24",
            "COACHLOG_IDENTITY": identity,
            "NO_COLOR": "1",
        }
        done = subprocess.run(
            ["runuser", "-u", USER, "--", "env", "-i", *(f"{k}={v}" for k, v in env.items()),
             str(PYTHON), "-m", "coachlog", *args],
            cwd=self.journal, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert "Traceback" not in done.stderr, done.stderr
        return done

    def fails(self, *args: str) -> str:
        done = self(*args)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("coachlog: error: "), done.stderr
        return lines[0]

    def reads(self, *args: str) -> str:
        done = self(*args)
        assert done.returncode == 0, done.stderr
        return done.stderr

    def own(self, *paths: Path, user: str = USER) -> None:
        for path in paths:
            shutil.chown(path, user, None)
            for inner in path.rglob("*") if path.is_dir() else ():
                shutil.chown(inner, user, None)


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A folder everyone may enter, holding this checkout's package (compiled here: the user
    could not write its caches), and a journal to copy for each test."""
    base = Path(tempfile.mkdtemp(prefix="coachlog-as-user-"))
    try:
        shutil.copytree(SOURCE, base / "src" / "coachlog", ignore=shutil.ignore_patterns("*.pyc"))
        compileall.compile_dir(base / "src", quiet=1)
        for path in (base, *base.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        template = tmp_path_factory.mktemp("as-a-user") / "journal"
        template.mkdir()
        cli = Cli(template)
        make_journal(cli)
        cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
        shutil.rmtree(template / ".coachlog")
        yield base, template
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def as_user(runtime: tuple[Path, Path]) -> Iterator[AsUser]:
    base, template = runtime
    journal = Path(tempfile.mkdtemp(prefix="journal-", dir=base))
    try:
        shutil.copytree(template, journal, dirs_exist_ok=True)
        for path in (journal, *journal.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield AsUser(base, journal)
    finally:
        shutil.rmtree(journal, ignore_errors=True)


def _root_run(journal: Path, *args: str) -> None:
    """What a ``sudo coachlog ...`` leaves behind: a ``.coachlog`` owned by root."""
    Cli(journal).ok(*args)


def test_a_journal_the_user_may_only_read(as_user: AsUser) -> None:
    journal = as_user.journal  # every file root's, readable by all: nobody may only read
    before = snapshot(journal)
    warning = as_user.reads("goals", "open")
    assert warning.startswith("warning: the index in .coachlog/ cannot be written")
    assert len(warning.splitlines()) == 1
    error = as_user.fails("reps", "set", "alice", "--name", "Alice M.")
    assert "cannot take the journal's lock (permission denied); nothing was changed" in error
    assert snapshot(journal) == before


def test_a_coachlog_folder_left_by_a_sudo_run(as_user: AsUser) -> None:
    journal = as_user.journal
    as_user.own(journal)  # the user's journal...
    _root_run(journal, "goals", "open")  # ...and .coachlog made by root (sudo coachlog ...)
    assert (journal / ".coachlog").stat().st_uid == 0
    before = snapshot(journal)
    assert len(as_user.reads("report", "--rep", "alice").splitlines()) <= 1  # a warning at most
    error = as_user.fails("goals", "add", "Call Acme", "--rep", "alice", "--kind", "action")
    assert ".coachlog/lock: cannot take the journal's lock (permission denied)" in error
    assert snapshot(journal) == before


def test_a_read_only_coachlog_folder_of_the_users_own(as_user: AsUser) -> None:
    journal = as_user.journal
    _root_run(journal, "goals", "open")
    as_user.own(journal)  # the user's own journal, .coachlog and index...
    (journal / ".coachlog").chmod(0o555)  # ...and a .coachlog they made read-only
    before = snapshot(journal)
    assert "cannot take the journal's lock" in as_user.fails("reps", "set", "bob", "--name", "B")
    assert as_user(*("goals", "open")).returncode == 0
    assert snapshot(journal) == before


def test_a_folder_of_records_that_is_not_the_users(as_user: AsUser) -> None:
    journal = as_user.journal
    as_user.own(journal)
    as_user.own(journal / "reps", user="root")  # profiles written by someone else
    before = snapshot(journal)
    error = as_user.fails("reps", "set", "alice", "--name", "Alice M.")
    assert "reps/alice.yaml: cannot write (permission denied); nothing was changed" in error
    assert snapshot(journal) == before
    assert not [p for p in (journal / "reps").iterdir() if p.name.startswith(".")]  # no temp


def test_an_identity_the_user_cannot_read_leaves_private_text_encrypted(
    as_user: AsUser,
) -> None:
    from pyrage import x25519

    journal = as_user.journal
    identity = x25519.Identity.generate()
    key = journal.parent / f"{journal.name}.key"
    key.write_text(f"{identity}\n")
    key.chmod(0o600)  # root's key: nobody cannot read it
    config = journal / "coachlog.yaml"
    config.write_text(
        config.read_text().replace("  encrypt_to: []", f"  encrypt_to: [{identity.to_public()}]")
    )
    Cli(journal).ok("privacy", "encrypt")
    shutil.rmtree(journal / ".coachlog")
    as_user.own(journal)
    before = snapshot(journal)
    done = as_user("privacy", "rotate", identity=str(key))
    assert done.returncode == 1
    assert f"cannot read the identity {key} (permission denied)" in done.stderr
    assert "nothing was changed" in done.stderr and len(done.stderr.splitlines()) == 1
    assert snapshot(journal) == before
