"""``--format table``: rich tables and styled text on a terminal; in a pipe the same layout as
plain text, with no escape codes. Prose (an agenda) is rich's rendering of its Markdown."""

from __future__ import annotations

from typing import Any

from coachlog.render.formats import register
from coachlog.render.page import Envelope, Listing, Page, Terminal, View, cell_text, visible_page


def console_text(renderable: Any, terminal: Terminal) -> str:
    """What rich prints for ``renderable`` on ``terminal``: styled only on a terminal, coloured
    only where colour is wanted; elsewhere plain text (a table drawn without escape codes)."""
    from rich.console import Console

    console = Console(
        width=terminal.width,
        force_terminal=terminal.is_terminal,
        no_color=not terminal.color,
        highlight=False,
        record=False,
        file=_Null(),  # type: ignore[arg-type]
    )
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


class _Null:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


def listing_table(listing: Listing, terminal: Terminal) -> str:
    from rich.table import Table

    if not listing.rows:
        return f"{listing.title}: {listing.empty}\n"
    table = Table(title=listing.title, title_justify="left", header_style="bold")
    columns = listing.narrow_columns
    for column in columns:
        table.add_column(column.header, justify=column.justify)  # type: ignore[arg-type]
    for row in listing.rows:
        table.add_row(*(cell_text(row.get(c.key)) for c in columns))
    text = console_text(table, terminal)
    return text + ("\n".join(listing.notes) + "\n" if listing.notes else "")


def page_table(page: Page, terminal: Terminal) -> str:
    if page.text is not None:
        from rich.markdown import Markdown

        return console_text(Markdown(page.text), terminal)
    parts = []
    if page.heading:
        from rich.text import Text

        title = console_text(Text(page.title, style="bold"), terminal)
        parts.append(title + "".join(f"{line}\n" for line in page.intro))
    parts += [listing_table(listing, terminal) for listing in page.listings]
    return "\n".join(parts)


@register("table")
def render_table(view: View, terminal: Terminal, _envelope: Envelope | None) -> str:
    return page_table(visible_page(view.page), terminal)
