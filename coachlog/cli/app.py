"""The top-level ``coachlog`` app: global options, command groups, and the one place where
errors become a single line on stderr and an exit code."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

try:  # typer releases that vendor click keep it here
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - typer releases that depend on click
    from click.exceptions import ClickException, NoArgsIsHelpError  # type: ignore[no-redef]

from coachlog import __version__
from coachlog.cli.common import GLOBAL_OPTIONS, State, command_words, state
from coachlog.errors import CoachlogError
from coachlog.store.atomic import record_writes


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
    """Turns every error into one line on stderr and a non-zero exit; no traceback. After a
    command that wrote files succeeds, commits them when the journal asks for it."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[no-untyped-def, override]
        args = hoist_global_options(list(sys.argv[1:] if args is None else args))
        try:
            with record_writes() as written:
                rv = super().main(
                    args, prog_name or "coachlog", complete_var, standalone_mode=False, **extra
                )
            if written and rv in (None, 0):
                from coachlog.store.git import autocommit

                reason = autocommit(command_words(args), written)
                if reason:
                    sys.stderr.write(f"warning: {reason}\n")
        except NoArgsIsHelpError as exc:
            sys.stdout.write(exc.ctx.get_help() + "\n")
            sys.exit(0)
        except ClickException as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if getattr(exc, "ctx", None) else ""
            sys.stderr.write(f"coachlog: error: {exc.format_message()}{where}\n")
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("coachlog: aborted\n")
            sys.exit(130)
        except CoachlogError as exc:
            sys.stderr.write(f"coachlog: error: {exc}\n")
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        except KeyboardInterrupt:
            sys.stderr.write("coachlog: interrupted\n")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=CoachlogGroup,
    name="coachlog",
    help=(
        "A coaching journal for sales managers: 1:1 agendas that fit the sales period, "
        "coaching goals rolled forward until done, and accountability reports, kept as "
        "Markdown files in git.\n\n"
        "Start with 'coachlog init', add reps with 'coachlog reps add alice', then each week "
        "'coachlog new 1on1 --rep alice'. --journal and --today may stand anywhere on the line."
    ),
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


@app.callback()
def main(
    ctx: typer.Context,
    journal: str = typer.Option(
        None,
        "--journal",
        metavar="PATH",
        help="The journal folder. Default: $COACHLOG_JOURNAL, else the nearest folder up from "
        "here that holds coachlog.yaml.",
    ),
    today: str = typer.Option(
        None,
        "--today",
        metavar="YYYY-MM-DD",
        help="Take this day as today (also $COACHLOG_TODAY), to back-fill or reproduce a run.",
    ),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    st = state(ctx)
    st.journal_option = journal
    st.today_option = today
    ctx.call_on_close(st.report_problems)


def _register() -> None:
    from coachlog.cli import (
        agenda,
        check,
        focus,
        goals,
        init,
        new,
        rate,
        report,
        reps,
        score,
        whatif,
    )

    app.command("init")(init.init)
    app.add_typer(reps.app, name="reps")
    app.add_typer(new.app, name="new")
    app.command("agenda")(agenda.agenda)
    app.add_typer(goals.app, name="goals")
    app.command("check")(check.check)
    app.command("rate")(rate.rate)
    app.command("report")(report.report)
    app.command("score")(score.score)
    app.add_typer(focus.app, name="focus")
    app.command("whatif")(whatif.whatif)
    report.install_email_defaults()


_register()


def run(args: list[str]) -> None:
    command = typer.main.get_command(app)
    command.main(args, prog_name="coachlog", obj=State())
