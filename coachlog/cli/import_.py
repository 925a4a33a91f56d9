"""``coachlog import crm``: the sales engine's numbers from a CRM export."""

from __future__ import annotations

import typer

from coachlog.cli.common import format_option, print_view, resolve_format, state, warn
from coachlog.render.formats import READING

app = typer.Typer(
    help="Bring numbers in from other tools: import crm.",
    no_args_is_help=True,
)


@app.command("crm")
def crm(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE.csv", help="An opportunity export (CSV)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    mapping: list[str] = typer.Option(
        None,
        "--map",
        metavar="COLUMN=FIELD",
        help="Read COLUMN as FIELD (owner, amount, stage, close_date, created_date); repeatable.",
    ),
    fmt: str = format_option(READING),
) -> None:
    """Set each rep's four pistons from a CRM opportunity export.

    Open opportunities (deals not closed), win rate (won over won + lost, closed in the last
    365 days), average deal size (mean amount won then) and sales cycle (mean days from
    created to close of those won deals). Salesforce and HubSpot export headers are known;
    --map names other columns. A deal owner matches a rep by handle, name or email (reps set
    --email); owners that match no rep are warned about. A row that does not read stops the
    import, naming its line: nothing is written.

    \b
    Example: coachlog import crm opportunities.csv --dry-run --map "Owner Email=owner"
    """
    from coachlog.ops.crm import import_crm
    from coachlog.render.crm import imported_view

    fmt = resolve_format(fmt, READING)
    st = state(ctx)
    done = import_crm(st.journal(), file, mapping or [], st.today, dry_run=dry_run)
    for owner, deals in done.unmatched.items():
        warn(
            f"no rep matches the deal owner {owner!r} ({deals} deal{'s' if deals != 1 else ''}, "
            "not imported); give the rep that name or email: 'coachlog reps set HANDLE --email A'"
        )
    print_view(st, imported_view(done), fmt)
