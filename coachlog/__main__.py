"""The ``coachlog`` command. ``--version`` and the top-level help answer before anything heavy
(typer) is imported."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from coachlog import __version__

        sys.stdout.write(f"coachlog {__version__}\n")
        return
    completing = bool(os.environ.get("_COACHLOG_COMPLETE"))  # the shell asks (cli/compat.py)
    if args in (["--help"], ["-h"], []) and not completing:
        from coachlog.cli.toplevel import top_level_help

        sys.stdout.write(top_level_help() + "\n")
        return
    # coachlog uses no pydantic plugins; looking for them costs every command ~15 ms
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from coachlog.cli.app import run

    run(args)


if __name__ == "__main__":
    main()
