"""Record files parsed for the index: each with the fast reader, or the careful one where the
fast one declines (its error names the line); many of them (a first run, a big pull) spread
over every core, with this process parsing the first share itself.

Each worker is a fresh Python process (``work``) that gets its files on stdin and answers on
stdout, not a fork: a forked worker would share this process's open files, the journal's lock
among them, and one left behind by a killed command would hold the lock and hang every later
write. A worker ends with this process, and one that stops mid-parse costs one ``warning:``
line: its share is parsed here.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

from coachlog.core.goals import entry_keys
from coachlog.errors import CoachlogError
from coachlog.store.index import RACY_NS, FileStat, Parsed, ParsedGoal
from coachlog.store.records import JournalFiles

PARALLEL_FROM = 2000  # changed files from which parsing is spread over processes


def parse_all(
    files: JournalFiles, changed: list[FileStat], notices: list[str] | None = None
) -> list[Parsed]:
    """Parse changed files; many of them (a first run, a big pull) on every core. What the
    person should hear of (a worker that stopped) is added to ``notices``."""
    workers = min(os.cpu_count() or 1, 8)
    if len(changed) < PARALLEL_FROM or workers < 2:
        return [parse(files, st) for st in changed]
    # dealt out in turn, so each share holds as many of each kind (a 1:1 with its goals is
    # much more work than a call review, and the walk lists the kinds one after the other)
    chunks = [changed[n::workers] for n in range(workers)]
    started = [_start_worker(files.root, chunk) for chunk in chunks[1:]]
    # this process parses the first share itself while the workers parse the rest
    parsed: list[Parsed | None] = [None] * len(changed)
    parsed[0::workers] = [parse(files, st) for st in chunks[0]]
    lost = False
    for n, (worker, chunk) in enumerate(zip(started, chunks[1:], strict=True), start=1):
        found = _finish_worker(worker)
        if found is None or len(found) != len(chunk):
            lost = True
            found = [parse(files, st) for st in chunk]
        parsed[n::workers] = found
    if lost and notices is not None:
        notices.append("a parsing process stopped early; its files were read here instead")
    return [p for p in parsed if p is not None]


def _start_worker(root: Path, chunk: list[FileStat]) -> subprocess.Popen[bytes] | None:
    """A fresh Python parsing ``chunk``: given the files on its stdin, it answers on its
    stdout. It shares no open file with this process (the journal's lock above all)."""
    try:
        worker = subprocess.Popen(
            [sys.executable, "-c", "from coachlog.store.parsing import work; work()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
        assert worker.stdin is not None
        with worker.stdin:
            worker.stdin.write(pickle.dumps((os.getpid(), str(root), chunk)))
    except OSError:  # no process to be had, or it died at once: parsed here
        return None
    return worker


def _finish_worker(worker: subprocess.Popen[bytes] | None) -> list[Parsed] | None:
    """What ``worker`` parsed, or None when it did not finish."""
    if worker is None:
        return None
    assert worker.stdout is not None
    with worker.stdout:
        answer = worker.stdout.read()
    if worker.wait() != 0:
        return None
    try:
        found: list[Parsed] = pickle.loads(answer)
    except Exception:  # cut short: the worker was killed as it wrote
        return None
    return found


def work() -> None:
    """A worker's main: parse the files named on stdin, answer on stdout. It ends with the
    process that started it (Linux: the parent-death signal; elsewhere its answer finds no
    reader), and never holds the journal's lock."""
    parent, root, chunk = pickle.load(sys.stdin.buffer)
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent ended before the signal was asked for
        sys.exit(1)
    files = JournalFiles(Path(root))
    sys.stdout.buffer.write(pickle.dumps([parse(files, st) for st in chunk]))


def parse(files: JournalFiles, st: FileStat) -> Parsed:
    """What one record file gives the index: its fields and JSON, or its error and line."""
    from coachlog.model import GOAL_RECORDS
    from coachlog.store.reading import read_record_fast
    from coachlog.store.yamlcheck import MAX_BYTES

    path = files.root / st.path
    raw = None
    linked = files.outside(path)
    if linked is not None:
        return Parsed(error=linked.message, error_line=None)
    try:
        if st.size <= MAX_BYTES:
            with contextlib.suppress(OSError):
                raw = path.read_bytes()
        record = read_record_fast(path, raw) if raw is not None else None
        if record is None:
            raw = None  # the careful reader reads the file itself
            record, _ = files.read_record(path)
    except CoachlogError as exc:
        return Parsed(error=exc.message, error_line=exc.line)
    goals: tuple[ParsedGoal, ...] = ()
    holds_goals = isinstance(record, GOAL_RECORDS)
    if holds_goals:
        held = record.goals  # type: ignore[attr-defined]
        goals = tuple(
            ParsedGoal(g.id, key, json.dumps(g.model_dump(mode="json"), separators=(",", ":")))
            for g, key in zip(held, entry_keys(record.rep, held), strict=True)
        )
    return Parsed(
        kind=record.kind,
        id=record.id,
        rep=record.rep,
        date=record.date.isoformat(),
        created=record.created_key,
        # goals have rows of their own (``Index.records`` puts them back when asked)
        data=record.model_dump_json(exclude={"goals"} if holds_goals else None),
        goals=goals,
        # the bytes are kept only for a file the index will mark racy (``Index.update``): a
        # first read of a big journal holds no copy of every file
        raw=raw if st.mtime_ns >= time.time_ns() - 2 * RACY_NS else None,
    )
