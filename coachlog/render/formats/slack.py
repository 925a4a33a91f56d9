"""A page or listing as a Slack incoming-webhook payload: ``{"text": ..., "blocks": [...]}``.

``text`` is the plain fallback notifications show; ``blocks`` are Block Kit blocks within
Slack's limits: at most 50 blocks, a header's text at most 150 characters, a section's text
at most 3000. Rows of a listing become lines of mrkdwn, packed into as few sections as fit;
what does not fit in 50 blocks is cut, and a last block says how much was left out.
Post it with ``curl -d @- "$WEBHOOK"``.
"""

from __future__ import annotations

from typing import Any

from coachlog.render.formats import register
from coachlog.render.formats.json import to_json
from coachlog.render.page import Envelope, Listing, Page, Terminal, View, cell_text, visible_page

MAX_BLOCKS = 50
MAX_HEADER = 150
MAX_TEXT = 3000
MAX_FALLBACK = 3000


def escape(text: str) -> str:
    """Text as Slack shows it literally: ``&``, ``<`` and ``>`` are its control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in an ellipsis when cut; never half an escape."""
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    amp = kept.rfind("&", len(kept) - 5)
    if amp >= 0 and ";" not in kept[amp:]:
        kept = kept[:amp]
    return kept.rstrip() + "…"


def header(text: str) -> dict[str, Any]:
    plain = cut(" ".join(text.split()) or "coachlog", MAX_HEADER)
    return {"type": "header", "text": {"type": "plain_text", "text": plain, "emoji": False}}


def section(mrkdwn: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(mrkdwn, MAX_TEXT)}}


def context(mrkdwn: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(mrkdwn, MAX_TEXT)}]}


def row_line(listing: Listing, row: dict[str, Any]) -> str:
    first, *rest = listing.narrow_columns
    parts = [f"*{escape(cell_text(row.get(first.key))) or '-'}*"]
    for column in rest:
        value = cell_text(row.get(column.key))
        if value:
            parts.append(f"{escape(column.header)}: {escape(value)}")
    return "• " + " · ".join(parts)


def packed(lines: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Lines joined into as few texts of at most ``limit`` characters as they fit in."""
    texts: list[str] = []
    for line in (cut(x, limit) for x in lines):
        if texts and len(texts[-1]) + 1 + len(line) <= limit:
            texts[-1] += "\n" + line
        else:
            texts.append(line)
    return texts


def listing_blocks(listing: Listing, titled: bool) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    title = f"*{escape(listing.title)}*"
    if not listing.rows:
        return [section(f"{title}\n{escape(listing.empty)}" if titled else escape(listing.empty))]
    lines = [row_line(listing, row) for row in listing.rows]
    if titled:
        lines.insert(0, title)
    blocks += [section(text) for text in packed(lines)]
    if listing.notes:
        blocks += [context(text) for text in packed([escape(n) for n in listing.notes])]
    return blocks


def page_blocks(page: Page) -> list[dict[str, Any]]:
    blocks = [header(page.title)]
    if page.heading and page.intro:
        blocks += [context(text) for text in packed([escape(line) for line in page.intro])]
    for listing in page.listings:
        blocks += listing_blocks(listing, titled=page.heading)
    if len(blocks) > MAX_BLOCKS:
        left_out = len(blocks) - (MAX_BLOCKS - 1)
        blocks = [
            *blocks[: MAX_BLOCKS - 1],
            context(f"{left_out} more blocks left out: Slack takes {MAX_BLOCKS} at most."),
        ]
    return blocks


def fallback(page: Page) -> str:
    lines = [page.title, *(page.intro if page.heading else [])]
    for listing in page.listings:
        lines.append(f"{listing.title}: {len(listing.rows)}")
        lines += [note.removeprefix("- ") for note in listing.notes]
    return cut(escape("\n".join(lines)), MAX_FALLBACK)


def page_slack(page: Page) -> str:
    return to_json({"text": fallback(page), "blocks": page_blocks(page)})


@register("slack")
def render_slack(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    return page_slack(visible_page(view.page))
