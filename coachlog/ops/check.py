"""``coachlog check``: every problem in the journal, as ``path:line: severity: message``.

Errors: YAML that does not parse or is not plain data, a wrong type or value, an unknown rep,
a duplicated id, a goal whose history contradicts itself, a file outside the layout, private
text in clear in a journal that encrypts it. Warnings:
the method's guard rails on open goals, and a rep with no 1:1 in twice the cadence.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from coachlog.core.checks import (
    Finding,
    cadence_findings,
    clash_findings,
    guard_rail_findings,
    key_findings,
    record_entry_findings,
    unknown_rep_findings,
)
from coachlog.errors import CoachlogError, Problem
from coachlog.model import JournalConfig, Rep
from coachlog.ops.goals import state_of
from coachlog.store.fastyaml import line_in
from coachlog.store.journal import CONFIG_NAME, DERIVED_DIR, Journal
from coachlog.store.reading import read_model, validate
from coachlog.store.records import ARCHIVED
from coachlog.store.yamlfile import Document, read_text, split_front_matter
from coachlog.vocabulary import KIND_DIRS, handle_problem

_YEAR = re.compile(r"^\d{4}$")
CHUNK = 1000  # records (or goals) a first check reads at a time
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)\.md$")


def check_journal(journal: Journal, today: date) -> list[Problem]:
    """Every problem found, errors first, then by file and line."""
    problems: list[Problem] = []

    def add(path: Path, line: int, severity: str, message: str) -> None:
        problems.append(Problem(journal.relative(path), max(line, 1), severity, message))

    def add_error(exc: CoachlogError) -> None:
        add(exc.path or journal.config_path, exc.line or 0, "error", exc.message)

    config = JournalConfig()
    try:
        doc = Document.load(journal.config_path, fenced=False)
        config = validate(JournalConfig, doc, what=CONFIG_NAME)
    except CoachlogError as exc:
        add_error(exc)

    handles, archived = _check_reps(journal, add, add_error)
    _check_layout(journal, add)
    from coachlog.ops.sharing import setup_problem

    unset = setup_problem(journal.root)
    if unset is not None:
        add(journal.root / ".gitattributes", 0, "warning", unset)
    _check_leftovers(journal, add)
    if config.privacy.encrypt_to:
        _check_clear_private(journal, add)

    journal.index()
    for problem in journal.problems:
        add_error(problem)
    placed: list[tuple[Path, Finding]] = []
    reps = handles | archived  # an archived rep's history is theirs
    first_path: dict[str, str] = {}
    last: dict[str, date] = {}
    root = journal.root
    for rel, kind, record_id, rep, day in journal.record_rows():
        for message in _check_placement(kind, rep, day, rel):
            add(root / rel, 1, "error", message)
        if record_id in first_path:
            other = first_path[record_id]
            add(root / rel, 1, "error", f"record id {record_id!r} is used by {other} too")
        first_path.setdefault(record_id, rel)
        if rep not in reps:
            placed += [(root / rel, f) for f in unknown_rep_findings([(record_id, rep)], reps)]
        if kind == "1on1" and day <= today:
            last[rep] = max(day, last.get(rep, day))
    placed += _kept_findings(journal)
    clashing = journal.clashing()
    where = {record.id: path for path, record in clashing}
    placed += _at(where, clash_findings([r for _, r in clashing]))
    open_goals = [
        (path, state_of(row), row.record.id, n) for path, row, n in journal.placed_open_goals()
    ]
    path_of = {record_id: path for path, _, record_id, _ in open_goals}
    rails = guard_rail_findings(
        [(state, record_id, n) for _, state, record_id, n in open_goals],
        config.goal_limits,
        config.warnings,
        today,
    )
    placed += _at(path_of, rails)
    lines = _LineFinder()
    for path, finding in placed:
        add(path, lines.line(path, finding.loc), finding.severity, finding.message)
    for finding in cadence_findings(handles, last, config.cadence_days, today):
        add(journal.rep_path(finding.rep or ""), 1, finding.severity, finding.message)
    return sorted(set(problems), key=lambda p: (p.severity != "error", p.path, p.line, p.message))


def _kept_findings(journal: Journal) -> list[tuple[Path, Finding]]:
    """What a 1:1 shows on its own and what a goal's records show together: found for what
    changed since the last check, kept in the index with the rest, so that a check reads
    again only what changed."""
    found: list[tuple[Path, str | None, Finding]] = []
    paths = journal.unchecked()
    for start in range(0, len(paths), CHUNK):  # a chunk at a time: a first check of a big
        some = paths[start : start + CHUNK]  # journal holds a chunk of records, not them all
        fresh: list[tuple[Path, str | None, Finding]] = [
            (path, None, f)
            for path, r in journal.records_at(some)
            for f in record_entry_findings(r)
        ]
        journal.keep_findings(some, [], fresh)
        found += fresh
    keys = journal.unchecked_goals()
    for start in range(0, len(keys), CHUNK):
        some_keys = keys[start : start + CHUNK]
        fresh = []  # of these goals
        for key, entries in journal.goal_entries(some_keys).items():
            where = {ref.id: path for path, _, ref, _ in entries}
            held = [(ref, n, goal) for _, n, ref, goal in entries]
            fresh += [(path, key, f) for path, f in _at(where, key_findings(held))]
        journal.keep_findings([], some_keys, fresh)
        found += fresh
    kept = [
        (path, Finding(None, loc, severity, message))
        for path, loc, severity, message in journal.kept_findings()
    ]
    return kept + [(path, f) for path, _, f in found]  # the same twice when kept: one is shown


def _at(where: dict[str, Path], findings: list[Finding]) -> list[tuple[Path, Finding]]:
    """Each finding with the file of the record it names (``where``: record id to file)."""
    return [(where[f.record_id], f) for f in findings if f.record_id is not None]


class _LineFinder:
    """File lines of key paths, reading each file's front matter once, only where a finding
    needs it."""

    def __init__(self) -> None:
        self.texts: dict[Path, tuple[str, int] | None] = {}

    def line(self, path: Path, loc: tuple[object, ...]) -> int:
        if path not in self.texts:
            try:
                text = read_text(path)
                front, _, first = split_front_matter(text.removeprefix("\ufeff"), path)
                self.texts[path] = (front.replace("\r\n", "\n"), first)
            except CoachlogError:
                self.texts[path] = None
        found = self.texts[path]
        if found is None:
            return 1
        front, first = found
        return first + (line_in(front, tuple(loc)) or 0)


def _check_reps(journal: Journal, add, add_error) -> tuple[set[str], set[str]]:  # type: ignore[no-untyped-def]
    """Every profile checked; the handles of the team, and of the reps archived."""
    folder = journal.root / "reps"
    handles: set[str] = set()
    archived_handles: set[str] = set()
    if not folder.is_dir():
        return handles, archived_handles
    archived = folder / ARCHIVED  # reps archived: their profiles, checked as the others
    paths = sorted(folder.iterdir()) + (sorted(archived.iterdir()) if archived.is_dir() else [])
    for path in paths:
        if path.name.startswith(".") or path == archived:
            continue
        if path.suffix != ".yaml" or not path.is_file():
            add(path, 0, "error", "not a rep profile: reps/ holds HANDLE.yaml files only")
            continue
        problem = handle_problem(path.stem)
        if problem is not None:
            add(path, 0, "error", f"{path.stem!r} is not a rep handle ({problem})")
            continue
        if path.parent == folder:
            handles.add(path.stem)
        else:
            archived_handles.add(path.stem)
        try:
            read_model(Rep, path, what="a rep profile")
        except CoachlogError as exc:
            add_error(exc)
    return handles, archived_handles


def _check_layout(journal: Journal, add) -> None:  # type: ignore[no-untyped-def]
    for folder in KIND_DIRS.values():
        top = journal.root / folder
        if top.is_dir():
            _check_folder(str(top), folder, (), add)
    for path in sorted(journal.root.iterdir()):
        if (
            path.is_file()
            and path.suffix == ".md"
            and path.name.lower() not in {"readme.md", "changelog.md", "index.md"}
        ):
            add(
                path,
                0,
                "warning",
                "a Markdown file at the top of the journal is not a record; "
                "records live in 1on1/, calls/, debriefs/ or observations/",
            )
    _ = DERIVED_DIR


def _check_folder(top: str, folder: str, parts: tuple[str, ...], add) -> None:  # type: ignore[no-untyped-def]
    """Everything under a record folder that is not ``YEAR/NAME.md`` (hidden files and
    folders left alone), read with ``os.scandir``: a folder of a hundred thousand records is
    listed, not statted file by file."""
    with os.scandir(os.path.join(top, *parts)) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            inner = (*parts, entry.name)
            if entry.is_dir():
                if len(inner) == 1 and not _YEAR.match(entry.name):
                    add(
                        Path(entry.path),
                        0,
                        "error",
                        f"outside the layout: {folder}/ holds YEAR/ folders",
                    )
                if not entry.is_symlink():
                    _check_folder(top, folder, inner, add)
            elif len(inner) != 2 or not _YEAR.match(inner[0]) or not entry.name.endswith(".md"):
                add(
                    Path(entry.path),
                    0,
                    "error",
                    f"outside the layout: records are {folder}/YEAR/NAME.md",
                )


def _check_leftovers(journal: Journal, add) -> None:  # type: ignore[no-untyped-def]
    """Temporary files of writes that never finished (the process was killed): the file they
    were for is whole (its old version), and they are safe to delete."""
    folders = [journal.root, journal.root / "reps"]
    for name in KIND_DIRS.values():
        folder = journal.root / name
        if folder.is_dir():
            folders.extend(p for p in folder.iterdir() if p.is_dir())
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(".*.tmp")):
            if path.is_file():
                add(path, 0, "warning", "a temporary file of an interrupted write; delete it")


def _check_clear_private(journal: Journal, add) -> None:  # type: ignore[no-untyped-def]
    """In a journal that encrypts private text, any written in clear (typed by hand since):
    one error at each, until 'coachlog privacy encrypt' (or any write of the file) encrypts
    it."""
    from coachlog.core.private import clear_private_lines

    paths = [*journal.record_paths(), *(journal.rep_path(h) for h in journal.rep_handles())]
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # named by the checks that read it
        if "private" not in text.lower():
            continue
        for line in clear_private_lines(text, fenced=path.suffix == ".md"):
            add(
                path,
                line,
                "error",
                "private text in clear, in a journal that encrypts it (privacy.encrypt_to): "
                "run 'coachlog privacy encrypt'",
            )


def _check_placement(kind: str, rep: str, day: date, path: str) -> list[str]:
    """What is wrong with where a record is filed: ``path`` is ``FOLDER/YEAR/NAME.md``, as the
    index has it."""
    folder, year, name = path.split("/")
    wanted = KIND_DIRS.get(kind)
    found = []
    if folder != wanted:
        found.append(f"a {kind} record belongs in {wanted}/, not {folder}/")
    if year != f"{day.year:04d}":
        found.append(f"dated {day} but filed under {year}/")
    match = _NAME.match(name)
    if match is None or match.group(1) != day.isoformat():
        found.append(f"the file name should start with its date {day}")
    elif not match.group(2).startswith(f"{rep}-") and match.group(2) != rep:
        found.append(f"the file name should name its rep {rep!r} after the date")
    return found
