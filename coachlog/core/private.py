"""Where a record's private text is, and how encrypted text looks (spec 12).

A record keeps private text in two places: its ``## Private`` section (everything under that
heading up to the next heading of level one or two, or the end) and any ``private:`` field of
its front matter (the record's, a goal's, a rep profile's). A journal that names keys in
``privacy: {encrypt_to: [...]}`` holds each of them encrypted with age, ASCII-armoured: a block
from ``ARMOR_BEGIN`` to ``ARMOR_END``. The encryption itself is ``store.privacy``'s; this module
only finds the places and the blocks, so that the merge of two clones can treat a block as one
piece (``core.textmerge``) rather than as lines of random letters.

``private_lines`` names the lines of a file that are private (the section's and each
``private:`` field with its value): what a search leaves out unless asked, and what ``show
--no-private`` hides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

PRIVATE_HEADING = "## Private"
ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = "-----END AGE ENCRYPTED FILE-----"
SHOWN = "[encrypted]"  # what a reader without the key sees in place of private text

_HEADING = re.compile(r"^#{1,2}(?:[ \t]|$)")
_PRIVATE = re.compile(r"^## Private[ \t]*$", re.IGNORECASE)


class Section(NamedTuple):
    """The text under a ``## Private`` heading: ``body[start:end]``, from the line after the
    heading to the next heading of level one or two (or the end)."""

    start: int
    end: int
    line: int  # the heading's line in the body, from 1


def private_sections(body: str) -> list[Section]:
    """Every ``## Private`` section of a Markdown body, first to last. Headings inside a fenced
    code block (```) are not headings."""
    found: list[Section] = []
    offset = 0
    fenced = False
    opened: tuple[int, int] | None = None  # (start, line) of the section being read
    for number, line in enumerate(body.splitlines(True), 1):
        bare = line.rstrip("\r\n")
        if bare.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and _HEADING.match(bare):
            if opened is not None:
                found.append(Section(opened[0], offset, opened[1]))
                opened = None
            if _PRIVATE.match(bare):
                opened = (offset + len(line), number)
        offset += len(line)
    if opened is not None:
        found.append(Section(opened[0], len(body), opened[1]))
    return found


def is_armored(text: str) -> bool:
    """``text`` is one armoured age block, and nothing else but blank space around it."""
    stripped = text.strip()
    return (
        stripped.startswith(ARMOR_BEGIN)
        and stripped.endswith(ARMOR_END)
        and stripped.count(ARMOR_BEGIN) == 1
    )


def has_clear_text(text: str) -> bool:
    """``text`` holds something besides armoured blocks and blank lines: what must be
    encrypted."""
    if ARMOR_BEGIN not in text:
        return bool(text.strip())
    return any(unit.strip() and not is_armored(unit) for unit in armor_units(text.splitlines(True)))


def sealed_section(armor: str, *, followed: bool) -> str:
    """The text under a ``## Private`` heading that holds ``armor``: a blank line, the block,
    and a blank line before a heading that follows."""
    block = armor if armor.endswith("\n") else armor + "\n"
    return "\n" + block + ("\n" if followed else "")


def armor_units(lines: list[str]) -> list[str]:
    """``lines`` with each armoured block joined into one item (its lines, as they are), so
    that a line-by-line merge takes a block whole or not at all: two clones that changed one
    private text conflict on the two blocks, never on lines inside them. Indented blocks (a
    ``private:`` field's) count too."""
    units: list[str] = []
    block: list[str] = []
    for line in lines:
        bare = line.strip()
        if block:
            block.append(line)
            if bare == ARMOR_END:
                units.append("".join(block))
                block = []
        elif bare == ARMOR_BEGIN:
            block = [line]
        else:
            units.append(line)
    units.extend(block)  # a block with no end: its lines as they are
    return units


_FIELD = re.compile(r"^( *)(?:- +)?private:[ \t]*(.*?)[ \t]*\r?$")


def clear_private_lines(text: str, *, fenced: bool) -> list[int]:
    """The lines (from 1) of a record (``fenced``: front matter and body) or a profile where
    private text is written in clear: a ``private:`` field whose value is not one encrypted
    block, a ``## Private`` section that holds anything but one. Read from the text alone, line
    by line, cheap enough for ``check`` on every file; a file whose front matter has no end is
    left to the checks that say so."""
    lines = text.splitlines(True)
    end = len(lines)
    if fenced:
        close = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
        if close is None:
            return []
        end = close
    found = []
    for number in range(1 if fenced else 0, end):
        match = _FIELD.match(lines[number])
        if match is None:
            continue
        value = match.group(2)
        following = next((x for x in lines[number + 1 : end] if x.strip()), "")
        if value.startswith(("|", ">")):
            clear = following.strip() != ARMOR_BEGIN
        elif value:
            clear = value not in ("~", "null", "''", '""')
        else:  # a mapping or a list below the key
            indent = len(following) - len(following.lstrip(" "))
            clear = indent > len(match.group(1))
        if clear:
            found.append(number + 1)
    if fenced:
        body = "".join(lines[end + 1 :])
        for section in private_sections(body):
            if has_clear_text(body[section.start : section.end]):
                found.append(end + 1 + section.line)
    return found


# --- private lines: what a search leaves out ----------------------------------------------------

_PRIVATE_KEY = re.compile(r"^(\s*)(?:-\s+)?private\s*:")
_FENCE = "---"
LEFT_OUT = "[private: left out]"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def private_lines(lines: Sequence[str], *, fenced: bool = True) -> set[int]:
    """The numbers (from 1) of the private lines of a file's ``lines``: each ``private:`` key
    of its YAML with the lines of its value (those indented deeper, or a block list at the
    key's own indentation) and, in a record's body, every line of a ``## Private`` section
    (``private_sections``). ``fenced``: YAML front matter between ``---`` fences, then a
    Markdown body (a record); else YAML alone (a rep's profile)."""
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
        first = yaml_end + 1 if yaml_end < len(lines) else len(lines)  # the body's first line
        body = "\n".join(line.rstrip("\r\n") for line in lines[first:]) + "\n"
        for section in private_sections(body):
            top = body.count("\n", 0, section.start)  # lines of the body before the section
            bottom = body.count("\n", 0, section.end)
            private.update(range(first + top + 1, first + bottom + 1))
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
            kept.append(f"{key.group(0)} {LEFT_OUT}\n" if key else f"\n{LEFT_OUT}\n\n")
    return "".join(kept)
