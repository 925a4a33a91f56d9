"""Hostile input: every file of tests/hostile/ (cases.yaml says where it goes and what the user
must see) through the commands that read it. A file coachlog refuses gets one clear line naming
the file and line: an error and a non-zero exit where the command needs the file, a warning
where it can go on without it; never a traceback, and nothing written. Files it accepts (a BOM,
CRLF line ends, YAML 1.1 lookalikes) read, and an edit keeps them as they were.

The fast reader (the index's) and the careful one (the writer's) agree on every case.

Each command's time is recorded as a test property (``--junitxml`` shows it), not asserted.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from coachlog.errors import CoachlogError
from coachlog.model import JournalConfig, Rep
from coachlog.store.fastyaml import load_plain
from coachlog.store.journal import CONFIG_NAME, Journal
from coachlog.store.reading import read_record_fast, validate
from coachlog.store.yamlfile import Document
from tests.hostile_journal import (
    BASE_GOAL,
    PLACES,
    Case,
    QuickCli,
    build_base,
    fingerprint,
    load_cases,
    place,
    run,
)

CASES = load_cases()
SKIPPED = " (skipped; 'coachlog check' lists every problem)"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("base")
    build_base(root)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_command_says_one_clear_line_and_writes_nothing(
    case: Case, base: Path, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    root = tmp_path / "journal"
    place(case, base, root)
    for seen in run(case, root):
        step, result = seen.step, seen.result
        what = " ".join(step.args)
        record_property(f"seconds: {what}", round(seen.seconds, 3))
        assert result.exception is None, f"{what}: crashed: {result.exception!r}"
        assert "Traceback" not in result.output, what
        if not step.writes:
            assert not seen.wrote, f"{what} wrote a file"
        errors = [line for line in result.stderr.splitlines() if line.startswith("coachlog:")]
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        if step.outcome == "check" and case.accept:
            assert (result.exit_code, result.stdout) == (0, ""), what
        elif step.outcome == "check":
            assert result.exit_code == 1, what
            assert result.stdout.splitlines() == [f"{case.where}: error: {case.expect}"], what
            assert result.stderr == "1 error, 0 warnings\n", what
        elif step.outcome == "skip":
            assert result.exit_code == 0, f"{what}: {result.output}"
            assert warnings == [f"warning: {case.where}: {case.expect}{SKIPPED}"], what
            assert errors == [], what
        elif step.outcome == "error":
            assert result.exit_code != 0, what
            assert result.stdout == "", what
            lines = result.stderr.splitlines()
            assert len(lines) == 1, f"{what}: {result.stderr}"
            assert lines[0].startswith("coachlog: error: "), what
            assert f"{case.where}: {case.expect}" in lines[0], f"{what}: {lines[0]}"
        else:
            assert result.exit_code == 0, f"{what}: {result.output}"
            if tuple(step.args[:2]) == ("goals", "done"):  # the corpus's goal is below target
                warnings = [w for w in warnings if " is done at 0 of 3" not in w]
            assert (errors, warnings) == ([], []), f"{what}: {result.stderr}"


# --- the two readers agree ------------------------------------------------------------------


def _careful(path: Path, where: str) -> object:
    """The model the careful reader gives, or the error's text."""
    try:
        if where == "record":
            record, _ = Journal(path.parents[2], use_index=False).read_record(path)
            return record
        model, what = (Rep, "a rep profile") if where == "rep" else (JournalConfig, CONFIG_NAME)
        return validate(model, Document.load(path, fenced=False), what=what)
    except CoachlogError as exc:
        return exc


def _fast(path: Path, where: str) -> object:
    """The model the fast reader gives, or ``None`` (it leaves the file to the careful one)."""
    if where == "record":
        return read_record_fast(path)
    raw = path.read_bytes()
    try:
        data = load_plain(raw.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError:
        return None
    model = Rep if where == "rep" else JournalConfig
    try:
        return model.model_validate(data) if data is not None else None
    except ValueError:
        return None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fast_and_careful_readers_agree(case: Case, tmp_path: Path) -> None:
    path = tmp_path / PLACES[case.place]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.content())
    careful, fast = _careful(path, case.place), _fast(path, case.place)
    if case.accept:
        assert not isinstance(careful, CoachlogError), careful
        assert fast is not None, "the fast reader left an accepted file to the careful one"
        assert fast == careful
        assert fast.model_dump() == careful.model_dump()  # type: ignore[attr-defined]
    else:
        assert isinstance(careful, CoachlogError)
        assert fast is None, f"the fast reader read a file the careful one refuses: {fast!r}"
        assert f"{careful.line}: {careful.message}" == f"{case.line}: {case.expect}"


# --- BOM and CRLF: read, and kept -------------------------------------------------------------


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\r\n" if b"\r\n" in raw else b"\n")


@pytest.mark.parametrize("name", ["record-bom", "record-crlf", "record-bom-crlf"])
def test_an_edit_keeps_the_bom_and_crlf_and_changes_only_its_lines(
    name: str, base: Path, tmp_path: Path
) -> None:
    case = next(c for c in CASES if c.name == name)
    path = place(case, base, tmp_path / "j")
    before = path.read_bytes()
    QuickCli(tmp_path / "j").ok("goals", "done", "hst001", "--note", "Booked all three")
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    assert after.count(b"\r\n") == before.count(b"\r\n") + (5 if b"\r\n" in before else 0)
    assert b"\n" not in after.replace(b"\r\n", b"") or b"\r\n" not in before
    old, new = _lines(before), _lines(after)
    changed = [line for line in new if line not in old]
    assert changed[:5] == [
        b"    status: done",
        b"    closed: 2026-11-24",
        b"    notes:",
        b"      - '2026-11-24: Booked all three'",
        b"    history:",  # the goal's first event: it was written before goals had one
    ]
    event = rb"      - \{at: 2026-11-24T[0-9:.]+(Z|[+-][0-9:]+), status: done\}"
    assert re.fullmatch(event, changed[5]), changed
    assert len(changed) == 6
    assert [line for line in old if line not in new] == [b"    status: open"]


def test_a_profile_edit_keeps_the_bom_and_crlf(base: Path, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "rep-bom-crlf")
    path = place(case, base, tmp_path / "j")
    before = path.read_bytes()
    QuickCli(tmp_path / "j").ok("reps", "set", "alice", "--deal-size", "20000")
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == before.count(b"\r\n")
    old, new = _lines(before), _lines(after)
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        (b"  deal_size: 18000", b"  deal_size: 20000")
    ]


def test_yaml11_lookalikes_stay_text_through_an_edit(base: Path, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "record-yaml11-lookalikes")
    path = place(case, base, tmp_path / "j")
    cli = QuickCli(tmp_path / "j")
    listed = cli.ok("goals", "open", "--rep", "alice", "--format", "json").stdout
    assert '"title": "no"' in listed and '"measure": "on"' in listed
    before = path.read_text(encoding="utf-8")
    cli.ok("goals", "progress", "hst001", "--value", "2")
    after = path.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added[:2] == ["    progress: 2", "    history:"]
    assert re.fullmatch(r"      - \{at: [0-9T:.+Z-]+, progress: 2\}", added[2]), added
    record, _ = Journal(tmp_path / "j", use_index=False).read_record(path)
    assert (record.minutes, record.adhoc, record.goals[0].title) == (40, ["yes"], "no")


# --- a broken record and the other commands that write ----------------------------------------


def test_no_write_for_a_rep_while_one_of_their_1on1s_does_not_read(
    base: Path, tmp_path: Path
) -> None:
    case = next(c for c in CASES if c.name == "record-alias-bomb")
    root = tmp_path / "j"
    place(case, base, root)
    cli = QuickCli(root)
    before = fingerprint(root)
    add = ("goals", "add", "Book a demo with the CFO", "--rep", "alice", "--kind", "opportunity")
    for args in (
        add,  # her newest 1:1 is the broken one
        ("goals", "done", BASE_GOAL),  # a newer entry of it may be in the broken one
        ("goals", "progress", BASE_GOAL, "--value", "2"),
        ("goals", "drop", "hst"),  # a prefix of the goal in the broken file
    ):
        line = cli.fails(*args).stderr
        assert f"{case.where}: {case.expect}" in line, line
    assert fingerprint(root) == before
    # bob's goals are his own: the broken file of alice's is reported and skipped
    result = cli.ok("goals", "add", "Shadow a renewal call", "--rep", "bob", "--kind", "career")
    assert f"warning: {case.where}: {case.expect}{SKIPPED}" in result.stderr.splitlines()


def test_a_broken_1on1_older_than_the_goal_does_not_block_it(base: Path, tmp_path: Path) -> None:
    root = tmp_path / "j"
    shutil.copytree(base, root)
    old = root / "1on1" / "2026" / "2026-11-03-alice-old1.md"
    old.write_text("---\nkind: 1on1\nrep: alice\nnotes: [unclosed\n---\n", encoding="utf-8")
    result = QuickCli(root).ok("goals", "done", BASE_GOAL)
    assert "basegoal01 done" in result.stdout
    assert "2026-11-03-alice-old1.md:4: malformed YAML" in result.stderr


def test_a_broken_file_of_someone_else_named_by_its_rep_line(base: Path, tmp_path: Path) -> None:
    """A file outside the naming scheme is told apart by its ``rep:`` line."""
    root = tmp_path / "j"
    shutil.copytree(base, root)
    stray = root / "1on1" / "2026" / "notes-from-the-offsite.md"
    stray.write_text("---\nkind: 1on1\nrep: bob\nminutes: many\n---\n", encoding="utf-8")
    cli = QuickCli(root)
    cli.ok("goals", "done", BASE_GOAL)  # alice's: goes on
    cli.fails("new", "1on1", "--rep", "bob", "--no-edit")  # bob's: refused


def test_check_names_a_temporary_file_left_by_a_killed_write(base: Path, tmp_path: Path) -> None:
    root = tmp_path / "j"
    shutil.copytree(base, root)
    record = next((root / "1on1" / "2026").glob("*-alice-*.md"))
    (record.parent / f".{record.name}.k2j4x9.tmp").write_text("---\nkind: 1on", encoding="utf-8")
    result = QuickCli(root)("check")
    assert result.exit_code == 0  # a warning: the record itself is whole
    assert result.stdout == (
        f"1on1/2026/.{record.name}.k2j4x9.tmp:1: warning: "
        "a temporary file of an interrupted write; delete it\n"
    )
    assert QuickCli(root).ok("goals", "open").stderr == ""  # nothing else reads it


# --- hostile flags ------------------------------------------------------------------------------

LONG = "a" * 300
FLAGS = [
    (("reps", "add", "../../x"), "HANDLE: '../../x' is not a rep handle"),
    (("reps", "add", "a/b"), "HANDLE: 'a/b' is not a rep handle"),
    (("reps", "add", ".hidden"), "HANDLE: '.hidden' is not a rep handle"),
    (("reps", "add", LONG), f"HANDLE: '{'a' * 35}...' is not a rep handle"),
    (("reps", "set", "../alice", "--name", "x"), "HANDLE: '../alice' is not a rep handle"),
    (("new", "1on1", "--rep", "../../x"), "--rep: '../../x' is not a rep handle"),
    (("agenda", "--rep", "a/b"), "--rep: 'a/b' is not a rep handle"),
    (("goals", "open", "--rep", ".hidden"), "--rep: '.hidden' is not a rep handle"),
    (("goals", "add", "t", "--rep", LONG, "--kind", "action"), "is not a rep handle"),
    (("goals", "done", "../../x"), "no goal id starts with '../../x'"),
    (("goals", "show", "a/b"), "no goal id starts with 'a/b'"),
    (("new", "1on1", "--rep", "alice", "--date", "2026-02-30"),
     "--date: '2026-02-30' is not a real day"),
    (("agenda", "--rep", "alice", "--date", "2026-13-01"),
     "--date: '2026-13-01' is not a real day"),
    (("goals", "add", "t", "--rep", "alice", "--kind", "action", "--due", "2026-02-30"),
     "--due: '2026-02-30' is not a real day"),
    (("goals", "open", "--today", "2026-02-30"), "--today: '2026-02-30' is not a real day"),
    (("goals", "progress", BASE_GOAL, "--value", "nan"), "--value: must be a number, not nan"),
    (("goals", "add", "t", "--rep", "alice", "--kind", "action", "--target", "inf"),
     "--target: must be a number, not inf"),
    (("new", "1on1", "--rep", "alice", "--minutes", "012"), "12 is not a multiple of 5"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "words"), FLAGS, ids=[" ".join(a)[:40] for a, _ in FLAGS])
def test_hostile_flags_get_one_line_and_write_nothing(
    args: tuple[str, ...], words: str, base: Path, tmp_path: Path
) -> None:
    root = tmp_path / "j"
    shutil.copytree(base, root)
    before = fingerprint(root)
    line = QuickCli(root).fails(*args).stderr
    assert words in line, line
    assert fingerprint(root) == before
    assert not list(root.parent.glob("x*")) and not (root / "x.yaml").exists()
