"""Starting a journal: ``coachlog init``."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coachlog.errors import CoachlogError, UsageError
from coachlog.store.atomic import atomic_write
from coachlog.store.config_file import config_text
from coachlog.store.journal import CONFIG_NAME, DERIVED_DIR
from coachlog.vocabulary import PERIOD_KINDS, check_choice, parse_month_day

GITIGNORE = f"""\
# coachlog: derived files (the index and the lock); always safe to delete.
{DERIVED_DIR}/
"""


@dataclass
class InitResult:
    root: Path
    config: Path
    git: bool
    notice: str | None = None  # why the first commit was not made


def init_journal(
    root: Path, *, team: str, manager: str, period: str, fiscal_year_start: str, git: bool
) -> InitResult:
    check_choice(period, PERIOD_KINDS, "period", "a period")
    try:
        parse_month_day(fiscal_year_start)
    except ValueError as exc:
        raise UsageError(str(exc), field="fiscal_year_start") from None
    if root.exists() and not root.is_dir():
        raise CoachlogError("exists and is not a folder", path=root)
    config = root / CONFIG_NAME
    if config.exists():
        raise CoachlogError(
            "a journal is already here", path=config, hint="edit it, or init another folder"
        )
    if git and shutil.which("git") is None:
        raise UsageError("git is not installed", field="git")
    root.mkdir(parents=True, exist_ok=True)
    text = config_text(
        team=team, manager=manager, period=period, fiscal_year_start=fiscal_year_start
    )
    atomic_write(config, text, exclusive=True)
    if git:
        if not (root / ".git").exists():
            done = subprocess.run(["git", "init", "-q", str(root)], capture_output=True, text=True)
            if done.returncode != 0:
                raise CoachlogError(f"git init failed: {done.stderr.strip()}", path=root)
        ignore = root / ".gitignore"
        existing = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
        if f"{DERIVED_DIR}/" not in existing.splitlines():
            joined = existing + ("\n" if existing and not existing.endswith("\n") else "")
            atomic_write(ignore, joined + GITIGNORE)
        from coachlog.ops.sharing import git_setup

        git_setup(root)
        from coachlog.store.git import commit

        made = [
            name for name in (CONFIG_NAME, ".gitignore", ".gitattributes") if (root / name).exists()
        ]
        notice = commit(root, made, "coachlog: init")
        return InitResult(root, config, git, notice)
    return InitResult(root, config, git)
