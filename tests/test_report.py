"""``coachlog report`` end to end: a month of coaching written through the CLI, and every number
of the JSON report checked against values computed by hand below.

The month (November 2026, 30 days), all for manager dana:

alice  1:1s Oct 27 (40 min), Nov 3 (40), Nov 10 (30), Nov 17 (40), Nov 24 (40)
       call reviews Oct 30 (20), Nov 4 (20), Nov 12 (20), Nov 19 (15), scored; debrief Nov 6
       (10); observation Nov 13 (60); #1 behaviour set Nov 2
       goals: A set Oct 27 done Nov 5; B set Oct 27 missed Nov 21; C set Nov 3 due Nov 10,
       open; D set Nov 10 due Dec 15, open; E set Nov 17 due Nov 28, dropped Nov 25;
       F set Nov 24 due Dec 8, open
       commitments (manager): M1 set Nov 3 due Nov 12, done Nov 12; M2 set Nov 10 due Nov 20,
       open
       rated Nov 3: 3, Nov 17: 4, Nov 24: 4
bob    1:1s Nov 2 (40, no goal set), Nov 12 (20); goal G set Nov 12 due Nov 19, missed Nov 20;
       commitment M3 set Nov 12 due Nov 26, missed Nov 27; rated Nov 12: 2
carol  nothing at all
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, from_template, snapshot

ANSI = re.compile(r"\x1b\[")
GOOD = ("--target", "1", "--measure", "calls")
AFTER = "2026-12-03"  # a day after the month: the window has ended, as_of is Nov 30


# --- building a journal through the CLI -------------------------------------------------------


def new_1on1(cli: Cli, rep: str, day: str, minutes: int | None = None) -> Path:
    extra = ("--minutes", str(minutes)) if minutes else ()
    result = cli.ok("new", "1on1", "--rep", rep, "--no-edit", "--today", day, *extra)
    return cli.cwd / result.stdout.strip()


def add_goal(
    cli: Cli, rep: str, day: str, title: str, due: str, kind: str = "opportunity", owner="rep"
) -> str:
    result = cli.ok(
        "goals",
        "add",
        title,
        "--rep",
        rep,
        "--kind",
        kind,
        "--owner",
        owner,
        "--due",
        due,
        *GOOD,
        "--today",
        day,
    )
    return result.stdout.strip()


def close(cli: Cli, verb: str, goal_id: str, day: str) -> None:
    cli.ok("goals", verb, goal_id, "--today", day)


def rate(cli: Cli, rep: str, n: int, day: str) -> None:
    cli.ok("rate", "--rep", rep, str(n), "--date", day, "--today", day)


def review(
    cli: Cli, rep: str, day: str, minutes: int, comments: bool = False, **scores: int
) -> Path:
    """A call review the rep shared, scored by the manager (and with ``comments``, commented on
    by the rep, then the manager: the manager's listening minutes)."""
    result = cli.ok(
        "new",
        "review",
        "--rep",
        rep,
        "--call",
        f"Call of {day}",
        "--pick",
        "struggled",
        "--date",
        day,
        "--minutes",
        str(minutes),
        "--no-edit",
        "--today",
        day,
    )
    path = cli.cwd / result.stdout.strip()
    if comments:
        text = path.read_text()
        text = text.replace(
            "## Manager's comments", "Lost them at pricing.\n\n## Manager's comments"
        )
        text = text.replace("## Scores", "Good recovery at minute 12.\n\n## Scores")
        path.write_text(text)
    if scores:
        cli.ok("score", path.stem, *(f"{k}={v}" for k, v in scores.items()), "--today", day)
    return path


def build_month(cli: Cli) -> dict[str, str]:
    """The month described in the module docstring; returns goal ids by letter."""
    g: dict[str, str] = {}
    new_1on1(cli, "alice", "2026-10-27")
    g["A"] = add_goal(cli, "alice", "2026-10-27", "Book the CTO call at Acme", "2026-11-06")
    g["B"] = add_goal(
        cli, "alice", "2026-10-27", "Raise deal size 10%", "2026-11-20", kind="performance"
    )
    review(cli, "alice", "2026-10-30", 20, discovery=2)
    new_1on1(cli, "bob", "2026-11-02")
    cli.ok(
        "focus",
        "set",
        "--rep",
        "alice",
        "Ask a second discovery question",
        "--plan",
        "Ask why twice",
        "--today",
        "2026-11-02",
    )
    new_1on1(cli, "alice", "2026-11-03")
    g["C"] = add_goal(cli, "alice", "2026-11-03", "Send the Initech proposal draft", "2026-11-10")
    g["M1"] = add_goal(
        cli, "alice", "2026-11-03", "Join Alice's Acme call", "2026-11-12", "action", "manager"
    )
    rate(cli, "alice", 3, "2026-11-03")
    review(cli, "alice", "2026-11-04", 20, discovery=3, listening=4)
    close(cli, "done", g["A"], "2026-11-05")
    cli.ok(
        "new",
        "debrief",
        "--rep",
        "alice",
        "--call",
        "Acme demo",
        "--date",
        "2026-11-06",
        "--minutes",
        "10",
        "--no-edit",
        "--today",
        "2026-11-06",
    )
    new_1on1(cli, "alice", "2026-11-10", minutes=30)
    g["D"] = add_goal(cli, "alice", "2026-11-10", "Map the Globex buying group", "2026-12-15")
    g["M2"] = add_goal(
        cli,
        "alice",
        "2026-11-10",
        "Get Alice a pricing desk slot",
        "2026-11-20",
        "action",
        "manager",
    )
    new_1on1(cli, "bob", "2026-11-12", minutes=20)
    g["G"] = add_goal(cli, "bob", "2026-11-12", "Run 5 discovery calls", "2026-11-19")
    g["M3"] = add_goal(
        cli, "bob", "2026-11-12", "Listen to two of Bob's calls", "2026-11-26", "action", "manager"
    )
    rate(cli, "bob", 2, "2026-11-12")
    review(cli, "alice", "2026-11-12", 20, comments=True, discovery=4, listening=4)
    close(cli, "done", g["M1"], "2026-11-12")
    cli.ok(
        "new",
        "observation",
        "--rep",
        "alice",
        "--date",
        "2026-11-13",
        "--minutes",
        "60",
        "--no-edit",
        "--today",
        "2026-11-13",
    )
    new_1on1(cli, "alice", "2026-11-17")
    g["E"] = add_goal(cli, "alice", "2026-11-17", "Book two Hooli demos", "2026-11-28")
    rate(cli, "alice", 4, "2026-11-17")
    review(cli, "alice", "2026-11-19", 15, discovery=5)
    close(cli, "miss", g["G"], "2026-11-20")
    close(cli, "miss", g["B"], "2026-11-21")
    new_1on1(cli, "alice", "2026-11-24")
    g["F"] = add_goal(cli, "alice", "2026-11-24", "Book the Umbrella workshop", "2026-12-08")
    rate(cli, "alice", 4, "2026-11-24")
    close(cli, "drop", g["E"], "2026-11-25")
    close(cli, "miss", g["M3"], "2026-11-27")
    return g


def report_json(cli: Cli, *args: str, today: str = AFTER) -> dict[str, Any]:
    return json.loads(cli.ok("report", "--format", "json", "--today", today, *args).stdout)


def by_rep(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["rep"]: row for row in data["reps"]}


@pytest.fixture
def month(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("report-month", journal, templates, build_month)


# --- the month, by hand -----------------------------------------------------------------------


def test_every_number_of_the_month(month, cli: Cli) -> None:
    data = report_json(cli, "--month", "2026-11")
    assert data["window"]["start"] == "2026-11-01"
    assert data["window"]["end"] == "2026-11-30"
    assert data["window"]["as_of"] == "2026-11-30"  # the window ended before today
    reps = by_rep(data)
    assert list(reps) == ["alice", "bob", "carol"]

    alice = reps["alice"]
    assert alice["one_on_ones"] == 4  # Nov 3, 10, 17, 24 (Oct 27 is outside)
    assert alice["last_one_on_one"] == "2026-11-24"
    assert alice["days_since"] == 6  # Nov 30 - Nov 24
    # 1:1s 40 + 30 + 40 + 40, reviews 20 + 20 + 15, debrief 10, observation 60
    assert alice["coaching_minutes"] == 150 + 55 + 10 + 60
    assert alice["target_minutes"] == 180
    # set C, D, E, F; done A (set in October); missed B (set in October); dropped E;
    # open as of Nov 30: C, D, F; overdue: C (due Nov 10)
    assert alice["goals"] == {
        "set": 4,
        "done": 1,
        "missed": 1,
        "dropped": 1,
        "open": 3,
        "overdue": 1,
    }
    assert alice["completion_rate"] == 0.5
    assert alice["call_reviews"] == 3
    assert alice["call_reviews_target"] == 8.6  # 2 * 30 / 7 = 8.57
    assert alice["focus"] == {
        "behaviour": "Ask a second discovery question",
        "since": "2026-11-02",
        "days": 28,
    }
    assert alice["helpful_mean"] == 3.67  # (3 + 4 + 4) / 3
    # 3 call reviews of the 8 due; C overdue. 275 minutes meet the target, 6 days is within
    # the cadence, 50% is not low, every 1:1 set a goal, 3.67 is not low.
    assert alice["flags"] == ["call-reviews-below-target", "goals-overdue"]

    bob = reps["bob"]
    assert bob["one_on_ones"] == 2
    assert bob["last_one_on_one"] == "2026-11-12"
    assert bob["days_since"] == 18
    assert bob["coaching_minutes"] == 60
    assert bob["target_minutes"] == 180
    assert bob["goals"] == {"set": 1, "done": 0, "missed": 1, "dropped": 0, "open": 0, "overdue": 0}
    assert bob["completion_rate"] == 0.0
    assert bob["call_reviews"] == 0
    assert bob["focus"] is None
    assert bob["helpful_mean"] == 2.0
    assert bob["flags"] == [
        "1on1-cadence",
        "coaching-below-target",
        "call-reviews-below-target",
        "low-completion",
        "1on1-without-goal",  # Nov 2
        "no-focus",
        "low-helpful",
    ]

    carol = reps["carol"]
    assert carol["one_on_ones"] == 0
    assert carol["last_one_on_one"] is None
    assert carol["days_since"] is None
    assert carol["coaching_minutes"] == 0
    assert carol["goals"] == dict.fromkeys(
        ("set", "done", "missed", "dropped", "open", "overdue"), 0
    )
    assert carol["completion_rate"] is None  # nothing decided: nothing to divide
    assert carol["helpful_mean"] is None  # nothing rated
    assert carol["flags"] == [
        "no-1on1",
        "coaching-below-target",
        "call-reviews-below-target",
        "no-focus",
    ]

    manager = data["manager"]
    # M1 set Nov 3 done Nov 12; M2 set Nov 10 open, due Nov 20; M3 set Nov 12 missed Nov 27
    assert manager["name"] == "dana"
    c = manager["commitments"]
    assert (c["done"], c["missed"], c["open"], c["overdue"]) == (1, 1, 1, 1)
    assert (c["set"], c["dropped"], c["completion_rate"]) == (3, 0, 0.5)
    assert manager["overdue"] == [
        {
            "team": "Enterprise West",  # as a rep row's
            "id": month["M2"],
            "rep": "alice",
            "title": "Get Alice a pricing desk slot",
            "due": "2026-11-20",
        }
    ]
    assert manager["coverage"] == {"reps": 3, "with_one_on_one": 2}
    # the manager commented on one review, of 20 minutes: 20 of 30 * 30 / 7 = 128.57
    assert manager["listening"] == {"minutes": 20, "target": 129, "due": 129}
    assert alice["listening_minutes"] == 20
    assert bob["listening_minutes"] == 0
    assert manager["flags"] == [
        "commitments-overdue",
        "commitments-missed",
        "reps-without-1on1",
        "listening-below-target",
    ]


def test_manager_goals_never_count_in_the_reps_row(month, cli: Cli) -> None:
    alice = by_rep(report_json(cli, "--month", "2026-11"))["alice"]
    # M1 and M2 are alice's records' goals, but the manager owns them: 4 set, not 6
    assert alice["goals"]["set"] == 4


def test_goals_set_in_one_month_and_closed_in_the_next(month, cli: Cli) -> None:
    october = by_rep(report_json(cli, "--month", "2026-10"))["alice"]
    # A and B were set on Oct 27 and were both open on Oct 31, due in November
    assert october["goals"] == {
        "set": 2,
        "done": 0,
        "missed": 0,
        "dropped": 0,
        "open": 2,
        "overdue": 0,
    }
    assert october["completion_rate"] is None
    assert october["one_on_ones"] == 1
    assert october["coaching_minutes"] == 40 + 20  # the Oct 27 1:1 and the Oct 30 review
    assert october["target_minutes"] == 180  # a full month, 31 days
    assert october["call_reviews_target"] == 8.9  # 2 * 31 / 7 = 8.857
    assert october["helpful_mean"] is None  # the Oct 27 1:1 was never rated
    assert october["days_since"] == 4  # Oct 31 - Oct 27
    november = by_rep(report_json(cli, "--month", "2026-11"))["alice"]
    assert november["goals"]["done"] == 1 and november["goals"]["missed"] == 1


def test_open_overdue_and_days_since_are_as_of_today_in_a_running_window(month, cli) -> None:
    data = report_json(cli, "--month", "2026-11", today="2026-11-24")
    assert data["window"]["as_of"] == "2026-11-24"
    alice = by_rep(data)["alice"]
    assert alice["days_since"] == 0
    # open on Nov 24: C, D, E (dropped on the 25th), F (set that day); B was missed on the 21st
    assert alice["goals"]["open"] == 4
    assert alice["goals"]["overdue"] == 1  # C; E is due on the 28th
    assert alice["target_minutes"] == 180  # the window's target stays the month's
    assert alice["minutes_due"] == 144  # 180 * 24 / 30, the pace so far
    assert alice["call_reviews_due"] == 6  # floor(2 * 24 / 7 = 6.86)
    commitments = data["manager"]["commitments"]
    # on Nov 24: M2 open and overdue (due the 20th), M3 open (missed on the 27th), due the 26th
    assert (commitments["open"], commitments["overdue"]) == (2, 1)
    bob = by_rep(data)["bob"]
    assert bob["days_since"] == 12


def test_pro_rating_for_part_of_a_month(month, cli: Cli) -> None:
    data = report_json(cli, "--since", "2026-11-01", "--until", "2026-11-15")
    alice = by_rep(data)["alice"]
    assert alice["target_minutes"] == 90  # 180 * 15 / 30
    assert alice["call_reviews_target"] == 4.3  # 2 * 15 / 7 = 4.29
    assert alice["coaching_minutes"] == 40 + 30 + 20 + 20 + 10 + 60
    assert alice["one_on_ones"] == 2
    assert alice["call_reviews"] == 2
    assert alice["minutes_due"] == 90
    assert alice["call_reviews_due"] == 4  # floor(4.29)
    assert alice["flags"] == ["call-reviews-below-target", "goals-overdue"]  # 2 of 4; C


def test_pro_rating_across_two_months_is_per_calendar_month(month, cli: Cli) -> None:
    data = report_json(cli, "--since", "2026-11-16", "--until", "2026-12-15", today="2026-12-20")
    row = by_rep(data)["alice"]
    # 180 * 15/30 (November 16-30) + 180 * 15/31 (December 1-15) = 90 + 87.10 = 177.10
    assert row["target_minutes"] == 177
    assert row["call_reviews_target"] == 8.6  # 2 * 30 / 7
    two_months = by_rep(report_json(cli, "--since", "2026-10-01", "--until", "2026-11-30"))
    assert two_months["alice"]["target_minutes"] == 360


def test_since_alone_runs_to_today_and_until_alone_from_the_first(month, cli: Cli) -> None:
    data = report_json(cli, "--since", "2026-11-20", today="2026-11-26")
    assert (data["window"]["start"], data["window"]["end"]) == ("2026-11-20", "2026-11-26")
    data = report_json(cli, "--until", "2026-11-10")
    assert (data["window"]["start"], data["window"]["end"]) == ("2026-11-01", "2026-11-10")
    data = report_json(cli, today="2026-11-24")  # default: the month holding today
    assert (data["window"]["start"], data["window"]["end"]) == ("2026-11-01", "2026-11-30")


def test_manager_filter(month, cli: Cli) -> None:
    cli.ok("reps", "set", "carol", "--manager", "sam")
    data = report_json(cli, "--month", "2026-11", "--manager", "dana")
    assert [r["rep"] for r in data["reps"]] == ["alice", "bob"]
    assert data["manager"]["coverage"] == {"reps": 2, "with_one_on_one": 2}
    sam = report_json(cli, "--month", "2026-11", "--manager", "sam")
    assert [r["rep"] for r in sam["reps"]] == ["carol"]
    assert sam["manager"]["name"] == "sam"
    assert sam["manager"]["commitments"]["set"] == 0


def test_csv_has_one_row_per_rep_with_the_same_numbers(month, cli: Cli) -> None:
    text = cli.ok("report", "--format", "csv", "--month", "2026-11", "--today", AFTER).stdout
    rows = {r["rep"]: r for r in csv.DictReader(io.StringIO(text))}
    assert list(rows) == ["alice", "bob", "carol"]
    alice = rows["alice"]
    assert alice["coaching_minutes"] == "275"
    assert alice["goals_set"] == "4" and alice["goals_overdue"] == "1"
    assert alice["completion_rate"] == "0.5"
    assert alice["helpful_mean"] == "3.67"
    assert alice["flags"] == "call-reviews-below-target; goals-overdue"
    assert rows["carol"]["completion_rate"] == ""


def test_markdown_in_a_pipe_names_every_rep_and_explains_the_flags(month, cli: Cli) -> None:
    out = cli.ok("report", "--month", "2026-11", "--today", AFTER).stdout
    assert out.startswith("# Coaching report, Enterprise West: November 2026\n")
    assert "| alice | 4 | 2026-11-24 (6d) | 275/180 |" in out
    assert "- bob: last 1:1 18 days ago" in out
    assert "- carol: no 1:1 yet" in out
    assert "## Manager's commitments" in out
    assert "| dana | 3 | 1 | 1 | 0 | 1 | 1 | 50% | 2/3 |" in out
    assert "Get Alice a pricing desk slot" in out  # the overdue commitment, by title


def test_piped_output_has_no_ansi_codes(month, cli: Cli) -> None:
    env = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color"}
    for args in ((), ("--format", "table"), ("--format", "markdown"), ("--rep", "alice")):
        result = cli.ok("report", "--today", AFTER, *args, env=env)  # type: ignore[arg-type]
        assert result.stdout.strip()
        assert not ANSI.search(result.stdout), args
        assert not ANSI.search(result.stderr), args


def test_table_format_shows_the_reps(month, cli: Cli) -> None:
    out = cli.ok("report", "--format", "table", "--month", "2026-11", "--today", AFTER).stdout
    assert "Coaching report" in out
    assert "alice" in out and "carol" in out
    assert "┏" in out  # a drawn table, not Markdown


# --- one rep in detail ------------------------------------------------------------------------


def test_rep_detail_has_a_timeline_and_a_trend(month, cli: Cli) -> None:
    data = report_json(cli, "--month", "2026-11", "--rep", "alice")
    assert [r["rep"] for r in data["reps"]] == ["alice"]
    detail = data["detail"]
    timeline = detail["timeline"]
    kinds = [(e["date"], e["kind"]) for e in timeline]
    assert kinds[:4] == [
        ("2026-11-03", "1on1"),
        ("2026-11-03", "goal-set"),
        ("2026-11-03", "goal-set"),
        ("2026-11-04", "review"),
    ]
    assert ("2026-11-05", "goal-done") in kinds
    assert ("2026-11-21", "goal-missed") in kinds
    assert ("2026-11-25", "goal-dropped") in kinds
    assert ("2026-11-13", "observation") in kinds
    assert ("2026-11-06", "debrief") in kinds
    assert sum(e["minutes"] or 0 for e in timeline) == 275
    rated = [e["facts"].get("helpful") for e in timeline if e["kind"] == "1on1"]
    assert rated == [3, None, 4, 4]
    review = next(e for e in timeline if e["kind"] == "review")
    assert review["facts"] == {
        "call": "Call of 2026-11-04",
        "pick": "struggled",
        "scores": {"discovery": 3, "listening": 4},
    }
    done = next(e for e in timeline if e["kind"] == "goal-done")
    assert (done["id"], done["facts"]["title"]) == (month["A"], "Book the CTO call at Acme")
    # manager commitments of alice show in the manager section, not her row
    assert data["manager"]["commitments"]["set"] == 2

    trend = {p["month"]: p for p in detail["trend"]}
    assert list(trend) == ["2026-10", "2026-11"]  # nothing before alice's first record
    assert trend["2026-10"]["coaching_minutes"] == 60
    assert trend["2026-11"]["coaching_minutes"] == 275
    assert trend["2026-11"]["scores"]["discovery"] == 4.0  # (3 + 4 + 5) / 3
    assert trend["2026-11"]["scores"]["listening"] == 4.0
    assert trend["2026-11"]["scores"]["opening"] is None
    assert trend["2026-10"]["scores"]["discovery"] == 2.0
    assert trend["2026-11"]["helpful_mean"] == 3.67


def test_rep_detail_markdown(month, cli: Cli) -> None:
    out = cli.ok("report", "--rep", "alice", "--month", "2026-11", "--today", AFTER).stdout
    assert "# Coaching report for alice: November 2026" in out
    assert "## Timeline: alice" in out
    assert "## Trend: alice, by month" in out
    assert "Book the CTO call at Acme" in out  # a goal done in the window
    assert "bob" not in out


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2026-13"), "--month: '2026-13' is not a month"),
        (("--month", "2026-1"), "is not a month"),
        (("--month", "November"), "is not a month"),
        (("--month", "2026-11", "--since", "2026-11-02"), "not both"),
        (("--since", "2026-11-20", "--until", "2026-11-10"), "--since: the window starts"),
        (("--since", "2026-02-30"), "--since: '2026-02-30' is not a real day"),
        (("--until", "soon"), "--until: 'soon' is not a date"),
        (("--rep", "zed"), "unknown rep 'zed'"),
        (("--rep", "Not A Handle"), "is not a rep handle"),
        (("--manager", "nobody"), "no rep has manager 'nobody'"),
        (("--format", "pdf"), "--format: 'pdf' is not a format here"),
        (("--to", "a@example.com"), "--to: goes with --format email only"),
        (("--format", "json", "--subject", "x"), "--subject: goes with --format email only"),
        (("--format", "email", "--to", "nobody", "--from", "d@example.com"), "not an email"),
        (("--format", "email", "--from", "d@example.com"), "needs a To address"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(journal, cli: Cli, args, words) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    before = snapshot(journal)
    result = cli.fails("report", *args)
    assert words in result.stderr, result.stderr
    assert result.stdout == ""
    assert snapshot(journal) == before


def test_email_without_any_from_address_is_one_line(journal, cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    env = {"GIT_CONFIG_GLOBAL": str(empty), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    result = cli.fails("report", "--format", "email", "--to", "boss@example.com", env=env)
    assert "--from: an email needs a From address" in result.stderr


def test_a_report_of_an_empty_journal(cli: Cli) -> None:
    cli.ok("init", ".", "--manager", "dana")
    data = json.loads(cli.ok("report", "--format", "json").stdout)
    assert data["reps"] == []
    assert data["manager"]["coverage"] == {"reps": 0, "with_one_on_one": 0}
    assert "No reps in this report." in cli.ok("report").stdout


# --- the terminal -----------------------------------------------------------------------------


class Tty:
    def isatty(self) -> bool:
        return True


def test_escape_codes_only_on_a_terminal_and_colour_only_without_no_color(monkeypatch) -> None:
    from rich.text import Text

    from coachlog.cli.common import terminal
    from coachlog.render.formats.table import console_text

    red = Text("late", style="bold red")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert console_text(red, terminal()) == "late\n"  # a pipe: plain text
    monkeypatch.setattr("sys.stdout", Tty())
    assert "\x1b[1;31m" in console_text(red, terminal())  # a terminal: bold and red
    monkeypatch.setenv("NO_COLOR", "1")
    shown = console_text(red, terminal())
    assert "\x1b[1m" in shown and "31" not in shown  # NO_COLOR: still bold, never red
