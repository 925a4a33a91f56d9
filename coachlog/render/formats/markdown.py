"""``--format markdown``: a page as Markdown, each listing a pipe table under its title."""

from __future__ import annotations

from coachlog.render.formats import register
from coachlog.render.page import Envelope, Listing, Page, Terminal, View, cell_text, visible_page


def _escape(text: str) -> str:
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
        cells = [_escape(cell_text(row.get(c.key))) for c in listing.columns]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *listing.notes] if listing.notes else []
    return "\n".join(lines) + "\n"


def page_markdown(page: Page) -> str:
    if page.text is not None:
        return page.text
    parts = []
    if page.heading:
        parts.append("\n".join([f"# {page.title}", "", *page.intro]) + "\n")
    parts += [listing_markdown(listing) for listing in page.listings]
    return "\n".join(parts)


@register("markdown")
def render_markdown(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    return page_markdown(visible_page(view.page))
