"""``coachlog forecast``: the rep's forecast numbers, into their newest 1:1."""

from __future__ import annotations

import typer

from coachlog.cli.common import DATE_FORMS_HELP, REP, day_from, echo, say, state, warn


def forecast(
    ctx: typer.Context,
    rep: str = REP,
    commit: str = typer.Option(
        None, "--commit", metavar="N", help="What the rep commits to close this period."
    ),
    likely: str = typer.Option(None, "--likely", metavar="N", help="Most likely, this period."),
    upside: str = typer.Option(None, "--upside", metavar="N", help="Upside, this period."),
    pipeline: str = typer.Option(
        None, "--pipeline", metavar="N", help="Pipeline built for the next period."
    ),
    day: str = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="Into the rep's newest 1:1 on or before this day (default: today). " + DATE_FORMS_HELP,
    ),
) -> None:
    """Record a rep's forecast: commit, likely, upside and pipeline.

    Commit, most likely and upside are for the current period; pipeline is what the rep has
    built for the next one.
    The numbers go in the forecast block of the rep's newest 1:1 on or before the day that
    was not cancelled (a block edited by hand
    counts the same); numbers not given are left as they are, and a number it changes that
    was already there is named in a warning. Amounts may carry thousands
    separators or a currency sign (120,000 or $120,000). Reports show the series, and flag a
    falling commit and pipeline under the coverage the config asks of the quota.

    \b
    Example: coachlog forecast --rep alice --commit 120000 --likely 150000 --pipeline 400000
    """
    from coachlog.core.amounts import amount_text, signed_amount_text
    from coachlog.core.forecast import FIELDS, change, coverage
    from coachlog.ops.forecast import record_forecast

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day is not None else None
    given = {"commit": commit, "likely": likely, "upside": upside, "pipeline": pipeline}
    journal = st.journal()
    done = record_forecast(journal, rep, given, when, today)
    echo(journal.relative(done.path))
    if done.replaced:
        names = list(done.replaced)
        had = ", ".join(f"{n} {amount_text(done.replaced[n][0])}" for n in names)
        now = [amount_text(done.replaced[n][1]) for n in names]
        if len(names) > 1:
            now = [f"{n} {value}" for n, value in zip(names, now, strict=True)]
        warn(f"the 1:1 of {done.record.date} had {had}; now {', '.join(now)}")
    moved = change(done.point, done.previous)
    parts = []
    for name in FIELDS:
        value = done.point.value(name)
        if value is None:
            continue
        delta = moved[name]
        since = f" ({signed_amount_text(delta)})" if delta is not None else ""
        parts.append(f"{name} {amount_text(value)}{since}")
    previous = f"; changes since {done.previous.date}" if done.previous else ""
    ratio = coverage(done.point, done.quota)
    cover = f"; pipeline covers the quota {ratio:g} times" if ratio is not None else ""
    say(f"Forecast of {rep} in the 1:1 of {done.record.date}: {', '.join(parts)}{previous}{cover}.")
