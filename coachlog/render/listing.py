"""A listing (rows under named columns) in every format: rich table, Markdown, JSON, CSV."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from coachlog.render.formats import cell_text, color_allowed, to_csv, to_json


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


def render_listing(listing: Listing, fmt: str) -> str:
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
    for column in listing.columns:
        table.add_column(column.header, justify=column.justify)  # type: ignore[arg-type]
    for row in listing.rows:
        table.add_row(*(cell_text(row.get(c.key)) for c in listing.columns))
    text = console_text(table)
    return text + ("\n".join(listing.notes) + "\n" if listing.notes else "")


def console_text(renderable: Any) -> str:
    """What rich prints for ``renderable`` on this terminal, colour only where allowed."""
    import shutil

    from rich.console import Console

    width = shutil.get_terminal_size((100, 24)).columns
    console = Console(
        width=width,
        force_terminal=_isatty(sys.stdout),
        no_color=not color_allowed(),
        highlight=False,
        record=False,
        file=_Null(),
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
