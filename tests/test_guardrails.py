"""The guard rails on how a goal is phrased: a table of titles, each with the warnings it must
get and must not get. Add a row when a title is judged wrong; the rule is in
``coachlog.core.guardrails``."""

from __future__ import annotations

from datetime import date

import pytest

from coachlog.core.goals import goal_warnings
from coachlog.core.guardrails import is_sales_goal, is_soft_goal
from coachlog.model import Goal, GoalLimits, WarningSwitches

SALES, SOFT = "sales", "soft"

# title, the phrasing warnings it must get (any other it must not), a target given
TITLES: list[tuple[str, set[str], float | None]] = [
    # sales goals: an outcome the customer decides
    ("Win Initech", {SALES}, 1),
    ("Close Globex by end of month", {SALES}, 1),
    ("Land the Umbrella deal", {SALES}, 1),
    ("Get the PO", {SALES}, 1),
    ("Get the PO from Hooli's procurement by Friday", {SALES}, 1),
    ("Sign the MSA with Acme", {SALES}, 1),
    ("Sign Acme", {SALES}, 1),
    ("Close the Acme deal", {SALES}, 1),
    ("Closing the Vandelay renewal this quarter", {SALES}, 1),
    ("Win two new accounts this quarter", {SALES}, 2),
    ("Get Acme to sign the MSA", {SALES}, 1),
    ("Have Globex commit to the three-year term", {SALES}, 1),
    ("Secure the signed order form from Initech", {SALES}, 1),
    ("Get a verbal yes from Acme's CFO", {SALES}, 1),
    ("Renew Globex for two years", {SALES}, 1),
    ("Convert the Umbrella pilot into a paid contract", {SALES}, 1),
    ("Acme deal closed by December 15", {SALES}, 1),
    ("Contract signed by Initech", {SALES}, 1),
    ("Book $120k of new business this quarter", {SALES}, 120000),
    ("Close $50k this month", {SALES}, 50000),
    ("Try to close Hooli this quarter", {SALES, SOFT}, 1),
    # soft wording: nobody could say whether it was done
    ("Try to improve discovery", {SOFT}, None),
    ("Work on objection handling", {SOFT}, 3),
    ("Improve discovery", {SOFT}, None),
    ("Increase pipeline", {SOFT}, None),
    ("Get better at follow-ups", {SOFT}, None),
    ("Be more proactive with champions", {SOFT}, None),
    ("Focus on the enterprise segment", {SOFT}, None),
    ("Look into the pricing objections", {SOFT}, 2),
    # good coaching goals, some with words a sales goal uses
    ("Book the technical validation call with Acme's CTO", set(), 1),
    ("Book a demo with the Initech buyer", set(), 1),
    ("Land a meeting with Globex's CFO", set(), 1),
    ("Close the loop with Umbrella's procurement on the security questions", set(), 1),
    ("Sign up for the negotiation workshop", set(), 1),
    ("Raise win rate on enterprise deals from 25% to 28%", set(), 28),
    ("Improve close rate on inbound deals to 30%", set(), 30),
    ("Improve discovery: ask two second-level questions per call", set(), 2),
    ("Increase new opportunities by 10% by February", set(), 10),
    ("Run a mutual close plan session with Initech's champion", set(), 1),
    ("Send the security questionnaire to Globex's IT by Friday", set(), 1),
    ("Ask Hooli's buyer how their PO process works", set(), 1),
    ("Map the decision process for the Acme deal", set(), 1),
    ("Get the security review scheduled with Acme", set(), 1),
    ("Run 5 discovery calls a week", set(), 5),
    ("Shorten the sales cycle on renewal deals by 10%", set(), 10),
    ("Unstick the XYZ deal: book the legal review with their counsel", set(), 1),
]


def test_the_table_is_long_enough() -> None:
    assert len(TITLES) >= 30
    kinds = [kinds for _, kinds, _ in TITLES]
    assert sum(SALES in k for k in kinds) >= 10
    assert sum(SOFT in k for k in kinds) >= 5
    assert sum(not k for k in kinds) >= 10


@pytest.mark.parametrize(("title", "expected", "target"), TITLES)
def test_a_title_gets_exactly_its_warnings(
    title: str, expected: set[str], target: float | None
) -> None:
    found = set()
    if is_sales_goal(title):
        found.add(SALES)
    if is_soft_goal(title, has_target=target is not None):
        found.add(SOFT)
    assert found == expected


TODAY = date(2026, 11, 24)


def warnings_for(title: str, **fields) -> list[str]:  # type: ignore[no-untyped-def]
    goal = Goal(
        id="g0001",
        title=title,
        kind=fields.pop("kind", "opportunity"),
        set=TODAY,
        due=fields.pop("due", date(2026, 12, 10)),
        target=fields.pop("target", 1),
        why=fields.pop("why", "It starts the Acme deal"),
        **fields,
    )
    others = [
        Goal(id=f"o{i:04d}", title="Book a demo", kind="opportunity", set=TODAY) for i in range(2)
    ]
    found = goal_warnings(goal, others, GoalLimits(), WarningSwitches(), TODAY, new=True)
    return [str(w) for w in found]


def test_a_soft_goal_is_told_and_can_be_switched_off() -> None:
    found = warnings_for("Try to improve discovery", target=None)
    assert [w for w in found if "soft wording" in w]
    goal = Goal(id="g0001", title="Work on discovery", kind="action", set=TODAY, target=1)
    off = WarningSwitches(soft_goal=False)
    assert not [w for w in goal_warnings(goal, [], GoalLimits(), off, TODAY) if "soft" in str(w)]


@pytest.mark.parametrize(
    ("kind", "due", "says"),
    [
        ("performance", date(2027, 3, 1), "more than 3 months"),
        ("performance", date(2026, 12, 10), "less than a month"),
        ("performance", date(2027, 2, 1), None),
        ("career", date(2026, 12, 24), "about a quarter"),
        ("career", date(2027, 6, 1), "about a quarter"),
        ("career", date(2027, 2, 24), None),
        ("opportunity", date(2027, 6, 1), None),
    ],
)
def test_horizons(kind: str, due: date, says: str | None) -> None:
    found = [w for w in warnings_for("Book 3 demos", kind=kind, due=due) if "due" in w]
    if says is None:
        assert found == []
    else:
        assert len(found) == 1 and says in found[0], found


def test_a_goal_without_a_why_or_a_second_opportunity_goal_is_told() -> None:
    assert warnings_for("Book the CTO call") == []
    [found] = warnings_for("Book the CTO call", why="  ")
    assert found == "no why: say why it matters with a why, so the rep leaves knowing"
    goal = Goal(id="g0001", title="Book the CTO call", kind="opportunity", set=TODAY, why="Because")
    found = [
        str(w) for w in goal_warnings(goal, [], GoalLimits(), WarningSwitches(), TODAY, new=True)
    ]
    assert any("only open opportunity goal" in w for w in found)
    off = WarningSwitches(opportunity_mix=False, no_why=False)
    goal = goal.model_copy(update={"why": None})
    found = [str(w) for w in goal_warnings(goal, [], GoalLimits(), off, TODAY, new=True)]
    assert not [w for w in found if "why" in w or "opportunity goal" in w]


def test_goals_add_why_and_done_below_target_end_to_end(cli, journal) -> None:  # type: ignore[no-untyped-def]
    import yaml

    record = cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    result = cli.ok(
        "goals", "add", "Win Initech", "--rep", "alice", "--kind", "opportunity", "--due",
        "+7d", "--target", "12", "--measure", "calls", "--why", "  It opens the  CFO door ",
    )  # fmt: skip
    found = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert any("reads like a sales goal" in w for w in found)
    assert not any("no why" in w for w in found)
    goal_id = result.stdout.strip()
    front = yaml.safe_load((journal / record).read_text().split("---")[1])
    assert front["goals"][0]["why"] == "It opens the CFO door"
    cli.ok("goals", "progress", goal_id, "--value", "3")
    result = cli.ok("goals", "done", goal_id)
    assert result.stderr.splitlines() == [
        f"warning: goal {goal_id} is done at 3 of 12 calls; if the target was not reached, "
        f"'coachlog goals reopen {goal_id}' and 'coachlog goals miss {goal_id}' say so"
    ]
    assert result.stdout.startswith(f"{goal_id} done")
