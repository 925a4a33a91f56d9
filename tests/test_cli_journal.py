"""End to end: init, reps, new 1on1, agenda, journal discovery and the global options, run
as a user types them, checked on the files they leave behind."""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from coachlog.model import JournalConfig
from tests.conftest import Cli, snapshot

SAFE = YAML(typ="safe", pure=True)

# the default agenda: minutes per section in a 40-minute 1:1, by phase (0: not on the agenda)
TABLE = {
    "Open goals review": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
    "Forecast, current period": {"early": 10, "mid": 5, "late": 5, "year-end": 5},
    "Pipeline, next period": {"early": 10, "mid": 5, "late": 5, "year-end": 5},
    "Deals to close": {"early": 0, "mid": 10, "late": 15, "year-end": 5},
    "Skill development": {"early": 5, "mid": 5, "late": 0, "year-end": 0},
    "Career development": {"early": 0, "mid": 0, "late": 0, "year-end": 10},
    "Free time": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
    "Set coaching goals": {"early": 5, "mid": 5, "late": 5, "year-end": 5},
}

# The journal fixture's fiscal year starts February 1: Q4 runs 2026-11-01 to 2027-01-31 and the
# year-end window is the last 42 days (from 2026-12-21); Q3 runs 2026-08-01 to 2026-10-31.
PHASE_DAYS = {
    "2026-11-24": ("early", "FY2027-Q4"),
    "2026-09-15": ("mid", "FY2027-Q3"),
    "2026-10-20": ("late", "FY2027-Q3"),
    "2027-01-05": ("year-end", "FY2027-Q4"),
}


def load(path: Path) -> dict:
    return SAFE.load(path.read_text(encoding="utf-8"))


def split_record(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text[:40]
    head, _, body = text[4:].partition("\n---\n")
    return SAFE.load(head), body


def records(root: Path) -> list[Path]:
    return sorted((root / "1on1").glob("*/*.md"))


def new_1on1(cli: Cli, root: Path, *args: str) -> Path:
    """Run ``new 1on1``; the path it prints, checked to be the one new file."""
    before = set(records(root))
    result = cli.ok("new", "1on1", *args)
    path = root / result.stdout.strip()
    assert path.is_file(), result.stdout
    assert set(records(root)) - before == {path}
    return path


def body_agenda(body: str) -> list[tuple[str, int, list[str]]]:
    """The agenda checklist of a record's body: (title, minutes, checklist items)."""
    agenda = body.split("## Agenda", 1)[1].split("## Notes", 1)[0]
    sections = []
    for chunk in re.split(r"^### ", agenda, flags=re.MULTILINE)[1:]:
        head, *rest = chunk.splitlines()
        match = re.fullmatch(r"(.+) \((\d+) min\)", head)
        assert match, head
        items = [line[len("- [ ] ") :] for line in rest if line.startswith("- [ ] ")]
        sections.append((match.group(1), int(match.group(2)), items))
    return sections


def expected_sections(phase: str) -> list[tuple[str, int]]:
    return [(title, by[phase]) for title, by in TABLE.items() if by[phase]]


# --- init -------------------------------------------------------------------------------------


def test_init_writes_every_default(tmp_path: Path, cli: Cli) -> None:
    result = cli.ok(
        "init",
        "team-journal",
        "--team",
        "Enterprise West",
        "--manager",
        "dana",
        "--period",
        "month",
        "--fiscal-year-start",
        "02-01",
    )
    config = tmp_path / "team-journal" / "coachlog.yaml"
    assert Path(result.stdout.strip()) == Path("team-journal/coachlog.yaml")
    written = load(config)
    expected = JournalConfig(
        team="Enterprise West", manager="dana", period="month", fiscal_year_start="02-01"
    ).model_dump(mode="json", by_alias=True)
    # every setting is spelled out in the file, not left to the code's defaults (an agenda
    # section's false flags aside: it says keep/open_goals/adhoc only where they are true)
    agenda, expected_agenda = written.pop("agenda"), expected.pop("agenda")
    assert written == expected
    assert set(agenda) == set(expected_agenda)
    assert [s["key"] for s in agenda["sections"]] == [s["key"] for s in expected_agenda["sections"]]
    assert JournalConfig.model_validate({**written, "agenda": agenda}) == JournalConfig(
        team="Enterprise West", manager="dana", period="month", fiscal_year_start="02-01"
    )
    # the fiscal year start stays text in every YAML reader ('02-01', never a number)
    assert "fiscal_year_start: '02-01'" in config.read_text(encoding="utf-8").splitlines()


def test_written_files_get_the_usual_mode(journal: Path, cli: Cli) -> None:
    """Files are made as the user's other files are (umask), not private 0600 temp files."""
    mask = os.umask(0o022)
    try:
        cli.ok("reps", "add", "dave")
        path = new_1on1(cli, journal, "--rep", "dave")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert stat.S_IMODE((journal / "reps" / "dave.yaml").stat().st_mode) == 0o644
    # a rewrite keeps the mode the user gave the file
    (journal / "reps" / "dave.yaml").chmod(0o640)
    cli.ok("reps", "set", "dave", "--name", "Dave Ng")
    assert stat.S_IMODE((journal / "reps" / "dave.yaml").stat().st_mode) == 0o640


def test_init_defaults_load_back_as_the_model_defaults(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init")
    written = load(tmp_path / "coachlog.yaml")
    assert JournalConfig.model_validate(written) == JournalConfig()
    assert written["period"] == "quarter"
    assert written["fiscal_year_start"] == "01-01"
    assert written["meeting_minutes"] == 40
    assert written["year_end_days"] == 42


def test_init_git_runs_git_init_and_ignores_derived_files(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init", "j", "--git")
    root = tmp_path / "j"
    assert (root / ".git").is_dir()
    assert ".coachlog/" in (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".coachlog/lock"], cwd=root, capture_output=True
    )
    assert ignored.returncode == 0
    tracked = subprocess.run(
        ["git", "check-ignore", "-q", "coachlog.yaml"], cwd=root, capture_output=True
    )
    assert tracked.returncode == 1  # the config itself is committed


def test_init_git_keeps_an_existing_gitignore(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / ".gitignore").write_text("*.pdf", encoding="utf-8")
    cli.ok("init", "--git")
    lines = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "*.pdf"
    assert ".coachlog/" in lines


def test_init_twice_refuses_and_keeps_the_config(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init", "--team", "First")
    before = snapshot(tmp_path)
    result = cli.fails("init", "--team", "Second")
    assert "coachlog.yaml" in result.stderr
    assert "already" in result.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--period", "weekly"), "--period"),
        (("--fiscal-year-start", "13-01"), "--fiscal-year-start"),
        (("--fiscal-year-start", "02-29"), "--fiscal-year-start"),
        (("--fiscal-year-start", "2-1"), "--fiscal-year-start"),
        (("--today", "tomorrowish"), "--today"),
    ],
)
def test_init_bad_options_write_nothing(
    tmp_path: Path, cli: Cli, args: tuple[str, ...], flag: str
) -> None:
    result = cli.fails("init", "j", *args)
    assert flag in result.stderr
    assert not (tmp_path / "j").exists()
    assert snapshot(tmp_path) == {}


# --- reps -------------------------------------------------------------------------------------


def test_reps_add_writes_the_profile(journal: Path, cli: Cli) -> None:
    path = journal / "reps" / "alice.yaml"
    assert path.is_file()
    profile = load(path)
    assert profile["name"] == "Alice Moreno"
    assert profile["manager"] == "dana"  # the journal's manager by default
    assert profile["experience"] == "developing"
    assert profile["engine"] == {
        "opportunities": 24,
        "win_rate": 0.25,
        "deal_size": 18000,
        "cycle_days": 60,
    }
    result = cli.ok("reps", "add", "dave", "--manager", "erin")
    assert result.stdout.strip() == "reps/dave.yaml"
    assert load(journal / "reps" / "dave.yaml")["manager"] == "erin"


@pytest.mark.parametrize("rate", ["25%", "0.25", "25.0%", ".25"])
def test_reps_add_win_rate_as_percent_or_fraction(journal: Path, cli: Cli, rate: str) -> None:
    cli.ok("reps", "add", "dave", "--win-rate", rate)
    text = (journal / "reps" / "dave.yaml").read_text(encoding="utf-8")
    assert load(journal / "reps" / "dave.yaml")["engine"]["win_rate"] == 0.25
    assert "  win_rate: 0.25" in text.splitlines()


def test_reps_add_longest_handle_is_accepted(journal: Path, cli: Cli) -> None:
    handle = "a" * 40
    cli.ok("reps", "add", handle)
    assert (journal / "reps" / f"{handle}.yaml").is_file()


@pytest.mark.parametrize(
    "handle", ["Alice", "../../x", "a/b", ".hidden", "a" * 41, "1abc", "al ice", "x.yaml", ""]
)
def test_reps_add_refuses_bad_handles(journal: Path, cli: Cli, handle: str) -> None:
    before = snapshot(journal)
    result = cli.fails("reps", "add", handle)
    assert "handle" in result.stderr
    assert snapshot(journal) == before
    assert not (journal / "reps" / f"{handle}.yaml").exists()  # not even outside reps/


def test_reps_add_refuses_a_duplicate(journal: Path, cli: Cli) -> None:
    before = snapshot(journal)
    result = cli.fails("reps", "add", "alice", "--name", "Another Alice")
    assert "alice" in result.stderr
    assert "already exists" in result.stderr
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--win-rate", "lots"), "--win-rate"),
        (("--win-rate", "150%"), "--win-rate"),
        (("--win-rate", "-5%"), "--win-rate"),
        (("--win-rate", "1.5"), "--win-rate"),
        (("--cycle-days", "-10"), "--cycle-days"),
        (("--cycle-days", "0"), "--cycle-days"),
        (("--opportunities", "-1"), "--opportunities"),
        (("--deal-size", "lots"), "--deal-size"),
        (("--experience", "guru"), "--experience"),
    ],
)
@pytest.mark.parametrize("command", ["add", "set"])
def test_reps_bad_values_write_nothing(
    journal: Path, cli: Cli, command: str, args: tuple[str, ...], flag: str
) -> None:
    before = snapshot(journal)
    handle = "dave" if command == "add" else "alice"
    result = cli.fails("reps", command, handle, *args)
    assert flag in result.stderr
    assert snapshot(journal) == before


HAND_EDITED_PROFILE = """\
# Alice's profile. Numbers from the CRM, first Monday of the month.
name: Alice Moreno   # goes by Ali
manager: dana

experience: developing
engine:
  # the four pistons
  opportunities: 24
  win_rate: 0.25     # trailing 12 months
  deal_size: 18000
  cycle_days: 60
focus: null
focus_history: []
"""


def test_reps_set_changes_only_the_given_fields(journal: Path, cli: Cli) -> None:
    path = journal / "reps" / "alice.yaml"
    path.write_text(HAND_EDITED_PROFILE, encoding="utf-8")
    result = cli.ok("reps", "set", "alice", "--win-rate", "28%", "--cycle-days", "55")
    assert result.stdout.strip() == "reps/alice.yaml"
    old = HAND_EDITED_PROFILE.splitlines(keepends=True)
    new = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(new) == len(old)
    changed = {i: (a, b) for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
    assert changed == {
        8: (
            "  win_rate: 0.25     # trailing 12 months\n",
            "  win_rate: 0.28     # trailing 12 months\n",
        ),
        10: ("  cycle_days: 60\n", "  cycle_days: 55\n"),
    }


def test_reps_set_name_keeps_the_comment_on_its_line(journal: Path, cli: Cli) -> None:
    path = journal / "reps" / "alice.yaml"
    path.write_text(HAND_EDITED_PROFILE, encoding="utf-8")
    cli.ok("reps", "set", "alice", "--name", "Alice Moreno-Diaz", "--experience", "experienced")
    old = HAND_EDITED_PROFILE.splitlines()
    new = path.read_text(encoding="utf-8").splitlines()
    assert len(new) == len(old)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed == [1, 4]
    assert re.fullmatch(r"name: Alice Moreno-Diaz +# goes by Ali", new[1]), new[1]
    assert new[4] == "experience: experienced"
    assert load(path)["name"] == "Alice Moreno-Diaz"


def test_reps_set_with_nothing_to_change_leaves_the_file(journal: Path, cli: Cli) -> None:
    path = journal / "reps" / "alice.yaml"
    path.write_text(HAND_EDITED_PROFILE, encoding="utf-8")
    cli.ok("reps", "set", "alice")
    assert path.read_text(encoding="utf-8") == HAND_EDITED_PROFILE


def test_reps_set_unknown_rep(journal: Path, cli: Cli) -> None:
    before = snapshot(journal)
    result = cli.fails("reps", "set", "zed", "--name", "Zed")
    assert "unknown rep 'zed'" in result.stderr
    assert "reps add zed" in result.stderr
    assert "--rep" not in result.stderr  # 'reps set' has no such option to blame
    assert snapshot(journal) == before
    assert not (journal / "reps" / "zed.yaml").exists()


def test_reps_list_json(journal: Path, cli: Cli) -> None:
    rows = json.loads(cli.ok("reps", "list", "--format", "json").stdout)
    assert [r["rep"] for r in rows] == ["alice", "bob", "carol"]
    alice = rows[0]
    assert alice["name"] == "Alice Moreno"
    assert alice["manager"] == "dana"
    assert alice["experience"] == "developing"
    assert alice["win_rate"] == 0.25
    assert alice["opportunities"] == 24
    assert alice["deal_size"] == 18000
    assert alice["cycle_days"] == 60
    assert rows[1]["win_rate"] is None


def test_reps_list_csv(journal: Path, cli: Cli) -> None:
    import csv
    import io

    out = cli.ok("reps", "list", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["rep"] for r in rows] == ["alice", "bob", "carol"]
    assert rows[0]["name"] == "Alice Moreno"
    assert rows[0]["win_rate"] == "0.25"
    assert rows[1]["win_rate"] == ""


def test_reps_list_markdown_is_the_default_in_a_pipe(journal: Path, cli: Cli) -> None:
    out = cli.ok("reps", "list", "--format", "markdown").stdout
    assert out == cli.ok("reps", "list").stdout  # CliRunner's stdout is not a terminal
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Rep |"))
    assert re.fullmatch(r"\|[-:|]+\|", lines[header + 1])
    rows = [line for line in lines[header + 2 :] if line.startswith("|")]
    assert [r.split("|")[1].strip() for r in rows] == ["alice", "bob", "carol"]
    assert "Alice Moreno" in rows[0]
    assert "\x1b[" not in out  # no colour codes in a pipe


def test_reps_list_empty_journal(tmp_path: Path, cli: Cli) -> None:
    cli.ok("init")
    assert json.loads(cli.ok("reps", "list", "--format", "json").stdout) == []


# --- new 1on1 ---------------------------------------------------------------------------------


def test_new_1on1_file_front_matter_and_body(journal: Path, cli: Cli) -> None:
    path = new_1on1(cli, journal, "--rep", "alice")
    rel = path.relative_to(journal)
    assert re.fullmatch(r"1on1/2026/2026-11-24-alice-[0-9a-z]{4}\.md", str(rel)), rel
    data, body = split_record(path)
    assert list(data)[:10] == [
        "kind",
        "id",
        "rep",
        "manager",
        "date",
        "created",
        "minutes",
        "status",
        "period",
        "phase",
    ]
    assert data["kind"] == "1on1"
    assert data["id"] == path.stem
    assert data["rep"] == "alice"
    assert data["manager"] == "dana"
    assert data["date"] == date(2026, 11, 24)
    assert isinstance(data["created"], datetime)
    assert data["created"].date() == date(2026, 11, 24)  # on --today's day
    assert data["minutes"] == 40
    assert data["status"] == "held"  # dated today; a later day is "planned"
    assert data["period"] == "FY2027-Q4"
    assert data["phase"] == "early"
    assert data["forecast"] == {
        "commit": None,
        "most_likely": None,
        "upside": None,
        "next_period_pipeline": None,
    }
    assert data["goals"] == []

    assert body.startswith("# 1:1 with Alice Moreno, 2026-11-24\n")
    agenda = body_agenda(body)
    assert [(t, m) for t, m, _ in agenda] == expected_sections("early")
    for title, _, items in agenda:
        assert items, f"{title} has no questions"
    assert "\n## Notes\n" in body
    assert "\n## Private\n" in body
    assert body.index("## Agenda") < body.index("## Notes") < body.index("## Private")


def test_new_1on1_two_on_the_same_day_make_two_records(journal: Path, cli: Cli) -> None:
    first = new_1on1(cli, journal, "--rep", "alice")
    first_text = first.read_text(encoding="utf-8")
    second = new_1on1(cli, journal, "--rep", "alice")
    assert first != second
    assert first.read_text(encoding="utf-8") == first_text  # the first one is not touched
    a, _ = split_record(first)
    b, _ = split_record(second)
    assert a["id"] != b["id"]
    assert a["date"] == b["date"] == date(2026, 11, 24)
    assert a["created"] <= b["created"]


@pytest.mark.parametrize("day", sorted(PHASE_DAYS))
def test_new_1on1_phase_and_agenda_follow_the_date(journal: Path, cli: Cli, day: str) -> None:
    phase, period = PHASE_DAYS[day]
    path = new_1on1(cli, journal, "--rep", "bob", "--date", day)
    assert path.name.startswith(f"{day}-bob-")
    assert path.parent.name == day[:4]
    data, body = split_record(path)
    assert data["phase"] == phase
    assert data["period"] == period
    assert data["date"] == date.fromisoformat(day)
    assert [(t, m) for t, m, _ in body_agenda(body)] == expected_sections(phase)
    assert sum(m for _, m, _ in body_agenda(body)) == 40


@pytest.mark.parametrize("minutes", [30, 60, 10, 25])
def test_new_1on1_minutes_add_up(journal: Path, cli: Cli, minutes: int) -> None:
    path = new_1on1(cli, journal, "--rep", "alice", "--minutes", str(minutes))
    data, body = split_record(path)
    assert data["minutes"] == minutes
    agenda = body_agenda(body)
    assert sum(m for _, m, _ in agenda) == minutes
    assert all(m > 0 and m % 5 == 0 for _, m, _ in agenda)
    titles = [t for t, _, _ in agenda]
    assert titles[0] == "Open goals review"
    assert titles[-1] == "Set coaching goals"


def test_new_1on1_adhoc_question_differs_from_the_previous(journal: Path, cli: Cli) -> None:
    asked = []
    for day in ("2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24", "2026-12-01"):
        data, body = split_record(new_1on1(cli, journal, "--rep", "carol", "--date", day))
        adhoc = data["adhoc"]
        assert adhoc, day
        free = next(items for title, _, items in body_agenda(body) if title == "Free time")
        assert set(adhoc) <= set(free)  # asked in the Free time section
        asked.append(adhoc)
    for previous, current in itertools.pairwise(asked):
        assert not set(previous) & set(current), (previous, current)


def test_new_1on1_no_edit(journal: Path, cli: Cli) -> None:
    new_1on1(cli, journal, "--rep", "alice", "--no-edit")


@pytest.mark.parametrize("edit", [[], ["--edit"]])
def test_new_1on1_never_runs_the_editor_in_a_pipe(
    journal: Path, cli: Cli, tmp_path_factory: pytest.TempPathFactory, edit: list[str]
) -> None:
    marker = tmp_path_factory.mktemp("editor") / "ran"
    editor = f"touch {marker}"
    new_1on1(cli, journal, "--rep", "alice", *edit)
    result = cli.ok(
        "new", "1on1", "--rep", "alice", *edit, env={"EDITOR": editor, "VISUAL": editor}
    )
    assert (journal / result.stdout.strip()).is_file()
    assert not marker.exists()


def test_new_1on1_rolls_hand_written_open_goals_forward(journal: Path, cli: Cli) -> None:
    first = new_1on1(cli, journal, "--rep", "alice", "--date", "2026-11-17")
    text = first.read_text(encoding="utf-8").replace(
        "goals: []\n",
        "goals:\n"
        "  - id: g7k2\n"
        "    title: Book three discovery calls with new logos\n"
        "    kind: opportunity\n"
        "    set: 2026-11-17\n"
        "    due: 2026-11-30\n"
        "  - id: h8m3\n"
        "    title: Practise the pricing objection\n"
        "    kind: performance\n"
        "    status: done\n"
        "    set: 2026-11-10\n",
    )
    first.write_text(text, encoding="utf-8")
    data, body = split_record(new_1on1(cli, journal, "--rep", "alice"))
    assert [g["id"] for g in data["goals"]] == ["g7k2"]
    goal = data["goals"][0]
    assert goal["set"] == date(2026, 11, 17)
    assert goal["status"] == "open"
    review = next(items for title, _, items in body_agenda(body) if title == "Open goals review")
    assert any("g7k2" in item for item in review)
    plan = json.loads(cli.ok("agenda", "--rep", "alice", "--format", "json").stdout)
    assert plan["sections"][0]["goals"] == ["g7k2"]


# --- agenda -----------------------------------------------------------------------------------


def test_agenda_json_has_the_spec_keys_and_writes_nothing(journal: Path, cli: Cli) -> None:
    before = snapshot(journal)
    plan = json.loads(cli.ok("agenda", "--rep", "alice", "--format", "json").stdout)
    assert snapshot(journal) == before
    assert plan["rep"] == "alice"
    assert plan["date"] == "2026-11-24"
    assert plan["period"] == {
        "kind": "quarter",
        "label": "FY2027-Q4",
        "start": "2026-11-01",
        "end": "2027-01-31",
    }
    assert plan["phase"] == "early"
    assert plan["minutes"] == 40
    for section in plan["sections"]:
        assert {"title", "minutes", "questions", "goals"} <= set(section)
        assert isinstance(section["questions"], list)
        assert isinstance(section["goals"], list)
    assert [(s["title"], s["minutes"]) for s in plan["sections"]] == expected_sections("early")


@pytest.mark.parametrize("day", sorted(PHASE_DAYS))
def test_agenda_is_what_new_1on1_writes(journal: Path, cli: Cli, day: str) -> None:
    new_1on1(cli, journal, "--rep", "alice", "--date", day)  # a previous 1:1, to rotate from
    for fmt_args in (["--format", "markdown"], []):
        cli.ok("agenda", "--rep", "alice", "--date", day, *fmt_args)
    before = snapshot(journal)
    plan = json.loads(cli.ok("agenda", "--rep", "alice", "--date", day, "--format", "json").stdout)
    assert snapshot(journal) == before
    data, body = split_record(new_1on1(cli, journal, "--rep", "alice", "--date", day))
    assert plan["phase"] == data["phase"] == PHASE_DAYS[day][0]
    assert plan["period"]["label"] == data["period"]
    assert plan["minutes"] == data["minutes"]
    assert plan["date"] == data["date"].isoformat()
    written = [(s["title"], s["minutes"], s["questions"]) for s in plan["sections"]]
    assert written == body_agenda(body)


def test_agenda_with_minutes_and_today(journal: Path, cli: Cli) -> None:
    plan = json.loads(
        cli.ok("agenda", "--rep", "bob", "--minutes", "30", "--format", "json").stdout
    )
    assert plan["minutes"] == 30
    assert sum(s["minutes"] for s in plan["sections"]) == 30
    later = json.loads(
        cli.ok("agenda", "--rep", "bob", "--format", "json", "--today", "2026-10-20").stdout
    )
    assert later["date"] == "2026-10-20"
    assert later["phase"] == "late"


def test_agenda_markdown(journal: Path, cli: Cli) -> None:
    out = cli.ok("agenda", "--rep", "alice", "--format", "markdown").stdout
    assert "Alice Moreno" in out
    assert "## Open goals review (5 min)" in out
    assert "## Forecast, current period (10 min)" in out


# --- finding the journal, and today -----------------------------------------------------------


def test_journal_option_and_environment(
    journal: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = Cli(tmp_path_factory.mktemp("elsewhere"))
    path = (
        journal
        / elsewhere.ok("new", "1on1", "--rep", "alice", "--journal", str(journal)).stdout.strip()
    )
    assert path.is_file()
    path = (
        journal
        / elsewhere.ok("--journal", str(journal), "new", "1on1", "--rep", "bob").stdout.strip()
    )
    assert path.is_file()
    path = (
        journal
        / elsewhere.ok(
            "new", "1on1", "--rep", "carol", env={"COACHLOG_JOURNAL": str(journal)}
        ).stdout.strip()
    )
    assert path.is_file()
    assert snapshot(elsewhere.cwd) == {}
    assert len(records(journal)) == 3


def test_journal_option_wins_over_environment(
    journal: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = tmp_path_factory.mktemp("other")
    Cli(other).ok("init", "--team", "Other")
    Cli(other).ok("reps", "add", "zoe")
    runner = Cli(tmp_path_factory.mktemp("cwd"))
    out = runner.ok(
        "reps",
        "list",
        "--format",
        "json",
        "--journal",
        str(other),
        env={"COACHLOG_JOURNAL": str(journal)},
    ).stdout
    assert [r["rep"] for r in json.loads(out)] == ["zoe"]


def test_journal_is_found_from_a_subfolder(journal: Path, cli: Cli) -> None:
    new_1on1(cli, journal, "--rep", "alice")
    sub = Cli(journal / "1on1" / "2026")
    result = sub.ok("new", "1on1", "--rep", "bob")
    assert result.stdout.startswith("1on1/2026/2026-11-24-bob-")
    assert (journal / result.stdout.strip()).is_file()
    assert not (journal / "1on1" / "2026" / "1on1").exists()
    rows = json.loads(Cli(journal / "reps").ok("reps", "list", "--format", "json").stdout)
    assert len(rows) == 3


@pytest.mark.parametrize(
    "args",
    [
        ("new", "1on1", "--rep", "alice", "--today", "2026-12-01"),
        ("--today", "2026-12-01", "new", "1on1", "--rep", "alice"),
        ("new", "1on1", "--today=2026-12-01", "--rep", "alice"),
        ("new", "--today", "2026-12-01", "1on1", "--rep", "alice"),
    ],
)
def test_today_option_anywhere(journal: Path, cli: Cli, args: tuple[str, ...]) -> None:
    result = cli.ok(*args)
    assert result.stdout.startswith("1on1/2026/2026-12-01-alice-")
    data, _ = split_record(journal / result.stdout.strip())
    assert data["date"] == date(2026, 12, 1)
    assert data["created"].date() == date(2026, 12, 1)


def test_coachlog_today_environment(journal: Path) -> None:
    cli = Cli(journal, today="2027-01-05")
    data, _ = split_record(new_1on1(cli, journal, "--rep", "alice"))
    assert data["date"] == date(2027, 1, 5)
    assert data["phase"] == "year-end"
    # --today wins over the environment
    result = cli.ok("agenda", "--rep", "alice", "--format", "json", "--today", "2026-11-24")
    assert json.loads(result.stdout)["date"] == "2026-11-24"


def test_relative_date_words(journal: Path, cli: Cli) -> None:
    plan = json.loads(
        cli.ok("agenda", "--rep", "alice", "--date", "tomorrow", "--format", "json").stdout
    )
    assert plan["date"] == "2026-11-25"


# --- bad input: one line, no traceback, nothing written -----------------------------------------

COMMANDS = [
    ("new", "1on1", "--rep", "alice"),
    ("agenda", "--rep", "alice", "--format", "json"),
    ("reps", "list", "--format", "json"),
    ("reps", "add", "dave"),
    ("reps", "set", "alice", "--name", "Alice M"),
]


def fails_cleanly(cli: Cli, root: Path, *args: str, **kw) -> str:  # type: ignore[no-untyped-def]
    before = snapshot(root)
    result = cli.fails(*args, **kw)
    assert snapshot(root) == before, args
    return result.stderr


@pytest.mark.parametrize("command", [("new", "1on1"), ("agenda",)])
def test_unknown_rep(journal: Path, cli: Cli, command: tuple[str, ...]) -> None:
    err = fails_cleanly(cli, journal, *command, "--rep", "zed")
    assert "unknown rep 'zed'" in err
    assert "alice" in err  # names the reps there are


@pytest.mark.parametrize("command", [("new", "1on1"), ("agenda",)])
@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("--date", "2026-13-45"), "--date"),
        (("--date", "2026-02-30"), "--date"),
        (("--date", "23/11/2026"), "--date"),
        (("--today", "tomorrowish"), "--today"),
        (("--minutes", "37"), "--minutes"),
        (("--minutes", "0"), "--minutes"),
        (("--minutes", "5"), "--minutes"),
        (("--minutes", "-40"), "--minutes"),
        (("--minutes", "forty"), "--minutes"),
        (("--minutes", "300"), "--minutes"),
        (("--rep", "Alice"), "--rep"),
        (("--rep", "../alice"), "--rep"),
    ],
)
def test_bad_flags_of_new_and_agenda(
    journal: Path, cli: Cli, command: tuple[str, ...], args: tuple[str, ...], flag: str
) -> None:
    base = () if "--rep" in args else ("--rep", "alice")
    err = fails_cleanly(cli, journal, *command, *base, *args)
    assert flag in err


@pytest.mark.parametrize("command", COMMANDS)
def test_bad_today_is_refused_by_every_command(
    journal: Path, cli: Cli, command: tuple[str, ...]
) -> None:
    err = fails_cleanly(cli, journal, *command, "--today", "tomorrowish")
    assert "--today" in err
    err = fails_cleanly(cli, journal, *command, env={"COACHLOG_TODAY": "2026-02-30"})
    assert "COACHLOG_TODAY" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option(journal: Path, cli: Cli, command: tuple[str, ...]) -> None:
    err = fails_cleanly(cli, journal, *command, "--bogus")
    assert "--bogus" in err


def test_unknown_command(journal: Path, cli: Cli) -> None:
    err = fails_cleanly(cli, journal, "frobnicate")
    assert "frobnicate" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_journal(
    tmp_path_factory: pytest.TempPathFactory, command: tuple[str, ...]
) -> None:
    folder = tmp_path_factory.mktemp("nojournal")
    assert not any((p / "coachlog.yaml").exists() for p in (folder, *folder.parents))
    cli = Cli(folder)
    err = fails_cleanly(cli, folder, *command)
    assert "coachlog.yaml" in err
    assert "coachlog init" in err
    err = fails_cleanly(cli, folder, *command, env={"COACHLOG_JOURNAL": str(folder)})
    assert "COACHLOG_JOURNAL" in err
    err = fails_cleanly(cli, folder, *command, "--journal", str(folder / "missing"))
    assert "--journal" in err
    assert "coachlog init" in err


# name: (edit of coachlog.yaml, the line the message must name, words it must hold, commands)
BROKEN_CONFIGS = {
    "malformed": (
        ("period: quarter", "period: [quarter"),
        "period: [quarter",
        "malformed",
        COMMANDS,
    ),
    "unknown-key": (
        ("cadence_days: 7", "cadence_days: 7\nmeeting_lenght: 30"),
        "meeting_lenght: 30",
        "unknown key 'meeting_lenght'",
        COMMANDS,
    ),
    "minutes-37": (
        ("meeting_minutes: 40", "meeting_minutes: 37"),
        "meeting_minutes: 37",
        "meeting_minutes",
        COMMANDS,
    ),
    "weekly": (("period: quarter", "period: weekly"), "period: weekly", "weekly", COMMANDS),
    "mapping": (
        ("cadence_days: 7", "cadence_days: 7: 8"),
        "cadence_days: 7: 8",
        "malformed",
        COMMANDS[:1],
    ),
    "tab": (
        ("cadence_days: 7", "\tcadence_days: 7"),
        "\tcadence_days: 7",
        "malformed",
        COMMANDS[:1],
    ),
    "duplicate": (
        ("cadence_days: 7", "cadence_days: 7\nperiod: month"),
        "period: month",
        "duplicate key 'period'",
        COMMANDS[:1],
    ),
    "fiscal-02-30": (
        ("fiscal_year_start: '02-01'", "fiscal_year_start: '02-30'"),
        "fiscal_year_start: '02-30'",
        "02-30",
        COMMANDS[:1],
    ),
    "agenda-minutes": (
        ("        early: 10\n", "        early: ten\n"),
        "        early: ten",
        "early",
        COMMANDS[1:2],
    ),
    "custom-tag": (
        ("team: Enterprise West", "team: !secret Enterprise West"),
        "team: !secret Enterprise West",
        "tags are not allowed",
        COMMANDS[2:3],
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_CONFIGS))
def test_broken_config_is_named_with_its_line(journal: Path, cli: Cli, name: str) -> None:
    edit, bad_line, words, commands = BROKEN_CONFIGS[name]
    config = journal / "coachlog.yaml"
    text = config.read_text(encoding="utf-8")
    assert edit[0] in text, name
    config.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index(bad_line) + 1
    for command in commands:
        err = fails_cleanly(cli, journal, *command)
        assert f"coachlog.yaml:{line}:" in err, (command, err)
        assert words in err, (command, err)


# name: (edit of reps/alice.yaml, the line the message must name, commands)
REP_COMMANDS = [c for c in COMMANDS if c[:2] != ("reps", "add")]
HAND_BROKEN_REPS = {
    "malformed": (
        ("name: Alice Moreno", "name: 'Alice Moreno"),
        "name: 'Alice Moreno",
        REP_COMMANDS,
    ),
    "unknown-key": (
        ("experience: developing", "experience: developing\nfavourite: tea"),
        "favourite: tea",
        REP_COMMANDS,
    ),
    "bad-rate": (("win_rate: 0.25", "win_rate: lots"), "  win_rate: lots", REP_COMMANDS[:1]),
    "rate-over-1": (("win_rate: 0.25", "win_rate: 25"), "  win_rate: 25", REP_COMMANDS[1:2]),
    "bad-experience": (
        ("experience: developing", "experience: guru"),
        "experience: guru",
        REP_COMMANDS[3:4],
    ),
    "python-tag": (
        ("name: Alice Moreno", "name: !!python/object:os.system Alice"),
        "name: !!python/object:os.system Alice",
        REP_COMMANDS[:1],
    ),
    "alias": (
        ("name: Alice Moreno\nmanager: dana", "name: &n Alice Moreno\nmanager: *n"),
        "manager: *n",
        REP_COMMANDS[2:3],
    ),
}


@pytest.mark.parametrize("name", list(HAND_BROKEN_REPS))
def test_hand_broken_rep_file(journal: Path, cli: Cli, name: str) -> None:
    edit, bad_line, commands = HAND_BROKEN_REPS[name]
    profile = journal / "reps" / "alice.yaml"
    text = profile.read_text(encoding="utf-8")
    assert edit[0] in text, name
    profile.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    lines = profile.read_text(encoding="utf-8").splitlines()
    line = lines.index(bad_line) + 1
    for command in commands:
        if command[:2] == ("reps", "list"):  # about everyone: goes on past the profile
            err = cli.ok(*command).stderr
            assert err.startswith("warning: reps/alice.yaml:") and "(skipped;" in err, err
        else:
            err = fails_cleanly(cli, journal, *command)
        assert f"alice.yaml:{line}:" in err or (
            name == "alias" and f"alice.yaml:{line - 1}:" in err  # the anchor's line will do
        ), (command, err)


def test_a_broken_rep_file_does_not_stop_work_with_another_rep(journal: Path, cli: Cli) -> None:
    profile = journal / "reps" / "alice.yaml"
    profile.write_text("name: [Alice\n", encoding="utf-8")
    new_1on1(cli, journal, "--rep", "bob")
    cli.ok("reps", "set", "carol", "--experience", "new")
    assert load(journal / "reps" / "carol.yaml")["experience"] == "new"


# --- help and version ---------------------------------------------------------------------------


def test_no_arguments_prints_help(tmp_path: Path, cli: Cli) -> None:
    result = cli()
    assert result.exception is None
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    for command in ("init", "reps", "new", "agenda"):
        assert command in result.stdout
    assert result.stderr == ""
    assert snapshot(tmp_path) == {}


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(cli: Cli, flag: str) -> None:
    from coachlog import __version__

    result = cli.ok(flag)
    assert result.stdout == f"coachlog {__version__}\n"


def test_version_through_the_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    from coachlog import __version__
    from coachlog.__main__ import main

    main(["--version"])
    assert capsys.readouterr().out == f"coachlog {__version__}\n"


def test_help_of_a_command(cli: Cli) -> None:
    result = cli.ok("new", "1on1", "--help")
    assert "--rep" in result.stdout
    assert "--minutes" in result.stdout
