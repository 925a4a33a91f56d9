"""The ``coachlog`` command. ``--version`` and the top-level help answer before anything heavy
(typer) is imported."""

from __future__ import annotations

import gc
import os
import sys

# A command builds tens of thousands of small objects it keeps until it ends (a report over years
# reads 100,000 records) and makes almost no reference cycles: the collector's default pace
# (a pass every 700 new objects, each full pass walking all that is kept) cost a tenth of such
# a run. Collected every 50,000 instead; what the imports made is never walked again (freeze).
GC_THRESHOLD = (50_000, 20, 10)


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

    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    run(args)


if __name__ == "__main__":
    main()
