"""Three-way merges of text, line by line: what two people changed from one base, together.

``merge_text`` keeps every change both made. Where both changed the same lines differently it
either writes git's conflict markers (``markers=True``: a git merge, for the person to
resolve) or keeps both sides, ours first (the editor's return: nothing typed is lost, and the
person is told). The line matching is merge3's (the algorithm of bzr and breezy); an encrypted
block (``core.private``) is matched as one line, so no merge splices two of them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CONFLICT_START = "<<<<<<<"


@dataclass(frozen=True)
class Merged:
    text: str
    clashes: int  # stretches both sides changed differently


def merge_text(
    base: str, ours: str, theirs: str, *, markers: bool, names: tuple[str, str] = ("ours", "theirs")
) -> Merged:
    """Merge ``ours`` and ``theirs``, each changed from ``base``."""
    if ours == theirs or theirs == base:
        return Merged(ours, 0)
    if ours == base:
        return Merged(theirs, 0)
    import merge3

    from coachlog.core.private import armor_units

    # an encrypted block is one piece: taken whole from one side, or both whole in a conflict
    a, b, o = (armor_units(text.splitlines(True)) for text in (ours, theirs, base))
    merger = merge3.Merge3(o, a, b)
    out: list[str] = []
    clashes = 0
    for found in merger.merge_regions():
        region: tuple[Any, ...] = tuple(found)
        what = region[0]
        if what in ("unchanged", "a", "same"):
            source = o if what == "unchanged" else a
            out.extend(source[region[1] : region[2]])
        elif what == "b":
            out.extend(b[region[1] : region[2]])
        else:  # conflict
            clashes += 1
            mine, other = a[region[3] : region[4]], b[region[5] : region[6]]
            if markers:
                out.append(f"{CONFLICT_START} {names[0]}\n")
                out.extend(_ended(mine))
                out.append("=======\n")
                out.extend(_ended(other))
                out.append(f">>>>>>> {names[1]}\n")
            else:
                out.extend(_ended(mine) if other else mine)
                out.extend(other)
    return Merged("".join(out), clashes)


def _ended(lines: list[str]) -> list[str]:
    """``lines`` with the last one ended, so what follows starts a line of its own."""
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines
