"""``coachlog git``: sharing the journal through git (setup, and the merge driver it names)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from coachlog.cli.common import echo, say, state

app = typer.Typer(
    help="Share the journal through git: 'coachlog git setup' per clone.",
    no_args_is_help=True,
)


@app.command("setup")
def setup(ctx: typer.Context) -> None:
    """Make this clone merge 1:1 records and action plans by their goals' histories: registers
    coachlog's merge driver in .git/config (git never takes one from a repository) and names it
    for 1:1 and action plan files in .gitattributes (commit that once). Safe to run again.

    \b
    Example: git clone git@example.com:sales/coaching.git && cd coaching && coachlog git setup
    """
    from coachlog.ops.sharing import git_setup

    journal = state(ctx).journal()
    done = git_setup(journal.root)
    for line in done.changed:
        say(line)
    echo("git setup: done" if done.changed else "git setup: already in place")


@app.command("resolve")
def resolve(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(None, metavar="[PATH]...", help="Records to resolve."),
) -> None:
    """Finish a git merge that stopped on 1:1 records or action plans, as coachlog's merge
    driver would have merged them (for a merge made before 'coachlog git setup'): goals as the
    union of their histories, the rest as git merges text. Records merged cleanly are staged;
    what is left keeps git's conflict markers.

    \b
    Example: git pull   # CONFLICT (content): Merge conflict in 1on1/2026/...
             coachlog git resolve && git commit --no-edit
    """
    from coachlog.ops.sharing import resolve_conflicts

    journal = state(ctx).journal_unchecked()
    done = resolve_conflicts(journal.root, list(paths or []))
    if not done:
        echo("no 1:1 record is waiting for a merge")
    for item in done:
        if item.deleted:
            echo(f"{item.path}: deleted on one side and changed on the other: keep it with "
                 "'git add', or delete it with 'git rm'")  # fmt: skip
        elif item.conflicts:
            echo(f"{item.path}: {item.conflicts} conflict(s) left to resolve by hand")
        else:
            echo(f"{item.path}: merged")
    if any(item.conflicts for item in done):
        raise typer.Exit(1)


@app.command("merge-driver", hidden=True)
def merge_driver(
    base: Path = typer.Argument(..., help="%O: the common ancestor's version."),
    ours: Path = typer.Argument(..., help="%A: ours; the merge is written here."),
    theirs: Path = typer.Argument(..., help="%B: theirs."),
    name: str = typer.Argument("", help="%P: the file's path in the repository."),
) -> None:
    """Git's merge driver for 1:1 records and action plans (run by git, as 'coachlog git setup'
    registers it): goals merge as the union of their histories, the rest as git merges text.
    Exits 1 when conflict markers are left for the person to resolve.

    \b
    Example: coachlog git merge-driver %O %A %B %P  (git runs it so)
    """
    from coachlog.ops.sharing import merge_record

    texts = []
    for path in (base, ours, theirs):
        try:
            texts.append(path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            sys.stderr.write(f"coachlog: merge driver: cannot read {path}: {exc}\n")
            raise typer.Exit(2) from None
    merged, clashes = merge_record(texts[0], texts[1], texts[2], Path(name or ours.name))
    ours.write_bytes(merged.encode("utf-8"))
    if clashes:
        sys.stderr.write(f"coachlog: {name or ours}: {clashes} conflict(s) left to resolve\n")
        raise typer.Exit(1)
