"""``coachlog topic add|list|drop``: topics for a rep's next 1:1."""

from __future__ import annotations

import typer

from coachlog.cli.common import REP, echo, format_option, print_view, resolve_format, say, state
from coachlog.cli.completing import complete_rep, complete_topic
from coachlog.render.formats import FORMATS
from coachlog.vocabulary import RAISERS

app = typer.Typer(
    help="Topics for a rep's next 1:1: add, list, drop.\n\n"
    '\b\nExample: coachlog topic add --rep alice "Pricing for the Q1 renewals"',
    no_args_is_help=True,
)


@app.command("add")
def add(
    ctx: typer.Context,
    text: str = typer.Argument(..., metavar="TEXT", help="The topic, in a line."),
    rep: str = REP,
    by: str = typer.Option(
        "rep", "--by", metavar="|".join(RAISERS), help="Who raised it (default: the rep)."
    ),
) -> None:
    """Queue a topic for the rep's next 1:1. Prints the topic's id.

    'coachlog agenda' shows it and 'coachlog new 1on1' puts it in Free time as a '- [ ]' item;
    left unticked there, it comes back in the 1:1 after, until ticked or deleted. The same
    text queued already is not added twice.

    \b
    Example: coachlog topic add --rep alice "Pricing for the Q1 renewals" --by manager
    """
    from coachlog.ops.topics import add_topic

    st = state(ctx)
    added = add_topic(st.journal(), rep, text, by, st.today, st.now())
    echo(added.topic.id)
    if added.changed:
        say(f"Queued for the next 1:1 with {rep}.")
    else:
        say(f"Already queued for the next 1:1 with {rep} ({added.topic.date}); nothing added.")


@app.command("list")
def list_(
    ctx: typer.Context,
    rep: str = typer.Option(
        None, "--rep", help="Only this rep's topics.", autocompletion=complete_rep
    ),
    fmt: str = format_option(FORMATS[:4]),
) -> None:
    """List the topics for each rep's next 1:1: those queued, and the items left unticked in
    the last 1:1, which come back.

    \b
    Example: coachlog topic list --rep alice --format json
    """
    from coachlog.ops.topics import list_topics
    from coachlog.render.topics import topics_view

    fmt = resolve_format(fmt, FORMATS[:4])
    st = state(ctx)
    print_view(st, topics_view(list_topics(st.journal(), rep, st.today)), fmt)


@app.command("drop")
def drop(
    ctx: typer.Context,
    topic_id: str = typer.Argument(
        ...,
        metavar="ID",
        help="The topic's id, or a unique prefix of it.",
        autocompletion=complete_topic,
    ),
) -> None:
    """Take a queued topic off the queue (its file says 'status: dropped'). Prints its path.

    A topic a 1:1 took is an item of that 1:1's agenda: tick or delete it there.

    \b
    Example: coachlog topic drop 2026-11-24-alice-pricing
    """
    from coachlog.ops.topics import drop_topic

    st = state(ctx)
    journal = st.journal()
    dropped = drop_topic(journal, topic_id)
    echo(journal.relative(dropped.path))
    if dropped.changed:
        say(f"Dropped the topic {dropped.topic.id}.")
    else:
        say(f"The topic {dropped.topic.id} was dropped already.")
