"""Topics for the next 1:1 (``coachlog topic add|list|drop``) and the items that carry over:
queued topics reach the agenda and the 1:1 that takes them; what is left unticked there comes
back in the next agenda, until it is ticked or deleted; coachlog's own lines never do."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coachlog.core.topics import TopicItem, agenda_topics, open_items
from tests.conftest import Cli, add_goal, from_template, snapshot

DAY = "2026-11-24"
NEXT = "2026-12-01"
LATER = "2026-12-08"
PRICING = "Pricing for the Q1 renewals"
HEADCOUNT = "Headcount plan for Q1"


def agenda_json(cli: Cli, day: str) -> dict:
    return json.loads(cli.ok("agenda", "--rep", "alice", "--date", day, "--format", "json").stdout)


def texts(topics: list[dict]) -> list[tuple[str, bool]]:
    return [(t["text"], t["carried"]) for t in topics]


def _two_topics_and_a_1on1(cli: Cli) -> dict[str, str]:
    """A 1:1 on DAY with a goal, then two topics (by the rep, by the manager) and the 1:1 on
    NEXT that takes them."""
    cli.ok("new", "1on1", "--rep", "alice", "--date", DAY, "--no-edit")
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action",
                    "--due", "2026-12-20", "--target", "5")  # fmt: skip
    pricing = cli.ok("topic", "add", "--rep", "alice", PRICING).stdout.strip()
    headcount = cli.ok(
        "topic", "add", "--rep", "alice", HEADCOUNT, "--by", "manager", "--today", "2026-11-25"
    ).stdout.strip()
    before = agenda_json(cli, NEXT)
    made = cli.ok("new", "1on1", "--rep", "alice", "--date", NEXT, "--no-edit", "--today", NEXT)
    assert "1 open goal rolled forward, 2 topics for Free time." in made.stderr
    return {
        "goal": goal,
        "pricing": pricing,
        "headcount": headcount,
        "agenda": json.dumps(before),
        "path": made.stdout.strip(),
    }


@pytest.fixture
def journal_taken(tmp_path: Path, templates: Path) -> tuple[Cli, dict[str, str]]:
    made = from_template("topics-taken", tmp_path, templates, _two_topics_and_a_1on1)
    return Cli(tmp_path), made


def test_topics_by_the_rep_and_the_manager_reach_the_agenda_and_the_1on1_that_takes_them(
    journal_taken: tuple[Cli, dict[str, str]],
) -> None:
    cli, made = journal_taken
    agenda = json.loads(made["agenda"])
    assert agenda["topics"] == [
        {"id": made["pricing"], "text": PRICING, "by": "rep", "date": DAY, "carried": False,
         "from": None},
        {"id": made["headcount"], "text": HEADCOUNT, "by": "manager", "date": "2026-11-25",
         "carried": False, "from": None},
    ]  # fmt: skip
    free = next(s for s in agenda["sections"] if s["key"] == "free")
    assert free["topics"] == agenda["topics"]
    assert all(s["topics"] == [] for s in agenda["sections"] if s["key"] != "free")
    assert sum(s["minutes"] for s in agenda["sections"]) == agenda["minutes"] == 40
    text = (cli.cwd / made["path"]).read_text(encoding="utf-8")
    assert f"topics:\n  - {made['pricing']}\n  - {made['headcount']}\n" in text
    free_time = text.split("### Free time")[1].split("###")[0]
    assert free_time.splitlines()[2:5] == [
        f"- [ ] {PRICING} (alice, {DAY})",
        f"- [ ] {HEADCOUNT} (manager, 2026-11-25)",
        "- [ ] What's on your mind?",
    ]
    # taken: no longer queued, and the topic files themselves are left as they were
    topic_file = cli.cwd / "topics" / "2026" / f"{made['pricing']}.md"
    assert "status:" not in topic_file.read_text(encoding="utf-8")
    assert "kind: topic\n" in topic_file.read_text(encoding="utf-8")
    assert "\nby: rep\n" in topic_file.read_text(encoding="utf-8")
    assert f"\ntitle: {PRICING}\n" in topic_file.read_text(encoding="utf-8")


def test_what_is_left_unticked_comes_back_until_ticked_or_deleted(
    journal_taken: tuple[Cli, dict[str, str]],
) -> None:
    cli, made = journal_taken
    path = cli.cwd / made["path"]
    text = path.read_text(encoding="utf-8")
    assert f"- [ ] `{made['goal']}` Run 5 discovery calls" in text  # a goal line, unticked
    text = text.replace(
        f"- [ ] {HEADCOUNT} (manager, 2026-11-25)",
        f"- [x] {HEADCOUNT} (manager, 2026-11-25)\n- [ ] call legal\n  - [ ] call legal",
    )
    path.write_text(text + "\n- [ ] under Notes: not an agenda item\n", encoding="utf-8")
    agenda = agenda_json(cli, LATER)
    # the unticked topic and the hand-written item come back, once each; the ticked topic,
    # the goal line (goals roll forward by their own rule) and coachlog's questions do not
    assert texts(agenda["topics"]) == [(f"{PRICING} (alice, {DAY})", True), ("call legal", True)]
    assert all(t["id"] is None and t["by"] is None for t in agenda["topics"])
    free = next(s for s in agenda["sections"] if s["key"] == "free")
    assert free["topics"] == agenda["topics"]
    goals = next(s for s in agenda["sections"] if s["key"] == "goals")
    assert goals["goals"] == [made["goal"]]
    listed = json.loads(cli.ok("topic", "list", "--format", "json", "--today", LATER).stdout)
    assert [(t["rep"], t["text"], t["carried"]) for t in listed] == [
        ("alice", f"{PRICING} (alice, {DAY})", True),
        ("alice", "call legal", True),
    ]
    left_in = path.stem  # where to tick them, as the listing says
    assert {t["from"] for t in listed} == {left_in}
    shown = cli.ok("topic", "list", "--format", "md", "--today", LATER).stdout
    assert f"left unticked in {left_in}" in shown
    # written into the next 1:1 as they were, and from there they come back again
    third = cli.ok("new", "1on1", "--rep", "alice", "--date", LATER, "--no-edit").stdout.strip()
    body = (cli.cwd / third).read_text(encoding="utf-8")
    assert f"- [ ] {PRICING} (alice, {DAY})\n- [ ] call legal\n- [ ] What's on your mind?" in body
    assert "\ntopics:" not in body  # carried items are no queued topics
    # ticking one and deleting the other ends both
    body = body.replace(f"- [ ] {PRICING}", f"- [X] {PRICING}").replace("- [ ] call legal\n", "")
    (cli.cwd / third).write_text(body, encoding="utf-8")
    assert agenda_json(cli, "2026-12-15")["topics"] == []
    assert "No topics queued" in cli.ok("topic", "list", "--today", "2026-12-15").stdout


def test_drop_takes_a_queued_topic_off_the_queue_once(
    journal_taken: tuple[Cli, dict[str, str]],
) -> None:
    cli, made = journal_taken
    later = cli.ok("topic", "add", "--rep", "bob", "Territory split").stdout.strip()
    kept = cli.ok("topic", "add", "--rep", "bob", "Demo kit").stdout.strip()
    dropped = cli.ok("topic", "drop", later[: len(later) - 2])  # a unique prefix works
    path = cli.cwd / dropped.stdout.strip()
    assert "status: dropped\n" in path.read_text(encoding="utf-8")
    assert f"Dropped the topic {later}" in dropped.stderr
    before = snapshot(cli.cwd)
    again = cli.ok("topic", "drop", later)
    assert "dropped already" in again.stderr
    assert snapshot(cli.cwd) == before
    shown = cli.ok("agenda", "--rep", "bob", "--date", NEXT, "--format", "json").stdout
    bob = json.loads(shown)["topics"]
    assert [t["id"] for t in bob] == [kept]
    # a topic a 1:1 took is ended in that 1:1, not here
    error = cli.fails("topic", "drop", made["pricing"]).stderr
    assert f"is on the agenda of the 1:1 {Path(made['path']).stem}" in error
    assert snapshot(cli.cwd) == before


def test_the_same_topic_twice_is_queued_once_and_log_and_check_know_topics(
    journal: Path,
) -> None:
    cli = Cli(journal)
    first = cli.ok("topic", "add", "--rep", "carol", "Q1  pipeline review", "--by", "manager")
    before = snapshot(journal)
    second = cli.ok("topic", "add", "--rep", "carol", "q1 pipeline review")
    assert second.stdout == first.stdout
    assert "nothing added" in second.stderr
    assert snapshot(journal) == before
    topic_id = first.stdout.strip()
    log = json.loads(cli.ok("log", "--kind", "topic", "--format", "json").stdout)
    assert [(e["id"], e["kind"], e["rep"], e["status"]) for e in log] == [
        (topic_id, "topic", "carol", "raised")
    ]
    assert cli.ok("check").stderr.startswith("0 errors")
    path = journal / "topics" / "2026" / f"{topic_id}.md"
    path.write_text(path.read_text().replace("rep: carol", "rep: dave"), encoding="utf-8")
    found = cli("check")
    assert found.exit_code != 0
    assert f"topics/2026/{topic_id}.md:4: error: unknown rep 'dave'" in found.stdout


def test_bad_input_is_one_error_line_and_writes_nothing(journal: Path) -> None:
    cli = Cli(journal)
    before = snapshot(journal)
    unknown = cli.fails("topic", "add", "--rep", "alicia", PRICING).stderr
    assert "--rep: unknown rep 'alicia' (did you mean alice?)" in unknown
    assert "TEXT: give the topic's text" in cli.fails("topic", "add", "--rep", "alice", "  ").stderr
    assert "one line" in cli.fails("topic", "add", "--rep", "alice", "a\nb").stderr
    by = cli.fails("topic", "add", "--rep", "alice", PRICING, "--by", "boss").stderr
    assert "--by: 'boss' is not who raised it; use rep or manager" in by
    assert "no topic id starts with 'nope'" in cli.fails("topic", "drop", "nope").stderr
    assert "unknown rep 'zed'" in cli.fails("topic", "list", "--rep", "zed").stderr
    assert snapshot(journal) == before


GIT = shutil.which("git")


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_two_clones_each_add_a_topic_and_merge_without_a_conflict(tmp_path: Path) -> None:
    from tests.test_git import git
    from tests.test_sharing import Team

    team = Team(tmp_path, setup_b=False)  # not even the merge driver is needed
    team.run("a", "topic", "add", "--rep", "alice", PRICING)
    team.run("b", "topic", "add", "--rep", "alice", HEADCOUNT, "--by", "manager")
    team.share("a")
    team.share("b")  # pulls a's topic: a merge
    assert "Merge" in git(team.b, "log", "-1", "--format=%s")
    team.pull("a")
    for clone in ("a", "b"):
        shown = json.loads(
            team.run(clone, "agenda", "--rep", "alice", "--date", NEXT, "--format", "json")
        )
        assert sorted(t["text"] for t in shown["topics"]) == [HEADCOUNT, PRICING]


# --- core -------------------------------------------------------------------------------------


def test_open_items_are_the_unticked_agenda_lines_coachlog_did_not_write() -> None:
    body = "\n".join([
        "# 1:1 with Alice, 2026-12-01",
        "- [ ] above the agenda",
        "## Agenda",
        "### Open goals review (5 min)",
        "- [ ] `a1b2c3d4` Run 5 discovery calls (action, due 2026-12-20)",
        "- [ ] Where does each open goal stand?",
        "### Call review (20 min)",
        "- [ ] Call: Acme discovery (struggled) `2026-11-20-alice-acme-k3f9`",
        "### Free time (5 min)",
        "* [ ] call legal",
        "+ [ ]   send the deck  ",
        "- [x] done already",
        "- [X] done too",
        "- [ ]",
        "```",
        "- [ ] in a code block",
        "```",
        "- [ ] call legal",
        "## Notes",
        "- [ ] a note",
    ])  # fmt: skip
    written = {"Where does each open goal stand?"}
    assert open_items(body, written) == ["call legal", "send the deck"]
    assert open_items("## Notes\n- [ ] x\n", written) == []


def test_agenda_topics_lists_carried_items_first_and_a_queued_one_once() -> None:
    from datetime import date

    queued = [TopicItem("t1", "Pricing", "rep", date(2026, 12, 1))]
    line = queued[0].line("alice")
    assert line == "Pricing (alice, 2026-12-01)"
    assert TopicItem("t2", "Plan", "manager", date(2026, 12, 2)).line("alice") == (
        "Plan (manager, 2026-12-02)"
    )
    found = agenda_topics(queued, ["call legal", line], "alice")
    assert [(t.id, t.text, t.carried) for t in found] == [
        (None, "call legal", True),
        ("t1", "Pricing", False),
    ]
