"""Write docs/commands.md from the commands' own --help, so the reference cannot drift.

python docs/generate.py          # rewrite docs/commands.md
python docs/generate.py --check  # exit 1 if it is out of date (the test suite does this)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "commands.md"


def help_text(args: list[str]) -> str:
    from typer.testing import CliRunner

    from coachlog.cli.app import app

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    if result.exit_code != 0:
        raise SystemExit(f"coachlog {' '.join(args)} --help failed:\n{result.output}")
    return result.stdout.rstrip() + "\n"


def commands() -> list[list[str]]:
    """Every command path, depth first, in the order --help lists them."""
    from typer.main import get_command

    from coachlog.cli.app import app

    found: list[list[str]] = []

    def walk(command: object, path: list[str]) -> None:
        found.append(path)
        subcommands = getattr(command, "commands", None) or {}
        for name, sub in subcommands.items():
            walk(sub, [*path, name])

    walk(get_command(app), [])
    return found


def render() -> str:
    os.environ["COLUMNS"] = "100"
    parts = [
        "# Command reference",
        "",
        "Generated from `coachlog --help` by `python docs/generate.py`; do not edit by hand.",
        "",
    ]
    for path in commands():
        title = " ".join(["coachlog", *path])
        parts += [f"## {title}", "", "```text", help_text(path).rstrip(), "```", ""]
    return "\n".join(parts)


def main() -> None:
    text = render()
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/commands.md is out of date: run python docs/generate.py", file=sys.stderr)
            raise SystemExit(1)
        return
    TARGET.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
