"""The one error type users see: a message with a place (file and line, or the input it is
about); and a notice, a warning that names the inputs it is about the same way."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple


class CoachlogError(Exception):
    """A problem the user can fix. Printed at the CLI edge as one line, never a traceback.

    ``where`` is a path, a path with a line, or the input the error is about: ``field``, its
    name as the operation knows it (a parameter such as ``due``, or a config key), until the
    CLI sets ``flag``, how the command that ran names it (``--due``, ``TITLE``). Below the CLI
    errors give ``field``; ``flag`` is for errors the CLI raises itself.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        flag: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        message = one_line(message)
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.flag = flag
        self.field = field
        self.hint = one_line(hint) if hint is not None else None

    @property
    def where(self) -> str | None:
        if self.path is not None:
            return f"{self.path}:{self.line}" if self.line else str(self.path)
        return self.flag or self.field

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


def one_line(text: str) -> str:
    """``text`` on one line: a message from a library may span several."""
    return re.sub(r"\s*[\r\n\u2028\u2029\x85]+\s*", " ", text).strip()


def shown(value: Any, limit: int = 40) -> str:
    """A value as a message quotes it: short, on one line."""
    if isinstance(value, int) and value.bit_length() > 4 * limit:  # repr() of a huge int fails
        return f"a number of about {int(value.bit_length() * 0.30103):,} digits"
    text = repr(value)
    if len(text) <= limit:
        return text
    quote = text[0] if text[0] in "'\"" else ""
    return text[: limit - 3 - len(quote)] + "..." + quote


class UsageError(CoachlogError):
    """Bad input on the command line: a flag's value, an unknown name."""

    exit_code = 2


class NotFoundError(CoachlogError):
    """Something named does not exist: a journal, a rep, a record, a goal."""

    exit_code = 1


class Named(NamedTuple):
    """How a notice names an input: ``words`` where no flag of the command that ran takes it
    (``one``, ``a target``), else ``flagged`` with its flag for ``{}`` (``one with {}``)."""

    words: str
    flagged: str = "{}"


class Notice(NamedTuple):
    """What the person should hear of that refuses nothing (a warning). ``text`` puts each input
    it is about as ``{field}``, the field as the operation names it (``{due}``), and ``fields``
    says how to name each: by the flag of the command that ran where it has one (``--due``, as
    ``cli.common.flag_for`` finds it), else in words (``str()``: always in words)."""

    text: str
    fields: Mapping[str, Named] = MappingProxyType({})

    def say(self, flag: Callable[[str], str] = lambda name: name) -> str:
        """The notice, each field named by ``flag`` (how the command that ran names a field,
        the field itself where no flag takes it), or in words."""
        if not self.fields:
            return self.text

        def name(match: re.Match[str]) -> str:
            how = self.fields.get(match[1])
            if how is None:
                return match[0]
            named = flag(match[1])
            return how.words if named == match[1] else how.flagged.format(named)

        return re.sub(r"\{(\w+)\}", name, self.text)

    def __str__(self) -> str:
        return self.say()


class Problem(NamedTuple):
    """A finding about a file, as ``coachlog check`` lists it: ``path:line: severity: message``."""

    path: str
    line: int
    severity: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.severity}: {one_line(self.message)}"
