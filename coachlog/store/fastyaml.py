"""A fast YAML reader for the index: libyaml's C parser with YAML 1.2 core-schema resolution.

Round-trip parsing (ruamel.yaml, pure Python) is for files coachlog changes; reading a whole
journal into the index uses this loader, which must agree with it on every value: ``no`` and
``on`` are strings, ``012`` is twelve, ``1:30`` is a string; duplicate keys, aliases and
``.inf``/``.nan`` are refused. Anything it cannot read plainly (a text that looks nested deeply
enough to trouble a C parser, or more than the careful reader takes: ``yamlfile.too_big``)
returns ``None`` so the caller falls back to the careful round-trip reader, which also gives
the error its line.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import yaml

from coachlog.store.yamlfile import too_big

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
_SUSPICIOUS_NESTING = re.compile(r"[\[{]{16}|(?:-[ \t]+){16}|^[ \t]{120}", re.M)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class NotPlain(Exception):
    """The text is not plain data this loader reads; use the careful reader."""


class PlainLoader(_Base):  # type: ignore[misc, valid-type]
    """YAML 1.2 core schema, duplicate keys refused. For text that holds no ``&``, ``*`` or
    ``!``, so it can hold no anchor, alias or tag."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        keys = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in keys:
                raise NotPlain("duplicate key")
            keys.add(key)
        return super().construct_mapping(node, deep=deep)


class Loader(PlainLoader):
    """The same, for any text: every node is checked for an alias or a tag as it is built."""

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise NotPlain("alias")
        if node.tag not in _PLAIN_TAGS:
            raise NotPlain(f"tag {node.tag}")
        return super().construct_object(node, deep=deep)


def _construct_int(loader: Any, node: Any) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


PlainLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
PlainLoader.add_implicit_resolver("tag:yaml.org,2002:timestamp", _TIMESTAMP, list("0123456789"))
PlainLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def load_plain(text: str) -> dict[str, Any] | None:
    """The mapping ``text`` holds, or ``None`` when only the careful reader should judge it."""
    if _SUSPICIOUS_NESTING.search(text) or too_big(text) is not None:
        return None
    try:
        plain = "&" not in text and "*" not in text and "!" not in text
        data = yaml.load(text, Loader=PlainLoader if plain else Loader)
    except (yaml.YAMLError, NotPlain, RecursionError, ValueError, TypeError):
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        return None
    return data if not _MAYBE_NOT_FINITE.search(text) or _finite(data) else None


# Only these spellings can make a float that is not finite (.inf, .nan, 1e999): a file with
# none of them needs no walk through its values.
_MAYBE_NOT_FINITE = re.compile(r"\.(?:inf|nan)|[eE][-+]?[0-9]{3}", re.IGNORECASE)


def _finite(value: Any) -> bool:
    """No ``.inf`` or ``.nan`` anywhere: the careful reader refuses them."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True
