"""The plain option converters (``cli/compat.plain_coercion``) give every option the value
typer's own converter gives, and refuse what it refuses; and where typer's internals are not
as expected, coachlog falls back to typer's own path instead of failing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from coachlog.cli import compat

# typer releases before the pydantic converters (0.29) convert with click's own types: there is
# no hook to swap, and plain_coercion leaves every run to typer
HOOK = hasattr(typer.core, "build_runtime_param")
needs_hook = pytest.mark.skipif(not HOOK, reason="this typer has no converter hook to swap")

TYPES: dict[str, Any] = {
    "str": str,
    "bool": bool,
    "int": int,
    "float": float,
    "path": Path,
    "list": list[str],
}


def _app(annotation: Any, **settings: Any) -> typer.Typer:
    """A command with one option of ``annotation`` (and option ``settings``), read from the
    command line or from the environment, that prints the value it got and its type."""
    app = typer.Typer()
    default: Any = [] if annotation == list[str] else None

    def show(value: Any = typer.Option(default, "--value", envvar="VALUE", **settings)) -> None:
        typer.echo(f"{type(value).__name__}:{value!r}")

    show.__annotations__ = {"value": annotation, "return": None}
    app.command()(show)

    @app.command()
    def other() -> None:  # a second command keeps "show" a subcommand
        pass

    return app


def _run(
    annotation: Any, args: list[str], env: dict[str, str], plain: bool, **settings: Any
) -> tuple[int, str]:
    runner = CliRunner()
    app = _app(annotation, **settings)
    if plain:
        with compat.plain_coercion():
            result = runner.invoke(app, ["show", *args], env=env)
    else:
        result = runner.invoke(app, ["show", *args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout if result.exit_code == 0 else ""


def _same(annotation: Any, text: str) -> None:
    for args, env in ((["--value", text], {}), ([], {"VALUE": text})):
        if annotation is bool and args:
            args = ["--value"]  # a bool option is a flag on the command line
        typer_side = _run(annotation, args, env, plain=False)
        plain_side = _run(annotation, args, env, plain=True)
        assert plain_side == typer_side, (annotation, args, env)


SAMPLES = {
    "str": ["", "x", " x ", "naïve", "--", "0"],
    "bool": [
        "0",
        "1",
        "true",
        "TRUE",
        "False",
        "yes",
        "no",
        "on",
        "off",
        "t",
        "f",
        "y",
        "n",
        "2",
        "",
        " yes",
        "maybe",
    ],
    "int": [
        "12",
        " 12 ",
        "1_000",
        "1.0",
        "3.00",
        "1.5",
        "+3",
        "-0",
        "0x10",
        "\uff11\uff12",  # fullwidth digits
        "1e3",
        "",
        " ",
        "1__0",
        "_1",
        "1_",
        "0.",
        "1.00",
        "1.0_0",
    ],
    "float": [
        "1.5",
        " 2 ",
        "1_0.5",
        "inf",
        "-inf",
        "+INF",
        "nan",
        "NaN",
        "1e400",
        ".5",
        "5.",
        "",
        "infinity",
        "\u0661",  # an Arabic-Indic digit
        "1e",
        "e1",
        "1.2.3",
        "0x1p3",
    ],
    "path": ["a/b", "", ".", "~/x", "a b"],
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_sample_converts_alike_through_typer_and_the_plain_converters(name: str) -> None:
    for text in SAMPLES[name]:
        _same(TYPES[name], text)


def test_a_list_option_converts_alike() -> None:
    for args in ([], ["--value", "a"], ["--value", "a", "--value", " b "]):
        assert _run(list[str], args, {}, False) == _run(list[str], args, {}, True)


# pydantic drops leading zeros before it reads a whole number, so "0-1" and "+00-3" become
# negative numbers; the plain converter refuses them, as a person typing them would expect.
LEADING_ZEROS_THEN_MINUS = re.compile(r"\s*\+?0[0_]*-[0-9]")
NUMBERISH = st.text(alphabet="0123456789 _.+-eEinfaty\t\xa0", max_size=8)


@settings(max_examples=150, deadline=None)
@given(text=NUMBERISH)
def test_any_number_like_text_converts_alike(text: str) -> None:
    for annotation in (int, float):
        if annotation is int and LEADING_ZEROS_THEN_MINUS.match(text):
            continue  # pydantic's own quirk: "0-1" is -1 for it; the plain converter refuses it
        _same(annotation, text)


@settings(max_examples=60, deadline=None)
@given(
    text=st.sampled_from(["0", "1", "t", "f", "y", "n", "on", "of", "yes", "no"]).map(
        lambda s: s.upper() if len(s) % 2 else s
    )
)
def test_any_yes_no_text_converts_alike(text: str) -> None:
    _same(bool, text)


def test_every_plain_converter_is_tested() -> None:
    assert set(compat.CONVERTERS) <= set(TYPES.values())


@pytest.mark.parametrize(
    ("annotation", "settings", "value"),
    [
        (int, {"min": 1}, "0"),  # below the range
        (int, {"max": 5, "clamp": True}, "9"),  # clamped to 5
        (str, {"parser": str.upper}, "abc"),  # a parser of its own
        (float, {"min": 0.0}, "-1"),
        (Path, {"exists": True}, "/no/such/file"),  # a check on the path
        (Path, {"resolve_path": True}, "a/../b"),
    ],
)
def test_an_option_with_conversion_settings_converts_as_typer_does(
    annotation: Any, settings: dict[str, Any], value: str
) -> None:
    """A range, a parser or a check on a path is typer's to apply: such an option is left to
    typer's own converter."""
    typer_side = _run(annotation, ["--value", value], {}, False, **settings)
    assert _run(annotation, ["--value", value], {}, True, **settings) == typer_side


@needs_hook
def test_plain_coercion_really_takes_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """The converters above are the ones a run uses: typer's builder is swapped while the
    command runs, and put back after."""
    from typer import core

    typer_build = core.build_runtime_param
    seen: list[Any] = []
    real = compat.CONVERTERS[int]
    monkeypatch.setitem(compat.CONVERTERS, int, lambda v: seen.append(v) or real(v))
    assert _run(int, ["--value", "7"], {}, plain=True) == (0, "int:7\n")
    assert seen == ["7"]
    assert core.build_runtime_param is typer_build


@needs_hook
def test_a_typer_whose_internals_changed_falls_back_to_its_own_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Anything failing in the hook (here: typer's param class no longer takes the fields
    coachlog gives it) leaves the conversion to typer, and the command still works."""

    def broken() -> Any:
        class Changed:
            def __init__(self, **_fields: Any) -> None:
                raise TypeError("unexpected keyword argument 'parameter_info'")

        return Changed

    monkeypatch.setattr(compat, "_plain_param_class", broken)
    assert _run(int, ["--value", "7"], {}, plain=True) == (0, "int:7\n")
    monkeypatch.setattr(compat, "_plain_param_class", lambda: 1 / 0)
    assert _run(int, ["--value", "7"], {}, plain=True) == (0, "int:7\n")


@needs_hook
def test_the_cli_still_runs_when_the_hook_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer import core

    monkeypatch.delattr(core, "build_runtime_param")
    with compat.plain_coercion():
        pass  # no hook: nothing swapped, nothing raised


def test_click_exceptions_are_found() -> None:
    assert issubclass(typer.BadParameter, compat.ClickException)
    assert issubclass(compat.NoArgsIsHelpError, compat.ClickException)


def test_the_running_context_is_the_innermost_command_an_error_came_up_through() -> None:
    app = typer.Typer()
    group = typer.Typer()
    app.add_typer(group, name="goals")

    @group.command("add")
    def add(due: str = typer.Option(None, "--due")) -> None:
        raise RuntimeError("a problem with the due date")

    @group.command("other")
    def other() -> None:  # a second command keeps "add" a subcommand
        pass

    result = CliRunner().invoke(app, ["goals", "add", "--due", "x"])
    assert isinstance(result.exception, RuntimeError)
    ctx = compat.running_context(result.exception)
    assert ctx is not None and ctx.info_name == "add"
    assert ctx.parent.info_name == "goals"


def test_an_error_that_passed_through_no_command_has_no_running_context() -> None:
    assert compat.running_context(ValueError("raised nowhere")) is None
