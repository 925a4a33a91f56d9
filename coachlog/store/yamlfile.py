"""YAML documents that round-trip: front matter of records, rep profiles and the config.

One code path reads and writes every file the journal holds. ``Document.load`` reads a file
with ruamel.yaml's round-trip loader (comments, key order and quoting kept); ``Document.new``
starts one from plain data; ``render`` dumps it back. Lines whose meaning did not change keep
their original text byte-for-byte (``store.keeplines``), so a CLI edit changes only the lines
it must. What is refused in a hostile file (limits, depth, tags, duplicate keys) is
``store.yamlcheck``'s.
"""

from __future__ import annotations

import io
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coachlog.core.history import FlowMap
from coachlog.errors import CoachlogError
from coachlog.store.keeplines import keep_unchanged_lines
from coachlog.store.lazyre import LazyPattern
from coachlog.store.yamlcheck import MAX_BYTES, load_checked, refuse_too_big

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


def parse_roundtrip(text: str, path: Path, first_line: int) -> tuple[Any, tuple[int, int, int]]:
    """Parse YAML text to ruamel round-trip data, refusing what is not plain data
    (``yamlcheck``)."""
    refuse_too_big(text, path, first_line)
    indent = guess_indent(text)
    data = load_checked(_yaml(*indent).load, text, path, first_line)
    return data, indent


_ITEM_PREFIX = LazyPattern(r"^ *(?:-[ \t]+)*")  # the indent and the "- " marks before a key


def guess_indent(text: str) -> tuple[int, int, int]:
    """(sequence indent, sequence offset, mapping indent) the text already uses: where its
    blocks differ (a list indented by hand), the one most of its lines are written in, so that
    a change rewrites the few lines written otherwise, not the many."""
    seq_votes: Counter[int] = Counter()
    map_votes: Counter[int] = Counter()
    lines = text.splitlines()
    for n, (prev, cur) in enumerate(itertools.pairwise(lines)):
        prev_s = prev.rstrip()
        if not prev_s.endswith(":") or prev_s.lstrip().startswith("#"):
            continue
        base = len(_ITEM_PREFIX.match(prev).group())  # type: ignore[union-attr]  # key's column
        stripped = cur.lstrip(" ")
        depth = len(cur) - len(stripped) - base
        if stripped.startswith("- ") and depth >= 0:
            seq_votes[depth] += _block_lines(lines, n + 1, base)
        elif stripped and not stripped.startswith(("- ", "#")) and depth > 0:
            map_votes[depth] += _block_lines(lines, n + 1, base)
    seq_offset = _most(seq_votes)
    map_indent = _most(map_votes)
    return seq_offset + 2, seq_offset, map_indent


def _block_lines(lines: list[str], start: int, base: int) -> int:
    """How many lines the block starting at ``lines[start]`` holds: up to the next line that
    is not indented past the key's column ``base`` (blank lines and comments aside)."""
    count = 0
    for line in lines[start:]:
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped)
        outdented = stripped and not stripped.startswith("#") and column <= base
        if outdented and not (stripped.startswith("- ") and column == base):  # "- " at the key
            break
        count += 1
    return count


def _most(votes: Counter[int]) -> int:
    """The most voted indent, the first written on a tie; 2 when there is none."""
    return votes.most_common(1)[0][0] if votes else 2


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
