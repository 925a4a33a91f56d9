"""Forecast numbers as data: ``coachlog forecast``, a hand-edited block, ``reps set --quota``,
the report's forecast, series and flags, end to end; amounts as people write them.

The journal (today 2026-11-24), quotas per quarter:

alice  quota 100,000. 1:1 Nov 3: forecast (command) commit 120,000, likely 150,000, upside
       180,000, pipeline 400,000. 1:1 Nov 17: block edited by hand to commit 100,000, likely
       140,000, upside 160,000, pipeline 250,000. So: commit fell by 20,000; coverage
       250,000 / 100,000 = 2.5, under 3.
bob    quota 90,000. 1:1 Nov 10: commit 80,000, pipeline 270,000 (coverage 3.0: not under).
       1:1 Nov 12 cancelled: a forecast given after it goes to Nov 10's.
carol  no quota, no 1:1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from coachlog.core.amounts import amount_text, parse_amount
from tests.conftest import Cli, from_template, snapshot


def new_1on1(cli: Cli, rep: str, day: str) -> Path:
    result = cli.ok("new", "1on1", "--rep", rep, "--no-edit", "--today", day)
    return cli.cwd / result.stdout.strip()


HAND_EDITED = """forecast:
  commit: 100000  # after the Globex slip
  most_likely: 140000
  upside: 160000
  next_period_pipeline: 250000
"""


def build(cli: Cli) -> dict[str, str]:
    cli.ok("reps", "set", "alice", "--quota", "100,000")
    cli.ok("reps", "set", "bob", "--quota", "$90,000")
    new_1on1(cli, "alice", "2026-11-03")
    cli.ok(
        "forecast", "--rep", "alice", "--commit", "120000", "--likely", "150,000",
        "--upside", "180000", "--pipeline", "400000", "--today", "2026-11-03",
    )  # fmt: skip
    later = new_1on1(cli, "alice", "2026-11-17")
    text = later.read_text(encoding="utf-8")
    start = text.index("forecast:\n")
    end = text.index("adhoc:")
    later.write_text(text[:start] + HAND_EDITED + text[end:], encoding="utf-8")
    cli.ok("focus", "set", "--rep", "alice", "Ask for the next step", "--today", "2026-11-05")
    observed = cli.ok("new", "observation", "--rep", "alice", "--today", "2026-11-12")
    review = cli.ok(
        "new", "review", "--rep", "alice", "--call", "Acme discovery", "--pick", "struggled",
        "--today", "2026-11-19",
    )  # fmt: skip
    cli.ok("score", Path(review.stdout.strip()).stem, "opening=4", "discovery=2")
    new_1on1(cli, "bob", "2026-11-10")
    cancelled = new_1on1(cli, "bob", "2026-11-12")
    cli.ok("cancel", cancelled.stem, "--today", "2026-11-12")
    result = cli.ok("forecast", "--rep", "bob", "--commit", "80000", "--pipeline", "270000")
    return {
        "bob_forecast": result.stdout.strip(),
        "bob_cancelled": cancelled.stem,
        "observation": Path(observed.stdout.strip()).stem,
        "review": Path(review.stdout.strip()).stem,
    }


@pytest.fixture
def team(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("forecasts", journal, templates, build)


def report(cli: Cli, *args: str) -> dict[str, Any]:
    return json.loads(cli.ok("report", "--format", "json", "--month", "2026-11", *args).stdout)


def row(data: dict[str, Any], rep: str) -> dict[str, Any]:
    return next(r for r in data["reps"] if r["rep"] == rep)


def test_two_forecasts_their_numbers_and_flags(team, cli: Cli) -> None:
    data = report(cli)
    alice = row(data, "alice")
    assert alice["forecast"] == {
        "date": "2026-11-17",
        "commit": 100000,
        "likely": 140000,
        "upside": 160000,
        "pipeline": 250000,
    }
    assert alice["quota"] == 100000
    assert alice["pipeline_coverage"] == 2.5
    assert "commit-falling" in alice["flags"]
    assert "pipeline-coverage" in alice["flags"]
    bob = row(data, "bob")
    assert bob["forecast"] == {
        "date": "2026-11-10",
        "commit": 80000,
        "likely": None,
        "upside": None,
        "pipeline": 270000,
    }
    assert (bob["quota"], bob["pipeline_coverage"]) == (90000, 3.0)
    assert "commit-falling" not in bob["flags"] and "pipeline-coverage" not in bob["flags"]
    carol = row(data, "carol")
    assert (carol["forecast"], carol["quota"], carol["pipeline_coverage"]) == (None, None, None)


def test_the_series_in_report_rep(team, cli: Cli) -> None:
    detail = report(cli, "--rep", "alice")["detail"]
    assert [(f["date"], f["commit"], f["pipeline"]) for f in detail["forecasts"]] == [
        ("2026-11-03", 120000, 400000),
        ("2026-11-17", 100000, 250000),
    ]
    text = cli.ok("report", "--rep", "alice", "--month", "2026-11", "--format", "markdown").stdout
    assert "Forecasts: alice" in text
    assert "-20,000" in text
    assert "commit fell to 100,000 from 120,000" in text
    assert "covers the quota 2.5 times" in text


def test_a_window_before_the_fall_has_no_flag(team, cli: Cli) -> None:
    alice = row(report(cli, "--today", "2026-11-10"), "alice")
    assert alice["forecast"]["commit"] == 120000
    assert "commit-falling" not in alice["flags"]
    assert alice["pipeline_coverage"] == 4.0


def test_the_forecast_goes_to_the_newest_1on1_not_a_cancelled_one(team, journal, cli) -> None:
    assert team["bob_forecast"].startswith("1on1/2026/2026-11-10-bob")
    cancelled = journal / "1on1" / "2026" / f"{team['bob_cancelled']}.md"
    assert "commit:\n" in cancelled.read_text() or "commit: \n" in cancelled.read_text()


def test_forecast_changes_only_the_numbers_given_and_says_the_change(team, journal, cli) -> None:
    path = next((journal / "1on1" / "2026").glob("2026-11-17-alice-*.md"))
    before = path.read_text()
    result = cli.ok("forecast", "--rep", "alice", "--commit", "€105.000")
    after = path.read_text()
    assert after == before.replace("commit: 100000  #", "commit: 105000  #")
    assert "commit 105,000 (-15,000)" in result.stderr
    assert "changes since 2026-11-03" in result.stderr
    assert "covers the quota 2.5 times" in result.stderr


def test_the_agenda_starts_from_the_numbers(team, cli: Cli) -> None:
    agenda = json.loads(cli.ok("agenda", "--rep", "alice", "--format", "json").stdout)
    data = agenda["data"]
    assert data["forecast"]["date"] == "2026-11-17"
    assert (data["forecast"]["commit"], data["forecast"]["pipeline"]) == (100000, 250000)
    assert data["forecast"]["change"] == {
        "commit": -20000,
        "likely": -10000,
        "upside": -20000,
        "pipeline": -150000,
    }
    assert (data["quota"], data["pipeline_coverage"]) == (100000, 2.5)
    assert data["focus"]["behaviour"] == "Ask for the next step"
    assert data["focus"]["last_observation"] == {"date": "2026-11-12", "id": team["observation"]}
    assert data["scores"] is None  # the rep has not commented on the scored call yet
    facts = {s["key"]: s["facts"] for s in agenda["sections"]}
    assert facts["forecast"] == [
        "Last forecast (2026-11-17): commit 100,000 (-20,000), most likely 140,000 (-10,000), "
        "upside 160,000 (-20,000)"
    ]
    assert facts["pipeline"] == [
        "Next period's pipeline (2026-11-17): 250,000 (-150,000), 2.5x the quota of 100,000"
    ]
    # no call-review section and no scores (the rep has not commented on the call)
    assert facts["skills"] == [
        "#1 behaviour: Ask for the next step (since 2026-11-05); last observed 2026-11-12 "
        f"`{team['observation']}`",
    ]
    # the 1:1 written from it carries the same lines; bob's agenda has only his forecast
    path = cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    body = (cli.cwd / path).read_text(encoding="utf-8")
    assert "- Last forecast (2026-11-17): commit 100,000 (-20,000)" in body
    bob = json.loads(cli.ok("agenda", "--rep", "bob", "--format", "json").stdout)["data"]
    assert bob["forecast"]["change"] == dict.fromkeys(("commit", "likely", "upside", "pipeline"))
    assert (bob["focus"], bob["scores"]) == (None, None)


def test_reps_list_shows_the_quota(team, cli: Cli) -> None:
    rows = json.loads(cli.ok("reps", "list", "--format", "json").stdout)
    assert {r["rep"]: r["quota"] for r in rows} == {"alice": 100000, "bob": 90000, "carol": None}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("forecast", "--rep", "alice"), "--commit: give at least one number"),
        (("forecast", "--rep", "alice", "--commit", "lots"), "--commit: 'lots' is not an amount"),
        (("forecast", "--rep", "alice", "--pipeline", "-5"), "--pipeline: '-5' is not an amount"),
        (("forecast", "--rep", "carol", "--commit", "1"), "carol has no 1:1 on or before"),
        (("forecast", "--rep", "zed", "--commit", "1"), "unknown rep 'zed'"),
        (
            ("forecast", "--rep", "alice", "--commit", "1", "--date", "2026-02-30"),
            "--date: '2026-02-30' is not a real day",
        ),
        (
            ("forecast", "--rep", "alice", "--commit", "1", "--date", "2026-10-01"),
            "--date: alice has no 1:1 on or before 2026-10-01",
        ),
        (("reps", "set", "alice", "--quota", "many"), "--quota: 'many' is not an amount"),
        (("reps", "set", "alice", "--email", "alice at example"), "--email: 'alice at example'"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(team, journal, cli: Cli, args, words) -> None:
    before = snapshot(journal)
    result = cli.fails(*args)
    assert words in result.stderr, result.stderr
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("120000", 120000),
        ("120,000", 120000),
        ("$120,000.50", 120000.5),
        ("€ 1.234,56", 1234.56),
        ("1 234 567", 1234567),
        ("1\u00a0234", 1234),
        ("EUR 98.000", 98000),
        ("98.50", 98.5),
        ("1,5", 1.5),
        ("12.345.678", 12345678),
        ("USD $1,200", 1200),
        ("1'250", 1250),
        ("0", 0),
    ],
)
def test_amounts_as_people_write_them(text: str, value: float) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "-", "lots", "-100", "1,2,3", "1.2.3,4,5", "$", "12k"])
def test_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(text)


def test_amounts_shown() -> None:
    assert [amount_text(v) for v in (120000, 1234.5, None, 0)] == ["120,000", "1,234.5", "-", "0"]


def test_forecast_warns_when_it_replaces_a_number_already_there(team, journal, cli) -> None:
    path = next((journal / "1on1" / "2026").glob("2026-11-17-alice-*.md"))
    result = cli.ok("forecast", "--rep", "alice", "--commit", "50000", "--likely", "140,000")
    assert result.stderr.splitlines()[0] == (
        "warning: the 1:1 of 2026-11-17 had commit 100,000; now 50,000"
    )
    assert "  commit: 50000 " in path.read_text()  # the write is kept
    again = cli.ok("forecast", "--rep", "alice", "--commit", "50000")  # the same: no warning
    assert "warning" not in again.stderr
    both = cli.ok("forecast", "--rep", "alice", "--commit", "45000", "--upside", "170000")
    assert both.stderr.splitlines()[0] == (
        "warning: the 1:1 of 2026-11-17 had commit 50,000, upside 160,000; "
        "now commit 45,000, upside 170,000"
    )


def test_forecast_into_an_empty_number_gives_no_warning(team, cli: Cli) -> None:
    result = cli.ok("forecast", "--rep", "bob", "--likely", "85000")  # bob's had no likely
    assert "warning" not in result.stderr
    assert "likely 85,000" in result.stderr
