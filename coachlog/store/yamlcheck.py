"""Front matter from a hostile file: what the YAML readers refuse before and after parsing.

Front matter is plain data: anchors, aliases, custom tags, duplicate keys and non-finite
numbers are refused. So is what would take the reader long or deep: a file over ``MAX_BYTES``,
YAML over ``MAX_LINES`` lines or ``MAX_FLOW_ITEMS`` comma-separated items, brackets nested over
``MAX_FLOW_DEPTH`` (``too_big``, checked by both readers before any parsing). Every error of
the round-trip parser becomes one that names the file line where the mistake is
(``load_checked``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from coachlog.errors import CoachlogError
from coachlog.store.lazyre import LazyPattern

MAX_BYTES = 1_000_000
# The round-trip reader is pure Python: a few thousand lines take it a second. A record's front
# matter is a hundred lines or so, a config a few hundred; long notes belong in the body.
MAX_LINES = 5_000
MAX_FLOW_ITEMS = 5_000
MAX_FLOW_DEPTH = 100

# errors whose context mark is where the mistake starts: the opening quote or bracket, the key
_OPENED_AT = (
    "while scanning a quoted",
    "while scanning a simple key",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)


def too_big(text: str) -> tuple[str, int] | None:
    """Why ``text`` is more YAML than coachlog reads, and the 0-based line where it passes the
    limit; ``None`` when it is within every limit. Checked before any parsing, in both readers."""
    lines = text.count("\n")
    if lines > MAX_LINES:
        return (
            f"YAML of {lines:,} lines is more than coachlog reads ({MAX_LINES:,}); "
            "keep long notes in the Markdown body",
            MAX_LINES,
        )
    items = text.count(",")
    if items > MAX_FLOW_ITEMS:
        at = 0
        for _ in range(MAX_FLOW_ITEMS + 1):
            at = text.index(",", at) + 1
        return (
            f"YAML with {items:,} comma-separated items is more than coachlog reads "
            f"({MAX_FLOW_ITEMS:,}); write long lists one item per line",
            text.count("\n", 0, at),
        )
    deep = _too_deep(text)
    if deep is not None:
        return "YAML is nested too deeply", deep
    return None


def refuse_too_big(text: str, path: Path, first_line: int) -> None:
    """Refuse YAML text beyond a limit (``too_big``), naming the line where it passes it."""
    refused = too_big(text)
    if refused is not None:
        raise CoachlogError(refused[0], path=path, line=first_line + refused[1])


def load_checked(load: Callable[[str], Any], text: str, path: Path, first_line: int) -> Any:
    """``load(text)`` (ruamel's round-trip loader), refusing what is not plain data: any
    error of the parser becomes one naming the file line where the mistake is, and the data
    must be a mapping without anchors, aliases, tags or non-finite numbers."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    try:
        data = load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "malformed YAML").strip()
        if exc.context_mark is not None and (exc.context or "").startswith(_OPENED_AT):
            # an unclosed quote or bracket, a key without ':': where it starts is the mistake,
            # not where the parser gave up (often the end of the text)
            mark = exc.context_mark
            problem = f"{problem} ({exc.context.strip()} that starts here)"
        last = first_line + max(len(text.splitlines()) - 1, 0)  # the end of the text: its last line
        line = min(first_line + mark.line, last) if mark is not None else first_line
        if "duplicate key" in problem or "found duplicate key" in str(exc):
            problem = "duplicate key " + _dup_key(str(exc))
        raise CoachlogError(f"malformed YAML: {problem}", path=path, line=line) from None
    except ReaderError as exc:  # a character YAML does not allow (NUL, a control, U+FFFE)
        line = first_line + text.count("\n", 0, max(exc.position, 0))
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        message = f"malformed YAML: character U+{char:04X} is not allowed; delete it"
        raise CoachlogError(message, path=path, line=line) from None
    except YAMLError as exc:
        raise CoachlogError(f"malformed YAML: {exc}", path=path, line=first_line) from None
    except RecursionError:
        raise CoachlogError("YAML is nested too deeply", path=path, line=first_line) from None
    except (ValueError, OverflowError) as exc:  # a value the parser took for a date or number
        message, line = _bad_scalar(text, exc)
        raise CoachlogError(message, path=path, line=first_line + line) from None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    if not isinstance(data, dict):
        raise CoachlogError("YAML must be a mapping of keys to values", path=path, line=first_line)
    for node, line in _walk(data, first_line):
        problem = _not_plain(node)
        if problem:
            raise CoachlogError(problem, path=path, line=line)
    return data


def _bad_scalar(text: str, exc: Exception) -> tuple[str, int]:
    """The message and 0-based line of the scalar that broke construction: a date that is not
    on the calendar (2026-02-30), a time past 23:59, a number too long to hold."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    stack: list[tuple[Any, tuple[str, ...]]] = [(YAML(typ="rt").compose(text), ())]
    while stack:
        node, at = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, (*at, str(getattr(key, "value", "?")))))
                stack.append((key, at))
        elif isinstance(node, SequenceNode):
            stack.extend((item, (*at, str(i))) for i, item in reversed(list(enumerate(node.value))))
        elif isinstance(node, ScalarNode):
            problem = _scalar_problem(node, SafeConstructor)
            if problem is not None:
                where = ".".join(at) + ": " if at else ""
                return where + problem, node.start_mark.line
    return f"malformed YAML: {exc}", 0


def _scalar_problem(node: Any, constructor: Any) -> str | None:
    value = node.value
    shown = repr(value if len(value) <= 40 else value[:37] + "...")
    if node.tag == _CORE_TAG + "timestamp":
        try:
            constructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as problem:
            what = "time" if len(value) > 10 else "day of the calendar"
            return f"{shown} is not a real {what} ({problem})"
    elif node.tag in (_CORE_TAG + "int", _CORE_TAG + "float") and len(value) > 1000:
        return f"a number of {len(value):,} digits is too long"
    return None


_DEEP_BLOCK = LazyPattern(rf"^(?:[ \t]|-[ \t]|\?[ \t]){{{2 * MAX_FLOW_DEPTH}}}", re.M)


def _too_deep(text: str) -> int | None:
    """The 0-based line where ``[``/``{`` nesting passes MAX_FLOW_DEPTH, or where a line opens
    deeper than twice that many columns of indentation and ``- `` (block nesting), if any.
    Counted without regard to quotes: only a file no person would write is refused."""
    block = _DEEP_BLOCK.search(text)
    if block is not None:
        return text.count("\n", 0, block.start())
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            return text.count("\n", 0, match.start())
    return None


def _dup_key(message: str) -> str:
    match = re.search(r'found duplicate key "([^"]*)"', message)
    return repr(match.group(1)) if match else ""


_CORE_TAG = "tag:yaml.org,2002:"


def not_finite(value: float) -> str:
    """YAML has ``.inf`` and ``.nan``; a count, a target or a forecast has no use for them (and
    the index's JSON cannot hold them)."""
    if math.isnan(value):
        return ".nan is not a number coachlog can count with; write a number"
    spelled = ".inf" if value > 0 else "-.inf"
    return (
        f"{spelled} (infinity, or a number too big to hold) is not a number coachlog can count "
        "with; write a number"
    )


def _not_plain(node: Any) -> str | None:
    from ruamel.yaml.comments import CommentedOrderedMap, CommentedSet

    if isinstance(node, float) and not math.isfinite(node):
        return not_finite(node)

    anchor = getattr(node, "anchor", None)
    if anchor is not None and getattr(anchor, "value", None):
        return f"YAML anchors and aliases are not allowed (&{anchor.value}); write the value out"
    tag = getattr(node, "tag", None)
    tag_value = getattr(tag, "value", tag) if tag is not None else None
    if tag_value and isinstance(tag_value, str):
        # ruamel spells "!!python/object:..." as its full URI; any explicit tag is refused
        shown = (
            "!!" + tag_value.removeprefix(_CORE_TAG)
            if tag_value.startswith(_CORE_TAG)
            else tag_value
        )
        return f"YAML tags are not allowed ({shown}); write the plain value"
    for kind, name in (
        (bytes, "!!binary"),
        (CommentedSet, "!!set"),
        (CommentedOrderedMap, "!!omap"),
    ):
        if isinstance(node, kind):
            return f"YAML tags are not allowed ({name}); write the plain value"
    return None


def _walk(data: Any, first_line: int) -> Iterator[tuple[Any, int]]:
    """Every node with its file line; a node met twice is an alias."""
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, first_line)]
    while stack:
        node, line = stack.pop()
        if isinstance(node, dict | list):
            if id(node) in seen:
                yield _Alias(), line
                continue
            seen.add(id(node))
        yield node, line
        if isinstance(node, dict):
            for key, value in node.items():
                stack.append((value, _line(node, key, line, first_line)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                stack.append((value, _line(node, index, line, first_line)))


class _Alias:
    anchor = type("A", (), {"value": "alias"})()


def _line(node: Any, key: Any, default: int, first_line: int) -> int:
    try:
        pos = node.lc.item(key) if isinstance(node, list) else node.lc.key(key)  # type: ignore[attr-defined]
        return first_line + pos[0]
    except (AttributeError, KeyError, TypeError, IndexError):
        return default
