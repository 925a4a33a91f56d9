"""The output formats: one list, and one module each.

``FORMATS`` names every format once, in the order help lists them; the module of the same
name in this package renders it and registers itself with ``@register``. A format takes a
``View`` (``render/page.py``) and returns text:

- ``table``: rich tables on a terminal (plain text drawn the same way in a pipe);
- ``markdown``: the default in a pipe;
- ``json`` and ``csv``: the view's data and rows;
- ``html``: one self-contained page, with charts where the view has them;
- ``email``: an RFC 5322 message for ``sendmail -t`` (it needs an ``Envelope``);
- ``slack``: an incoming-webhook payload;
- ``ics``: an iCalendar feed, for a view with calendar entries (``coachlog calendar``).

A format's module is imported when it is used, so a command loads only what it prints with.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from coachlog.render.page import Envelope, Terminal, View

FORMATS: tuple[str, ...] = ("table", "markdown", "json", "csv", "html", "email", "slack")
# a calendar's formats: every format, and the iCalendar feed (``ics``)
CALENDAR: tuple[str, ...] = (*FORMATS, "ics")
# the formats of a view without rows (an agenda, a goal's story, a what-if)
READING: tuple[str, ...] = ("table", "markdown", "json")
# what a command prints without --format: a table on a terminal, Markdown in a pipe
ON_A_TERMINAL, IN_A_PIPE = "table", "markdown"


@dataclass(frozen=True)
class Format:
    name: str
    render: Callable[[View, Terminal, Envelope | None], str]
    needs_envelope: bool = False


_registered: dict[str, Format] = {}


def register(
    name: str, *, needs_envelope: bool = False
) -> Callable[[Callable[[View, Terminal, Envelope | None], str]], Callable[..., str]]:
    """Declare the function that renders format ``name`` (one of ``FORMATS``)."""
    if name not in CALENDAR:
        raise ValueError(f"{name!r} is not listed in FORMATS or CALENDAR")

    def add(render: Callable[[View, Terminal, Envelope | None], str]) -> Callable[..., str]:
        _registered[name] = Format(name, render, needs_envelope)
        return render

    return add


def get(name: str) -> Format:
    if name not in _registered:
        importlib.import_module(f"{__name__}.{name}")
    return _registered[name]
