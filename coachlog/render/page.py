"""What every output is made of: plain data that a format turns into text.

A command builds a ``View``: a ``Page`` (listings of rows under named columns, lines of text
before them, or Markdown prose such as an agenda) for the formats people read, ``data`` for
``--format json`` and, where rows make sense, a ``Table`` for ``--format csv``. A format
(``render/formats/``) renders a view for a ``Terminal`` (the output environment the CLI
describes) and, for an email, an ``Envelope``. Nothing here reads the environment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from coachlog.render.text import visible

# The immutable types are NamedTuples, the others dataclasses: a dataclass costs about a
# millisecond to define, and every command that prints imports this module.


class Column(NamedTuple):
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
    cards: list[Column] | None = None  # a card per row (HTML, an email's text): first, its heading
    card_notes: bool = True  # False: the cards say what the notes say, so cards go without them

    @property
    def narrow_columns(self) -> list[Column]:
        return self.narrow if self.narrow is not None else self.columns

    @property
    def card_columns(self) -> list[Column]:
        return self.cards if self.cards is not None else self.narrow_columns


@dataclass
class Page:
    """Listings under one title, after a few lines of text (a report); or, with ``text``,
    Markdown prose standing alone (an agenda, a goal's story)."""

    title: str
    listings: list[Listing]
    intro: list[str] = field(default_factory=list)
    heading: bool = True  # False: one listing standing alone, its own title is the heading
    text: str | None = None
    # charts (``render.charts``) that a format able to draw shows before the listings (HTML);
    # every number in them is in the listings too
    figures: list[Any] = field(default_factory=list)
    # more charts, shown after the first listing under their own heading (each rep's)
    more_figures: list[Any] = field(default_factory=list)
    more_title: str = ""


class Table(NamedTuple):
    """Rows for ``--format csv``, in ``columns`` order."""

    rows: list[dict[str, Any]]
    columns: list[str]


class Feed(NamedTuple):
    """What ``--format ics`` writes: a calendar's name, the run's today (its time stamp) and
    its entries (``core.feed.Entry``)."""

    name: str
    today: date
    entries: tuple[Any, ...]


class View:
    """One command's output, ready for any format it offers: ``page`` what a person reads
    (terminal, Markdown, HTML, email, Slack), ``data`` what ``--format json`` prints, ``table``
    what ``--format csv`` prints (None where rows make no sense), ``events`` what ``--format
    ics`` writes (None but for a calendar). ``page`` may be given as the function that makes
    it, called only when a format shows it (a report over years draws charts JSON never
    prints)."""

    __slots__ = ("_page", "data", "events", "table")

    def __init__(
        self,
        page: Page | Callable[[], Page],
        data: Any,
        table: Table | None = None,
        events: Feed | None = None,
    ) -> None:
        self._page = page
        self.data = data
        self.table = table
        self.events = events

    @property
    def page(self) -> Page:
        if not isinstance(self._page, Page):
            self._page = self._page()
        return self._page

    def with_events(self, events: Feed) -> View:
        return View(self._page, self.data, self.table, events)

    @classmethod
    def of_listing(cls, listing: Listing) -> View:
        """A listing standing alone: JSON and CSV carry its JSON rows, or else its rows."""
        rows = listing.json_rows if listing.json_rows is not None else listing.rows
        columns = (
            list(rows[0].keys())
            if rows and listing.json_rows is not None
            else [c.key for c in listing.columns]
        )
        page = Page(listing.title, [listing], heading=False)
        return cls(page, rows, Table(rows, columns))

    @classmethod
    def of_text(cls, title: str, markdown: str, data: Any) -> View:
        return cls(Page(title, [], text=markdown), data)


class Terminal(NamedTuple):
    """Where the output goes: a terminal (rich tables, styles) or not (plain text), how wide,
    and whether colour is wanted. The CLI fills it in from the real stdout and NO_COLOR."""

    is_terminal: bool = False
    width: int = 100
    color: bool = True


class Envelope(NamedTuple):
    """From, To, Subject, Date and Message-ID of an email (made by the caller: render reads no
    clock and draws no random number)."""

    sender: str
    to: str
    subject: str
    date: datetime
    message_id: str


def cell_text(value: Any) -> str:
    """A value as a table cell, a CSV field or a chat line shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _visible_value(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, list | tuple):
        return [_visible_value(v) for v in value]
    return value


def visible_page(page: Page) -> Page:
    """``page`` as people read it (every format but JSON and CSV): each text in it ``visible``."""
    return Page(
        visible(page.title),
        [
            Listing(
                visible(listing.title),
                listing.columns,
                [{k: _visible_value(v) for k, v in row.items()} for row in listing.rows],
                visible(listing.empty),
                listing.json_rows,
                [visible(note) for note in listing.notes],
                listing.narrow,
                listing.cards,
                listing.card_notes,
            )
            for listing in page.listings
        ],
        [visible(line) for line in page.intro],
        page.heading,
        None if page.text is None else visible(page.text),
        page.figures,  # a chart shows its text escaped (``render.charts``)
        page.more_figures,
        visible(page.more_title),
    )
