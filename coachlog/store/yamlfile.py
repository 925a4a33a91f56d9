"""YAML documents that round-trip: front matter of records, rep profiles and the config.

One code path reads and writes every file the journal holds. ``Document.load`` reads a file
with ruamel.yaml's round-trip loader (comments, key order and quoting kept); ``Document.new``
starts one from plain data; ``render`` dumps it back. Lines whose meaning did not change keep
their original text byte-for-byte (a ``null`` the dumper would print empty, a quote style, a
trailing space), so a CLI edit changes only the lines it must.

Front matter is plain data: anchors, aliases, custom tags and duplicate keys are refused. So is
what would take the reader long or deep: a file over ``MAX_BYTES``, YAML over ``MAX_LINES``
lines or ``MAX_FLOW_ITEMS`` comma-separated items, brackets nested over ``MAX_FLOW_DEPTH``.
"""

from __future__ import annotations

import difflib
import io
import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coachlog.core.history import FlowMap
from coachlog.errors import CoachlogError


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


MAX_BYTES = 1_000_000
# The round-trip reader is pure Python: a few thousand lines take it a second. A record's front
# matter is a hundred lines or so, a config a few hundred; long notes belong in the body.
MAX_LINES = 5_000
MAX_FLOW_ITEMS = 5_000
FENCE = "---"

# Strings a YAML 1.1 reader (PyYAML, python-frontmatter, many editors) would read as something
# else: booleans, nulls, numbers with leading zeros, sexagesimals, dates. Written quoted.
_YAML11_SPECIAL = LazyPattern(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE
        |on|On|ON|off|Off|OFF|~|null|Null|NULL
        |[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?
        |[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
        |\d{4}-\d\d?-\d\d?(?:[Tt ].*)?
        |\.(?:inf|Inf|INF|nan|NaN|NAN)|[-+]?\.(?:inf|Inf|INF))$""",
    re.VERBOSE,
)


def _printable(text: str) -> bool:
    """Printable text, tabs and LF breaks only: no CR, NEL or other breaks a reader folds."""
    return all(c.isprintable() or c in "\n\t" for c in text)


def _yaml(seq_indent: int = 4, seq_offset: int = 2, map_indent: int = 2) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.scalarfloat import ScalarFloat

    class Representer(RoundTripRepresenter):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # front matter is plain data: a value used twice is written twice

        def represent_none(self, data: Any) -> Any:
            return self.represent_scalar("tag:yaml.org,2002:null", "")  # `commit:` to fill in

    def represent_str(rep: Any, value: str) -> Any:
        style = "'" if _YAML11_SPECIAL.match(value) else None
        if not _printable(value):  # CR, NEL, controls: only "..." escapes keep them
            style = '"'
        elif "\n" in value:  # notes as a | block, unless a tab opens it (PyYAML refuses that)
            style = '"' if value.startswith("\t") else "|"
        return rep.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def represent_datetime(rep: Any, value: datetime) -> Any:
        # seconds, or microseconds where there are some: what was read is written back
        # in UTC with a Z, or with the offset it has (where a change was made, a day is a day)
        timespec = "microseconds" if value.microsecond else "seconds"
        offset = value.utcoffset()
        if offset is not None and not offset:
            text = value.replace(tzinfo=None).isoformat(timespec=timespec) + "Z"
        else:
            text = value.isoformat(timespec=timespec)
        return rep.represent_scalar("tag:yaml.org,2002:timestamp", text)

    def represent_float(rep: Any, value: float) -> Any:
        if math.isfinite(value) and value == int(value) and abs(value) < 2**53:
            return rep.represent_int(int(value))
        return RoundTripRepresenter.represent_float(rep, value)

    def represent_scalar_float(rep: Any, value: Any) -> Any:
        # a float as read keeps its spelling (1.0e+3, 0.50); ruamel rebuilds that spelling
        # from the value, and for some values (7.156889931954785e+16) rebuilds another number
        node = RoundTripRepresenter.represent_scalar_float(rep, value)
        try:
            if float(node.value) == float(value):
                return node
        except ValueError:
            pass
        return represent_float(rep, float(value))

    def represent_flow_map(rep: Any, value: FlowMap) -> Any:
        return rep.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)

    Representer.add_representer(FlowMap, represent_flow_map)
    Representer.add_representer(type(None), Representer.represent_none)
    Representer.add_representer(str, represent_str)
    Representer.add_representer(datetime, represent_datetime)
    Representer.add_representer(float, represent_float)
    Representer.add_representer(ScalarFloat, represent_scalar_float)

    yaml = YAML(typ="rt")
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=map_indent, sequence=seq_indent, offset=seq_offset)
    yaml.default_flow_style = False
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class Document:
    """A YAML mapping kept as ruamel round-trip data, with the Markdown body of a record."""

    path: Path
    data: Any  # ruamel CommentedMap
    body: str = ""
    fenced: bool = True  # a record (--- fences + body) or a plain YAML file
    original: str | None = None  # the YAML text as read, for keeping unchanged lines
    first_line: int = 1  # file line of the YAML text's first line
    newline: str = "\n"
    bom: bool = False
    indent: tuple[int, int, int] = (4, 2, 2)  # sequence indent, sequence offset, mapping indent

    # --- reading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path, *, fenced: bool = True) -> Document:
        return cls.parse(path, read_text(path), fenced=fenced)

    @classmethod
    def parse(cls, path: Path, raw: str, *, fenced: bool = True) -> Document:
        """The document ``raw`` holds, as if it were read from ``path``."""
        refuse_conflict_markers(raw, path)
        bom = raw.startswith("\ufeff")
        text = raw[1:] if bom else raw
        # the YAML's line ends are those of the file's first line; the body keeps its own
        first_end = text.find("\n")
        newline = "\r\n" if first_end > 0 and text[first_end - 1] == "\r" else "\n"
        if fenced:
            yaml_text, body, first_line = split_front_matter(text, path)
        else:
            yaml_text, body, first_line = text, "", 1
        if newline != "\n":
            yaml_text = yaml_text.replace("\r\n", "\n")
        data, indent = parse_roundtrip(yaml_text, path, first_line)
        return cls(path, data, body, fenced, yaml_text, first_line, newline, bom, indent)

    @classmethod
    def new(
        cls, path: Path, data: dict[str, Any], body: str = "", *, fenced: bool = True
    ) -> Document:
        return cls(path, plain(data), body, fenced)

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """The file line of the value at ``loc`` (keys and list indexes), as near as known."""
        node, line = self.data, None
        for part in loc:
            try:
                if isinstance(part, int) and isinstance(node, list):
                    line = node.lc.item(part)[0]  # type: ignore[attr-defined]
                elif isinstance(node, dict) and part in node:
                    line = node.lc.key(part)[0]  # type: ignore[attr-defined]
                else:
                    break
                node = node[part]
            except (AttributeError, KeyError, IndexError, TypeError):
                break
        return self.first_line + (line or 0)

    # --- writing -----------------------------------------------------------------------------

    def render(self) -> str:
        seq, offset, mapping = self.indent
        out = io.StringIO()
        if self.data:
            _yaml(seq, offset, mapping).dump(self.data, out)
        yaml_text = out.getvalue()
        if self.original is not None:
            yaml_text = keep_unchanged_lines(self.original, yaml_text)
        text = f"{FENCE}\n{yaml_text}{FENCE}\n" if self.fenced else yaml_text
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "") + text + self.body


_CONFLICT = LazyPattern(r"(?m)^<<<<<<<(?: |$)")


def refuse_conflict_markers(text: str, path: Path) -> None:
    """A file git left mid-merge (``<<<<<<<`` ... ``>>>>>>>``) is named as such, at the line of
    the first marker, wherever it is (front matter or body)."""
    match = _CONFLICT.search(text)
    if match is not None:
        line = text.count("\n", 0, match.start()) + 1
        raise CoachlogError(
            "unresolved git merge conflict (<<<<<<<); resolve it, then run coachlog check",
            path=path,
            line=line,
        )


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CoachlogError(
                f"file is {size:,} bytes; coachlog reads files up to {MAX_BYTES:,}",
                path=path,
                line=1,
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CoachlogError("no such file", path=path) from None
    except IsADirectoryError:
        raise CoachlogError("is a folder, not a file", path=path) from None
    except PermissionError:
        raise CoachlogError("permission denied", path=path) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CoachlogError("is not UTF-8 text; save it as UTF-8", path=path, line=line) from None


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Cut a record into its YAML front matter and Markdown body (LF or CRLF line ends)."""
    start = next((len(f) for f in (FENCE + "\n", FENCE + "\r\n") if text.startswith(f)), None)
    if start is None:
        raise CoachlogError("does not start with a '---' front matter fence", path=path, line=1)
    end = re.search(r"^---[ \t]*\r?$\n?", text[start:], re.MULTILINE)
    if end is None:
        raise CoachlogError("front matter has no closing '---' line", path=path, line=1)
    return text[start : start + end.start()], text[start + end.end() :], 2


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


def parse_roundtrip(text: str, path: Path, first_line: int) -> tuple[Any, tuple[int, int, int]]:
    """Parse YAML text to ruamel round-trip data, refusing what is not plain data."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    refused = too_big(text)
    if refused is not None:
        raise CoachlogError(refused[0], path=path, line=first_line + refused[1])
    indent = guess_indent(text)
    try:
        data = _yaml(*indent).load(text)
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
    return data, indent


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


MAX_FLOW_DEPTH = 100


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


_ITEM_PREFIX = LazyPattern(r"^ *(?:-[ \t]+)*")  # the indent and the "- " marks before a key


def guess_indent(text: str) -> tuple[int, int, int]:
    """(sequence indent, sequence offset, mapping indent) the text already uses."""
    seq_offset = None
    map_indent = None
    lines = text.splitlines()
    for prev, cur in itertools.pairwise(lines):
        prev_s = prev.rstrip()
        if not prev_s.endswith(":") or prev_s.lstrip().startswith("#"):
            continue
        base = len(_ITEM_PREFIX.match(prev).group())  # type: ignore[union-attr]  # key's column
        stripped = cur.lstrip(" ")
        depth = len(cur) - len(stripped) - base
        if stripped.startswith("- ") and seq_offset is None and depth >= 0:
            seq_offset = depth
        elif stripped and not stripped.startswith(("- ", "#")) and map_indent is None and depth > 0:
            map_indent = depth
    seq_offset = 2 if seq_offset is None else seq_offset
    map_indent = 2 if map_indent is None else map_indent
    return seq_offset + 2, seq_offset, map_indent


def plain(value: Any) -> Any:
    """Plain data for the dumper: mappings and lists of scalars, no pydantic or tuples; a
    ``FlowMap`` is written on one line."""
    if isinstance(value, FlowMap):
        return FlowMap({str(k): plain(v) for k, v in value.items()})
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date | str | int | float | bool) or value is None:
        return value
    return str(value)


_KEY_LINE = LazyPattern(r"^(\s*(?:-\s+)?)([^\s#'\"][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s+(.*?))?\s*$")


def keep_unchanged_lines(old: str, new: str) -> str:
    """``new``, with each line that only restates the matching line of ``old`` (same key, same
    value, other spelling) put back as it was; then each stretch of lines the dumper respelled
    as a whole (a plain scalar folded onto one line, a block scalar re-indented, a comment
    moved) put back too, where the document still means exactly what ``new`` means."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    chosen: list[list[str]] = []
    originals: list[list[str] | None] = []  # the old text of a stretch that differs
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        was = old_lines[i1:i2]
        if tag == "equal":
            chosen.append(was)
        elif tag == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(was, new_lines[j1:j2], strict=True)
            chosen.append([a if _same_meaning(a, b) else b for a, b in pairs])
        else:
            chosen.append(new_lines[j1:j2])
        originals.append(None if tag == "equal" or chosen[-1] == was else was)
    if "".join(itertools.chain.from_iterable(chosen)) == new:
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
