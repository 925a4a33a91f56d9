"""Reports show what call and field coaching add: score trends, reviews per week, debriefs and
observations."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli


def _review(cli: Cli, day: str, call: str, pick: str, scores: list[str]) -> None:
    path = cli.ok(
        "new",
        "review",
        "--rep",
        "alice",
        "--call",
        call,
        "--pick",
        pick,
        "--date",
        day,
        "--no-edit",
    ).stdout.strip()
    cli.ok("score", Path(path).stem, *scores)


def test_score_trends_per_criterion_and_coaching_counts(journal: Path, cli: Cli) -> None:
    _review(cli, "2026-11-02", "Acme discovery", "went-well", ["opening=2", "discovery=3"])
    _review(cli, "2026-11-09", "Globex demo", "struggled", ["opening=3"])
    _review(cli, "2026-11-16", "Initech QBR", "went-well", ["opening=5", "discovery=4"])
    cli.ok(
        "new",
        "debrief",
        "--rep",
        "alice",
        "--call",
        "Acme demo",
        "--date",
        "2026-11-10",
        "--no-edit",
    )
    cli.ok("new", "observation", "--rep", "alice", "--date", "2026-11-11", "--no-edit")

    data = json.loads(cli.ok("report", "--month", "2026-11", "--format", "json").stdout)
    alice = next(r for r in data["reps"] if r["rep"] == "alice")
    assert alice["call_reviews"] == 3
    # 3 reviews over the 24 days from November 1 to today (2026-11-24): 3 * 7 / 24
    assert alice["call_reviews_per_week"] == 0.88
    assert alice["debriefs"] == 1
    assert alice["observations"] == 1
    assert alice["scores"]["opening"] == {
        "mean": 3.33,
        "reviews": 3,
        "trend": [
            {"date": "2026-11-02", "score": 2},
            {"date": "2026-11-09", "score": 3},
            {"date": "2026-11-16", "score": 5},
        ],
    }
    assert [p["score"] for p in alice["scores"]["discovery"]["trend"]] == [3, 4]
    assert "listening" not in alice["scores"]  # never scored: no trend to show

    text = cli.ok("report", "--month", "2026-11", "--format", "markdown").stdout
    assert "| alice | opening | ▂▃▅ | 2 3 5 | 3.33 |" in text


def test_no_reviews_no_score_section(journal: Path, cli: Cli) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    text = cli.ok("report", "--format", "markdown").stdout
    assert "Call review scores" not in text
    data = json.loads(cli.ok("report", "--format", "json").stdout)
    assert all(r["scores"] == {} for r in data["reps"])


def test_a_long_window_shows_the_newest_scores_and_the_mean_of_all(journal: Path, cli: Cli) -> None:
    """Fourteen reviews in the window: the row shows the newest twelve scores and says so, the
    mean is of all fourteen; the team report's JSON holds what the row shows and counts them
    all, one rep's report every point."""
    scores = [1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 3, 4, 5, 4]
    for n, score in enumerate(scores):
        _review(cli, f"2026-11-{n + 1:02d}", f"Call {n}", "went-well", [f"opening={score}"])
    text = cli.ok("report", "--month", "2026-11", "--format", "markdown").stdout
    newest = " ".join(str(s) for s in scores[2:])
    assert f"| alice | opening | ▂▃▄▅▅▄▃▂▃▄▅▄ | last 12 of 14: {newest} | 3.29 |" in text
    data = json.loads(cli.ok("report", "--month", "2026-11", "--format", "json").stdout)
    alice = next(r for r in data["reps"] if r["rep"] == "alice")
    opening = alice["scores"]["opening"]
    assert [p["score"] for p in opening["trend"]] == scores[2:]
    assert (opening["reviews"], opening["mean"]) == (14, 3.29)
    data = json.loads(
        cli.ok("report", "--rep", "alice", "--month", "2026-11", "--format", "json").stdout
    )
    opening = data["reps"][0]["scores"]["opening"]
    assert [p["score"] for p in opening["trend"]] == scores
    assert opening["reviews"] == 14
