"""What every command shares: the journal, today, dates from flags, the output format, the
terminal it prints to, an email's envelope, and printing."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from coachlog.cli.compat import ClickContext, current_context, running_context
from coachlog.cli.completing import complete_rep
from coachlog.core.dates import DATE_FORMS, NEEDS_CALENDAR, parse_day
from coachlog.errors import CoachlogError, UsageError
from coachlog.render.text import visible

if TYPE_CHECKING:
    from coachlog.render.page import Envelope, Terminal, View

GLOBAL_OPTIONS = ("--journal", "--today")
FORMAT_ALIASES = {"md": "markdown"}
DATE_FORMS_HELP = DATE_FORMS[0].upper() + DATE_FORMS[1:] + "."


@dataclass
class State:
    journal_option: str | None = None
    today_option: str | None = None
    _journal: object | None = field(default=None, repr=False)
    journal_options: list[str] = field(default_factory=list)  # --journal, as often as given
    _more: list[Any] = field(default_factory=list, repr=False)  # the journals after the first
    _several: bool = field(default=False, repr=False)  # the command reads several journals

    @property
    def today(self) -> date:
        if self.today_option:
            return day_from(self.today_option, "--today")
        env = os.environ.get("COACHLOG_TODAY")
        if env:
            try:
                return parse_day(env)
            except ValueError as exc:
                raise UsageError(str(exc), flag="COACHLOG_TODAY") from None
        return date.today()

    def now(self) -> datetime:
        """Creation time of a record: the real clock, on ``today``'s day when it is fixed."""
        real = datetime.now(UTC).replace(microsecond=0)
        today = self.today
        return (
            real
            if real.date() == today
            else real.replace(year=today.year, month=today.month, day=today.day)
        )

    def finish(self) -> None:
        """As the command's context closes: say what its change could not do (a commit not
        made), and which files did not read."""
        journals: list[Any] = [self._journal, *self._more]
        if not isinstance(sys.exc_info()[1], CoachlogError):  # a failure is its one line
            for journal in journals:
                for notice in getattr(journal, "notices", ()):
                    warn(notice)
        for journal in journals:
            self.report_problems(journal, several=len(journals) > 1)

    def report_problems(self, journal: Any = None, *, several: bool = False) -> None:
        """Files skipped because they do not read: one warning line each, on stderr (with
        several journals, each file named by its journal's folder too). When the command fails
        on an error naming one of them, that error is its one line."""
        if journal is None:
            journal = self._journal
        failed = sys.exc_info()[1]  # run as the command's context closes, maybe on an error
        named = failed.path if isinstance(failed, CoachlogError) else None
        for problem in getattr(journal, "problems", ()):
            if named is not None and problem.path == named:
                continue
            where = f"{journal.relative(problem.path)}:{problem.line or 1}"
            if several:
                where = f"{journal.root}/{where}"
            sys.stderr.write(
                f"warning: {where}: {visible(problem.message)} "
                "(skipped; 'coachlog check' lists every problem)\n"
            )

    def journal(self):  # -> Journal; imported lazily to keep start-up light
        journal = self.journal_unchecked()
        journal.check_config()
        return journal

    def journals(self) -> list[Any]:  # -> list[Journal]
        """Every journal given with --journal (a read command takes several: one a team), or
        the one journal found as usual."""
        from coachlog.store.journal import Journal, find_journal

        self._several = True
        first = self.journal()
        if not self._more:
            seen = {first.root.resolve()}
            for given in self.journal_options[1:]:
                root = find_journal(given, os.environ, Path.cwd())
                if root.resolve() in seen:
                    raise UsageError(f"{given} is given twice", flag="--journal")
                seen.add(root.resolve())
                self._more.append(Journal(root))
            for journal in self._more:
                journal.check_config()
        return [first, *self._more]

    def journal_unchecked(self):  # -> Journal, its config not read yet (for `check`)
        from coachlog.store.journal import Journal, find_journal

        if len(self.journal_options) > 1 and not self._several:
            raise UsageError(
                "this command works on one journal; give --journal once",
                flag="--journal",
                hint="report, goals open, export, digest and calendar read several journals",
            )
        if self._journal is None:
            self.today  # noqa: B018 - a bad --today or COACHLOG_TODAY is refused by every command
            root = find_journal(self.journal_option, os.environ, Path.cwd())
            self._journal = Journal(root)
        return self._journal


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def flag_for(ctx: ClickContext | None, field: str) -> str:
    """How the command line of ``ctx`` names ``field`` (an input as an operation names it):
    the parameter of that name of the command that ran, or of a command above it (``--journal``):
    an option by its long form (``--due``; ``--from`` for ``sender``), an argument by its
    metavar (``TITLE``). A field no command takes (a config key) stays as it is."""
    while ctx is not None:
        for param in ctx.command.params:
            if param.name != field:
                continue
            if param.param_type_name == "option":
                return next((o for o in param.opts if o.startswith("--")), param.opts[0])
            return str(param.metavar or param.name.upper()).strip("[]{}.")  # [PATH]... is PATH
        ctx = ctx.parent
    return field


def with_flag(error: CoachlogError) -> CoachlogError:
    """``error`` as the command line says it: its field named by the flag of the command that
    ran (``due`` as ``--due``)."""
    if error.flag is None and error.field is not None:
        error.flag = flag_for(running_context(error), error.field)
    return error


def day_from(text: str, flag: str, today: date | None = None) -> date:
    """The day a date option names (``core.dates``: ``2026-12-04``, ``friday``, ``+2w``,
    ``eoq``...); ``eoq`` is counted on the fiscal calendar of the running command's journal."""
    calendar = None
    if today is not None and text.strip().lower() == NEEDS_CALENDAR:
        calendar = _fiscal_calendar()
    try:
        return parse_day(text, today, calendar)
    except ValueError as exc:
        raise UsageError(str(exc), flag=flag) from None


def _fiscal_calendar():  # -> FiscalCalendar | None
    """The fiscal calendar of the running command's journal (None outside a command)."""
    from coachlog.core.calendar import fiscal_calendar

    ctx = current_context()
    if ctx is None:
        return None
    return fiscal_calendar(state(ctx).journal().config)


def echo(text: str) -> None:
    """A line of the command's output (an id, a path, what was done), with any control
    character from the journal's text shown, not obeyed."""
    _write(visible(text))


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def say(text: str) -> None:
    """A message for the person, not the pipe: goes to stderr."""
    sys.stderr.write(visible(text) + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"warning: {visible(text)}\n")


REP = typer.Option(..., "--rep", help="The rep's handle.", autocompletion=complete_rep)
"""``--rep HANDLE``, required, its handles completed: the option of every command about one
rep."""


def format_option(allowed: tuple[str, ...]) -> Any:
    """``--format``/``-f``, its help naming ``allowed`` (from ``render.formats``)."""
    from coachlog.render.formats import IN_A_PIPE, ON_A_TERMINAL

    when = {ON_A_TERMINAL: " (on a terminal)", IN_A_PIPE: " (in a pipe)"}
    names = [name + when.get(name, "") for name in allowed]
    alias = " md is short for markdown." if "markdown" in allowed else ""
    text = ", ".join(names[:-1]) + f" or {names[-1]}.{alias}"
    return typer.Option(None, "--format", "-f", help=text)


def terminal() -> Terminal:
    """Where this run prints: a terminal or not, its width, and whether colour is wanted
    (NO_COLOR set to anything but the empty string turns it off)."""
    import shutil

    from coachlog.render.page import Terminal

    try:
        is_terminal = bool(sys.stdout.isatty())
    except (AttributeError, ValueError):
        is_terminal = False
    color = os.environ.get("NO_COLOR", "") == ""
    return Terminal(is_terminal, shutil.get_terminal_size((100, 24)).columns, color)


def resolve_format(requested: str | None, allowed: tuple[str, ...]) -> str:
    """``requested``, or ``table`` on a terminal and ``markdown`` in a pipe."""
    from coachlog.render.formats import IN_A_PIPE, ON_A_TERMINAL

    if requested is None:
        return ON_A_TERMINAL if terminal().is_terminal else IN_A_PIPE
    requested = FORMAT_ALIASES.get(requested, requested)
    if requested not in allowed:
        raise UsageError(
            f"{requested!r} is not a format here; use one of {', '.join(allowed)}", flag="--format"
        )
    return requested


def print_view(st: State, view: View, fmt: str, email: EmailOptions | None = None) -> None:
    """Print ``view`` in ``fmt``; an email gets its envelope from ``email`` (the command's
    --to, --from and --subject), then the journal's config."""
    from coachlog.render import formats

    found = formats.get(fmt)
    envelope = None
    if found.needs_envelope:
        envelope = envelope_for(st, email or EmailOptions(), view.page.title)
    text = found.render(view, terminal(), envelope)  # a human format shows controls itself
    from coachlog.cli.terminal import write_paged  # through the pager on a terminal

    write_paged(text)


# --- email: --to, --from, --subject -------------------------------------------------------------

TO = typer.Option(None, "--to", help="--format email: To (default: email.to in coachlog.yaml).")
FROM = typer.Option(
    None,
    "--from",
    help="--format email: From (default: email.from in coachlog.yaml, then git's user.email).",
)
SUBJECT = typer.Option(None, "--subject", help="--format email: the Subject line.")


@dataclass(frozen=True)
class EmailOptions:
    """What a command's --to, --from and --subject said (None: not given); ``subject`` falls
    back to ``default_subject``, then the page's title."""

    to: str | None = None
    sender: str | None = None
    subject: str | None = None
    default_subject: str | None = None

    def check(self, fmt: str) -> None:
        """--to, --from and --subject only mean something for an email."""
        from coachlog.render import formats

        if formats.get(fmt).needs_envelope:
            return
        for value, flag in (
            (self.to, "--to"),
            (self.sender, "--from"),
            (self.subject, "--subject"),
        ):
            if value is not None:
                raise UsageError("goes with --format email only", flag=flag)


def message_id(sender: str) -> str:
    """A new Message-ID, on the sender's domain."""
    from email.utils import getaddresses, make_msgid

    found = getaddresses([sender])
    domain = (found[0][1].rpartition("@")[2] if found else "") or "coachlog.invalid"
    return make_msgid("coachlog", domain=domain)


def envelope_for(st: State, email: EmailOptions, title: str) -> Envelope:
    """From, To, Subject and Date of an email: the flags, then the journal's config (then
    git's user.email for From). A missing or malformed address is an error naming where it
    came from (``--from``, or ``email.from`` in coachlog.yaml)."""
    from coachlog.ops.report import email_addresses
    from coachlog.render.formats.email import check_envelope
    from coachlog.render.page import Envelope

    found = email_addresses(st.journal(), email.to, email.sender)
    subject = email.subject if email.subject is not None else email.default_subject or title
    envelope = Envelope(found.sender, found.to, subject, st.now(), message_id(found.sender))
    try:
        check_envelope(envelope)
    except CoachlogError as exc:
        exc.field = {"sender": found.sender_from, "to": found.to_from}.get(
            exc.field or "", exc.field
        )
        raise
    return envelope
