"""Atomic writes, the journal lock, and the log of what a command wrote.

A write goes to a temporary file in the target's folder, is flushed and fsynced, then renamed
over the target, so a reader sees the old file or the new one, never half of one. Commands that
read, change and write hold the journal lock so two processes never lose each other's change.

While a ``record_writes()`` block is active (the CLI opens one around each command), every file
``atomic_write`` wrote is listed in it, so the command's changes can be committed to git.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coachlog.errors import CoachlogError

_WRITES: contextvars.ContextVar[list[Path] | None] = contextvars.ContextVar(
    "coachlog_writes", default=None
)
_HELD: contextvars.ContextVar[int] = contextvars.ContextVar("coachlog_lock_held", default=0)
_lock_count = 0  # locks taken by this process so far: a view read before the last one is stale


@contextlib.contextmanager
def record_writes() -> Iterator[list[Path]]:
    """Collect the paths ``atomic_write`` writes inside the block, in order, once each."""
    written: list[Path] = []
    token = _WRITES.set(written)
    try:
        yield written
    finally:
        _WRITES.reset(token)


def written() -> list[Path]:
    """The files written so far inside the active ``record_writes()`` block."""
    return list(_WRITES.get() or ())


def _log_write(path: Path) -> None:
    written = _WRITES.get()
    if written is not None and path not in written:
        written.append(path)


def atomic_write(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write ``text`` to ``path`` atomically. With ``exclusive``, refuse to replace a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; give it the mode the file had, or a new file's mode
        os.fchmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile
            except FileExistsError:
                raise CoachlogError("already exists; not overwritten", path=path) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)
    _log_write(path)


def _file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def ensure_derived_dir(folder: Path) -> None:
    """Make a folder of derived files that git ignores by itself, whatever the repo's own
    .gitignore says (as .pytest_cache does)."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        with contextlib.suppress(OSError):
            ignore.write_text("# Derived by coachlog; safe to delete.\n*\n", encoding="utf-8")


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if missing) for the block.

    Inside it, ``holding_lock()`` is true: the command is about to write, and the journal reads
    the files afresh (``lock_count()`` moved on) and refuses a partial view where a write
    depends on it."""
    import fcntl

    global _lock_count
    ensure_derived_dir(lock_path.parent)
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        _lock_count += 1
        token = _HELD.set(_HELD.get() + 1)
        try:
            yield
        finally:
            _HELD.reset(token)
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def holding_lock() -> bool:
    """Whether this code runs inside ``locked()``: a command about to write."""
    return _HELD.get() > 0


def lock_count() -> int:
    """How many times this process has taken the lock; what was read before it is stale."""
    return _lock_count
