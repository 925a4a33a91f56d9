"""The agenda's latest call scores come from the newest scored call review the rep commented
on: a review that waits for the rep's comments is not coached yet, its scores included.

Alice (today 2026-11-24): a review of 2026-11-10 (Initech demo), scored and commented on by
her; a newer one of 2026-11-20 (Cyberdyne demo), scored, waiting for her comments."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli, from_template
from tests.test_coaching_cli import add_comment


def review(cli: Cli, call: str, day: str, scores: str, comment: str | None) -> str:
    made = cli.ok(
        "new", "review", "--rep", "alice", "--call", call, "--pick", "went-well", "--today", day
    )
    path = cli.cwd / made.stdout.strip()
    cli.ok("score", path.stem, *scores.split())
    if comment is not None:
        add_comment(path, "Rep's comments", comment)
    return path.stem


def build(cli: Cli) -> dict[str, str]:
    return {
        "older": review(cli, "Initech demo", "2026-11-10", "opening=3 discovery=4", "Slow start."),
        "newer": review(cli, "Cyberdyne demo", "2026-11-20", "opening=5 discovery=1", None),
    }


@pytest.fixture
def team(journal: Path, templates: Path) -> dict[str, Any]:
    return {"ids": from_template("agenda-scores", journal, templates, build), "path": journal}


def test_scores_of_a_review_waiting_for_the_rep_stay_out(team, cli: Cli) -> None:
    result = cli.ok("agenda", "--rep", "alice", "--format", "markdown")
    assert "waits for the rep's comments before it is coached: Cyberdyne demo" in result.stderr
    assert "Cyberdyne" not in result.stdout
    assert "Latest call scores (Initech demo, 2026-11-10): opening 3, discovery 4" in result.stdout
    data = json.loads(cli.ok("agenda", "--rep", "alice", "--format", "json").stdout)["data"]
    assert data["scores"]["review"] == team["ids"]["older"]


def test_once_the_rep_comments_the_newer_scores_are_shown(team, cli: Cli) -> None:
    path = next(team["path"].rglob(f"{team['ids']['newer']}.md"))
    add_comment(path, "Rep's comments", "I rushed the demo.")
    text = cli.ok("agenda", "--rep", "alice", "--format", "markdown").stdout
    assert "Latest call scores (Cyberdyne demo, 2026-11-20): opening 5, discovery 1" in text
