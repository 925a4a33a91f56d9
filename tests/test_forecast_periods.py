"""A forecast is of its sales period: a change is only measured between two 1:1s of one period.

The journal's quarters start on February 1, so FY2027-Q3 ends on 2026-10-31 and FY2027-Q4
starts on 2026-11-01. Bob's 1:1s:

2026-10-22 (Q3)  commit 66,000, pipeline 250,000
2026-10-29 (Q3)  commit 70,000, pipeline 264,000; its ``period:`` left empty by hand, so
                 the period is the calendar's
2026-11-05 (Q4)  commit 30,000, pipeline 192,000: a new period's first forecast, no fall
2026-11-12 (Q4)  commit 20,000: a real fall within the period
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, from_template

ONE_ON_ONES = {
    "2026-10-22": ("66000", "250000"),
    "2026-10-29": ("70000", "264000"),
    "2026-11-05": ("30000", "192000"),
    "2026-11-12": ("20000", None),
}


def build(cli: Cli) -> None:
    for day, (commit, pipeline) in ONE_ON_ONES.items():
        made = cli.ok("new", "1on1", "--rep", "bob", "--no-edit", "--today", day)
        numbers = ["--commit", commit] + (["--pipeline", pipeline] if pipeline else [])
        cli.ok("forecast", "--rep", "bob", *numbers, "--today", day)
        if day == "2026-10-29":
            path = cli.cwd / made.stdout.strip()
            text = path.read_text(encoding="utf-8")
            assert "period: FY2027-Q3\n" in text
            path.write_text(text.replace("period: FY2027-Q3\n", 'period: ""\n'), encoding="utf-8")


@pytest.fixture
def team(journal: Path, templates: Path) -> Cli:
    from_template("forecast-periods", journal, templates, build)
    return Cli(journal)


def report(cli: Cli, until: str) -> dict[str, Any]:
    result = cli.ok(
        "report", "--rep", "bob", "--since", "2026-10-20", "--until", until, "--format", "json"
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_new_periods_first_forecast_is_no_fall(team: Cli) -> None:
    data = report(team, "2026-11-06")
    bob = next(r for r in data["reps"] if r["rep"] == "bob")
    assert bob["forecast"]["commit"] == 30000
    assert "commit-falling" not in bob["flags"]
    found = [(f["date"], f["period"], f["commit_change"]) for f in data["detail"]["forecasts"]]
    assert found == [
        ("2026-10-22", "FY2027-Q3", None),
        ("2026-10-29", "FY2027-Q3", 4000),
        ("2026-11-05", "FY2027-Q4", None),
    ]
    text = team.ok(
        "report", "--rep", "bob", "--since", "2026-10-20", "--until", "2026-11-06",
        "--format", "markdown",
    ).stdout  # fmt: skip
    assert "commit fell" not in text
    assert "| 2026-11-05 | 30,000 |" in text and text.count("| - |") >= 1


def test_a_fall_within_one_period_is_still_flagged(team: Cli) -> None:
    data = report(team, "2026-11-13")
    bob = next(r for r in data["reps"] if r["rep"] == "bob")
    assert "commit-falling" in bob["flags"]
    assert data["detail"]["forecasts"][-1]["commit_change"] == -10000
    text = team.ok(
        "report", "--rep", "bob", "--since", "2026-10-20", "--until", "2026-11-13",
        "--format", "markdown",
    ).stdout  # fmt: skip
    assert "commit fell to 20,000 from 30,000" in text


def test_the_agenda_names_a_forecast_of_the_previous_period_and_no_change(team: Cli) -> None:
    args = ("agenda", "--rep", "bob", "--date", "2026-11-05")
    text = team.ok(*args, "--format", "markdown").stdout
    assert "- Last forecast (2026-10-29, FY2027-Q3): commit 70,000\n" in text
    assert "- Next period's pipeline (2026-10-29, FY2027-Q3): 264,000\n" in text
    numbers = json.loads(team.ok(*args, "--format", "json").stdout)["data"]
    assert numbers["forecast"]["period"] == "FY2027-Q3"
    assert not any(numbers["forecast"]["change"].values())


def test_the_agenda_shows_the_change_within_the_period(team: Cli) -> None:
    args = ("agenda", "--rep", "bob", "--date", "2026-11-19", "--format", "markdown")
    text = team.ok(*args).stdout
    assert "- Last forecast (2026-11-12): commit 20,000 (-10,000)\n" in text
    # the 11-12 forecast gave no pipeline: the 11-05 one's is not its to compare with
    assert "Next period's pipeline" not in text


def test_forecast_says_no_change_for_a_new_periods_first_numbers(team: Cli) -> None:
    result = team.ok("forecast", "--rep", "bob", "--commit", "25000", "--date", "2026-11-05")
    assert "commit 25,000, pipeline 192,000." in result.stderr
    assert "changes since" not in result.stderr
