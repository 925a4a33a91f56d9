"""``focus show``: a rep's #1 behaviour, its action plan and field dates, and the earlier ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachlog.render.page import Column, Listing, Page, View

if TYPE_CHECKING:
    from coachlog.model import Rep


def focus_view(rep: str, profile: Rep) -> View:
    current = profile.focus
    data = {
        "rep": rep,
        "focus": current.model_dump(mode="json") if current else None,
        "history": [f.model_dump(mode="json") for f in profile.focus_history],
    }
    rows = []
    for focus, status in [
        *([(current, "current")] if current else []),
        *((f, "earlier") for f in reversed(profile.focus_history)),
    ]:
        rows.append(
            {
                "status": status,
                "behaviour": focus.behaviour,
                "plan": focus.plan,
                "since": focus.since,
                "until": focus.until,
                "field_dates": focus.field_dates,
                "stuck": focus.stuck or ("-" if status == "current" else "not said"),
            }
        )
    columns = [
        Column("status", ""),
        Column("behaviour", "#1 behaviour"),
        Column("plan", "Action plan"),
        Column("since", "Since"),
        Column("until", "Until"),
        Column("field_dates", "Field coaching"),
        Column("stuck", "Stuck"),
    ]
    empty = f"no #1 behaviour yet: 'coachlog focus set --rep {rep} TEXT --plan TEXT'"
    title = f"#1 behaviour of {profile.name or rep}"
    listing = Listing(title, columns, rows, empty=empty)
    return View(Page(title, [listing], heading=False), data)
