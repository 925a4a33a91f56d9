"""The journal's fixed words, kept apart from the models so that what only reads the index
(``goals open``) starts without importing pydantic."""

from __future__ import annotations

import re

HANDLE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
HANDLE_RULE = "1-40 lowercase letters, digits, '-' or '_', starting with a letter"

GOAL_KINDS: tuple[str, ...] = ("opportunity", "performance", "career", "action")
RECORD_KINDS: tuple[str, ...] = ("1on1", "review", "debrief", "observation")
