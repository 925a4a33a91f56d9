"""Where a record's private text is, and how encrypted text looks (spec 12).

A record keeps private text in two places: its ``## Private`` section (everything under that
heading up to the next heading of level one or two, or the end) and any ``private:`` field of
its front matter (the record's, a goal's, a rep profile's). A journal that names keys in
``privacy: {encrypt_to: [...]}`` holds each of them encrypted with age, ASCII-armoured: a block
from ``ARMOR_BEGIN`` to ``ARMOR_END``. The encryption itself is ``store.privacy``'s; this module
only finds the places and the blocks, so that the merge of two clones can treat a block as one
piece (``core.textmerge``) rather than as lines of random letters.
"""

from __future__ import annotations

import re
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
