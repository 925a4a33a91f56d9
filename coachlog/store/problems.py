"""Whose is a record file that does not read: the rep its name gives (``DATE-REP-...``, the
longest known handle wins) or its ``rep:`` line says, the day its name gives, and the goal ids
it holds. A command that only reads skips such a file with a warning; a command about to write
for a rep refuses while one of the rep's records does not read (``require_readable``).

Each function takes the journal's ``problems`` (the errors of the files that do not read, as
the index last found them) and its ``JournalFiles``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from coachlog.errors import CoachlogError
from coachlog.store.records import JournalFiles
from coachlog.vocabulary import KIND_DIRS


def unreadable(
    problems: list[CoachlogError],
    files: JournalFiles,
    kind: str,
    rep: str,
    since: date | None = None,
) -> list[CoachlogError]:
    """The problems of ``kind`` files that do not read and may be ``rep``'s: named for the
    rep (``DATE-REP-...``, the longest known handle wins) or saying ``rep: REP``; with
    ``since``, only those whose name is dated that day or later (or not dated at all)."""
    folder = KIND_DIRS[kind] + "/"
    handles = sorted({*files.rep_handles(), rep}, key=len, reverse=True)
    found = []
    for problem in problems:
        path = problem.path
        if path is None or not files.relative(path).startswith(folder):
            continue
        named = _named_rep(path.name, handles)
        if named != rep and (named is not None or _says_rep(path) != rep):
            continue
        day = _named_day(path.name)
        if since is None or day is None or day >= since:
            found.append(problem)
    return found


def require_readable(
    problems: list[CoachlogError],
    files: JournalFiles,
    kind: str,
    rep: str,
    since: date | None = None,
) -> None:
    """Refuse to go on while one of ``rep``'s ``kind`` records (dated ``since`` or later)
    does not read: what is about to be written would be judged without it."""
    for problem in unreadable(problems, files, kind, rep, since):
        raise CoachlogError(
            problem.message,
            path=problem.path,
            line=problem.line,
            hint=f"one of {rep}'s records does not read, so coachlog writes nothing for "
            f"{rep} until it is fixed; 'coachlog check' lists every problem",
        )


def holding(
    problems: list[CoachlogError], files: JournalFiles, kind: str, text: str
) -> list[CoachlogError]:
    """The problems of ``kind`` files that do not read and hold ``text`` as an ``id:``."""
    folder = KIND_DIRS[kind] + "/"
    # an indented ``id:`` (a goal's, not the record's own at the margin)
    pattern = re.compile(
        rb"^[ \t]+(?:-[ \t]+)?id:[ \t]*['\"]?" + re.escape(text.encode("utf-8")), re.M
    )
    found = []
    for problem in problems:
        if problem.path is None or not files.relative(problem.path).startswith(folder):
            continue
        if pattern.search(_head(problem.path)):
            found.append(problem)
    return found


_DAY_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _named_rep(name: str, handles: list[str]) -> str | None:
    """The rep a record's file name gives (``DATE-REP-SUFFIX.md``), longest handle first."""
    if not _DAY_PREFIX.match(name):
        return None
    rest = name[11:].removesuffix(".md")
    for handle in handles:
        if rest == handle or rest.startswith(handle + "-"):
            return handle
    return None


def _named_day(name: str) -> date | None:
    try:
        return date.fromisoformat(name[:10]) if _DAY_PREFIX.match(name) else None
    except ValueError:
        return None


_REP_LINE = re.compile(rb"^rep:[ \t]*['\"]?([a-z][a-z0-9_-]{0,39})['\"]?[ \t]*(?:#.*)?\r?$", re.M)


def _says_rep(path: Path) -> str | None:
    match = _REP_LINE.search(_head(path))
    return match.group(1).decode("ascii") if match else None


def _head(path: Path) -> bytes:
    """The first bytes of a file, as many as coachlog reads; nothing if it does not open."""
    from coachlog.store.yamlcheck import MAX_BYTES

    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES)
    except OSError:
        return b""
