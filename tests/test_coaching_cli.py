"""Call and field coaching end to end, through the CLI: call reviews and their scores, debriefs,
field observations, the #1 behaviour, the what-if, and the six steps of asynchronous call
coaching as they show on the 1:1 agenda. Bad input is one clear line, and writes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import pytest
import yaml

from tests.conftest import Cli, Result, snapshot

# --- helpers ----------------------------------------------------------------------------------


def front(path: Path) -> dict:
    """The front matter as python-frontmatter (PyYAML) reads it."""
    return frontmatter.load(str(path)).metadata


def written(cli: Cli, result: Result) -> Path:
    path = cli.cwd / result.stdout.strip()
    assert path.is_file(), result.output
    return path


def new_review(
    cli: Cli, call: str, pick: str, *args: str, rep: str = "alice", comments: bool = True
) -> Path:
    """A call review, with the rep's comments written (``comments``), as the rep shares it."""
    result = cli.ok("new", "review", "--rep", rep, "--call", call, "--pick", pick, *args)
    path = written(cli, result)
    if comments:
        text = path.read_text().replace(
            "## Manager's comments", "Minute 4: I talked over the buyer.\n\n## Manager's comments"
        )
        path.write_text(text)
    return path


def new_1on1(cli: Cli, day: str, rep: str = "alice") -> Path:
    return written(cli, cli.ok("new", "1on1", "--rep", rep, "--no-edit", "--today", day))


def agenda_json(cli: Cli, day: str, rep: str = "alice") -> dict:
    return json.loads(cli.ok("agenda", "--rep", rep, "--format", "json", "--date", day).stdout)


def call_review(agenda: dict) -> dict | None:
    found = [s for s in agenda["sections"] if s["key"] == "call-review"]
    assert len(found) <= 1
    return found[0] if found else None


def warnings_of(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def fails_writing_nothing(cli: Cli, *args: str, says: str, code: int | None = None) -> Result:
    before = snapshot(cli.cwd)
    result = cli.fails(*args, code=code)
    assert says in result.stderr, result.stderr
    assert snapshot(cli.cwd) == before
    return result


def add_comment(path: Path, heading: str, text: str) -> None:
    """Write under a heading of a record's body, as the rep or manager does in an editor."""
    content = path.read_text()
    assert content.count(f"## {heading}\n\n") == 1
    path.write_text(content.replace(f"## {heading}\n\n", f"## {heading}\n\n{text}\n", 1))


# --- new review -------------------------------------------------------------------------------


def test_new_review_writes_one_record_for_the_call(cli: Cli, journal: Path) -> None:
    result = cli.ok(
        "new", "review", "--rep", "alice", "--call", "Acme discovery", "--pick", "struggled"
    )
    path = written(cli, result)
    assert re.fullmatch(
        r"calls/2026/2026-11-24-alice-acme-discovery-[0-9a-z]{4}\.md", result.stdout.strip()
    )
    meta = front(path)
    assert meta == {
        "kind": "review",
        "id": path.stem,
        "rep": "alice",
        "manager": "dana",
        "date": meta["date"],
        "created": meta["created"],
        "minutes": 15,
        "call": "Acme discovery",
        "pick": "struggled",
        "scores": dict.fromkeys(["opening", "discovery", "listening", "objections", "next-steps"]),
    }
    assert str(meta["date"]) == "2026-11-24"
    body = frontmatter.load(str(path)).content
    for heading in ("## Rep's comments", "## Manager's comments", "## Scores", "## Private"):
        assert heading in body
    assert f"coachlog score {path.stem} " in result.stderr


def test_new_review_takes_a_link_and_a_date(cli: Cli, journal: Path) -> None:
    path = new_review(
        cli, "https://www.gong.io/call?id=8812", "went-well", "--date", "2026-11-20", "--no-edit"
    )
    assert re.fullmatch(r"2026-11-20-alice-gong-io-call-id-8812-[0-9a-z]{4}", path.stem)
    meta = front(path)
    assert meta["call"] == "https://www.gong.io/call?id=8812"
    assert str(meta["date"]) == "2026-11-20"


def test_two_reviews_of_the_same_call_on_one_day_are_two_files(cli: Cli, journal: Path) -> None:
    one = new_review(cli, "Acme discovery", "struggled")
    two = new_review(cli, "Acme discovery", "struggled")
    assert one != two and one.is_file() and two.is_file()


def test_minutes_can_be_given(cli: Cli, journal: Path) -> None:
    path = new_review(cli, "Acme", "struggled", "--minutes", "25")
    assert front(path)["minutes"] == 25


def test_default_minutes_are_what_the_help_says(cli: Cli, journal: Path) -> None:
    from coachlog.defaults import RECORD_MINUTES as DEFAULT_MINUTES

    for kind, minutes in DEFAULT_MINUTES.items():
        assert f"default {minutes}" in " ".join(cli.ok("new", kind, "--help").stdout.split())


def test_criteria_come_from_the_config(cli: Cli, journal: Path) -> None:
    config = journal / "coachlog.yaml"
    text = config.read_text()
    old = "review_criteria:\n  - opening\n  - discovery\n  - listening\n  - objections\n"
    assert old in text
    config.write_text(text.replace(old, "review_criteria:\n  - rapport\n"))
    path = new_review(cli, "Acme", "went-well")
    assert front(path)["scores"] == {"rapport": None, "next-steps": None}
    cli.ok("score", path.stem, "rapport=5")
    fails_writing_nothing(cli, "score", path.stem, "opening=3", says="not a review criterion")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--rep", "zed", "--call", "Acme", "--pick", "struggled"), "unknown rep 'zed'"),
        (("--rep", "Alice", "--call", "Acme", "--pick", "struggled"), "not a rep handle"),
        (("--rep", "alice", "--call", "Acme", "--pick", "bad"), "--pick: 'bad' is not a pick"),
        (("--rep", "alice", "--call", "Acme", "--pick", "Went-Well"), "use went-well or"),
        (("--rep", "alice", "--call", "  ", "--pick", "struggled"), "--call: name the call"),
        (("--rep", "alice", "--call", "a\nb", "--pick", "struggled"), "one line"),
        (("--rep", "alice", "--call", "x" * 501, "--pick", "struggled"), "keep it to 500"),
        (
            ("--rep", "alice", "--call", "Acme", "--pick", "struggled", "--date", "2026-02-30"),
            "--date: '2026-02-30' is not a real day",
        ),
        (
            ("--rep", "alice", "--call", "Acme", "--pick", "struggled", "--date", "nov 3"),
            "--date: 'nov 3' is not a date",
        ),
        (
            ("--rep", "alice", "--call", "Acme", "--pick", "struggled", "--minutes", "-5"),
            "--minutes: must be 0 to 1440",
        ),
        (("--rep", "alice", "--call", "Acme"), "Missing option '--pick'"),
    ],
)
def test_new_review_refuses_bad_input(cli: Cli, journal: Path, args: tuple, says: str) -> None:
    fails_writing_nothing(cli, "new", "review", *args, says=says)


# --- score ------------------------------------------------------------------------------------


def test_score_records_scores_and_changes_only_those_lines(cli: Cli, journal: Path) -> None:
    path = new_review(cli, "Acme discovery", "struggled")
    add_comment(path, "Rep's comments", "I talked over the CFO at 12:30.")
    # a hand edit in the front matter: a comment and a tag another tool added
    text = path.read_text().replace("pick: struggled\n", "pick: struggled  # my pick\ntags: [q4]\n")
    path.write_text(text)
    result = cli.ok("score", path.stem[:20], "opening=4", "next-steps=2")
    assert result.stdout.strip() == f"calls/2026/{path.name}"
    assert "opening 4, next-steps 2" in result.stderr
    assert "Not scored yet: discovery, listening, objections" in result.stderr
    after = path.read_text()
    changed = [(a, b) for a, b in zip(text.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("  opening:", "  opening: 4"), ("  next-steps:", "  next-steps: 2")]
    assert front(path)["scores"]["opening"] == 4

    again = cli.ok("score", path.stem, "opening=5")
    assert "opening 5 (was 4)" in again.stderr
    assert front(path)["scores"] == {
        "opening": 5,
        "discovery": None,
        "listening": None,
        "objections": None,
        "next-steps": 2,
    }
    assert "I talked over the CFO at 12:30." in path.read_text()


def test_score_fills_a_review_whose_scores_were_removed_by_hand(cli: Cli, journal: Path) -> None:
    path = new_review(cli, "Acme", "went-well")
    text = path.read_text()
    start = text.index("scores:\n")
    end = text.index("---\n", start)
    path.write_text(text[:start] + text[end:])
    cli.ok("score", path.stem, "listening=3")
    assert front(path)["scores"] == {"listening": 3}


def test_score_takes_a_unique_prefix(cli: Cli, journal: Path) -> None:
    acme = new_review(cli, "Acme discovery", "struggled")
    beta = new_review(cli, "Beta demo", "went-well")
    cli.ok("score", "2026-11-24-alice-b", "opening=3")
    assert front(beta)["scores"]["opening"] == 3
    assert front(acme)["scores"]["opening"] is None


@pytest.mark.parametrize(
    ("scores", "says"),
    [
        (("opening=6",), "CRITERION=N: 'opening=6': a score is a whole number from 1 to 5"),
        (("opening=0",), "whole number from 1 to 5"),
        (("opening=3.5",), "whole number from 1 to 5"),
        (("charisma=4",), "'charisma' is not a review criterion"),
        (("opening",), "'opening' is not a score; write CRITERION=N"),
        (("opening=",), "write CRITERION=N"),
        (("opening=4", "opening=2"), "scored twice"),
        ((), "give at least one score"),
        (("opening=4", "discovery=9"), "'discovery=9'"),  # one bad score: none is written
    ],
)
def test_score_refuses_bad_scores(cli: Cli, journal: Path, scores: tuple, says: str) -> None:
    path = new_review(cli, "Acme", "struggled")
    fails_writing_nothing(cli, "score", path.stem, *scores, says=says)


def test_score_refuses_an_unknown_or_ambiguous_review(cli: Cli, journal: Path) -> None:
    new_review(cli, "Acme discovery", "struggled")
    new_review(cli, "Acme pricing", "went-well")
    result = fails_writing_nothing(
        cli, "score", "2026-11-24-alice-zz", "opening=3", says="no review id starts with"
    )
    assert "REVIEW-ID" in result.stderr
    result = fails_writing_nothing(
        cli, "score", "2026-11-24-alice-acme", "opening=3", says="is ambiguous"
    )
    assert "2026-11-24-alice-acme-discovery-" in result.stderr
    assert "2026-11-24-alice-acme-pricing-" in result.stderr
    fails_writing_nothing(cli, "score", "", "opening=3", says="give a review id")


def test_score_does_not_take_a_1on1_id(cli: Cli, journal: Path) -> None:
    one = new_1on1(cli, "2026-11-24")
    fails_writing_nothing(cli, "score", one.stem, "opening=3", says="no review id starts with")


def test_score_refuses_to_rewrite_a_review_that_does_not_read(cli: Cli, journal: Path) -> None:
    path = new_review(cli, "Acme", "struggled")
    path.write_text(path.read_text().replace("pick: struggled", "pick: maybe"))
    before = snapshot(journal)
    result = cli("score", path.stem[:22], "opening=3")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"coachlog: error: {path}:10: pick: Input should be 'went-well' or 'struggled'" in (
        result.stderr
    )
    assert snapshot(journal) == before


def test_reviews_with_a_handle_holding_an_underscore_resolve(cli: Cli, journal: Path) -> None:
    cli.ok("reps", "add", "al_x")
    path = new_review(cli, "Acme", "struggled", rep="al_x")
    cli.ok("reps", "add", "alax")
    new_review(cli, "Acme", "struggled", rep="alax")
    cli.ok("score", "2026-11-24-al_", "opening=2")  # '_' is not a wildcard here
    assert front(path)["scores"]["opening"] == 2


# --- new debrief ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("by", "says"),
    [
        ("rep", "Self-reflection"),
        ("peer", "Peer coaching"),
        ("manager", "Ask, don't tell"),
    ],
)
def test_new_debrief_asks_the_two_questions(cli: Cli, journal: Path, by: str, says: str) -> None:
    result = cli.ok("new", "debrief", "--rep", "alice", "--call", "Acme pricing", "--by", by)
    assert re.fullmatch(
        r"debriefs/2026/2026-11-24-alice-acme-pricing-[0-9a-z]{4}\.md", result.stdout.strip()
    )
    path = written(cli, result)
    meta = front(path)
    assert (meta["kind"], meta["call"], meta["by"], meta["minutes"]) == (
        "debrief",
        "Acme pricing",
        by,
        10,
    )
    body = frontmatter.load(str(path)).content
    assert "## What went well that you should repeat?" in body
    assert "## What did not go as expected, that you should avoid next time?" in body
    assert says in body


def test_a_debrief_is_by_the_rep_unless_told(cli: Cli, journal: Path) -> None:
    result = cli.ok("new", "debrief", "--rep", "alice", "--call", "Acme", "--date", "2026-11-20")
    meta = front(written(cli, result))
    assert meta["by"] == "rep"
    assert str(meta["date"]) == "2026-11-20"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--rep", "zed", "--call", "Acme"), "unknown rep 'zed'"),
        (("--rep", "alice", "--call", "Acme", "--by", "boss"), "--by: 'boss' is not who debriefs"),
        (("--rep", "alice", "--call", ""), "--call: name the call"),
        (("--rep", "alice", "--call", "Acme", "--date", "2026-13-01"), "--date:"),
    ],
)
def test_new_debrief_refuses_bad_input(cli: Cli, journal: Path, args: tuple, says: str) -> None:
    fails_writing_nothing(cli, "new", "debrief", *args, says=says)


# --- the #1 behaviour -------------------------------------------------------------------------

BEHAVIOUR = "Ask for the next step before hanging up"
PLAN = "Write the ask into every call plan; role-play it on Mondays"


def test_focus_set_without_dates_writes_the_profile_only(cli: Cli, journal: Path) -> None:
    before = snapshot(journal)
    result = cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--plan", PLAN)
    assert result.stdout.strip() == "reps/alice.yaml"
    after = snapshot(journal)
    assert [k for k in after if after[k] != before.get(k)] == ["reps/alice.yaml"]
    profile = yaml.safe_load((journal / "reps/alice.yaml").read_text())
    assert profile["focus"] == {
        "behaviour": BEHAVIOUR,
        "plan": PLAN,
        "since": profile["focus"]["since"],
        "field_dates": [],
    }
    assert str(profile["focus"]["since"]) == "2026-11-24"
    assert profile["focus_history"] == []
    assert profile["engine"]["deal_size"] == 18000  # the rest of the profile is as it was


def test_focus_set_with_field_dates_commits_the_manager(cli: Cli, journal: Path) -> None:
    one = new_1on1(cli, "2026-11-23")
    cli.ok(
        "focus",
        "set",
        "--rep",
        "alice",
        BEHAVIOUR,
        "--plan",
        PLAN,
        "--field-dates",
        "2026-12-10, 2026-12-03",
    )
    profile = yaml.safe_load((journal / "reps/alice.yaml").read_text())
    assert [str(d) for d in profile["focus"]["field_dates"]] == ["2026-12-03", "2026-12-10"]
    commitments = json.loads(
        cli.ok("goals", "open", "--owner", "manager", "--format", "json").stdout
    )
    assert [(g["rep"], g["kind"], g["owner"], g["due"]) for g in commitments] == [
        ("alice", "action", "manager", "2026-12-03"),
        ("alice", "action", "manager", "2026-12-10"),
    ]
    assert {g["record"] for g in commitments} == {f"1on1/2026/{one.name}"}
    assert cli.ok("goals", "open", "--owner", "rep", "--format", "json").stdout.strip() == "[]"


def test_a_new_behaviour_moves_the_old_one_to_the_history(cli: Cli, journal: Path) -> None:
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--plan", PLAN, "--today", "2026-11-02")
    result = cli.ok("focus", "set", "--rep", "alice", "Let the customer finish")
    assert f"(was: {BEHAVIOUR})" in result.stderr
    text = (journal / "reps/alice.yaml").read_text()
    assert "&" not in text and "*" not in text  # no YAML anchors or aliases, however dates fall
    profile = yaml.safe_load(text)
    assert profile["focus"]["behaviour"] == "Let the customer finish"
    assert str(profile["focus"]["since"]) == "2026-11-24"
    [old] = profile["focus_history"]
    assert (old["behaviour"], old["plan"]) == (BEHAVIOUR, PLAN)
    assert (str(old["since"]), str(old["until"])) == ("2026-11-02", "2026-11-24")
    shown = json.loads(cli.ok("focus", "show", "--rep", "alice", "--format", "json").stdout)
    assert shown["focus"]["behaviour"] == "Let the customer finish"
    assert [h["behaviour"] for h in shown["history"]] == [BEHAVIOUR]
    cli.ok("reps", "list")  # the profile still reads


def test_setting_the_same_behaviour_again_replaces_its_open_field_dates(
    cli: Cli, journal: Path
) -> None:
    new_1on1(cli, "2026-11-23")
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--field-dates", "2026-12-03")
    result = cli.ok(
        "focus", "set", "--rep", "alice", BEHAVIOUR.upper(), "--plan", PLAN,
        "--field-dates", "2026-12-10",
    )  # fmt: skip
    assert "unchanged" in result.stderr
    assert "Dropped your field date 2026-12-03" in result.stderr
    profile = yaml.safe_load((journal / "reps/alice.yaml").read_text())
    assert profile["focus"]["behaviour"] == BEHAVIOUR
    assert profile["focus"]["plan"] == PLAN
    assert [str(d) for d in profile["focus"]["field_dates"]] == ["2026-12-10"]
    assert profile["focus_history"] == []
    commitments = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert [g["due"] for g in commitments] == ["2026-12-10"]
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--field-dates", "2026-12-03,2026-12-10")
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--field-dates", "2026-12-03,2026-12-10")
    commitments = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert sorted(g["due"] for g in commitments) == ["2026-12-03", "2026-12-10"]  # none twice
    # a plan alone leaves the field dates as they are
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--plan", "Another plan")
    commitments = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert sorted(g["due"] for g in commitments) == ["2026-12-03", "2026-12-10"]


def test_a_field_date_in_the_past_warns(cli: Cli, journal: Path) -> None:
    new_1on1(cli, "2026-11-23")
    result = cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--field-dates", "2026-11-20")
    assert warnings_of(result) == ["warning: the due date 2026-11-20 is already past"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--rep", "zed", BEHAVIOUR), "unknown rep 'zed'"),
        (("--rep", "alice", "  "), "TEXT: the behaviour is empty"),
        (("--rep", "alice", BEHAVIOUR, "--plan", ""), "--plan: the action plan is empty"),
        (
            ("--rep", "alice", BEHAVIOUR, "--field-dates", "2026-02-30"),
            "--field-dates: '2026-02-30' is not a real day",
        ),
        (
            ("--rep", "alice", BEHAVIOUR, "--field-dates", "2026-12-03,soon"),
            "--field-dates: 'soon' is not a date",
        ),
        (("--rep", "alice", BEHAVIOUR, "--field-dates", "2026-12-03,,2026-12-10"), "empty day"),
        (("--rep", "alice", BEHAVIOUR, "--field-dates", ","), "give one or more days"),
    ],
)
def test_focus_set_refuses_bad_input(cli: Cli, journal: Path, args: tuple, says: str) -> None:
    new_1on1(cli, "2026-11-23")
    fails_writing_nothing(cli, "focus", "set", *args, says=says)


def test_focus_show(cli: Cli, journal: Path) -> None:
    shown = json.loads(cli.ok("focus", "show", "--rep", "bob", "--format", "json").stdout)
    assert shown == {"rep": "bob", "focus": None, "history": []}
    assert "no #1 behaviour yet" in cli.ok("focus", "show", "--rep", "bob").stdout
    cli.ok("focus", "set", "--rep", "bob", "Listen more", "--plan", "Count to three")
    text = cli.ok("focus", "show", "--rep", "bob", "--format", "markdown").stdout
    assert "| current | Listen more | Count to three | 2026-11-24 |" in text
    fails_writing_nothing(cli, "focus", "show", "--rep", "zed", says="unknown rep")
    fails_writing_nothing(
        cli, "focus", "show", "--rep", "bob", "--format", "xml", says="not a format"
    )


# --- new observation --------------------------------------------------------------------------


def test_an_observation_is_against_the_current_behaviour(cli: Cli, journal: Path) -> None:
    cli.ok("focus", "set", "--rep", "alice", BEHAVIOUR, "--plan", PLAN)
    result = cli.ok("new", "observation", "--rep", "alice", "--date", "2026-11-26")
    assert warnings_of(result) == []
    assert re.fullmatch(
        r"observations/2026/2026-11-26-alice-[0-9a-z]{4}\.md", result.stdout.strip()
    )
    path = written(cli, result)
    meta = front(path)
    assert (meta["kind"], meta["behaviour"], meta["minutes"]) == ("observation", BEHAVIOUR, 30)
    body = frontmatter.load(str(path)).content
    assert f"#1 behaviour: {BEHAVIOUR}" in body
    assert f"Action plan: {PLAN}" in body


def test_an_observation_without_a_behaviour_warns_and_is_written(cli: Cli, journal: Path) -> None:
    result = cli.ok("new", "observation", "--rep", "bob")
    assert warnings_of(result) == [
        "warning: bob has no #1 behaviour yet, so this observation is against none; pick one "
        "and set it with: 'coachlog focus set --rep bob TEXT --plan TEXT'"
    ]
    assert front(written(cli, result))["behaviour"] == ""


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--rep", "zed"), "unknown rep 'zed'"),
        (("--rep", "alice", "--date", "2026-11-31"), "--date: '2026-11-31' is not a real day"),
        (("--rep", "alice", "--minutes", "2000"), "--minutes"),
    ],
)
def test_new_observation_refuses_bad_input(cli: Cli, journal: Path, args: tuple, says: str) -> None:
    fails_writing_nothing(cli, "new", "observation", *args, says=says)


# --- what-if ----------------------------------------------------------------------------------


def test_whatif_json_against_hand_computed_values(cli: Cli, journal: Path) -> None:
    # alice: 24 opportunities, 25% win rate, 18,000 deal size, 60-day cycle
    result = cli.ok(
        "whatif", "--rep", "alice", "--opportunities", "+10%", "--win-rate", "+2pt",
        "--deal-size", "+5%", "--cycle", "-10%", "--format", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    # before: 24 x 0.25 x 18000 / 60 = 1800 a day
    assert data["before"] == {
        "velocity": 1800,
        "opportunities": 24,
        "win_rate": 0.25,
        "deal_size": 18000,
        "cycle_days": 60,
    }
    # after: 26.4 x 0.27 x 18900 / 54 = 2494.8 a day; 2494.8 / 1800 = 1.386
    assert data["after"] == {
        "velocity": 2494.8,
        "opportunities": 26.4,
        "win_rate": 0.27,
        "deal_size": 18900,
        "cycle_days": 54,
    }
    assert data["change_pct"] == 38.6
    assert data["reaches_target"] is True
    assert data["changes"] == {
        "opportunities": "+10%",
        "win_rate": "+2pt",
        "deal_size": "+5%",
        "cycle_days": "-10%",
    }


def test_whatif_relative_win_rate_and_absolute_values(cli: Cli, journal: Path) -> None:
    data = json.loads(
        cli.ok(
            "whatif", "--rep", "alice", "--win-rate", "+5%", "--cycle", "45", "--format", "json"
        ).stdout
    )
    # 24 x 0.2625 x 18000 / 45 = 2520 a day: +40%
    assert data["after"]["win_rate"] == 0.2625
    assert data["after"]["cycle_days"] == 45
    assert data["after"]["velocity"] == 2520
    assert data["change_pct"] == 40


def test_whatif_text_says_whether_the_lift_reaches_ten_percent(cli: Cli, journal: Path) -> None:
    short = cli.ok("whatif", "--rep", "alice", "--win-rate", "+1pt", "--format", "markdown")
    # 24 x 0.26 x 18000 / 60 = 1872 a day: +4%
    assert "| Sales velocity (per day) | 1,800.00 | 1,872.00 | +4.0% |" in short.stdout
    assert "| Win rate | 25% | 26% | +1.0pt |" in short.stdout
    assert "+4.0%: short of the method's 10% lift" in short.stdout
    enough = cli.ok("whatif", "--rep", "alice", "--cycle", "-10%")  # markdown in a pipe
    assert "+11.1%: reaches the method's 10% lift" in enough.stdout
    none = cli.ok("whatif", "--rep", "alice", "--format", "json")
    assert json.loads(none.stdout)["change_pct"] == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--win-rate", "lots"), "--win-rate: 'lots' is not a change"),
        (("--cycle", "-30"), "--cycle: '-30': a sales cycle cannot be negative days"),
        (("--cycle", "-100%"), "--cycle: '-100%' makes the sales cycle 0 days"),
        (("--cycle", "0"), "--cycle: '0' makes the sales cycle 0 days"),
        (("--win-rate", "+80pt"), "win rate 105%"),
        (("--deal-size", "+5pt"), "--deal-size: '+5pt': points (pt) are for the win rate only"),
        (("--opportunities", "10%"), "needs a sign"),
        (("--format", "csv"), "--format: 'csv' is not a format here"),
    ],
)
def test_whatif_refuses_bad_changes(cli: Cli, journal: Path, args: tuple, says: str) -> None:
    fails_writing_nothing(cli, "whatif", "--rep", "alice", *args, says=says)


def test_whatif_names_the_missing_piston_and_how_to_set_it(cli: Cli, journal: Path) -> None:
    cli.ok("reps", "set", "bob", "--opportunities", "10", "--win-rate", "20%", "--cycle-days", "30")
    result = fails_writing_nothing(
        cli, "whatif", "--rep", "bob", says="no number for the deal size"
    )
    assert "set it with 'coachlog reps set bob'" in result.stderr
    result = fails_writing_nothing(cli, "whatif", "--rep", "carol", says="no number for the open")
    assert "open opportunities, win rate, deal size and sales cycle yet" in result.stderr
    assert "set them with 'coachlog reps set carol'" in result.stderr
    fails_writing_nothing(cli, "whatif", "--rep", "zed", says="unknown rep 'zed'")


# --- the six steps of asynchronous call coaching ----------------------------------------------


def test_six_steps_of_asynchronous_call_coaching_over_three_weeks(cli: Cli, journal: Path) -> None:
    """Asynchronous call coaching (README, "Call and field coaching"): each week alice picks
    two calls, comments on them and shares them; the manager listens, reads, comments and
    scores; the next 1:1 gives 20 minutes to call coaching. A week without reviews has no
    call-review section."""
    new_1on1(cli, "2026-11-02")  # the 1:1 before it starts: no reviews yet
    assert call_review(agenda_json(cli, "2026-11-09")) is None
    plain = {s["key"]: s["minutes"] for s in agenda_json(cli, "2026-11-09")["sections"]}

    weeks = [
        ("2026-11-09", [("2026-11-04", "Acme discovery"), ("2026-11-05", "Beta pricing call")]),
        ("2026-11-16", [("2026-11-10", "Gamma demo"), ("2026-11-13", "Delta renewal")]),
    ]
    for one_on_one_day, (well, struggled) in weeks:
        # 1-3. the rep picks a call that went well and one that did not, comments, shares
        shared = []
        for (day, call), pick in ((well, "went-well"), (struggled, "struggled")):
            path = new_review(cli, call, pick, "--no-edit", "--today", day)
            add_comment(path, "Rep's comments", f"Rep on {call}: I should have asked sooner.")
            shared.append(path)
            # the agenda already shows what is shared so far, and only that
            section = call_review(agenda_json(cli, one_on_one_day))
            assert section is not None
            assert section["reviews"] == [p.stem for p in shared]
        # 4-5. the manager listens, reads the rep's comments, adds theirs, and scores
        for path in shared:
            assert "I should have asked sooner." in path.read_text()
            add_comment(path, "Manager's comments", "Manager: great opening; practise the ask.")
            cli.ok("score", path.stem, "opening=4", "discovery=3", "next-steps=2")
            meta = front(path)
            assert (meta["scores"]["opening"], meta["scores"]["next-steps"]) == (4, 2)
            text = path.read_text()
            assert "I should have asked sooner." in text and "practise the ask." in text

        # 6. the 1:1: 20 minutes of call coaching on exactly this week's reviews
        agenda = agenda_json(cli, one_on_one_day)
        section = call_review(agenda)
        assert section is not None
        assert section["minutes"] == 20
        assert section["reviews"] == [p.stem for p in shared]
        assert sum(s["minutes"] for s in agenda["sections"]) == agenda["minutes"] == 40
        minutes = {s["key"]: s["minutes"] for s in agenda["sections"]}
        for kept in ("open-goals", "set-goals"):
            if kept in plain:
                assert minutes[kept] == plain[kept]  # the keep sections hold their time
        one = new_1on1(cli, one_on_one_day)
        assert front(one)["reviews"] == [p.stem for p in shared]
        body = frontmatter.load(str(one)).content
        assert "### Call review (20 min)" in body
        for path in shared:
            assert f"`{path.stem}`" in body
        # once held, the same day's agenda has nothing new to review
        assert call_review(agenda_json(cli, one_on_one_day)) is None

    # week three: no new reviews, so no call-review section
    agenda = agenda_json(cli, "2026-11-23")
    assert call_review(agenda) is None
    assert {s["key"]: s["minutes"] for s in agenda["sections"]} == plain
    assert sum(s["minutes"] for s in agenda["sections"]) == 40
    last = new_1on1(cli, "2026-11-23")
    assert front(last)["reviews"] == []
    assert "Call review" not in last.read_text()

    # the scores tell the trend per criterion, for reports
    from coachlog.core.coaching import score_trends
    from coachlog.store.journal import Journal

    trends = score_trends(Journal(journal).records("review", "alice"))
    assert [str(d) for d, _ in trends["opening"]] == [
        "2026-11-04", "2026-11-05", "2026-11-10", "2026-11-13",
    ]  # fmt: skip
    assert {s for _, s in trends["opening"]} == {4}
    assert "listening" not in trends


def test_a_review_after_a_1on1_waits_for_the_next_one(cli: Cli, journal: Path) -> None:
    early = new_review(cli, "Beta", "went-well", "--today", "2026-11-08")  # before the 1:1
    silent = new_review(cli, "Gamma", "struggled", "--today", "2026-11-06", comments=False)
    first = new_1on1(cli, "2026-11-09")
    assert front(first)["reviews"] == [early.stem]  # the rep has not commented on Gamma yet
    late = new_review(cli, "Acme", "struggled", "--today", "2026-11-10")
    section = call_review(agenda_json(cli, "2026-11-16"))
    assert section is not None
    assert section["reviews"] == [late.stem]  # Beta was coached on the 9th
    assert early.stem not in json.dumps(agenda_json(cli, "2026-11-16"))
    # Gamma, commented on at last, is coached at the next 1:1, though shared before the last
    silent.write_text(silent.read_text().replace("## Manager's", "Too fast.\n\n## Manager's"))
    assert call_review(agenda_json(cli, "2026-11-16"))["reviews"] == [silent.stem, late.stem]


def test_a_first_1on1_reviews_every_call_shared_before_it(cli: Cli, journal: Path) -> None:
    one = new_review(cli, "Acme", "struggled", "--today", "2026-11-03")
    two = new_review(cli, "Beta", "went-well", "--today", "2026-11-20")
    later = new_review(cli, "Gamma", "went-well", "--today", "2026-11-25")  # after the 1:1 day
    section = call_review(agenda_json(cli, "2026-11-24"))
    assert section is not None
    assert section["reviews"] == [one.stem, two.stem]
    assert later.stem not in section["reviews"]


def test_other_reps_reviews_stay_off_the_agenda(cli: Cli, journal: Path) -> None:
    new_review(cli, "Acme", "struggled", rep="bob")
    assert call_review(agenda_json(cli, "2026-11-24", rep="alice")) is None
    assert call_review(agenda_json(cli, "2026-11-24", rep="bob")) is not None
