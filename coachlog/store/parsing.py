"""Record files parsed for the index: each with the fast reader, or the careful one where the
fast one declines (its error names the line); many of them (a first run, a big pull) spread
over every core, with this process parsing the first share itself.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from coachlog.errors import CoachlogError
from coachlog.store.index import FileStat, Parsed
from coachlog.store.records import JournalFiles

PARALLEL_FROM = 2000  # changed files from which parsing is spread over processes


def parse_all(files: JournalFiles, changed: list[FileStat]) -> list[Parsed]:
    """Parse changed files; many of them (a first run, a big pull) on every core."""
    workers = min(os.cpu_count() or 1, 8)
    if len(changed) < PARALLEL_FROM or workers < 2:
        return [parse(files, st) for st in changed]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform: one process it is
        return [parse(files, st) for st in changed]
    size = -(-len(changed) // workers)
    chunks = [changed[i : i + size] for i in range(0, len(changed), size)]
    # this process parses the first share itself while the others parse the rest
    with ProcessPoolExecutor(max_workers=len(chunks) - 1, mp_context=context) as pool:
        rest = pool.map(_parse_chunk, [files.root] * (len(chunks) - 1), chunks[1:])
        first = [parse(files, st) for st in chunks[0]]
        return first + [parsed for part in rest for parsed in part]


def parse(files: JournalFiles, st: FileStat) -> Parsed:
    """What one record file gives the index: its fields and JSON, or its error and line."""
    from coachlog.model import OneOnOne
    from coachlog.store.reading import read_record_fast
    from coachlog.store.yamlcheck import MAX_BYTES

    path = files.root / st.path
    raw = None
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
    goals: tuple[dict[str, Any], ...] = ()
    if isinstance(record, OneOnOne):
        goals = tuple(g.model_dump(mode="json") for g in record.goals)
    return Parsed(
        kind=record.kind,
        id=record.id,
        rep=record.rep,
        date=record.date.isoformat(),
        created=record.created_key,
        data=record.model_dump_json(),
        goals=goals,
        raw=raw,
    )


def _parse_chunk(root: Path, stats: list[FileStat]) -> list[Parsed]:
    files = JournalFiles(root)
    return [parse(files, st) for st in stats]
