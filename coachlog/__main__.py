"""The ``coachlog`` command. ``--version`` answers before anything heavy is imported."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from coachlog import __version__

        sys.stdout.write(f"coachlog {__version__}\n")
        return
    # coachlog uses no pydantic plugins; looking for them costs every command ~15 ms
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from coachlog.cli.app import run

    run(args)


if __name__ == "__main__":
    main()
