"""``--format table``: rich tables and styled text on a terminal; in a pipe the same layout as
plain text, with no escape codes. Prose (an agenda) is rich's rendering of its Markdown."""

from __future__ import annotations

from typing import Any

from coachlog.render.formats import register
from coachlog.render.page import (
    Column,
    Envelope,
    Listing,
    Page,
    Terminal,
    View,
    cell_text,
    visible_page,
)


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


# Columns of prose: their words may be split where a column is too narrow for one. Every other
# column (ids, dates, markers, numbers, flags) is never cut: it is at least as wide as its
# longest word, and its cells wrap only between words.
PROSE = frozenset({"title", "name", "focus", "behaviour", "plan", "facts", "goals"})
PROSE_MIN = 10  # the narrowest a prose column is made
PROSE_COMFORT = 24  # a prose column is widened to this before other columns grow
# What a cell is coloured for: overdue (its row's "overdue" is true or a count above 0) in
# these columns, and a row's first cell when it has flags.
OVERDUE_COLUMNS = frozenset({"due_text", "due", "open_text", "overdue", "id"})
OVERDUE_STYLE, FLAG_STYLE = "bold red", "yellow"


def _words(text: str) -> list[str]:
    return text.split() or [""]


def column_widths(listing: Listing, columns: list[Column], width: int) -> list[int] | None:
    """Each column's width in a table that fits ``width`` with nothing but prose cut, or None
    when no such table fits (the rows are then stacked)."""
    cells = [[cell_text(row.get(c.key)) for row in listing.rows] for c in columns]
    natural, least = [], []
    for column, texts in zip(columns, cells, strict=True):
        lines = [line for t in [*texts, column.header] for line in t.splitlines() or [""]]
        natural.append(max(len(line) for line in lines))
        longest_word = max(len(w) for t in [*texts, column.header] for w in _words(t))
        least.append(min(natural[-1], PROSE_MIN) if column.key in PROSE else longest_word)
    frame = 3 * len(columns) + 1  # rich's borders and padding
    room = width - frame
    if sum(natural) <= room:
        return natural
    if sum(least) > room:
        return None
    widths = list(least)
    # the spare room: first to the prose up to a readable width (a title squeezed to ten
    # columns wraps over eight lines), then to what wraps only between words (ids, dates,
    # markers, progress), then to the prose again
    for prose, cap in ((True, PROSE_COMFORT), (False, None), (True, None)):
        spare = room - sum(widths)
        wants = [
            max(0, min(natural[i], cap or natural[i]) - widths[i])
            if (columns[i].key in PROSE) == prose
            else 0
            for i in range(len(columns))
        ]
        total = sum(wants)
        if total <= spare:
            widths = [w + want for w, want in zip(widths, wants, strict=True)]
            continue
        for i, want in enumerate(wants):
            widths[i] += want * spare // total
        leftover = room - sum(widths)
        for i in sorted(range(len(widths)), key=lambda i: wants[i], reverse=True)[:leftover]:
            widths[i] += 1
        break
    return widths


def _style(row: dict[str, Any], key: str, first: bool) -> str | None:
    overdue = row.get("overdue")
    if key in OVERDUE_COLUMNS and (overdue is True or (type(overdue) is int and overdue > 0)):
        return OVERDUE_STYLE
    if first and row.get("flags"):
        return FLAG_STYLE
    return None


def listing_table(listing: Listing, terminal: Terminal) -> str:
    from rich.table import Table
    from rich.text import Text

    if not listing.rows:
        return f"{listing.title}: {listing.empty}\n"
    columns = listing.narrow_columns
    widths = column_widths(listing, columns, terminal.width)
    if widths is None:
        return stacked(listing, columns, terminal)
    table = Table(title=listing.title, title_justify="left", header_style="bold")
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify=column.justify,  # type: ignore[arg-type]
            width=width,
            overflow="fold",
        )
    for row in listing.rows:
        table.add_row(
            *(
                Text(cell_text(row.get(c.key)), style=_style(row, c.key, i == 0) or "")
                for i, c in enumerate(columns)
            )
        )
    return console_text(table, terminal) + _notes(listing, terminal)


def stacked(listing: Listing, columns: list[Column], terminal: Terminal) -> str:
    """The rows one under another, a blank line apart, a line a column (``Header  value``, long
    values wrapped under themselves): what a table too wide for the terminal becomes."""
    from rich.text import Text

    label = max(len(c.header) for c in columns)
    room = max(terminal.width - label - 4, 10)
    text = Text()
    text.append(listing.title + "\n", style="italic")
    for row in listing.rows:
        text.append("\n")
        for i, column in enumerate(columns):
            value = cell_text(row.get(column.key))
            if not value:
                continue
            lines = _wrap(value, room, prose=column.key in PROSE)
            style = _style(row, column.key, i == 0) or ("bold" if i == 0 else "")
            for n, line in enumerate(lines):
                head = column.header if n == 0 else ""
                text.append(f"  {head:<{label}}  ")
                text.append(line, style=style)
                text.append("\n")
    return console_text(text, terminal) + _notes(listing, terminal)


def _wrap(value: str, width: int, *, prose: bool) -> list[str]:
    import textwrap

    lines: list[str] = []
    for part in value.splitlines() or [""]:
        lines += textwrap.wrap(part, width, break_long_words=prose, break_on_hyphens=False) or [""]
    return lines


def _notes(listing: Listing, terminal: Terminal) -> str:
    """The lines under a listing, wrapped to the terminal (a ``- `` item under itself); a
    flag's line (``- alice: ...``) coloured."""
    if not listing.notes:
        return ""
    import textwrap

    from rich.text import Text

    text = Text()
    for note in listing.notes:
        item = note.startswith("- ")
        lines = textwrap.wrap(
            note,
            max(terminal.width - 1, 20),
            subsequent_indent="  " if item else "",
            break_long_words=False,
            break_on_hyphens=False,
        ) or [""]
        for line in lines:
            text.append(line + "\n", style=FLAG_STYLE if item else "")
    return console_text(text, terminal)


def page_table(page: Page, terminal: Terminal) -> str:
    if page.text is not None:
        from rich.markdown import Markdown

        return console_text(Markdown(page.text), terminal)
    parts = []
    if page.heading:
        from rich.text import Text

        title = console_text(Text(page.title, style="bold"), terminal)
        intro = console_text(Text("\n".join(page.intro)), terminal) if page.intro else ""
        parts.append(title + intro)
    parts += [listing_table(listing, terminal) for listing in page.listings]
    return "\n".join(parts)


@register("table")
def render_table(view: View, terminal: Terminal, _envelope: Envelope | None) -> str:
    return page_table(visible_page(view.page), terminal)
