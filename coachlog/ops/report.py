"""``coachlog report``: gather the journal's records, goals and profiles and compute the report.

Reading happens here; the numbers are computed by ``coachlog.core.report``. Also the email
defaults the report and every listing share: the From address (the ``sender`` given, then the
config's ``email.from``, then ``git config user.email``) and the To address (the ``to`` given,
then ``email.to``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from coachlog.core.calendar import Period
from coachlog.core.report import (
    RepInput,
    Report,
    as_of_for,
    combine_reports,
    reading_start,
    report_of,
)
from coachlog.errors import NotFoundError, UsageError
from coachlog.model import Record, Rep
from coachlog.ops.goals import current_states
from coachlog.ops.teams import team_names
from coachlog.store.journal import Journal, check_handle
from coachlog.vocabulary import KIND_DIRS


@dataclass
class ReportRequest:
    window: Period
    rep: str | None = None
    manager: str | None = None


def chosen_reps(journal: Journal, rep: str | None, manager: str | None) -> dict[str, Rep]:
    """The profiles the report covers: one rep, or everyone (a manager's reps are chosen by
    the report, window by window)."""
    config = journal.config
    if rep is not None:
        check_handle(rep)
        profiles = {rep: journal.rep(rep)}
    else:
        profiles = journal.reps()
    if manager is not None:
        wanted = manager.strip()
        if not wanted:
            raise UsageError("give the manager's name", field="manager")
        theirs = {h: p for h, p in profiles.items() if (p.manager or config.manager) == wanted}
        # one rep: theirs now; else every rep, for a rep counts in a window for the manager
        # who held their 1:1s in it (``core.report.manager_in``), who may not be theirs now
        profiles = theirs if rep is not None else profiles
        if not theirs and (rep is not None or not journal.held_by(wanted)):
            known = sorted({p.manager or config.manager for p in journal_reps(journal)} - {""})
            whom = f"no rep has manager {wanted!r}"
            if rep is not None:
                whom = f"{rep} is not managed by {wanted!r}"
            hint = f"managers: {', '.join(known)}" if known else "no rep names a manager"
            raise UsageError(whom, field="manager", hint=hint)
    return profiles


def journal_reps(journal: Journal) -> list[Rep]:
    return list(journal.reps().values())


def gather_reports(journals: Sequence[Journal], request: ReportRequest, today: date) -> Report:
    """The report over one journal, or over several read together: each team's report is
    computed by its own config, then their rows put side by side, each carrying its team. A rep
    or manager asked for must be in at least one of them (a rep in one only)."""
    if len(journals) == 1:
        return gather_report(journals[0], request, today)
    teams = team_names(journals)
    found: list[Report] = []
    errors: list[NotFoundError | UsageError] = []
    for journal, team in zip(journals, teams, strict=True):
        try:
            profiles = chosen_reps(journal, request.rep, request.manager)
        except (NotFoundError, UsageError) as exc:
            if exc.path is not None:  # a profile that does not read
                raise
            errors.append(exc)
            continue
        found.append(gather_report(journal, request, today, profiles=profiles, team=team))
    if not found:
        raise errors[0]
    if request.rep is not None and len(found) > 1:
        where = ", ".join(r.team for r in found)
        raise UsageError(
            f"{request.rep} is a rep of {len(found)} teams ({where})",
            field="rep",
            hint="read that team's journal alone to see the rep in detail",
        )
    return combine_reports(found)


def gather_report(
    journal: Journal,
    request: ReportRequest,
    today: date,
    *,
    profiles: dict[str, Rep] | None = None,
    team: str | None = None,
) -> Report:
    """Read what the report needs from the index, a rep at a time (the report lets each
    rep's records go once their figures are computed): the records from the first day the
    report looks at (with one rep or manager in detail, six months more, for the trend; with
    one rep, all of the rep's 1:1s), the rep's last 1:1 before it, and the goals the window
    can count."""
    if profiles is None:
        profiles = chosen_reps(journal, request.rep, request.manager)
    window = request.window
    detail = request.rep is not None or request.manager is not None
    since = min(reading_start(window, today, detail=detail), as_of_for(window, today))

    def reps() -> Iterator[RepInput]:
        for handle in sorted(profiles):
            records: list[Record] = journal.records(
                "1on1",
                handle,
                since=None if request.rep is not None else since,
                last_before=True,
                goals=False,  # the report takes goals from their histories (``states``)
            )
            for kind in KIND_DIRS:
                if kind not in ("1on1", "topic", "plan"):  # topics and plans are no coaching
                    records += journal.records(kind, handle, since=since, until=window.end)
            touching = None if request.rep is not None else since
            # with no month-by-month detail, goals are read as of one day: no event after it,
            # no history needed
            after = None if detail else as_of_for(window, today)
            states = current_states(journal, handle, None, touching, history_after=after)
            yield RepInput(handle, records, states)

    return report_of(
        reps(),
        profiles,
        journal.config,
        request.window,
        today,
        manager=request.manager.strip() if request.manager is not None else None,
        detail=request.rep,
        team=team,
    )


# --- email addresses --------------------------------------------------------------------------


def git_user_email(folder: str) -> str:
    """``git config user.email`` as seen from ``folder``; empty when git or the setting is
    missing."""
    try:
        done = subprocess.run(
            ["git", "config", "user.email"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


@dataclass(frozen=True)
class Addresses:
    """From and To of an email, and where each was found: the field given (``sender``,
    ``to``), the config's key (``email.from``, ``email.to``) or ``git config user.email``."""

    sender: str
    to: str
    sender_from: str
    to_from: str


def email_addresses(journal: Journal, to: str | None, sender: str | None) -> Addresses:
    """From and To for an email: as given, then the config, then git's user.email for From.
    A missing one is an error that says where to set it."""
    config = journal.config.email
    found_to, to_from = (to or "").strip(), "to"
    if not found_to:
        found_to, to_from = config.to.strip(), "email.to"
    found_sender, sender_from = (sender or "").strip(), "sender"
    if not found_sender:
        found_sender, sender_from = config.sender.strip(), "email.from"
    if not found_sender:
        found_sender, sender_from = git_user_email(str(journal.root)), "git config user.email"
    if not found_to:
        raise UsageError(
            "an email needs a To address: give one, or set email.to in coachlog.yaml",
            field="to",
        )
    if not found_sender:
        raise UsageError(
            "an email needs a From address: give one, set email.from in coachlog.yaml, "
            "or 'git config user.email'",
            field="sender",
        )
    return Addresses(found_sender, found_to, sender_from, to_from)
