"""``--format csv``: the view's rows, a header line first, cells as a table shows them."""

from __future__ import annotations

import csv
import io
from typing import Any

from coachlog.render.formats import register
from coachlog.render.page import Envelope, Terminal, View, cell_text


def to_csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell_text(row.get(k)) for k in columns})
    return out.getvalue()


@register("csv")
def render_csv(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    if view.table is None:  # the CLI offers csv only for views with rows
        raise ValueError(f"{view.page.title!r} has no rows for CSV")
    return to_csv(view.table.rows, view.table.columns)
