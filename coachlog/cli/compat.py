"""Every touch of typer's (and click's) internals, in one place.

coachlog uses typer's public API everywhere else. What it needs that is not public:

- the exception classes the top-level app catches (``ClickException``, ``NoArgsIsHelpError``),
  which typer 0.29 vendors as ``typer._click`` and earlier releases import from ``click``;
- the context of the command an error came up through (``running_context``), so that the
  error can name its field by that command's flag;
- typer's converter from an option's text to its annotated type (``typer.core.
  build_runtime_param``), which ``plain_coercion`` swaps for plain Python converters while a
  command runs: typer 0.29 converts through a pydantic ``TypeAdapter``, and importing pydantic
  and building the adapters costs every command about 50 ms before it does any work;
- the command running now (``current_context``: ``eoq`` in a date option reads its journal);
- shell completion: the scripts typer writes for bash, zsh and fish, and its completion classes
  registered with click (typer registers them only for ``--install-completion``, which coachlog
  replaces with ``coachlog completion SHELL``); the words typed so far, to build only the
  command being completed.

Each is guarded so that any failure (a renamed module, class, field or method; not only an
``ImportError``) falls back to typer's own path: the plain converters are an optimisation,
never a requirement. ``tests/test_compat.py`` runs every option type through both paths and
requires the same value, and ``pyproject.toml`` bounds typer to the releases it passed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# where typer keeps click: vendored (typer 0.29 and later), else the click package
_CLICK = ("typer._click", "click")


def _from_click(module: str, *names: str) -> tuple[Any, ...] | None:
    """``names`` from click's ``module``, wherever this typer keeps click; None if not there."""
    import importlib

    for package in _CLICK:
        try:
            found = importlib.import_module(f"{package}.{module}")
            return tuple(getattr(found, name) for name in names)
        except Exception:
            continue
    return None


def _click_exceptions() -> tuple[Any, Any]:
    """``ClickException`` and ``NoArgsIsHelpError``."""
    found = _from_click("exceptions", "ClickException", "NoArgsIsHelpError")
    if found is not None:
        return found[0], found[1]
    import typer  # ClickException is a base of typer's public BadParameter

    base = next(
        (c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"), Exception
    )
    # without the class, "no arguments" reaches the user as a usage error, not as the help
    return base, type("NoArgsIsHelpError", (base,), {})


ClickException, NoArgsIsHelpError = _click_exceptions()


def _context_class() -> Any:
    """click's ``Context``, the base of every command's context (typer's included)."""
    found = _from_click("core", "Context")
    if found is not None:
        return found[0]
    import typer

    return typer.Context  # the contexts typer makes, which is what a run has


ClickContext = _context_class()


def running_context(error: BaseException) -> Any | None:
    """The context of the innermost command ``error`` came up through (the command that ran,
    whose parameters its field names), found as click keeps it: a local ``ctx`` in the frames
    the error passed through. None when it cannot be found; the error then names its field as
    it is (``due``), never fails."""
    found = None
    try:
        tb = error.__traceback__
        while tb is not None:
            ctx = tb.tb_frame.f_locals.get("ctx")
            if isinstance(ctx, ClickContext):
                found = ctx
            tb = tb.tb_next
    except Exception:
        return None
    return found


def current_context() -> Any | None:
    """The context of the command running now (click's ``get_current_context``), or None."""
    found = _from_click("globals", "get_current_context")
    if found is None:
        return None
    try:
        return found[0](silent=True)
    except Exception:
        return None


# --- shell completion ------------------------------------------------------------------------

PROG = "coachlog"
COMPLETE_VAR = "_COACHLOG_COMPLETE"  # set by the completion script while the shell asks
SHELLS = ("bash", "zsh", "fish")


def completion_words() -> list[str] | None:
    """While the shell asks for completions, the words typed after ``coachlog`` (bash's
    ``COMP_WORDS``, zsh's and fish's ``_TYPER_COMPLETE_ARGS``); None when it does not ask."""
    import os
    import shlex

    if not os.environ.get(COMPLETE_VAR):
        return None
    text = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS", "")
    try:
        words = shlex.split(text)
    except ValueError:  # an open quote: the words as they stand
        words = text.split()
    return words[1:]


def enable_completion() -> None:
    """Register typer's completion classes with click (the protocol its scripts speak)."""
    try:
        from typer._completion_classes import completion_init

        completion_init()
    except Exception:  # a typer without them: click's own classes answer
        pass


def completion_script(shell: str) -> str:
    """The script that makes ``shell`` complete coachlog's commands, options, rep handles,
    goal ids and record ids."""
    from coachlog.errors import UsageError

    if shell not in SHELLS:
        raise UsageError(f"{shell!r} is not a shell coachlog completes; use bash, zsh or fish")
    enable_completion()
    try:
        from typer._completion_shared import get_completion_script
    except Exception:
        raise UsageError("this typer release writes no completion scripts") from None
    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)


# --- plain converters -----------------------------------------------------------------------

# What typer (through pydantic's lax mode) accepts as a whole number: ASCII digits with single
# underscores between them, a sign, spaces around; "3.0" is the whole number 3.
_WHOLE = re.compile(r"([+-]?[0-9](?:_?[0-9])*)(?:\.0+)?")
# ... and as a number: spaces around, or single underscores between characters (not both), then
# a float as Rust's parser reads it.
_NUMBER = re.compile(
    r"[+-]?(?:inf|infinity|nan|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)", re.IGNORECASE
)
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}


def _whole_number(value: Any) -> int:
    if isinstance(value, bool | int):
        return int(value)
    found = _WHOLE.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"{value!r} is not a whole number")
    return int(found[1])


def _number(value: Any) -> float:
    if isinstance(value, bool | int | float):
        return float(value)
    if isinstance(value, str):
        text = value if "_" in value else value.strip()  # with underscores, no spaces
        if text[:1] != "_" and text[-1:] != "_" and "__" not in text:
            text = text.replace("_", "")
            if text.isascii() and _NUMBER.fullmatch(text):
                return float(text)
    raise ValueError(f"{value!r} is not a number")


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        value = value.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
    raise ValueError(f"{value!r} is not yes or no")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def _path(value: Any) -> Path:
    return Path(_text(value)) if not isinstance(value, Path) else value


def _texts(values: Any) -> list[str]:
    return [_text(v) for v in values]


# Option settings that change how typer converts a value (a parser, a range, checks on a path):
# an option with any of them set is left to typer. Each name with its default.
_CONVERSION_SETTINGS: dict[str, Any] = {
    "parser": None,
    "click_type": None,
    "min": None,
    "max": None,
    "clamp": False,
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


def _plain(info: Any) -> bool:
    """Whether an option's settings leave its conversion to its type alone."""
    return all(
        getattr(info, name, default) == default for name, default in _CONVERSION_SETTINGS.items()
    )


CONVERTERS: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    bool: _yes_no,
    int: _whole_number,
    float: _number,
    Path: _path,
    list[str]: _texts,
}


def _plain_param_class() -> Any:
    """typer's ``RuntimeParam`` with a plain ``convert`` in place of the pydantic adapter."""
    from dataclasses import dataclass

    import typer
    from typer._coercion import RuntimeParam

    @dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """An option's value, converted by ``convert``; a ``ValueError`` is a usage error."""

        convert: Callable[[Any], Any]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), ctx=ctx, param=param) from None

    return PlainParam


@contextmanager
def plain_coercion() -> Iterator[None]:
    """While a command runs, options whose type plain Python converts get a converter that
    needs no pydantic (see the module's text); others, and any typer this does not fit, are
    left to typer."""
    try:
        from typer import core

        typer_build = core.build_runtime_param
        plain_param = _plain_param_class()
    except Exception:  # a typer without the hook (or with another one): its own path
        yield
        return

    def build(descriptor: Any) -> Any:
        try:
            convert = CONVERTERS.get(descriptor.annotation)
            plain = descriptor.file_annotation is None and _plain(descriptor.parameter_info)
            if convert is not None and plain:
                return plain_param(
                    parameter_info=descriptor.parameter_info,
                    annotation=descriptor.annotation,
                    convert=convert,
                )
        except Exception:  # fields renamed, a new abstract method...: typer's own converter
            pass
        return typer_build(descriptor)

    core.build_runtime_param = build
    try:
        yield
    finally:
        core.build_runtime_param = typer_build
