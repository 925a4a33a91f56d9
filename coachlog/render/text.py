"""Text from a journal as a terminal shows it: escaped, never obeyed.

Kept apart from ``render.page`` so that every command's messages can use it for the price of
one regular expression.
"""

from __future__ import annotations

import re

# What must not reach a terminal raw from a journal's text: C0 and C1 control characters but
# tab and newline (ESC starts a sequence that can retitle or clear a terminal, BEL rings it),
# and the marks that reorder text on screen (bidirectional overrides and isolates).
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character and reordering mark written as an escape
    (``\\x1b``, ``\\u202e``): what people read shows them, never obeys them."""
    return _UNSEEN.sub(_escape, text) if _UNSEEN.search(text) else text
