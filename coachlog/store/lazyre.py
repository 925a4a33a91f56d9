"""Regular expressions compiled on first use, for the YAML modules: most commands never need
them, and compiling them all would cost every command a few milliseconds of start-up."""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """A regular expression compiled on first use: most commands never need these, and
    compiling them all costs every command a few milliseconds of start-up."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return getattr(self._compiled, name)
