"""Atomic writes and the journal lock.

A write goes to a temporary file in the target's folder, is flushed and fsynced, then renamed
over the target, so a reader sees the old file or the new one, never half of one. The two steps
are apart (``stage``, then ``install``) so that a change of several files writes every one of
them before it puts any in place. Changes hold the journal lock (``store.transaction``), so two
processes never lose each other's change.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coachlog.errors import CoachlogError

_HELD: contextvars.ContextVar[int] = contextvars.ContextVar("coachlog_lock_held", default=0)
_lock_count = 0  # locks taken by this process so far: a view read before the last one is stale


def stage(path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path``, flushed to disk; ``install`` puts it
    in place. The temporary file takes the mode ``path`` has (or a new file's)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _file_mode(path))  # mkstemp makes the file 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def install(tmp: Path, path: Path, *, exclusive: bool = False) -> None:
    """Rename the staged ``tmp`` over ``path``; with ``exclusive``, refuse to replace a file."""
    try:
        if exclusive:
            try:
                os.link(tmp, path)  # fails if the name was taken meanwhile
            except FileExistsError:
                raise CoachlogError("already exists; not overwritten", path=path) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    _fsync_dir(path.parent)


def discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def atomic_write(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write ``text`` to ``path`` atomically. With ``exclusive``, refuse to replace a file."""
    install(stage(path, text), path, exclusive=exclusive)


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
    try:
        ensure_derived_dir(lock_path.parent)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed by the with below
    except OSError as exc:  # .coachlog read-only, a file, owned by another user...
        reason = (exc.strerror or type(exc).__name__).lower()
        raise CoachlogError(
            f"cannot take the journal's lock ({reason}); nothing was changed",
            path=exc.filename or lock_path,
            hint="a change writes its lock in .coachlog/, which is safe to delete",
        ) from None
    with handle:
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
