"""A listing (rows under named columns) in every format: rich table, Markdown, JSON, CSV, an
email (``render/email.py``) and a Slack payload (``render/slack.py``).

A ``Page`` is several listings under one title, with lines of text before them: a report is
one. Pages go through the same renderers, so every format reads alike wherever it is used.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coachlog.render.formats import cell_text, color_allowed, to_csv, to_json

if TYPE_CHECKING:
    from coachlog.render.email import Envelope


@dataclass
class Column:
    key: str
    header: str
    justify: str = "left"


@dataclass
class Listing:
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    empty: str = "Nothing to show."
    json_rows: list[dict[str, Any]] | None = None  # JSON may carry more than the table shows
    notes: list[str] = field(default_factory=list)
    narrow: list[Column] | None = None  # fewer columns for a terminal table and a chat message

    @property
    def narrow_columns(self) -> list[Column]:
        return self.narrow if self.narrow is not None else self.columns


@dataclass
class Page:
    """Listings under one title, after a few lines of text (a report)."""

    title: str
    listings: list[Listing]
    intro: list[str] = field(default_factory=list)
    heading: bool = True  # False: one listing standing alone, its own title is the heading


def single(listing: Listing) -> Page:
    return Page(listing.title, [listing], heading=False)


def render_listing(listing: Listing, fmt: str, *, envelope: Envelope | None = None) -> str:
    """``listing`` in ``fmt``. An email takes its From, To and Subject from ``envelope``, or
    from the defaults the CLI installed (``render.email.default_envelope``)."""
    if fmt in ("email", "slack"):
        return render_page(single(listing), fmt, envelope=envelope)
    keys = [c.key for c in listing.columns]
    if fmt == "json":
        return to_json(listing.json_rows if listing.json_rows is not None else listing.rows)
    if fmt == "csv":
        rows = listing.json_rows if listing.json_rows is not None else listing.rows
        columns = list(rows[0].keys()) if rows and listing.json_rows is not None else keys
        return to_csv(rows, columns)
    if fmt == "markdown":
        return listing_markdown(listing)
    return listing_table(listing)


def render_page(page: Page, fmt: str, *, envelope: Envelope | None = None) -> str:
    """A page as Markdown, a terminal view, an email or a Slack payload."""
    if fmt == "email":
        from coachlog.render.email import default_envelope, page_email

        return page_email(page, envelope or default_envelope(page.title))
    if fmt == "slack":
        from coachlog.render.slack import page_slack

        return page_slack(page)
    if fmt == "markdown":
        return page_markdown(page)
    return page_table(page)


def page_markdown(page: Page) -> str:
    parts = []
    if page.heading:
        parts.append("\n".join([f"# {page.title}", "", *page.intro]) + "\n")
    parts += [listing_markdown(listing) for listing in page.listings]
    return "\n".join(parts)


def page_table(page: Page) -> str:
    parts = []
    if page.heading:
        parts.append(console_text(_bold(page.title)) + "".join(f"{line}\n" for line in page.intro))
    parts += [listing_table(listing) for listing in page.listings]
    return "\n".join(parts)


def _bold(text: str) -> Any:
    from rich.text import Text

    return Text(text, style="bold")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def listing_markdown(listing: Listing) -> str:
    lines = [f"## {listing.title}", ""]
    if not listing.rows:
        return "\n".join([*lines, listing.empty, ""])
    lines.append("| " + " | ".join(c.header for c in listing.columns) + " |")
    lines.append(
        "|" + "|".join("---:" if c.justify == "right" else "---" for c in listing.columns) + "|"
    )
    for row in listing.rows:
        cells = [_md_escape(cell_text(row.get(c.key))) for c in listing.columns]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *listing.notes] if listing.notes else []
    return "\n".join(lines) + "\n"


def listing_table(listing: Listing) -> str:
    from rich.table import Table

    if not listing.rows:
        return f"{listing.title}: {listing.empty}\n"
    table = Table(title=listing.title, title_justify="left", header_style="bold")
    columns = listing.narrow_columns
    for column in columns:
        table.add_column(column.header, justify=column.justify)  # type: ignore[arg-type]
    for row in listing.rows:
        table.add_row(*(cell_text(row.get(c.key)) for c in columns))
    text = console_text(table)
    return text + ("\n".join(listing.notes) + "\n" if listing.notes else "")


def console_text(renderable: Any) -> str:
    """What rich prints for ``renderable``: styled only on a terminal, coloured only where
    NO_COLOR allows; in a pipe, plain text (a table drawn without escape codes)."""
    import shutil

    from rich.console import Console

    width = shutil.get_terminal_size((100, 24)).columns
    console = Console(
        width=width,
        force_terminal=_isatty(sys.stdout),
        no_color=not color_allowed(),
        highlight=False,
        record=False,
        file=_Null(),  # type: ignore[arg-type]
    )
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _Null:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass
