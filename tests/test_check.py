"""``coachlog check``: every problem in the journal, as path:line: severity: message."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Cli, add_goal

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<sev>error|warning): (?P<msg>.+)$")


def _problems(cli: Cli) -> tuple[int, list[dict[str, str]]]:
    result = cli("check")
    assert result.exception is None, result.exception
    rows = []
    for line in result.stdout.splitlines():
        match = LINE.match(line)
        assert match, f"not path:line: severity: message: {line!r}"
        rows.append(match.groupdict())
    return result.exit_code, rows


def _one_on_one(cli: Cli, rep: str = "alice", day: str | None = None) -> Path:
    args = ["new", "1on1", "--rep", rep, "--no-edit"] + (["--date", day] if day else [])
    return cli.cwd / cli.ok(*args).stdout.strip()


def test_clean_journal_passes(journal: Path, cli: Cli) -> None:
    for rep in ("alice", "bob", "carol"):
        _one_on_one(cli, rep)
    cli.ok(
        "goals",
        "add",
        "Book the validation call with the CTO",
        "--rep",
        "alice",
        "--kind",
        "opportunity",
        "--due",
        "+7d",
        "--target",
        "1",
    )
    code, rows = _problems(cli)
    assert code == 0
    assert [r for r in rows if r["sev"] == "error"] == []


def test_errors_come_first_with_file_and_line_and_exit_1(journal: Path, cli: Cli) -> None:
    path = _one_on_one(cli)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("minutes: 40", "minutes: forty"), encoding="utf-8")
    bad = journal / "1on1" / "2026" / "2026-11-20-bob-zzzz.md"
    bad.write_text("---\nkind: 1on1\nid: x\n  oops: [\n---\n", encoding="utf-8")
    code, rows = _problems(cli)
    assert code == 1
    severities = [r["sev"] for r in rows]
    assert severities == sorted(severities, key=lambda s: s != "error")
    errors = {r["path"]: r for r in rows if r["sev"] == "error"}
    rel = str(path.relative_to(journal))
    assert errors[rel]["line"] == str(text.splitlines().index("minutes: 40") + 1)
    assert "minutes" in errors[rel]["msg"]
    assert "malformed YAML" in errors["1on1/2026/2026-11-20-bob-zzzz.md"]["msg"]


def test_broken_file_does_not_stop_other_commands(journal: Path, cli: Cli) -> None:
    _one_on_one(cli, "alice")
    add_goal(
        cli,
        "Run 5 discovery calls",
        "--rep",
        "alice",
        "--kind",
        "performance",
        "--due",
        "+7d",
        "--target",
        "5",
    )
    bad = journal / "1on1" / "2026" / "2026-11-20-bob-zzzz.md"
    bad.write_text("---\nkind: [\n---\n", encoding="utf-8")
    result = cli("goals", "open", "--format", "csv")
    assert result.exit_code == 0
    assert "Run 5 discovery calls" in result.stdout
    assert "warning: 1on1/2026/2026-11-20-bob-zzzz.md:" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_rep_duplicate_goal_ids_and_layout(journal: Path, cli: Cli) -> None:
    path = _one_on_one(cli, "alice")
    add_goal(
        cli,
        "Run 5 discovery calls",
        "--rep",
        "alice",
        "--kind",
        "performance",
        "--due",
        "+7d",
        "--target",
        "5",
    )
    cli.ok(
        "goals",
        "add",
        "Shadow two negotiation calls",
        "--rep",
        "alice",
        "--kind",
        "career",
        "--due",
        "+14d",
        "--target",
        "2",
    )
    text = path.read_text(encoding="utf-8")
    ids = re.findall(r"^  - id: (\w+)$", text, re.M)
    path.write_text(text.replace(f"id: {ids[1]}", f"id: {ids[0]}"), encoding="utf-8")
    (journal / "reps" / "bob.yaml").unlink()
    (journal / "1on1" / "notes.md").write_text("stray\n", encoding="utf-8")
    (journal / "reps" / "Zed.yaml").write_text("name: Zed\n", encoding="utf-8")
    bob = journal / "1on1" / "2026" / "2026-11-20-bob-abcd.md"
    bob.write_text(
        path.read_text(encoding="utf-8")
        .replace("rep: alice", "rep: bob")
        .replace(f"id: {path.stem}", "id: 2026-11-20-bob-abcd")
        .replace("date: 2026-11-24", "date: 2026-11-20"),
        encoding="utf-8",
    )
    code, rows = _problems(cli)
    assert code == 1
    messages = [r["msg"] for r in rows if r["sev"] == "error"]
    assert any("appears twice in this record" in m for m in messages)
    assert any("unknown rep 'bob'" in m for m in messages)
    assert any("also names a goal of" in m and "goals reid" in m for m in messages)
    assert any("outside the layout" in m for m in messages)
    assert any("'Zed' is not a rep handle" in m for m in messages)


def test_contradicting_history_and_guard_rail_warnings(journal: Path, cli: Cli) -> None:
    first = _one_on_one(cli, "alice", "2026-11-10")
    cli.ok(
        "goals",
        "add",
        "Run five discovery calls",
        "--rep",
        "alice",
        "--kind",
        "action",
        "--today",
        "2026-11-10",
    )
    second = _one_on_one(cli, "alice", "2026-11-17")
    # closed by hand two ways: done in the first record, missed in the second
    for path, status in ((first, "done"), (second, "missed")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n    status: open\n") == 1
        path.write_text(
            text.replace(
                "\n    status: open\n", f"\n    status: {status}\n    closed: 2026-11-18\n"
            ),
            encoding="utf-8",
        )
    cli.ok("goals", "add", "Close the Acme deal", "--rep", "alice", "--kind", "opportunity")
    code, rows = _problems(cli)
    assert code == 1
    errors = [r for r in rows if r["sev"] == "error"]
    assert any(
        "closed two ways (done on" in r["msg"] and r["path"].endswith(second.name) for r in errors
    ), errors
    warnings = [r["msg"] for r in rows if r["sev"] == "warning"]
    assert any("sales goal" in m for m in warnings)
    assert any("bob has had no 1:1 yet" in m for m in warnings)


def test_rep_without_recent_1on1_is_a_warning_only(journal: Path, cli: Cli) -> None:
    for rep in ("alice", "bob", "carol"):
        _one_on_one(cli, rep, "2026-11-01")
    code, rows = _problems(cli)
    assert code == 0
    assert any("alice has had no 1:1 since 2026-11-01 (23 days" in r["msg"] for r in rows)


def test_broken_config_is_listed_not_fatal(journal: Path, cli: Cli) -> None:
    config = journal / "coachlog.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("meeting_minutes: 40", "meeting_minutes: 37")
    )
    code, rows = _problems(cli)
    assert code == 1
    assert rows[0]["path"] == "coachlog.yaml"
    assert "meeting_minutes" in rows[0]["msg"]


def test_check_writes_nothing(journal: Path, cli: Cli) -> None:
    from tests.conftest import snapshot

    _one_on_one(cli)
    before = snapshot(journal)
    cli("check")
    assert snapshot(journal) == before


def _one_on_one_with_a_goal(cli: Cli) -> Path:
    """Alice's 1:1 holding one opportunity goal, due 2026-12-01."""
    path = _one_on_one(cli)
    args = ("--rep", "alice", "--kind", "opportunity", "--due", "2026-12-01")
    add_goal(cli, "Book two discovery calls", *args)
    return path


def test_a_link_to_nothing_and_a_record_in_the_wrong_folder_are_named_not_fatal(
    journal: Path, cli: Cli
) -> None:
    """A record file that is a link to nothing is left alone (every command answers); a 1:1
    filed under plans/ is read as the 1:1 it says it is, and check names the folder."""
    path = _one_on_one_with_a_goal(cli)
    (path.parent / "2026-11-20-alice-dead.md").symlink_to(journal / "nowhere.md")
    cli.ok("goals", "open")
    code, found = _problems(cli)
    assert code == 0, found
    misfiled = journal / "plans" / "2026" / path.name
    misfiled.parent.mkdir(parents=True)
    path.rename(misfiled)
    code, found = _problems(cli)
    assert code == 1
    assert any("belongs in 1on1/, not plans/" in p["msg"] for p in found), found
    goal = cli.ok("goals", "open", "--format", "json").stdout
    assert "Book two discovery calls" in goal


def test_a_check_keeps_no_finding_of_a_file_changed_while_it_ran(journal: Path, cli: Cli) -> None:
    """What a check read is kept only where no other command changed it meanwhile: the next
    check finds the change's findings (here a due day before the set day)."""
    from coachlog.store.journal import Journal

    path = _one_on_one_with_a_goal(cli)
    checking = Journal(journal)
    index = checking.index()
    (read,) = index.records_at(index.unchecked())  # the check reads the 1:1 ...
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("due: 2026-12-01", "due: 2020-01-01"), encoding="utf-8")
    cli.ok("goals", "open")  # ... another command sees the change and indexes it ...
    index.keep_findings([read[0]], [], [(read[0], None, "[]", "warning", "stale")])  # ... then
    assert index.unchecked() == [read[0]]  # nothing kept: the next check reads it again
    assert not any(message == "stale" for *_, message in index.findings())
    _, found = _problems(cli)
    assert any("before it was set" in p["msg"] for p in found), found
