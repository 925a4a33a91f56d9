"""A fast YAML reader for the index: libyaml's C parser, values built from its events with
YAML 1.2 core-schema resolution.

Round-trip parsing (ruamel.yaml, pure Python) is for files coachlog changes; reading a whole
journal into the index uses this reader, which must agree with it on every value: ``no`` and
``on`` are strings, ``012`` is twelve, ``1:30`` is a string; duplicate keys, anchors, aliases,
tags and ``.inf``/``.nan`` are refused. Anything it cannot read plainly, or more than the
careful reader takes (``yamlcheck.too_big``, which also bounds the nesting), returns ``None``
so the caller falls back to the careful round-trip reader, which also gives the error its
line.

Values are built straight from libyaml's event stream, not through PyYAML's node graph and
constructors: one pass, a few Python steps per value, about twice as fast (the benchmark's cold
index), and every anchor, alias and tag is seen as an event, whatever the text around it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from yaml import YAMLError
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from coachlog.store.yamlcheck import too_big

try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml: its Python parser gives the same events
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
# a plain scalar starting with none of these is a string: no regex needs to look at it
_MAYBE_NOT_TEXT = frozenset("-+.0123456789~nNtTfF")


class NotPlain(Exception):
    """The text is not plain data this reader takes; use the careful reader."""


def plain_scalar(text: str) -> Any:
    """A plain (unquoted, untagged) scalar as the YAML 1.2 core schema reads it."""
    if text and text[0] not in _MAYBE_NOT_TEXT:
        return text
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text[0] in "tT"
    if _INT.match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)
    if _FLOAT.match(text):
        # .inf and .nan (the only spellings ending in a letter), or too big for a float: the
        # careful reader refuses them, and says why
        number = math.inf if text[-1] in "fFnN" else float(text)
        if not math.isfinite(number):
            raise NotPlain("not a finite number")
        return number
    if _TIMESTAMP.match(text):
        if len(text) == 10:
            return date.fromisoformat(text)
        return _timestamp(text)
    return text


def _timestamp(text: str) -> Any:
    """A date and time, as PyYAML's constructor reads it (aware when it names a zone)."""
    return _TIMESTAMPS.construct_yaml_timestamp(ScalarNode("", text))


_TIMESTAMPS = SafeConstructor()


def _value(get: Callable[[], Any], event: Any) -> Any:
    """The value ``event`` starts, reading the events it spans."""
    kind = event.__class__
    if kind is AliasEvent or event.anchor is not None:
        raise NotPlain("anchor or alias")
    if event.tag is not None:
        raise NotPlain(f"tag {event.tag}")
    if kind is ScalarEvent:
        return plain_scalar(event.value) if event.implicit[0] else event.value
    if kind is MappingStartEvent:
        mapping: dict[Any, Any] = {}
        while (key_event := get()).__class__ is not MappingEndEvent:
            if key_event.__class__ is not ScalarEvent:
                raise NotPlain("a key that is not a scalar")
            key = _value(get, key_event)
            if key in mapping:
                raise NotPlain("duplicate key")
            mapping[key] = _value(get, get())
        return mapping
    if kind is SequenceStartEvent:
        items = []
        while (item := get()).__class__ is not SequenceEndEvent:
            items.append(_value(get, item))
        return items
    raise NotPlain(f"unexpected {kind.__name__}")


def load_plain(text: str) -> dict[str, Any] | None:
    """The mapping ``text`` holds, or ``None`` when only the careful reader should judge it."""
    if too_big(text) is not None:  # nested, long or wide beyond what coachlog reads
        return None
    parser = _Parser(text)
    try:
        get = parser.get_event
        get()  # the stream starts
        if get().__class__ is StreamEndEvent:
            return {}
        data = _value(get, get())
        get()  # the document ends
        if get().__class__ is not StreamEndEvent:
            return None  # a second document
    except (YAMLError, NotPlain, RecursionError, ValueError, TypeError):
        return None
    finally:
        parser.dispose()
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def line_in(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line (from 0) of the value at ``loc`` (keys and list indexes) in the YAML ``text``,
    as near as known: that of the last part of ``loc`` found (``None``: not even the first).
    Read from libyaml's events, so it answers for thousands of findings in no time; the lines
    are those the careful reader gives (``Document.line_of``)."""
    parser = _Parser(text)
    line = None
    try:
        get = parser.get_event
        get(), get()  # the stream and the document start
        node = get()
        for part in loc:
            if node.__class__ is MappingStartEvent and isinstance(part, str):
                while (key := get()).__class__ is not MappingEndEvent:
                    if key.__class__ is ScalarEvent and key.value == part:
                        line, node = key.start_mark.line, get()
                        break
                    _skip(get, get())
                else:
                    break
            elif node.__class__ is SequenceStartEvent and isinstance(part, int) and part >= 0:
                for _ in range(part):
                    if (item := get()).__class__ is SequenceEndEvent:
                        return line
                    _skip(get, item)
                node = get()
                if node.__class__ is SequenceEndEvent:
                    break
                line = node.start_mark.line
            else:
                break
    except (YAMLError, RecursionError, ValueError, TypeError):
        pass
    finally:
        parser.dispose()
    return line


def _skip(get: Callable[[], Any], event: Any) -> None:
    """Read past the node ``event`` starts."""
    depth = 1 if event.__class__ in (MappingStartEvent, SequenceStartEvent) else 0
    while depth:
        kind = get().__class__
        if kind in (MappingStartEvent, SequenceStartEvent):
            depth += 1
        elif kind in (MappingEndEvent, SequenceEndEvent):
            depth -= 1
