"""Keeping unchanged lines on rewrite: after a change, each line of the YAML whose meaning did
not change keeps its original text byte-for-byte (a ``null`` the dumper would print empty, a
quote style, a trailing space, a plain scalar folded over lines), so a CLI edit changes only
the lines it must, and the text as a whole still means exactly what the dumper wrote.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator
from typing import Any

from coachlog.store.lazyre import LazyPattern

_KEY_LINE = LazyPattern(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s+(.*?))?\s*$")


def keep_unchanged_lines(old: str, new: str) -> str:
    """``new``, with each line that only restates the matching line of ``old`` (same key, same
    value, other spelling) put back as it was; then each stretch of lines the dumper respelled
    as a whole (a plain scalar folded onto one line, a block scalar re-indented, a comment
    moved) put back too, where the document still means exactly what ``new`` means."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    chosen: list[list[str]] = []
    originals: list[list[str] | None] = []  # the old text of a stretch that differs
    reindented = False  # a stretch the dumper only indented otherwise (a list indented by hand)
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        was = old_lines[i1:i2]
        if tag == "equal":
            chosen.append(was)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pairs = list(zip(was, new_lines[j1:j2], strict=True))
            chosen.append([a if _same_meaning(a, b) else b for a, b in pairs])
            reindented = reindented or all(a.strip() == b.strip() for a, b in pairs)
        else:
            chosen.append(new_lines[j1:j2])
        originals.append(None if tag == "equal" or chosen[-1] == was else was)
    if "".join(itertools.chain.from_iterable(chosen)) == new and not reindented:
        return new
    target = _meaning(new)
    if target is _UNREADABLE:
        return new
    for index, original in enumerate(originals):
        if original is None:
            continue
        for candidate in _restorations(original, chosen[index]):
            trial = [*chosen[:index], candidate, *chosen[index + 1 :]]
            if _meaning("".join(itertools.chain.from_iterable(trial))) == target:
                chosen[index] = candidate
                break
    kept = "".join(itertools.chain.from_iterable(chosen))
    # line by line is a guess; the whole text must still say what the dumper wrote
    return kept if _meaning(kept) == target else new


def _restorations(was: list[str], now: list[str]) -> Iterator[list[str]]:
    """Ways to put back old lines of a stretch, most old lines first: all of them, then the
    old text before or after the split where the real change is (a changed value next to a
    line the dumper respelled)."""
    yield was
    if len(was) * len(now) > 36:  # a long stretch: a real change, not worth the parses
        return
    candidates: list[tuple[int, list[str]]] = []
    for n in range(len(was) + 1):
        for m in range(len(now) + 1):
            candidates.append((n, [*was[:n], *now[m:]]))  # old text, then the new
            candidates.append((len(was) - n, [*now[:m], *was[n:]]))  # new text, then the old
    seen = {tuple(was), tuple(now)}
    for _, candidate in sorted(candidates, key=lambda c: -c[0]):
        if tuple(candidate) not in seen:
            seen.add(tuple(candidate))
            yield candidate


_UNREADABLE = object()


def _meaning(text: str) -> Any:
    """What a YAML text says, as comparable plain data: key order, and bool apart from int."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return _canonical(YAML(typ="safe", pure=True).load(text))
    except (YAMLError, RecursionError):
        return _UNREADABLE


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return ("map", tuple((_canonical(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(_canonical(v) for v in value))
    return (type(value).__name__ if isinstance(value, bool | str | bytes) else "", value)


# a list item, or the key or value line of an explicit "? key" / ": value" pair
_ITEM_LINE = LazyPattern(r"^(\s*(?:[-?:]\s+)+)([^\s#].*?)\s*$")


def _same_meaning(a: str, b: str) -> bool:
    if a.rstrip() == b.rstrip():
        return True
    ma, mb = _KEY_LINE.match(a.rstrip("\n")), _KEY_LINE.match(b.rstrip("\n"))
    if not ma and not mb:
        # list items (and "? key", ": value" lines): the same scalar, maybe spelled otherwise
        ia, ib = _ITEM_LINE.match(a.rstrip("\n")), _ITEM_LINE.match(b.rstrip("\n"))
        if not ia or not ib or ia.group(1) != ib.group(1):
            return False
        if ia.group(2)[:1] in "|>" or ib.group(2)[:1] in "|>":  # a block scalar's header
            return False
        item_a, item_b = f"- {ia.group(2)}\n", f"- {ib.group(2)}\n"
        meaning = _meaning(item_a)
        return (
            meaning is not _UNREADABLE and _is_scalar_list(meaning) and meaning == _meaning(item_b)
        )
    if not ma or not mb or ma.group(1) != mb.group(1):
        return False
    va, vb = ma.group(3) or "", mb.group(3) or ""
    if va.endswith(("|", ">", "|-", ">-")) or vb.endswith(("|", ">", "|-", ">-")):
        return False
    # the same key and value, each maybe spelled otherwise ('n' for n, 'x' for "x")
    line_a, line_b = f"{ma.group(2)}: {va}\n", f"{mb.group(2)}: {vb}\n"
    meaning = _meaning(line_a)
    return meaning is not _UNREADABLE and meaning == _meaning(line_b)


def _is_scalar_list(meaning: Any) -> bool:
    """A one-item list of a scalar, as ``_canonical`` spells it."""
    return (
        isinstance(meaning, tuple)
        and meaning[0] == "seq"
        and len(meaning[1]) == 1
        and meaning[1][0][0] not in ("map", "seq")
    )
