"""Coaching loops that close, end to end: the #1-behaviour loop (field dates replaced and
dropped, whether a behaviour stuck), call reviews the rep and the manager commented on, and
the manager's listening minutes in the report."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from coachlog.core.scaffold import review_body, review_commenters
from tests.conftest import Cli
from tests.test_coaching_cli import fails_writing_nothing, new_1on1, new_review, warnings_of

OLD = "Ask for the next step before hanging up"
NEW = "Let the customer finish"


def profile(journal: Path, rep: str = "alice") -> dict:
    return yaml.safe_load((journal / f"reps/{rep}.yaml").read_text())


def open_goals(cli: Cli, *args: str) -> list[dict]:
    return json.loads(cli.ok("goals", "open", "--format", "json", *args).stdout)


def comment(path: Path, rep: str | None = None, manager: str | None = None) -> None:
    """Write comments into a call review's body, as the rep and the manager would."""
    text = path.read_text()
    if rep is not None:
        text = text.replace("## Manager's comments", f"{rep}\n\n## Manager's comments")
    if manager is not None:
        text = text.replace("## Scores", f"{manager}\n\n## Scores")
    path.write_text(text)


# --- whose comments a review holds ------------------------------------------------------------


def test_a_new_review_holds_nobodys_comments() -> None:
    assert review_commenters(review_body("Acme", "struggled", "Alice", ["opening"])) == ()


@pytest.mark.parametrize(
    ("rep", "manager", "found"),
    [
        ("Lost them at minute 12.", None, ("rep",)),
        (None, "Good opening.", ("manager",)),
        ("- 03:10 talked over the CFO", "### Keep\nThe summary", ("rep", "manager")),
        ("<!-- later -->", None, ()),
        ("   ", None, ()),
    ],
)
def test_whose_comments_a_review_holds(rep: str | None, manager: str | None, found: tuple) -> None:
    body = review_body("Acme", "struggled", "Alice", ["opening"])
    if rep is not None:
        body = body.replace("## Manager's comments", f"{rep}\n\n## Manager's comments")
    if manager is not None:
        body = body.replace("## Scores", f"{manager}\n\n## Scores")
    assert review_commenters(body) == found


# --- the #1-behaviour loop --------------------------------------------------------------------


def test_a_new_behaviour_drops_the_old_field_dates_and_asks_whether_it_stuck(
    cli: Cli, journal: Path
) -> None:
    new_1on1(cli, "2026-11-02")
    cli.ok("focus", "set", "--rep", "alice", OLD, "--field-dates", "2026-11-20,2026-12-03",
           "--today", "2026-11-02")  # fmt: skip
    cli.ok("new", "observation", "--rep", "alice", "--date", "2026-11-20", "--no-edit")
    result = cli.ok("focus", "set", "--rep", "alice", NEW, "--field-dates", "2026-12-10")
    assert f"Did '{OLD}' stick?" in result.stderr
    assert "coachlog focus close --rep alice --stuck yes|partly|no" in result.stderr
    assert "Dropped your field date 2026-12-03" in result.stderr
    assert [g["due"] for g in open_goals(cli, "--owner", "manager")] == ["2026-12-10"]
    shown = cli.ok("goals", "show", open_goals(cli)[0]["id"][:6]).stdout
    assert "field coaching" in shown.lower()

    result = cli.ok("focus", "close", "--rep", "alice", "--stuck", "partly")
    assert f"'{OLD}' (until 2026-11-24) stuck: partly" in result.stderr
    data = profile(journal)
    assert data["focus"]["behaviour"] == NEW  # the current one is untouched
    assert data["focus_history"][-1]["stuck"] == "partly"
    # asked again, it closes the current one: it ends today, its field dates dropped
    result = cli.ok("focus", "close", "--rep", "alice", "--stuck", "yes", "--today", "2026-12-15")
    assert f"'{NEW}' closed on 2026-12-15; stuck: yes" in result.stderr
    data = profile(journal)
    assert "focus" not in data
    assert [f["stuck"] for f in data["focus_history"]] == ["partly", "yes"]
    assert open_goals(cli, "--owner", "manager") == []
    shown = json.loads(cli.ok("focus", "show", "--rep", "alice", "--format", "json").stdout)
    assert shown["focus"] is None and len(shown["history"]) == 2

    report = json.loads(
        cli.ok(
            "report",
            "--since",
            "2026-11-01",
            "--until",
            "2026-12-31",
            "--format",
            "json",
            "--today",
            "2026-12-31",
        ).stdout
    )
    alice = next(r for r in report["reps"] if r["rep"] == "alice")
    assert alice["focus_adoption"] == {"closed": 2, "yes": 1, "partly": 1, "no": 0}
    table = cli.ok("report", "--month", "2026-12", "--today", "2026-12-31").stdout
    assert "1 (1 yes)" in table


def test_focus_close_refuses_bad_input(cli: Cli, journal: Path) -> None:
    fails_writing_nothing(
        cli, "focus", "close", "--rep", "alice", "--stuck", "yes", says="alice has no #1 behaviour"
    )
    cli.ok("focus", "set", "--rep", "alice", OLD)
    fails_writing_nothing(
        cli, "focus", "close", "--rep", "alice", "--stuck", "maybe", says="--stuck: 'maybe'"
    )
    fails_writing_nothing(
        cli, "focus", "close", "--rep", "zed", "--stuck", "no", says="unknown rep"
    )


# --- listening minutes ------------------------------------------------------------------------


def test_listening_minutes_count_the_reviews_the_manager_commented_on(
    cli: Cli, journal: Path
) -> None:
    went = new_review(cli, "Acme demo", "went-well", "--minutes", "20", "--date", "2026-11-10")
    hard = new_review(cli, "Globex call", "struggled", "--minutes", "25", "--date", "2026-11-11")
    new_review(cli, "Initech call", "struggled", "--minutes", "15", "--rep", "bob")
    comment(went, rep="Good pace.", manager="Agreed: strong opening.")
    comment(hard, rep="Lost them at pricing.")
    data = json.loads(cli.ok("report", "--format", "json").stdout)
    rows = {r["rep"]: r for r in data["reps"]}
    assert rows["alice"]["listening_minutes"] == 20
    assert rows["bob"]["listening_minutes"] == 0
    # Nov 1-24 so far: 30 * 24 / 7 = 102.9 due; 30 * 30 / 7 = 128.6 in the month
    assert data["manager"]["listening"] == {"minutes": 20, "target": 129, "due": 103}
    assert "listening-below-target" in data["manager"]["flags"]
    text = cli.ok("report").stdout
    assert "listened to 20 minutes of shared calls, 103 due so far (129 in the window)" in text
    comment(hard, manager="Try the pricing talk track.")
    data = json.loads(cli.ok("report", "--format", "json").stdout)
    assert data["manager"]["listening"]["minutes"] == 45
    assert not warnings_of(cli.ok("report"))


# --- call reviews on the agenda ---------------------------------------------------------------


def test_a_review_waits_for_the_reps_comments_and_a_week_wants_one_of_each_pick(
    cli: Cli, journal: Path
) -> None:
    went = new_review(cli, "Acme demo", "went-well", "--date", "2026-11-16", comments=False)
    result = cli.ok("new", "review", "--rep", "alice", "--call", "Beta demo", "--pick",
                    "went-well", "--date", "2026-11-18", "--no-edit")  # fmt: skip
    assert warnings_of(result) == [
        "warning: alice's call review picks for the week of 2026-11-16: 2 went well, "
        "0 struggled; the method asks for one call that went well and one where the rep "
        "struggled"
    ]
    result = cli.ok("agenda", "--rep", "alice", "--format", "json")
    agenda = json.loads(result.stdout)
    assert [s["key"] for s in agenda["sections"]][:2] == ["goals", "forecast"]  # none ready
    assert "2 call reviews of alice wait for the rep's comments" in result.stderr
    assert "week of 2026-11-16: 2 went well, 0 struggled" in result.stderr

    comment(went, rep="I let the CFO talk.")
    result = cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    record = yaml.safe_load((journal / result.stdout.strip()).read_text().split("---")[1])
    assert record["reviews"] == [went.stem]
    assert "1 call review of alice waits for the rep's comments" in result.stderr
    body = (journal / result.stdout.strip()).read_text()
    assert "### Call review (20 min)" in body
    assert "### Free time (5 min)" in body  # the culture slot survives two reviews' 20 minutes
    free = body.split("### Free time (5 min)")[1].split("###")[0]
    assert sum(line.startswith("- [ ]") for line in free.splitlines()) == 2  # + its question


def test_an_observation_on_a_field_date_keeps_that_commitment(cli: Cli, journal: Path) -> None:
    new_1on1(cli, "2026-11-23")
    cli.ok("focus", "set", "--rep", "alice", OLD, "--field-dates", "2026-12-03,2026-12-10",
           "--today", "2026-11-24")  # fmt: skip
    result = cli.ok("new", "observation", "--rep", "alice", "--date", "2026-12-03",
                    "--outcome", "partly", "--no-edit", "--today", "2026-12-03")  # fmt: skip
    assert "Your field date 2026-12-03" in result.stderr and "is done" in result.stderr
    record = yaml.safe_load((journal / result.stdout.strip()).read_text().split("---")[1])
    assert (record["outcome"], record["behaviour"]) == ("partly", OLD)
    assert [g["due"] for g in open_goals(cli, "--owner", "manager")] == ["2026-12-10"]
    # a day with no field date closes nothing; a bad outcome writes nothing
    result = cli.ok("new", "observation", "--rep", "alice", "--date", "2026-12-05", "--no-edit")
    assert "is done" not in result.stderr
    assert len(open_goals(cli, "--owner", "manager")) == 1
    fails_writing_nothing(
        cli, "new", "observation", "--rep", "alice", "--outcome", "maybe", "--no-edit",
        says="--outcome: 'maybe' is not an outcome",
    )  # fmt: skip


# --- the recap --------------------------------------------------------------------------------

CANARY = "CANARY-7f3a-private"


def test_the_recap_holds_the_facts_and_never_private_text(cli: Cli, journal: Path) -> None:
    record = new_1on1(cli, "2026-11-24")
    review = new_review(cli, "Acme demo", "struggled", "--date", "2026-11-20")
    cli.ok("score", review.stem, "discovery=3", "opening=4")
    record.unlink()
    record = new_1on1(cli, "2026-11-24")  # it lists the review now
    goal = cli.ok(
        "goals", "add", "Book two discovery calls with Initech", "--rep", "alice", "--kind",
        "opportunity", "--due", "2026-12-01", "--target", "2", "--measure", "calls", "--why",
        "Initech's pipeline is thin",
    ).stdout.strip()  # fmt: skip
    cli.ok("goals", "progress", goal, "--value", "1", "--note", f"note {CANARY}")
    cli.ok("focus", "set", "--rep", "alice", OLD, "--field-dates", "2026-12-03")
    text = record.read_text()
    text = text.replace("## Notes\n", f"## Notes\n\n{CANARY} in the notes\n")
    text = text.replace("## Private\n", f"## Private\n\n{CANARY} in private\n")
    record.write_text(text.replace("helpful: null", f"helpful: null\nprivate: {CANARY}"))
    result = cli.ok("recap", record.stem[:16])
    out = result.stdout
    assert "# Recap: 1:1 with Alice Moreno, 2026-11-24" in out
    assert f"`{goal}` Book two discovery calls with Initech (opportunity, due 2026-12-01" in out
    assert "Why: Initech's pipeline is thin" in out
    assert out.count("Field coaching with alice on 2026-12-03") == 1  # my commitments only
    assert "Acme demo (struggled, 2026-11-20): opening 4, discovery 3" in out
    email = cli.ok("recap", record.stem, "--format", "email", "--to", "alice@example.com",
                   "--from", "dana@example.com").stdout  # fmt: skip
    assert "To: alice@example.com" in email and "Subject: Recap: 1:1 with Alice Moreno" in email
    data = json.dumps(out) + email
    assert CANARY not in data
    assert cli.ok("recap", record.stem, "--format", "md").stdout == out  # md: markdown
    fails_writing_nothing(cli, "recap", "nope", says="no 1:1 id starts with 'nope'")
    fails_writing_nothing(cli, "recap", record.stem, "--format", "csv", says="not a format")
    fails_writing_nothing(
        cli, "recap", record.stem, "--to", "a@example.com", says="--to", code=None
    )


def test_the_recap_moves_on_no_goal_that_was_only_set_that_day(cli: Cli, journal: Path) -> None:
    """Field dates set that day in an action plan (no 1:1 yet), then rolled into the day's
    first 1:1: the recap lists them as the manager's commitments, and under "Goals moved on"
    nothing, for setting a goal is no move of it; a real move that day is listed."""
    cli.ok("focus", "set", "--rep", "alice", OLD, "--field-dates", "2026-12-03,2026-12-10",
           "--today", "2026-11-24")  # fmt: skip
    time.sleep(1.1)  # the 1:1 written a second later (a 1:1's creation time is to the second)
    record = new_1on1(cli, "2026-11-24")
    out = cli.ok("recap", record.stem).stdout
    assert "Field coaching with alice on 2026-12-03" in out
    assert "moved on" not in out.lower(), out
    dates = {g["due"]: g["id"] for g in open_goals(cli, "--rep", "alice")}
    cli.ok("goals", "progress", dates["2026-12-03"], "--value", "1", "--today", "2026-11-24")
    out = cli.ok("recap", record.stem).stdout
    assert "progress 1" in out and "due moved" not in out, out
