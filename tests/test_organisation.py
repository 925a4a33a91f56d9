"""The second-line manager: ``report --by manager`` computed by hand, one manager in detail,
and several team journals read together (one rep handle in two teams).

The month is ``test_report``'s (November 2026), with carol moved to a second manager, erin:

dana   alice: 1:1s Oct 27, Nov 3, 10, 17, 24; bob: Nov 2, 12. Gaps between a rep's 1:1s
       (the last before the window counts as the start): alice 7, 7, 7, 7; bob 10: median 7.
       1:1s 4 + 2; minutes 275 + 60 against 180 + 180. Goals: alice set 4, done 1, missed 1,
       dropped 1, open 3, overdue 1; bob set 1, missed 1. Commitments M1 done, M2 open and
       overdue, M3 missed. Ratings 3, 4, 4 (alice) and 2 (bob): mean 13 / 4 = 3.25, 4 of 6
       1:1s rated. Listening: one review of alice's (20 minutes) commented on, against
       30 * 30 / 7 = 128.57, so 129.
erin   carol: nothing at all.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from coachlog.core.report import median
from tests.conftest import Cli, from_template
from tests.test_report import AFTER, add_goal, build_month, new_1on1


def managers_json(cli: Cli, *args: str) -> dict[str, Any]:
    out = cli.ok("report", "--by", "manager", "--format", "json", "--today", AFTER, *args)
    return json.loads(out.stdout)


@pytest.fixture
def month(journal: Path, templates: Path, cli: Cli) -> Path:
    from_template("report-month", journal, templates, build_month)
    cli.ok("reps", "set", "carol", "--manager", "erin")
    return journal


def test_the_managers_table_by_hand(month: Path, cli: Cli) -> None:
    data = managers_json(cli, "--month", "2026-11")
    assert data["window"]["start"] == "2026-11-01" and data["window"]["end"] == "2026-11-30"
    assert data["teams"] == ["Enterprise West"]
    dana, erin = data["managers"]
    assert dana == {
        "team": "Enterprise West",
        "manager": "dana",
        "reps": 2,
        "reps_with_one_on_one": 2,
        "one_on_ones": 6,
        "coaching_minutes": 335,
        "target_minutes": 360,
        "median_days_between": 7.0,
        "goals": {"set": 5, "done": 1, "missed": 2, "dropped": 1, "open": 3, "overdue": 1},
        "completion_rate": 0.333,
        "commitments": {
            "set": 3,
            "done": 1,
            "missed": 1,
            "dropped": 0,
            "open": 1,
            "overdue": 1,
            "completion_rate": 0.5,
        },
        "listening_minutes": 20,
        "listening_target": 129,
        "helpful_mean": 3.25,
        "rated": 4,
        "rated_share": 0.667,
        "flags": ["commitments-overdue", "commitments-missed", "listening-below-target"],
    }
    assert erin["manager"] == "erin" and erin["reps"] == 1
    assert erin["one_on_ones"] == 0 and erin["coaching_minutes"] == 0
    assert erin["target_minutes"] == 180
    assert erin["median_days_between"] is None
    assert erin["completion_rate"] is None and erin["helpful_mean"] is None
    assert erin["rated_share"] is None
    assert erin["listening_minutes"] == 0
    assert erin["flags"] == ["reps-without-1on1", "listening-below-target"]


def test_the_managers_table_in_every_format(month: Path, cli: Cli) -> None:
    args = ("report", "--by", "manager", "--month", "2026-11", "--today", AFTER)
    rows = list(csv.DictReader(io.StringIO(cli.ok(*args, "--format", "csv").stdout)))
    assert [r["manager"] for r in rows] == ["dana", "erin"]
    assert rows[0]["coaching_minutes"] == "335" and rows[0]["commitments_missed"] == "1"
    table = cli.ok(*args, "--format", "table").stdout
    assert "dana" in table and "erin" in table and "3.25" in table
    markdown = cli.ok(*args, "--format", "markdown").stdout
    assert "| dana | 2 | 6 | 335/360 | 7 | 33% | 1/2 | 20/129 | 3.25 | 67% |" in markdown
    slack = json.loads(cli.ok(*args, "--format", "slack").stdout)
    assert "dana" in json.dumps(slack)
    mail = cli.ok(*args, "--format", "email", "--to", "vp@example.com", "--from", "d@example.com")
    assert "Subject: Coaching by manager" in mail.stdout


def test_one_manager_in_detail(month: Path, cli: Cli) -> None:
    out = cli.ok("report", "--manager", "dana", "--month", "2026-11", "--format", "json")
    data = json.loads(out.stdout)
    assert [r["rep"] for r in data["reps"]] == ["alice", "bob"]
    (row,) = data["managers"]
    assert row["coaching_minutes"] == 335
    trend = {p["month"]: p for p in data["manager_detail"]["trend"]}
    assert list(trend)[-1] == "2026-11" and "2026-10" in trend  # from the first activity
    november = trend["2026-11"]
    assert november["one_on_ones"] == 6 and november["helpful_mean"] == 3.25
    assert trend["2026-10"]["one_on_ones"] == 1  # alice, Oct 27
    table = cli.ok("report", "--manager", "dana", "--month", "2026-11", "--format", "table")
    assert "Trend: dana, by month" in table.stdout


def test_by_manager_refuses_what_it_cannot_do(month: Path, cli: Cli) -> None:
    assert "--by" in cli.fails("report", "--by", "team").stderr
    assert "--rep" in cli.fails("report", "--by", "manager", "--rep", "alice").stderr
    assert "managers: dana, erin" in cli.fails("report", "--manager", "zed").stderr


def test_median() -> None:
    assert median([]) is None
    assert median([10, 7, 7]) == 7.0
    assert median([7, 10]) == 8.5


# --- two teams --------------------------------------------------------------------------------


def set_team(root: Path, team: str) -> None:
    config = root / "coachlog.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("team: Enterprise West", f"team: {team}"), encoding="utf-8")


@pytest.fixture
def teams(tmp_path: Path, templates: Path) -> tuple[Path, Path]:
    """East: the month above. West: alice (another alice), one 1:1 of 25 minutes on
    November 5, and dana's colleague frank as her manager."""
    east, west = tmp_path / "east", tmp_path / "west"
    from_template("report-month", east, templates, build_month)
    from_template("journal", west, templates, lambda cli: None)
    set_team(east, "East")
    set_team(west, "West")
    cli = Cli(west)
    cli.ok("reps", "set", "alice", "--manager", "frank")
    new_1on1(cli, "alice", "2026-11-05", minutes=25)  # held by frank: it says so
    add_goal(cli, "alice", "2026-11-05", "Book the Wayne Corp discovery call", "2026-11-20")
    return east, west


def test_two_team_journals_read_together(teams: tuple[Path, Path], tmp_path: Path) -> None:
    east, west = teams
    cli = Cli(tmp_path)
    both = ("--journal", str(east), "--journal", str(west))
    data = json.loads(
        cli.ok("report", *both, "--month", "2026-11", "--format", "json", "--today", AFTER).stdout
    )
    assert data["teams"] == ["East", "West"]
    rows = {(r["team"], r["rep"]): r for r in data["reps"]}
    assert set(rows) == {(t, r) for t in ("East", "West") for r in ("alice", "bob", "carol")}
    assert rows["East", "alice"]["coaching_minutes"] == 275
    assert rows["West", "alice"]["coaching_minutes"] == 25  # not merged with East's alice
    assert rows["West", "alice"]["manager"] == "frank"

    managers = managers_json(cli, *both, "--month", "2026-11")["managers"]
    assert [(m["team"], m["manager"]) for m in managers] == [
        ("East", "dana"),
        ("West", "dana"),
        ("West", "frank"),
    ]
    assert managers[0]["coaching_minutes"] == 335  # East's dana: alice and bob, carol too
    assert managers[2]["one_on_ones"] == 1

    table = cli.ok("report", *both, "--month", "2026-11", "--today", AFTER, "--format", "table")
    assert "Team" in table.stdout and "West" in table.stdout
    detail = cli.fails("report", *both, "--rep", "alice", "--today", AFTER)
    assert "alice is a rep of 2 teams (East, West)" in detail.stderr
    one = json.loads(cli.ok("report", *both, "--manager", "frank", "--format", "json").stdout)
    assert [(r["team"], r["rep"]) for r in one["reps"]] == [("West", "alice")]


def test_several_journals_are_for_reading(teams: tuple[Path, Path], tmp_path: Path) -> None:
    east, west = teams
    cli = Cli(tmp_path)
    both = ("--journal", str(east), "--journal", str(west))
    before = sorted((east / "1on1").rglob("*.md")) + sorted((west / "1on1").rglob("*.md"))
    error = cli.fails("new", "1on1", "--rep", "alice", "--no-edit", *both).stderr
    assert "give --journal once" in error
    after = sorted((east / "1on1").rglob("*.md")) + sorted((west / "1on1").rglob("*.md"))
    assert after == before
    config = west / "coachlog.yaml"
    config.write_text(config.read_text().replace("team: West", "team: East"), encoding="utf-8")
    assert "two journals are team 'East'" in cli.fails("report", *both).stderr
    again = cli.fails("report", "--journal", str(east), "--journal", str(east)).stderr
    assert "given twice" in again


def test_open_goals_of_two_teams(teams: tuple[Path, Path], tmp_path: Path) -> None:
    east, west = teams
    cli = Cli(tmp_path)
    both = ("--journal", str(east), "--journal", str(west))
    east_only = json.loads(cli.ok("goals", "open", "--journal", str(east), "-f", "json").stdout)
    assert all("team" not in r for r in east_only)  # one journal: as before
    rows = json.loads(cli.ok("goals", "open", *both, "--format", "json").stdout)
    assert len(rows) == len(east_only) + 1
    assert {r["team"] for r in rows} == {"East", "West"}
    (wayne,) = [r for r in rows if r["team"] == "West"]
    assert wayne["rep"] == "alice" and wayne["title"] == "Book the Wayne Corp discovery call"
    assert wayne["overdue"] is True  # due Nov 20, today Nov 24
    alices = json.loads(cli.ok("goals", "open", *both, "--rep", "alice", "-f", "json").stdout)
    assert {r["team"] for r in alices} == {"East", "West"}
    table = cli.ok("goals", "open", *both, "--format", "table").stdout
    assert "Team" in table and "West" in table
    assert "zed" in cli.fails("goals", "open", *both, "--rep", "zed").stderr


def test_overdue_commitments_of_two_teams_name_their_team(
    teams: tuple[Path, Path], tmp_path: Path
) -> None:
    east, west = teams
    late = "Join alice on the Wayne Corp call"
    add_goal(Cli(west), "alice", "2026-11-05", late, "2026-11-19", "action", owner="manager")
    cli = Cli(tmp_path)
    both = ("--journal", str(east), "--journal", str(west))
    args = ("report", "--month", "2026-11", "--today", AFTER)
    manager = json.loads(cli.ok(*args, *both, "--format", "json").stdout)["manager"]
    assert manager["name"] == "East: dana; West: dana, frank"  # each team's managers
    overdue = manager["overdue"]
    assert [(c["team"], c["rep"]) for c in overdue] == [("East", "alice"), ("West", "alice")]
    assert overdue[1]["title"] == late
    shown = cli.ok(*args, *both, "--format", "markdown").stdout
    listing = shown.split("Overdue commitments", 1)[1]
    assert "| Team |" in listing
    for c in overdue:
        (row,) = [line for line in listing.splitlines() if c["id"] in line]
        assert row.startswith(f"| {c['team']} | {c['id']} |"), row
    assert "| Manager |" in shown and "| East: dana; West: dana, frank |" in shown
    alone = cli.ok(*args, "--journal", str(west), "--format", "markdown").stdout
    assert "| Team |" not in alone.split("Overdue commitments", 1)[1]  # one team: no column


def test_a_rep_handed_to_another_manager_stays_the_first_ones_in_windows_before(
    journal: Path, cli: Cli
) -> None:
    """Reports are as of their window (spec 8): alice's September 1:1s were dana's; handed to
    lee in October, her November 1:1 is lee's. September's managers' table credits dana, not
    lee, and lee's own trend starts when alice became his."""
    for day in ("2026-09-07", "2026-09-21"):
        new_1on1(cli, "alice", day, minutes=30)
    cli.ok("reps", "set", "alice", "--manager", "lee", "--today", "2026-10-01")
    new_1on1(cli, "alice", "2026-11-09", minutes=45)
    september = managers_json(cli, "--month", "2026-09")["managers"]
    dana = next(m for m in september if m["manager"] == "dana")
    assert (dana["one_on_ones"], dana["coaching_minutes"]) == (2, 60)
    assert "lee" not in [m["manager"] for m in september]
    november = managers_json(cli, "--month", "2026-11")["managers"]
    lee = next(m for m in november if m["manager"] == "lee")
    assert (lee["one_on_ones"], lee["coaching_minutes"]) == (1, 45)
    theirs = json.loads(
        cli.ok(
            "report", "--manager", "lee", "--month", "2026-09", "--format", "json", "--today", AFTER
        ).stdout
    )
    assert theirs["reps"] == []  # in September alice was dana's
    lees = json.loads(
        cli.ok(
            "report", "--manager", "lee", "--month", "2026-11", "--format", "json", "--today", AFTER
        ).stdout
    )
    trend = {p["month"]: p["one_on_ones"] for p in lees["manager_detail"]["trend"]}
    assert trend["2026-11"] == 1 and trend.get("2026-09", 0) == 0
    # the name as typed, spaces and all; and dana, whose reps are all lee's now, still has
    # her September
    spaced = cli.ok("report", "--manager", " lee ", "--month", "2026-11", "--format", "json",
                    "--today", AFTER).stdout  # fmt: skip
    assert [r["rep"] for r in json.loads(spaced)["reps"]] == ["alice"]
    for rep in ("bob", "carol"):
        cli.ok("reps", "set", rep, "--manager", "lee")
    danas = cli.ok("report", "--manager", "dana", "--month", "2026-09", "--format", "json",
                   "--today", AFTER).stdout  # fmt: skip
    assert [r["rep"] for r in json.loads(danas)["reps"]] == ["alice"]
    assert "no rep has manager 'zed'" in cli.fails("report", "--manager", "zed").stderr


def test_a_page_over_two_teams_names_each_rep_with_their_team(
    teams: tuple[Path, Path], tmp_path: Path
) -> None:
    """Each listing of a report over two teams tells the two alices apart: the scores and the
    forecasts name the team, as the reps' table and the flags do."""
    east, west = teams
    Cli(west).ok("forecast", "--rep", "alice", "--commit", "50000", "--today", "2026-11-06")
    cli = Cli(tmp_path)
    both = ("--journal", str(east), "--journal", str(west))
    text = cli.ok("report", *both, "--month", "2026-11", "--today", AFTER, "--format", "md").stdout
    scores = text.split("## Call review scores")[1].split("\n## ")[0]
    assert "| East/alice | discovery |" in scores
    assert "| alice |" not in scores
    forecasts = text.split("## Forecast and sales engine")[1].split("\n## ")[0]
    assert "| West/alice | 2026-11-05 | 50,000 |" in forecasts
    one = cli.ok("report", "--journal", str(east), "--month", "2026-11", "--today", AFTER)
    assert "| alice | discovery |" in one.stdout  # one team: the handle alone
