"""``--format json``: the view's data, indented, dates as ISO 8601."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from coachlog.render.formats import register
from coachlog.render.page import Envelope, Terminal, View


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=_default) + "\n"


@register("json")
def render_json(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    return to_json(view.data)
