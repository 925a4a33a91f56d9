"""``coachlog score``: the manager's 1-5 scores on a call review."""

from __future__ import annotations

import typer

from coachlog.cli.common import echo, say, state
from coachlog.cli.completing import complete_review


def score(
    ctx: typer.Context,
    review_id: str = typer.Argument(
        ...,
        metavar="REVIEW-ID",
        help="The review's id (its file name), or a unique prefix of it.",
        autocompletion=complete_review,
    ),
    scores: list[str] = typer.Argument(
        None, metavar="CRITERION=N...", help="Scores from 1 to 5, like opening=4 discovery=3."
    ),
) -> None:
    """Score a call review, 1 to 5 per criterion.

    The criteria are the config's review_criteria. Only the review's scores: lines change.
    Prints the review's path.

    \b
    Example: coachlog score 2026-11-20-alice-acme opening=4 discovery=3 next-steps=2
    """
    from coachlog.ops.reviews import score_review

    st = state(ctx)
    journal = st.journal()
    done = score_review(journal, review_id, scores or [])
    echo(journal.relative(done.path))
    parts = []
    for name, value in done.given.items():
        was = done.previous.get(name)
        parts.append(f"{name} {value}" + (f" (was {was})" if was not in (None, value) else ""))
    review = done.review
    left = f" Not scored yet: {', '.join(done.unscored)}." if done.unscored else ""
    say(f"Scored {review.call!r} ({review.pick}, {review.date}): {', '.join(parts)}.{left}")
