"""The top-level ``coachlog`` app: global options, command groups, and the one place where
errors become a single line on stderr and an exit code."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from coachlog import __version__
from coachlog.cli.catalog import APP_HELP, COMMANDS, JOURNAL_HELP, TODAY_HELP, VERSION_HELP
from coachlog.cli.common import GLOBAL_OPTIONS, State, state, with_flag
from coachlog.cli.compat import (
    COMPLETE_VAR,
    ClickException,
    NoArgsIsHelpError,
    completion_words,
    enable_completion,
    plain_coercion,
)
from coachlog.cli.summaries import SUMMARIES
from coachlog.errors import CoachlogError
from coachlog.render.text import visible


def hoist_global_options(args: list[str]) -> list[str]:
    """Let ``--journal`` and ``--today`` stand anywhere (``coachlog new 1on1 --today D``): they
    are moved in front of the command, where the top-level app reads them."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS:
            if "=" in arg:
                front.append(arg)
            else:
                front.extend(args[i : i + 2])
                i += 1
        else:
            rest.append(arg)
        i += 1
    return front + rest


class CoachlogGroup(TyperGroup):
    """Turns every error into one line on stderr and a non-zero exit; no traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[no-untyped-def, override]
        args = hoist_global_options(list(sys.argv[1:] if args is None else args))
        try:
            with plain_coercion():
                rv = super().main(
                    args, prog_name or "coachlog", complete_var, standalone_mode=False, **extra
                )
        except NoArgsIsHelpError as exc:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            sys.exit(0)
        except ClickException as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if getattr(exc, "ctx", None) else ""
            sys.stderr.write(f"coachlog: error: {visible(exc.format_message())}{where}\n")
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("coachlog: aborted\n")
            sys.exit(130)
        except CoachlogError as exc:
            sys.stderr.write(f"coachlog: error: {visible(str(with_flag(exc)))}\n")
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            sys.stderr.write("coachlog: interrupted\n")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


def new_app() -> typer.Typer:
    return typer.Typer(
        cls=CoachlogGroup,
        name="coachlog",
        help=APP_HELP,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"coachlog {__version__}\n")
        raise typer.Exit()


def main(
    ctx: typer.Context,
    journal: list[str] = typer.Option(None, "--journal", metavar="PATH", help=JOURNAL_HELP),
    today: str = typer.Option(None, "--today", metavar="YYYY-MM-DD", help=TODAY_HELP),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help=VERSION_HELP
    ),
) -> None:
    st = state(ctx)
    st.journal_options = list(journal or [])
    st.journal_option = st.journal_options[0] if st.journal_options else None
    st.today_option = today
    ctx.call_on_close(st.finish)


def build_app(only: str | None = None, *, listing: bool = False) -> typer.Typer:
    """The app with every command, or with just ``only`` (what a run needs: importing every
    command module would cost each command start-up time for nothing). With ``listing``, each
    command carries its name and help but no options or subcommands: all the top-level help
    (or an unknown command) needs, without building every command's options."""
    import importlib

    built = new_app()
    built.callback()(main)
    for name, (module, attribute, group) in COMMANDS.items():
        if only is not None and name != only:
            continue
        summary = SUMMARIES.get(name, "")
        if listing:
            if group:
                built.add_typer(typer.Typer(), name=name, short_help=summary)
            else:
                built.command(name, short_help=summary)(_listed)
            continue
        target = getattr(importlib.import_module(f"coachlog.cli.{module}"), attribute)
        if group:
            built.add_typer(target, name=name, short_help=summary)
        else:
            built.command(name, short_help=summary)(target)
    return built


def _listed() -> None:
    """A command as the top-level help lists it; never run (a run builds the command)."""


def command_name(args: list[str]) -> str | None:
    """The command a command line names, once global options are moved in front."""
    words = hoist_global_options(list(args))
    i = 0
    while i < len(words):
        word = words[i]
        if word in GLOBAL_OPTIONS:
            i += 2
            continue
        if word.startswith("-"):
            return None  # --help, --version, or a typo: the whole app answers
        return word if word in COMMANDS else None
    return None


def __getattr__(name: str) -> typer.Typer:
    """``app``: the whole app, built on first use (tests, the docs generator)."""
    if name == "app":
        built = build_app()
        globals()["app"] = built
        return built
    raise AttributeError(name)


def run(args: list[str]) -> None:
    typed = completion_words()  # the shell asking what may come next: build what it names
    if typed is not None:
        enable_completion()
    name = command_name(args if typed is None else typed)
    command = typer.main.get_command(build_app(name, listing=name is None))
    command.main(args, prog_name="coachlog", complete_var=COMPLETE_VAR, obj=State())
