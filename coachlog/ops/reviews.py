"""Call coaching on file: ``coachlog new review|debrief|observation`` and ``coachlog score``,
and the call reviews a rep shared since their last 1:1 (for the agenda).

A new record is one new file, written whole and only once (a name no clone will pick too);
``score`` changes only the ``scores:`` lines of the review it names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachlog.core.agenda import ReviewItem, pick_mix
from coachlog.core.coaching import parse_scores
from coachlog.core.goals import resolve
from coachlog.core.scaffold import (
    debrief_body,
    observation_body,
    record_front_matter,
    review_body,
)
from coachlog.defaults import RECORD_MINUTES
from coachlog.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from coachlog.ops.goals import GoalChange
from coachlog.model import RECORD_MODELS, CallReview, Record
from coachlog.store.journal import Journal
from coachlog.store.reading import load_checked
from coachlog.store.transaction import Transaction, transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import DEBRIEFERS, KIND_DIRS, OUTCOMES, PICKS, check_choice

MAX_CALL = 500


@dataclass
class NewRecord:
    record: Record
    path: Path
    warnings: list[str] = field(default_factory=list)
    kept: list[GoalChange] = field(default_factory=list)  # field dates it made done


@dataclass
class Scored:
    review: CallReview
    path: Path
    given: dict[str, int]
    previous: dict[str, int | None]
    unscored: list[str]


# --- checks -----------------------------------------------------------------------------------


def check_call(call: str) -> str:
    text = call.strip()
    if not text:
        raise UsageError("name the call: its link or a title, like 'Acme discovery'", field="call")
    if "\n" in text or "\r" in text:
        raise UsageError("give the call as one line: its link or a title", field="call")
    if len(text) > MAX_CALL:
        raise UsageError(f"is {len(text)} characters; keep it to {MAX_CALL}", field="call")
    return text


def check_minutes(minutes: int | None, kind: str) -> int:
    if minutes is None:
        return RECORD_MINUTES[kind]
    if not 0 <= minutes <= 1440:
        raise UsageError(f"must be 0 to 1440 minutes, not {minutes}", field="minutes")
    return minutes


def call_words(call: str) -> str:
    """Words for the file name: a title as it is; a link without its scheme and ``www.``."""
    for scheme in ("https://", "http://"):
        if call.lower().startswith(scheme):
            call = call[len(scheme) :]
            break
    return call.removeprefix("www.")


# --- new records ------------------------------------------------------------------------------


def _write_new(
    journal: Journal,
    kind: str,
    rep: str,
    day: date,
    now: datetime,
    minutes: int,
    words: str,
    fields: dict[str, Any],
    body: Callable[[str], str],
    within: Callable[[Transaction], Any] | None = None,
) -> tuple[Record, Path]:
    """Write a new record of ``kind`` under the journal lock; ``body(rep_name)`` gives the
    Markdown below its front matter; ``within`` makes the rest of the change, in the same
    transaction."""
    config = journal.config
    profile = journal.rep(rep)
    with transaction(journal, f"new {kind}", rep) as change:
        path = journal.new_record_path(kind, day, rep, words=words)
        data = record_front_matter(
            kind,
            record_id=path.stem,
            rep=rep,
            manager=profile.manager or config.manager,
            day=day,
            created=now,
            minutes=minutes,
            **fields,
        )
        doc = Document.new(path, data, body(profile.name or rep))
        change.name(day.isoformat())  # the file's name may hold the call's title: not said
        record = change.write_document(doc, RECORD_MODELS[kind], new=True)
        if within is not None:
            within(change)
    return record, path


def new_review(
    journal: Journal,
    rep: str,
    call: str,
    pick: str,
    day: date,
    now: datetime,
    minutes: int | None = None,
) -> NewRecord:
    """Write a call review: one call the rep picked, with every criterion listed unscored."""
    call = check_call(call)
    check_choice(pick, PICKS, "pick", "a pick")
    mins = check_minutes(minutes, "review")
    journal.rep(rep)  # an unknown rep is refused before anything else
    criteria = list(journal.config.review_criteria)
    fields = {"call": call, "pick": pick, "scores": dict.fromkeys(criteria)}
    record, path = _write_new(
        journal,
        "review",
        rep,
        day,
        now,
        mins,
        call_words(call),
        fields,
        lambda name: review_body(call, pick, name, criteria),
    )
    monday = day - timedelta(days=day.weekday())
    week = journal.records("review", rep, since=monday, until=monday + timedelta(days=6))
    items = [ReviewItem(r.id, r.call, r.pick, r.date) for r in week]
    return NewRecord(record, path, mix_warnings(rep, items, complete_only=True))


def new_debrief(
    journal: Journal,
    rep: str,
    call: str,
    by: str,
    day: date,
    now: datetime,
    minutes: int | None = None,
) -> NewRecord:
    """Write a post-call debrief: the two questions, for the rep, a peer or the manager."""
    call = check_call(call)
    check_choice(by, DEBRIEFERS, "by", "who debriefs")
    mins = check_minutes(minutes, "debrief")
    journal.rep(rep)
    record, path = _write_new(
        journal,
        "debrief",
        rep,
        day,
        now,
        mins,
        call_words(call),
        {"call": call, "by": by},
        lambda name: debrief_body(call, by, name),
    )
    return NewRecord(record, path)


def new_observation(
    journal: Journal,
    rep: str,
    day: date,
    now: datetime,
    minutes: int | None = None,
    outcome: str | None = None,
) -> NewRecord:
    """Write a field observation against the rep's #1 behaviour (copied from their profile),
    with whether the behaviour showed (``outcome``); a rep with no #1 behaviour yet gets the
    record and a warning. On a field-coaching date, the manager's commitment for that day is
    done, in the same transaction."""
    from coachlog.ops.focus import open_commitments
    from coachlog.ops.goals import change_within

    if outcome is not None:
        check_choice(outcome, OUTCOMES, "outcome", "an outcome")
    mins = check_minutes(minutes, "observation")
    profile = journal.rep(rep)
    focus = profile.focus
    warnings = []
    if focus is None:
        warnings.append(
            f"{rep} has no #1 behaviour yet, so this observation is against none; pick one "
            f"and set it with: 'coachlog focus set --rep {rep} TEXT --plan TEXT'"
        )
    behaviour = focus.behaviour if focus else ""
    plan = focus.plan if focus else ""
    closed: list[GoalChange] = []

    def keep_the_date(change: Transaction) -> None:
        for state in open_commitments(journal, rep):
            if state.goal.due == day:
                done = {"status": "done", "progress": 1.0}
                closed.append(change_within(journal, change, state, done, None, day, now))
                change.name(state.goal.id)

    fields: dict[str, Any] = {"behaviour": behaviour}
    if outcome is not None:
        fields["outcome"] = outcome
    record, path = _write_new(
        journal,
        "observation",
        rep,
        day,
        now,
        mins,
        "",
        fields,
        lambda name: observation_body(day, name, behaviour, plan),
        keep_the_date,
    )
    return NewRecord(record, path, warnings, closed)


# --- the agenda's call reviews ----------------------------------------------------------------


def shared_reviews(
    journal: Journal, rep: str, listed: set[str], until: date
) -> tuple[list[ReviewItem], list[ReviewItem]]:
    """The call reviews of ``rep`` dated up to ``until`` that no 1:1 has coached yet (none in
    ``listed``, the reviews earlier 1:1s hold), oldest first: those the rep commented on, ready
    for the agenda, and those still waiting for the rep's comments."""
    ready: list[ReviewItem] = []
    waiting: list[ReviewItem] = []
    for r in journal.records("review", rep, until=until):
        if r.id in listed:
            continue
        item = ReviewItem(r.id, r.call, r.pick, r.date)
        (ready if r.rep_commented else waiting).append(item)
    return ready, waiting


def mix_warnings(
    rep: str, reviews: Sequence[ReviewItem], *, complete_only: bool = False
) -> list[str]:
    """A warning for each week whose picks are not one call that went well and one where the
    rep struggled (with ``complete_only``, only weeks with two picks or more)."""
    found = []
    for monday, counts in pick_mix(reviews):
        if complete_only and sum(counts.values()) < 2:
            continue
        found.append(
            f"{rep}'s call review picks for the week of {monday}: "
            f"{counts['went-well']} went well, {counts['struggled']} struggled; the method asks "
            "for one call that went well and one where the rep struggled"
        )
    return found


# --- scores -----------------------------------------------------------------------------------


def find_review(journal: Journal, prefix: str) -> tuple[str, Path]:
    """The review whose id is ``prefix`` or starts with it."""
    return find_record(
        journal,
        "review",
        prefix,
        field="review_id",
        hint="a review's id is its file name under calls/, without .md",
    )


def find_record(
    journal: Journal, kind: str, prefix: str, *, field: str, hint: str
) -> tuple[str, Path]:
    """The record of ``kind`` whose id is ``prefix`` or starts with it (one that does not read
    too: its own error then says why); an error about ``field`` otherwise."""
    wanted = prefix.strip().lower()
    candidates = journal.record_ids(kind, wanted) if wanted else {}
    folder = journal.root / KIND_DIRS[kind]
    for problem in journal.problems:
        path = problem.path
        if path is not None and path.parent.parent == folder and path.stem.startswith(wanted):
            candidates.setdefault(path.stem, path)
    what = "review" if kind == "review" else kind.replace("1on1", "1:1")
    try:
        record_id = resolve(prefix, candidates, what=what)
    except (NotFoundError, UsageError) as exc:
        exc.field = field
        if isinstance(exc, NotFoundError):
            exc.hint = exc.hint or hint
        raise
    return record_id, candidates[record_id]


def score_review(journal: Journal, prefix: str, given: Sequence[str]) -> Scored:
    """Record 1-5 scores (``criterion=N``) in a call review; only its ``scores:`` lines change."""
    criteria = list(journal.config.review_criteria)
    scores = parse_scores(given, criteria)
    with transaction(journal, "score") as change:
        _, path = find_review(journal, prefix)
        doc, before = load_checked(CallReview, path, what="a record")
        change.name(before.rep, before.date.isoformat())  # not its id: it holds the call's title
        held = doc.data.get("scores")
        if not isinstance(held, dict):
            doc.data["scores"] = held = {}
        for name, score in scores.items():
            held[name] = score
        review = change.write_document(doc, CallReview)
    previous = {name: before.scores.get(name) for name in scores}
    unscored = [c for c in criteria if review.scores.get(c) is None]
    return Scored(review, path, scores, previous, unscored)
