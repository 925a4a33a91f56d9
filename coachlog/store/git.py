"""Committing a change, when the journal's config says ``git: {autocommit: true}``.

A change (``store.transaction``) commits the files it wrote before it releases the journal lock,
so the commit holds exactly that change, even with many writers at once. The files are committed
with a plain ``git commit`` of those paths only, under the user's own git identity: nothing else
staged is swept in, no identity is made up. The message names the command and the reps, goals or
records it was about, never free text (notes, comments, titles): ``git log`` is shared.

No commit is made while a merge, rebase, cherry-pick or revert is in progress (it would land in
the middle of it, and be lost on ``--abort``); the change stays for the person to commit. When
git is missing, the journal is not in a repo, or the commit fails, the reason comes back as
text for one warning line: the write itself has succeeded and stays.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

SUBJECT_WIDTH = 120
GIT_TIMEOUT = 120  # seconds; a hook or a signing agent may take a while, never forever
IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
}


def commit_message(action: str, names: Sequence[str], paths: Sequence[str]) -> str:
    """``coachlog: goals done 7fq2ab9c alice``: the command, then what it was about; the files
    are listed in the body."""
    subject = " ".join(["coachlog:", action, *names])
    if len(subject) > SUBJECT_WIDTH:
        subject = subject[: SUBJECT_WIDTH - 3].rstrip() + "..."
    return subject + "\n\n" + "".join(f"- {p}\n" for p in paths)


def autocommit(root: Path, action: str, names: Sequence[str], paths: Sequence[str]) -> str | None:
    """Commit ``paths`` (relative to the journal ``root``); ``None`` when done, else why they
    were not committed."""
    if not paths:
        return None
    if shutil.which("git") is None:
        return "not committed: git is not installed (autocommit is on in coachlog.yaml)"
    found = _git(root, "rev-parse", "--is-inside-work-tree", "--absolute-git-dir")
    if found is None or found.returncode != 0 or not found.stdout.startswith("true"):
        return f"not committed: {root} is not in a git repository (autocommit is on)"
    git_dir = Path(found.stdout.splitlines()[1])
    for name, what in IN_PROGRESS.items():
        if (git_dir / name).exists():
            return (
                f"not committed: {what} is in progress in this repository; "
                "commit the change yourself once it is finished"
            )
    if (git_dir / "index.lock").exists():
        return (
            f"not committed: {git_dir / 'index.lock'} exists; if no git command is running, "
            "it was left by one that stopped: remove that file, then commit the change"
        )
    return commit(root, paths, commit_message(action, names, paths))


def commit(root: Path, paths: Sequence[str], message: str) -> str | None:
    """``git add`` and ``git commit`` exactly ``paths`` (relative to ``root``); ``None`` on
    success, else git's reason in one line."""
    if shutil.which("git") is None:
        return "not committed: git is not installed (autocommit is on in coachlog.yaml)"
    inside = _git(root, "rev-parse", "--is-inside-work-tree")
    if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
        return f"not committed: {root} is not in a git repository (autocommit is on)"
    present = [p for p in paths if (root / p).exists()]
    listed = _git(root, "ls-files", "-z", "--", *paths) if len(present) < len(paths) else None
    tracked = set(listed.stdout.split("\0")) if listed is not None else set()
    gone = [p for p in paths if p not in present and p in tracked]  # removed by the change
    if not present and not gone:
        return None  # nothing git knows of changed
    if present:
        why = _failed("add", _git(root, "add", "--", *present))
        if why:
            return why
    if gone:
        why = _failed("rm", _git(root, "rm", "-q", "--cached", "--", *gone))
        if why:
            return why
    return _failed("commit", _git(root, "commit", "-q", "-m", message, "--", *present, *gone))


def _failed(step: str, done: subprocess.CompletedProcess[str] | None) -> str | None:
    """Why a git step did not do its part, in one line; None when it did."""
    if done is None:
        return f"not committed: git {step} took longer than {GIT_TIMEOUT} seconds"
    if done.returncode != 0:
        return f"not committed: git {step} failed: {_reason(done)}"
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
