"""An amount too large to keep exactly is refused with one line, and nothing is written:
forecast numbers, a quota, a deal size, a goal's target, a CRM export's amount."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlog.core.amounts import MAX_AMOUNT, parse_amount
from tests.conftest import Cli, snapshot
from tests.test_crm import SALESFORCE

HUGE = "99999999999999999999999"


def test_the_largest_amount_is_kept_and_one_more_refused() -> None:
    assert parse_amount("1,000,000,000,000,000") == MAX_AMOUNT == 10**15
    for text in (HUGE, "1,000,000,000,000,001", "$ 2.000.000.000.000.000,50"):
        with pytest.raises(ValueError, match="too large to keep exactly"):
            parse_amount(text)


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("forecast", "--rep", "alice", "--commit", HUGE), "--commit"),
        (("forecast", "--rep", "alice", "--commit", "1", "--pipeline", f"${HUGE}"), "--pipeline"),
        (("reps", "set", "alice", "--quota", HUGE), "--quota"),
        (("reps", "set", "alice", "--deal-size", HUGE), "--deal-size"),
        (
            (
                "goals",
                "add",
                "Close it",
                "--rep",
                "alice",
                "--kind",
                "performance",
                "--target",
                HUGE,
            ),
            "--target",
        ),
    ],
)
def test_a_huge_amount_is_refused_and_nothing_written(
    journal: Path, cli: Cli, args: tuple[str, ...], flag: str
) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    before = snapshot(journal)
    result = cli.fails(*args)
    assert result.stderr.startswith(f"coachlog: error: {flag}: ")
    assert "too large to keep exactly; an amount is at most 1,000,000,000,000,000" in result.stderr
    assert snapshot(journal) == before


def test_a_huge_crm_amount_names_its_line(journal: Path, cli: Cli) -> None:
    lines = SALESFORCE.splitlines(keepends=True)
    lines[3] = f'alice moreno,Initech,"${HUGE}",Closed Won,11/2/2026,9/12/2026\n'
    (journal / "deals.csv").write_text("".join(lines), encoding="utf-8", newline="")
    before = snapshot(journal)
    result = cli.fails("import", "crm", "deals.csv")
    assert result.stderr.startswith(
        f"coachlog: error: deals.csv:4: Amount: '${HUGE}' is too large to keep exactly"
    )
    assert snapshot(journal) == before
