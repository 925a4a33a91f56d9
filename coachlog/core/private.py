"""Which lines of a journal file are private, and finding text in the others.

Private are: in a record's body, everything under a ``## Private`` heading (any heading level,
any case) up to the next heading of the same level or higher; in YAML (a record's front matter
or a rep's profile), every ``private:`` key with the lines of its value (those indented deeper,
or a block list at the key's own indentation). What is private is left out of whatever is
shown to others, and of a search unless the person asks for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PRIVATE_KEY = re.compile(r"^(\s*)(?:-\s+)?private\s*:")
_FENCE = "---"
LEFT_OUT = "[private: left out]"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def private_lines(lines: Sequence[str], *, fenced: bool = True) -> set[int]:
    """The numbers (from 1) of the private lines of a file's ``lines``. ``fenced``: YAML front
    matter between ``---`` fences, then a Markdown body (a record); else YAML alone (a rep's
    profile)."""
    private: set[int] = set()
    yaml_end = len(lines)
    start = 0
    if fenced:
        if lines and lines[0].rstrip("\r\n").lstrip("\ufeff") == _FENCE:
            start = 1
            yaml_end = next(
                (i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") == _FENCE), len(lines)
            )
        else:
            yaml_end = 0
    _private_yaml(lines, start, yaml_end, private)
    if fenced:
        _private_body(lines, yaml_end + 1, private)
    return private


def _private_yaml(lines: Sequence[str], start: int, end: int, private: set[int]) -> None:
    i = start
    while i < end:
        match = _PRIVATE_KEY.match(lines[i])
        if not match:
            i += 1
            continue
        listed_key = match.group(0).lstrip().startswith("-")  # "- private:" in a list
        key_indent = len(match.group(1)) + (2 if listed_key else 0)
        private.add(i + 1)
        i += 1
        while i < end:
            line = lines[i].rstrip("\r\n")
            deeper = not line.strip() or _indent(line) > key_indent
            listed = _indent(line) == key_indent and line.lstrip().startswith("- ")
            if not (deeper or listed):
                break
            private.add(i + 1)
            i += 1


def _private_body(lines: Sequence[str], start: int, private: set[int]) -> None:
    level = 0  # the level of the Private heading we are under; 0: not under one
    for i in range(start, len(lines)):
        match = _HEADING.match(lines[i].rstrip("\r\n"))
        if match:
            depth = len(match.group(1))
            if level and depth <= level:
                level = 0
            if not level and match.group(2).strip().lower() == "private":
                level = depth
        if level:
            private.add(i + 1)


class Match(NamedTuple):
    line: int  # from 1
    text: str  # the whole line, without its line end


def find_text(text: str, wanted: str, *, fenced: bool = True, private: bool = False) -> list[Match]:
    """Each line of ``text`` that holds ``wanted`` (case does not matter), private lines left
    out unless ``private``."""
    lines = text.splitlines()
    needle = wanted.casefold()
    hidden = set() if private else private_lines(lines, fenced=fenced)
    return [
        Match(n, line)
        for n, line in enumerate(lines, start=1)
        if needle in line.casefold() and n not in hidden
    ]


def without_private(text: str, *, fenced: bool = True) -> str:
    """``text`` with what is private left out: a Private heading is kept with a line saying
    so under it, a ``private:`` key keeps its name."""
    lines = text.splitlines(keepends=True)
    hidden = private_lines(lines, fenced=fenced)
    kept: list[str] = []
    for n, line in enumerate(lines, start=1):
        if n not in hidden:
            kept.append(line)
        elif n - 1 not in hidden:  # the first line of a private part
            key = _PRIVATE_KEY.match(line)
            if key:
                kept.append(f"{key.group(0)} {LEFT_OUT}\n")
            else:
                kept.append(line if line.endswith("\n") else line + "\n")
                kept.append(f"\n{LEFT_OUT}\n")
    return "".join(kept)
