"""Several journals read together, one a team: what tells their rows apart."""

from __future__ import annotations

from collections.abc import Sequence

from coachlog.errors import UsageError
from coachlog.store.journal import Journal


def team_names(journals: Sequence[Journal]) -> list[str]:
    """What tells each journal's rows apart: its config's ``team``, else its folder's name.
    Two journals of one name are refused (their reps could not be told apart)."""
    names: dict[str, Journal] = {}
    for journal in journals:
        name = journal.config.team.strip() or journal.root.resolve().name
        if name in names:
            other = names[name].root
            raise UsageError(
                f"two journals are team {name!r} ({other} and {journal.root})",
                field="journal",
                hint="give each journal once, and each a team of its own in its coachlog.yaml",
            )
        names[name] = journal
    return list(names)


def each_having_rep(journals: Sequence[Journal], rep: str | None) -> list[tuple[str, Journal]]:
    """Each journal with its team's name; with ``rep``, only those where the rep has a profile
    (the unknown-rep error of the first when none has)."""
    teams = list(zip(team_names(journals), journals, strict=True))
    if rep is None:
        return teams
    found = [(t, j) for t, j in teams if j.rep_path(rep).is_file()]
    if not found:
        journals[0].rep(rep)  # raises the unknown-rep error with its hint
    return found
