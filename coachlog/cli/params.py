"""Option values without pydantic.

Typer 0.29 and later turn each option's text into its annotated type through a pydantic
``TypeAdapter``, built the first time the option is read. Importing pydantic and building the
adapters costs every command about 50 ms before it does any work. coachlog's options are only
``str``, ``bool``, ``int``, ``float``, ``Path`` and ``list[str]``, which plain Python converts;
``plain_coercion`` gives each such option a converter of its own while a command runs. Typer
releases without that hook (``typer.core.build_runtime_param``) convert options with click's own
types, which are cheap, and are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - typer releases that convert with click's types
    RuntimeParam = None  # type: ignore[assignment,misc]

try:  # typer releases that vendor click keep it here
    from typer._click.exceptions import BadParameter
except ImportError:  # pragma: no cover - typer releases that depend on click
    from click.exceptions import BadParameter  # type: ignore[no-redef]


def _whole_number(text: Any) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a whole number") from None


def _number(text: Any) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a number") from None


CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    str: str,
    bool: bool,
    int: _whole_number,
    float: _number,
    Path: Path,
    list[str]: lambda values: [str(v) for v in values],
}


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """An option's value, converted by ``convert``; a ``ValueError`` is a usage error."""

        convert: Callable[[Any], Any]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except ValueError as exc:
                raise BadParameter(str(exc), ctx=ctx, param=param) from None


@contextmanager
def plain_coercion() -> Iterator[None]:
    """While a command runs, options whose type plain Python converts get a converter that
    needs no pydantic (see the module's text); others are left to typer."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover
        yield
        return
    typer_build = getattr(core, "build_runtime_param", None)
    if RuntimeParam is None or typer_build is None:  # pragma: no cover - click's types
        yield
        return

    def build(descriptor: Any) -> Any:
        convert = CONVERTERS.get(descriptor.annotation)
        if convert is None or descriptor.file_annotation is not None:
            return typer_build(descriptor)
        return PlainParam(
            parameter_info=descriptor.parameter_info,
            annotation=descriptor.annotation,
            convert=convert,
        )

    core.build_runtime_param = build
    try:
        yield
    finally:
        core.build_runtime_param = typer_build
