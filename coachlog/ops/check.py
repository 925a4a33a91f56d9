"""``coachlog check``: every problem in the journal, as ``path:line: severity: message``.

Errors: YAML that does not parse or is not plain data, a wrong type or value, an unknown rep,
a duplicated id, a goal whose history contradicts itself, a file outside the layout, private
text in clear in a journal that encrypts it. Warnings:
the method's guard rails on open goals, and a rep with no 1:1 in twice the cadence.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from coachlog.core.checks import (
    Finding,
    cadence_findings,
    guard_rail_findings,
    history_findings,
    record_findings,
)
from coachlog.errors import CoachlogError, Problem
from coachlog.model import JournalConfig, OneOnOne, Record, Rep
from coachlog.store.journal import CONFIG_NAME, DERIVED_DIR, Journal
from coachlog.store.reading import validate
from coachlog.store.records import ARCHIVED
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import KIND_DIRS, handle_problem

_YEAR = re.compile(r"^\d{4}$")
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
    records: list[Record] = []
    for kind in KIND_DIRS:
        records.extend(journal.records(kind))
    by_id: dict[str, Record] = {}
    for record in records:
        path = journal.record_path(record)
        _check_placement(record, path, add)
        if record.id in by_id:
            add(
                path,
                1,
                "error",
                f"record id {record.id!r} is used by "
                f"{journal.relative(journal.record_path(by_id[record.id]))} too",
            )
        by_id.setdefault(record.id, record)

    one_on_ones = sorted((r for r in records if isinstance(r, OneOnOne)), key=lambda r: r.sort_key)
    findings: list[Finding] = []
    findings += record_findings(records, handles | archived)  # an archived rep's history
    findings += history_findings(one_on_ones)
    findings += guard_rail_findings(one_on_ones, config.goal_limits, config.warnings, today)
    last: dict[str, date] = {}
    for record in one_on_ones:
        if record.date <= today:
            last[record.rep] = record.date
    findings += cadence_findings(handles, last, config.cadence_days, today)

    lines = _LineFinder()
    for finding in findings:
        if finding.record_id is None:
            path = journal.rep_path(finding.rep or "")
            add(path, 1, finding.severity, finding.message)
            continue
        path = journal.record_path(by_id[finding.record_id])
        add(path, lines.line(path, finding.loc), finding.severity, finding.message)
    return sorted(set(problems), key=lambda p: (p.severity != "error", p.path, p.line, p.message))


class _LineFinder:
    """File lines of key paths, reading each file's YAML once, only where a finding needs it."""

    def __init__(self) -> None:
        self.docs: dict[Path, Document | None] = {}

    def line(self, path: Path, loc: tuple[object, ...]) -> int:
        if path not in self.docs:
            try:
                self.docs[path] = Document.load(path)
            except CoachlogError:
                self.docs[path] = None
        doc = self.docs[path]
        return doc.line_of(loc) if doc is not None else 1


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
            validate(Rep, Document.load(path, fenced=False), what="a rep profile")
        except CoachlogError as exc:
            add_error(exc)
    return handles, archived_handles


def _check_layout(journal: Journal, add) -> None:  # type: ignore[no-untyped-def]
    for folder in KIND_DIRS.values():
        top = journal.root / folder
        if not top.is_dir():
            continue
        for path in sorted(top.rglob("*")):
            rel = path.relative_to(top).parts
            if any(part.startswith(".") for part in rel) or path.is_dir():
                if path.is_dir() and len(rel) == 1 and not _YEAR.match(rel[0]):
                    add(path, 0, "error", f"outside the layout: {folder}/ holds YEAR/ folders")
                continue
            if len(rel) != 2 or not _YEAR.match(rel[0]) or path.suffix != ".md":
                add(path, 0, "error", f"outside the layout: records are {folder}/YEAR/NAME.md")
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


def _check_placement(record: Record, path: Path, add) -> None:  # type: ignore[no-untyped-def]
    folder = KIND_DIRS.get(record.kind)
    if path.parent.parent.name != folder:
        add(
            path,
            1,
            "error",
            f"a {record.kind} record belongs in {folder}/, not {path.parent.parent.name}/",
        )
    if path.parent.name != f"{record.date.year:04d}":
        add(path, 1, "error", f"dated {record.date} but filed under {path.parent.name}/")
    match = _NAME.match(path.name)
    if match is None or match.group(1) != record.date.isoformat():
        add(path, 1, "error", f"the file name should start with its date {record.date}")
    elif not match.group(2).startswith(f"{record.rep}-") and match.group(2) != record.rep:
        add(path, 1, "error", f"the file name should name its rep {record.rep!r} after the date")
