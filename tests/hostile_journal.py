"""The hostile-input corpus (tests/hostile/) and the small journal each case is placed in.

Shared by tests/test_hostile.py and by anyone who wants to see what a user sees for each case:
``python -m tests.hostile_journal`` prints every case's line for every command.
"""

from __future__ import annotations

import functools
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

from tests.conftest import Cli, Result

CORPUS = Path(__file__).parent / "hostile"
RECORD_ID = "2026-11-20-alice-h0st"
PLACES = {
    "record": f"1on1/2026/{RECORD_ID}.md",  # alice's newest 1:1, holding goal hst001
    "rep": "reps/alice.yaml",
    "config": "coachlog.yaml",
}
BASE_GOAL = "basegoal01"  # alice's goal in her 1:1 of 2026-11-17, older than the hostile one


@dataclass
class Case:
    """One hostile file: where it goes, and what the user must see."""

    name: str
    place: str  # record | rep | config
    accept: bool = False
    line: int | None = None
    expect: str = ""  # the message after "path:line: ", exactly
    goal: str | None = "hst001"  # None: it holds none
    file: str | None = None  # in tests/hostile/
    generate: str | None = None  # built here: too big to commit

    @property
    def path(self) -> str:
        return PLACES[self.place]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def content(self) -> bytes:
        if self.generate is not None:
            return GENERATORS[self.generate]()
        assert self.file is not None
        return (CORPUS / self.file).read_bytes()


def load_cases() -> list[Case]:
    entries = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
    cases = []
    for entry in entries:
        name = entry.get("file") or entry["generate"]
        cases.append(Case(name=name.rsplit(".", 1)[0], **entry))
    return cases


# --- cases too big to commit -----------------------------------------------------------------


def _good_record() -> str:
    return (CORPUS / "record-bom.md").read_bytes().decode("utf-8-sig")


def _before_helpful(extra: str) -> bytes:
    text = _good_record()
    return text.replace("helpful:\n", "helpful:\n" + extra, 1).encode("utf-8")


def _fifty_megabytes() -> bytes:
    """A record of 50 MB: valid front matter, then notes no one would write."""
    text = _good_record().encode("utf-8")
    return text + b"A line of notes, over and over.\n" * (50 * 2**20 // 32)


GENERATORS = {
    "record-50mb": _fifty_megabytes,
    # deep enough that a recursive parser (PyYAML's C loader) crashes the process on it
    "record-nested-50000": lambda: _before_helpful("deep: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    "record-block-nested-50000": lambda: _before_helpful("deep:\n  " + "- " * 50_000 + "x\n"),
    "record-5001-lines": lambda: _before_helpful("".join(f"k{i}: {i}\n" for i in range(5_001))),
    "record-flow-6000-items": lambda: _before_helpful("many: [" + ",".join(["1"] * 6_000) + "]\n"),
}


# --- the journal -------------------------------------------------------------------------------


def build_base(root: Path) -> None:
    """Two reps with a 1:1 each on 2026-11-17; alice's holds goal ``BASE_GOAL``. ``check``
    finds nothing in it on 2026-11-24."""
    cli = Cli(root)
    cli.ok("init", ".", "--team", "Enterprise West", "--manager", "dana")
    cli.ok("reps", "add", "alice", "--name", "Alice Moreno", "--experience", "developing")
    cli.ok("reps", "add", "bob", "--name", "Bob Chen")
    first = (
        root
        / cli.ok(
            "new", "1on1", "--rep", "alice", "--no-edit", "--date", "2026-11-17"
        ).stdout.strip()
    )
    cli.ok("new", "1on1", "--rep", "bob", "--no-edit", "--date", "2026-11-17")
    goal = cli.ok(
        "goals", "add", "Run five discovery calls", "--rep", "alice", "--kind", "performance",
        "--due", "2026-12-01", "--target", "5", "--measure", "calls", "--today", "2026-11-17",
    ).stdout.strip()  # fmt: skip
    cli.ok(
        "goals", "add", "Shadow two renewal calls", "--rep", "bob", "--kind", "career",
        "--due", "2026-12-01", "--target", "2", "--measure", "calls", "--today", "2026-11-17",
    )  # fmt: skip
    first.write_text(first.read_text(encoding="utf-8").replace(goal, BASE_GOAL), encoding="utf-8")
    for path in root.rglob("*"):
        _age(path)
    result = cli("check")  # the index now knows every file, and need not read them again
    assert (result.exit_code, result.stdout) == (0, ""), result.output


def _age(path: Path, seconds: int = 600) -> None:
    """Date a file back: files written in the last two seconds are read again by every command
    (the index cannot tell a later write within the clock's resolution); a journal's files
    mostly were not, and reading them once is what a real run does."""
    if path.is_file() and ".coachlog" not in path.parts:
        then = time.time() - seconds
        os.utime(path, (then, then))


def place(case: Case, base: Path, root: Path) -> Path:
    """A copy of the base journal (its index too) with the case's file in its place."""
    shutil.copytree(base, root, dirs_exist_ok=True)
    target = root / case.path
    target.write_bytes(case.content())
    _age(target)
    return target


def fingerprint(root: Path) -> dict[str, object]:
    """Every file under ``root`` (derived files aside): its bytes, or for a big one its size,
    inode and modification time (a write replaces or touches it)."""
    found: dict[str, object] = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and ".coachlog" not in p.parts and ".git" not in p.parts:
            st = p.stat()
            found[str(p.relative_to(root))] = (
                p.read_bytes() if st.st_size < 2**20 else (st.st_size, st.st_ino, st.st_mtime_ns)
            )
    return found


# --- what each command must do -------------------------------------------------------------------


@dataclass
class Step:
    args: tuple[str, ...]
    outcome: str  # "error": refuses in one line; "skip": goes on with one warning; "ok"; "check"
    writes: bool = False  # may write (then run after the steps that must not)


def steps(case: Case) -> list[Step]:
    """The commands a case goes through, and what each must do with the file. (What a broken
    record does to the other commands that write, tests/test_hostile.py tries once.)"""
    if case.place == "record" and case.accept:
        return [
            Step(("check",), "check"),
            Step(("goals", "open", "--format", "csv"), "ok"),
            Step(("agenda", "--rep", "alice"), "ok"),
            Step(("goals", "done", case.goal), "ok", writes=True),
            Step(("new", "1on1", "--rep", "alice", "--no-edit"), "ok", writes=True),
        ]
    if case.place == "record":
        done = [Step(("goals", "done", case.goal), "error")] if case.goal else []
        return [
            Step(("check",), "check"),
            Step(("goals", "open", "--format", "csv"), "skip"),
            Step(("agenda", "--rep", "alice"), "skip"),
            *done,  # the goal in the broken file
            Step(("new", "1on1", "--rep", "alice", "--no-edit"), "error"),  # rolls forward
            Step(("new", "1on1", "--rep", "bob", "--no-edit"), "skip", writes=True),
        ]
    if case.place == "rep" and case.accept:
        return [
            Step(("check",), "check"),
            Step(("reps", "list", "--format", "csv"), "ok"),
            Step(("agenda", "--rep", "alice"), "ok"),
            Step(("reps", "set", "alice", "--deal-size", "20000"), "ok", writes=True),
        ]
    if case.place == "rep":
        return [
            Step(("check",), "check"),
            Step(("reps", "list", "--format", "csv"), "skip"),  # goes on past one profile
            Step(("agenda", "--rep", "alice"), "error"),
            Step(("new", "1on1", "--rep", "alice", "--no-edit"), "error"),
            Step(("goals", "open", "--format", "csv"), "ok"),  # does not need the profile
        ]
    if case.accept:
        return [
            Step(("check",), "check"),
            Step(("goals", "open", "--format", "csv"), "ok"),
            Step(("new", "1on1", "--rep", "alice", "--no-edit"), "ok", writes=True),
        ]
    return [
        Step(("check",), "check"),
        Step(("goals", "open", "--format", "csv"), "error"),
        Step(("agenda", "--rep", "alice"), "error"),
        Step(("new", "1on1", "--rep", "alice", "--no-edit"), "error"),
    ]


class QuickCli(Cli):
    """``Cli`` with the command built once, not on every call (Typer builds it per call, which
    is most of an in-process run's time)."""

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        import typer.testing

        with mock.patch.object(typer.testing, "_get_command", lambda app: _command()):
            return super().__call__(*args, env=env, input=input)


@functools.cache
def _command() -> Any:
    import typer

    from coachlog.cli.app import app

    return typer.main.get_command(app)


@dataclass
class Seen:
    step: Step
    result: Result
    seconds: float
    wrote: bool
    lines: list[str] = field(default_factory=list)  # what the user sees about the file


def run(case: Case, root: Path) -> list[Seen]:
    cli = QuickCli(root)
    seen = []
    for step in steps(case):
        before = fingerprint(root)
        start = time.perf_counter()
        result = cli(*step.args)
        seconds = time.perf_counter() - start
        wrote = fingerprint(root) != before
        lines = [
            line
            for line in (result.stdout + result.stderr).splitlines()
            if case.path in line or line.startswith(("coachlog: error:", "warning:", "Trace"))
        ]
        seen.append(Seen(step, result, seconds, wrote, lines))
    return seen


def main() -> None:  # pragma: no cover - a tool for people
    """Print, for every case (or those named), what each command says about the file."""
    import sys
    import tempfile

    wanted = set(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        base.mkdir()
        build_base(base)
        for case in load_cases():
            if wanted and case.name not in wanted:
                continue
            root = Path(tmp) / case.name
            place(case, base, root)
            print(f"{case.name}  ({case.path})")
            for s in run(case, root):
                lines = [line.replace(f"{root}/", "") for line in s.lines] or ["(nothing)"]
                print(f"  {' '.join(s.step.args)}  -> exit {s.result.exit_code}, {s.seconds:.2f}s")
                for line in lines:
                    print(f"      {line}")


if __name__ == "__main__":
    main()
