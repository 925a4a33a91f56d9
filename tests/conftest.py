"""Shared fixtures: a journal in a temporary folder, and a way to run the CLI on it."""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coachlog.cli.app import app

TODAY = "2026-11-24"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Cli:
    """Runs ``coachlog`` in-process with a fixed today, in ``cwd``, as a user would type it."""

    def __init__(self, cwd: Path, today: str = TODAY) -> None:
        self.cwd = cwd
        self.today = today

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:

        full_env = {
            "COACHLOG_TODAY": self.today,
            "NO_COLOR": "1",
            "COACHLOG_JOURNAL": "",
            "VISUAL": "",
            "EDITOR": "",
        }
        full_env.update(env or {})
        old = Path.cwd()
        os.chdir(self.cwd)
        try:
            return invoke(list(args), full_env, input)
        finally:
            os.chdir(old)

    def ok(self, *args: str, **kw) -> Result:  # type: ignore[no-untyped-def]
        result = self(*args, **kw)
        assert result.exception is None, result.exception
        assert result.exit_code == 0, result.output
        return result

    def fails(self, *args: str, code: int | None = None, **kw) -> Result:  # type: ignore[no-untyped-def]
        """Run a command that must fail as a user error: one line on stderr, no traceback."""
        result = self(*args, **kw)
        assert result.exception is None, f"crashed: {result.exception!r}"
        assert result.exit_code != 0, result.output
        if code is not None:
            assert result.exit_code == code, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("coachlog: error: "), lines[0]
        assert "Traceback" not in result.output
        return result


@functools.cache
def whole_app() -> Any:
    """The app's click command, built once per process: building it (every command's options
    from their signatures) costs more than most commands take to run."""
    import typer.main

    return typer.main.get_command(app)


def invoke(args: list[str], env: dict[str, str], input: str | None) -> Result:
    """Run the app as ``CliRunner.invoke`` does (its isolation of streams and environment),
    on the command built once."""
    runner = CliRunner()
    exception: BaseException | None = None
    with runner.isolation(input=input, env=env) as streams:
        try:
            whole_app().main(args=args, prog_name="coachlog")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
            if not isinstance(exc.code, int | None):
                sys.stdout.write(f"{exc.code}\n")
        except Exception as exc:
            exception, code = exc, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            stdout, stderr = (s.getvalue() for s in streams[:2])
    text = [b.decode(runner.charset, "replace").replace("\r\n", "\n") for b in (stdout, stderr)]
    return Result(code, text[0], text[1], exception)


def add_goal(cli: Cli, title: str, *args: str, today: str | None = None) -> str:
    """Add a goal through the CLI (options as a user types them); its id."""
    extra = ("--today", today) if today else ()
    result = cli.ok("goals", "add", title, *args, *extra)
    goal_id = result.stdout.strip()
    assert re.fullmatch(r"[0-9a-z]{8}", goal_id), result.stdout
    return goal_id


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (derived files aside) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".coachlog" not in p.parts and ".git" not in p.parts
    }


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


@pytest.fixture
def journal(tmp_path: Path, templates: Path) -> Path:
    """A journal with a manager and three reps, quarters from February 1 (made through the CLI
    once per session, copied for each test)."""
    from_template("journal", tmp_path, templates, lambda cli: None)
    return tmp_path


def make_journal(cli: Cli) -> Path:
    """A journal with a manager and three reps, quarters from February 1, in ``cli.cwd``."""
    root = cli.cwd
    cli.ok(
        "init",
        ".",
        "--team",
        "Enterprise West",
        "--manager",
        "dana",
        "--fiscal-year-start",
        "02-01",
    )
    cli.ok(
        "reps",
        "add",
        "alice",
        "--name",
        "Alice Moreno",
        "--experience",
        "developing",
        "--opportunities",
        "24",
        "--win-rate",
        "25%",
        "--deal-size",
        "18000",
        "--cycle-days",
        "60",
    )
    cli.ok("reps", "add", "bob", "--name", "Bob Chen")
    cli.ok("reps", "add", "carol", "--name", "Carol Diaz")
    return root


_BUILT: dict[str, Any] = {}


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("templates")


def from_template(name: str, target: Path, templates: Path, build: Callable[[Cli], Any]) -> Any:
    """A journal built once per test session by ``build`` (on ``make_journal``'s journal),
    copied into ``target`` for each test that asks: tests stay independent, and fast."""
    source = templates / name
    if name not in _BUILT:
        source.mkdir()
        cli = Cli(source)
        make_journal(cli)
        _BUILT[name] = build(cli)
    shutil.copytree(
        source,
        target,
        dirs_exist_ok=True,
        symlinks=True,
        ignore=shutil.ignore_patterns(".coachlog"),  # derived: each copy builds its own
    )
    return _BUILT[name]


def as_written_by_0_1(path: Path) -> None:
    """The record as coachlog 0.1.0 wrote it: its goals with no history."""
    text = path.read_text(encoding="utf-8")
    kept = [
        line
        for line in text.splitlines(keepends=True)
        if line.strip() != "history:" and not line.lstrip().startswith("- {at:")
    ]
    path.write_text("".join(kept), encoding="utf-8")
