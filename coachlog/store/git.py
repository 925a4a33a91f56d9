"""Committing what a command wrote, when the journal's config says ``git: {autocommit: true}``.

The CLI collects every file a command wrote (``atomic.record_writes``); after the command has
succeeded it hands them here. They are committed with a plain ``git commit`` of those paths
only, under the user's own git identity: nothing else staged is swept in, no identity is made
up. When git is missing, the journal is not in a repo, or the commit fails, the reason comes
back as text for one warning line: the write itself has succeeded and stays.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from coachlog.errors import CoachlogError
from coachlog.model import JournalConfig

SUBJECT_WIDTH = 120
GIT_TIMEOUT = 120  # seconds; a hook or a signing agent may take a while, never forever


def commit_message(command: Sequence[str], paths: Sequence[str]) -> str:
    """``coachlog: goals done 7fq2 (1on1/2026/2026-11-24-alice-k3f9.md)``: the command as
    typed, then the file; several files are counted there and listed in the body."""
    words = shlex.join(command)
    if len(words) > SUBJECT_WIDTH:
        words = words[: SUBJECT_WIDTH - 3].rstrip() + "..."
    if len(paths) == 1:
        return f"coachlog: {words} ({paths[0]})"
    return f"coachlog: {words} ({len(paths)} files)\n\n" + "".join(f"- {p}\n" for p in paths)


def autocommit(command: Sequence[str], written: Sequence[Path]) -> str | None:
    """Commit ``written`` when their journal asks for it; ``None`` when done or not asked,
    else why they were not committed."""
    from coachlog.store.journal import CONFIG_NAME, find_journal
    from coachlog.store.reading import read_model

    if not written:
        return None
    first = Path(os.path.abspath(written[0]))
    try:
        root = find_journal(None, {}, first.parent)
    except CoachlogError:
        return None  # not a journal's file (nothing coachlog commits)
    try:
        config = read_model(JournalConfig, root / CONFIG_NAME, what=CONFIG_NAME)
    except CoachlogError as exc:
        return f"not committed: {exc}"
    if not config.git.autocommit:
        return None
    paths = []
    for path in written:
        relative = os.path.relpath(os.path.abspath(path), root)
        if not relative.startswith(os.pardir) and relative not in paths:
            paths.append(relative)
    if not paths:
        return None
    return commit(root, paths, commit_message(command, [p.replace(os.sep, "/") for p in paths]))


def commit(root: Path, paths: Sequence[str], message: str) -> str | None:
    """``git add`` and ``git commit`` exactly ``paths`` (relative to ``root``); ``None`` on
    success, else git's reason in one line."""
    if shutil.which("git") is None:
        return "not committed: git is not installed (autocommit is on in coachlog.yaml)"
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
        return f"not committed: {root} is not in a git repository (autocommit is on)"
    for args in (["add", "--", *paths], ["commit", "-q", "-m", message, "--", *paths]):
        done = _git(root, *args)
        if done is None:
            return f"not committed: git {args[0]} took longer than {GIT_TIMEOUT} seconds"
        if done.returncode != 0:
            return f"not committed: git {args[0]} failed: {_reason(done)}"
    return None


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    except OSError as exc:
        return subprocess.CompletedProcess(["git", *args], 1, "", str(exc))


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    """git's most telling line: a ``fatal:``/``error:`` line, else the first line it wrote."""
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[0] if lines else f"exit status {done.returncode}"
