"""``--format html``: one self-contained HTML page, and the HTML part of ``--format email``.

The page carries everything it shows: its style in one ``<style>`` element, its charts as
inline SVG (``render.charts``), no script, no font, image or style sheet from anywhere else.
It is laid out for a 600-700 px mail pane first and widens to a full window:

- the page's charts (``Page.figures``) side by side where there is room, one under another
  where there is not; ``Page.more_figures`` (each rep's) the same way after the first listing;
- a listing of a few columns as a table; a wider one (the report's reps, the open goals) as a
  card per row, the first card column its heading and every other one a label and a value,
  so no column is ever off-screen;
- the listing's notes (the flags in words, totals) as a list under it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from coachlog.render.charts import svg
from coachlog.render.formats import register
from coachlog.render.page import Envelope, Listing, Page, Terminal, View, cell_text, visible_page

# a listing of more columns than this is drawn as cards: a table this narrow fits 600 px
TABLE_COLUMNS = 4
# a value of one of these columns, when it says something ("-" says nothing), is a warning
ALERT_KEYS = frozenset({"flags", "flags_words"})

STYLE = (
    "body{margin:0;padding:16px;background:#fff;color:#222;"
    "font:15px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}"
    "main{max-width:1280px;margin:0 auto}"
    "h1{font-size:22px;margin:0 0 6px}"
    "h2{font-size:18px;margin:22px 0 10px;padding-bottom:4px;border-bottom:1px solid #ddd}"
    "p.intro{color:#555;margin:0 0 12px}"
    ".figures{display:flex;flex-wrap:wrap;gap:14px}"
    "figure{margin:0 0 4px;flex:1 1 440px;max-width:660px;box-sizing:border-box;"
    "border:1px solid #e3e3e3;border-radius:8px;padding:10px 12px}"
    "figcaption{font-weight:600;margin:0 0 6px}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}"
    ".card{flex:1 1 300px;max-width:100%;box-sizing:border-box;border:1px solid #e3e3e3;"
    "border-left:4px solid #2f6fb0;border-radius:8px;padding:10px 12px}"
    ".card.alert{border-left-color:#c0392b}"
    ".card h3{font-size:16px;margin:0 0 6px;overflow-wrap:anywhere}"
    ".card dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}"
    ".card dt{color:#666}.card dd{margin:0;overflow-wrap:anywhere}"
    "dd.alert{color:#c0392b;font-weight:600}"
    "table{border-collapse:collapse;margin:0 0 8px;max-width:100%}"
    "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
    "th{background:#f5f5f5}td.num{text-align:right}"
    "ul.notes{padding-left:20px;margin:8px 0}ul.notes li{margin:2px 0}"
    "pre{white-space:pre-wrap;overflow-wrap:anywhere}"
)


def page_html(page: Page) -> str:
    """``page`` (already ``visible``) as a complete HTML document."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(page.title)}</title><style>{STYLE}</style></head><body><main>",
    ]
    if page.heading or page.text is not None:
        parts.append(f"<h1>{escape(page.title)}</h1>")
    if page.heading:
        parts += [f'<p class="intro">{escape(line)}</p>' for line in page.intro if line.strip()]
    parts += figures_html(page.figures)
    if page.text is not None:
        parts.append(f"<pre>{escape(page.text)}</pre>")
    for n, listing in enumerate(page.listings):
        parts.append(listing_html(listing))
        if n == 0 and page.more_figures:
            parts.append(f"<h2>{escape(page.more_title)}</h2>")
            parts += figures_html(page.more_figures)
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def figures_html(charts: list[Any]) -> list[str]:
    """Charts side by side where there is room, one under another where there is not."""
    if not charts:
        return []
    parts = ['<section class="figures">']
    for chart in charts:
        parts.append(f"<figure><figcaption>{escape(chart.title)}</figcaption>")
        parts.append(svg(chart))
        parts.append("</figure>")
    parts.append("</section>")
    return parts


def _said(value: object) -> bool:
    return cell_text(value) not in ("", "-")


def listing_html(listing: Listing) -> str:
    out = [f"<h2>{escape(listing.title)}</h2>"]
    if not listing.rows:
        out.append(f"<p>{escape(listing.empty)}</p>")
        return "\n".join(out)
    columns = listing.card_columns
    as_cards = len(columns) > TABLE_COLUMNS
    if as_cards:
        out.append(cards_html(listing))
    else:
        out.append("<table>")
        out.append("<tr>" + "".join(f"<th>{escape(c.header)}</th>" for c in columns) + "</tr>")
        for row in listing.rows:
            cells = []
            for column in columns:
                css = ' class="num"' if column.justify == "right" else ""
                cells.append(f"<td{css}>{escape(cell_text(row.get(column.key)))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    if listing.notes and (listing.card_notes or not as_cards):
        items = "".join(f"<li>{escape(n.removeprefix('- '))}</li>" for n in listing.notes)
        out.append(f'<ul class="notes">{items}</ul>')
    return "\n".join(out)


def cards_html(listing: Listing) -> str:
    heading, *fields = listing.card_columns
    out = ['<div class="cards">']
    for row in listing.rows:
        alert = any(_said(row.get(c.key)) for c in fields if c.key in ALERT_KEYS)
        out.append(f'<div class="card{" alert" if alert else ""}">')
        out.append(f"<h3>{escape(cell_text(row.get(heading.key)))}</h3><dl>")
        for column in fields:
            value = row.get(column.key)
            if not _said(value) and column.key in ALERT_KEYS:
                continue  # no flag: nothing to say
            css = ' class="alert"' if column.key in ALERT_KEYS else ""
            out.append(f"<dt>{escape(column.header)}</dt><dd{css}>{escape(cell_text(value))}</dd>")
        out.append("</dl></div>")
    out.append("</div>")
    return "\n".join(out)


@register("html")
def render_html(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    return page_html(visible_page(view.page))
