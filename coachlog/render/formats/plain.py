"""A page as plain text that reads as text in a mail client: the text part of an email.

Laid out as the HTML part is (``render/formats/html.py``), in words: a listing of a few
columns as aligned columns, a wider one as one block a row (its heading, then a line for each
other field, labels aligned), the notes under it. No Markdown pipe table, no markup.
"""

from __future__ import annotations

import textwrap

from coachlog.render.formats.html import ALERT_KEYS, TABLE_COLUMNS
from coachlog.render.page import Listing, Page, cell_text

RULES = {1: "=", 2: "-"}
WIDTH = 76  # a line of a mail's text, as mail clients and quoting expect


def _heading(text: str, level: int) -> list[str]:
    return [text, RULES[level] * len(text)]


def listing_plain(listing: Listing) -> list[str]:
    lines = [*_heading(listing.title, 2), ""]
    if not listing.rows:
        return [*lines, listing.empty, ""]
    columns = listing.card_columns
    as_cards = len(columns) > TABLE_COLUMNS
    if as_cards:
        heading, *fields = columns
        width = max(len(c.header) for c in fields) + 1
        for row in listing.rows:
            lines.append(cell_text(row.get(heading.key)))
            for column in fields:
                value = cell_text(row.get(column.key))
                if column.key in ALERT_KEYS and value in ("", "-"):
                    continue
                label = f"  {column.header + ':':<{width}} "
                lines += textwrap.wrap(
                    value,
                    max(WIDTH, len(label) + 20),
                    initial_indent=label,
                    subsequent_indent=" " * len(label),
                    break_long_words=False,
                    break_on_hyphens=False,
                ) or [label.rstrip()]
            lines.append("")
    else:
        cells = [[c.header for c in columns]] + [
            [cell_text(row.get(c.key)) for c in columns] for row in listing.rows
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
        for n, row_cells in enumerate(cells):
            parts = [
                text.rjust(w) if c.justify == "right" and n else text.ljust(w)
                for text, w, c in zip(row_cells, widths, columns, strict=True)
            ]
            lines.append("  ".join(parts).rstrip())
        lines.append("")
    if listing.notes and (listing.card_notes or not as_cards):
        for note in listing.notes:
            lines += textwrap.wrap(note, WIDTH, subsequent_indent="  ", break_long_words=False)
        lines.append("")
    return lines


def page_plain(page: Page) -> str:
    """``page`` (already ``visible``) as plain text."""
    if page.text is not None:
        return page.text
    lines: list[str] = []
    if page.heading:
        lines += [*_heading(page.title, 1), ""]
        for line in page.intro:
            lines += textwrap.wrap(line, WIDTH, break_long_words=False)
        lines.append("")
    for listing in page.listings:
        lines += listing_plain(listing)
    return "\n".join(lines).rstrip("\n") + "\n"
