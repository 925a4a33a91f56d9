"""The command reference in docs/ is generated from --help and must match it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_command_reference_is_up_to_date() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_every_command_has_an_example() -> None:
    text = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")[1:]
    groups = {
        "coachlog", "coachlog reps", "coachlog new", "coachlog goals", "coachlog focus",
        "coachlog git", "coachlog privacy",
    }  # fmt: skip
    for section in sections:
        title = section.splitlines()[0]
        if title not in groups:
            assert "Example:" in section, f"{title} --help has no example"
