"""What the top-level help says: the app's description, its own options and one line for each
command. Kept free of typer, so that ``coachlog --help`` is printed without importing it
(``coachlog.cli.toplevel``); the typer app is built from the same text."""

from __future__ import annotations

from typing import NamedTuple

APP_HELP = (
    "A coaching journal for sales managers: 1:1 agendas that fit the sales period, coaching "
    "goals rolled forward until done, and accountability reports, kept as Markdown files in "
    "git.\n\n"
    "Start with 'coachlog init', add reps with 'coachlog reps add alice', then each week "
    "'coachlog new 1on1 --rep alice'. --journal and --today may stand anywhere on the line."
)

JOURNAL_HELP = (
    "The journal folder. Default: $COACHLOG_JOURNAL, else the nearest folder up from here that "
    "holds coachlog.yaml."
)
TODAY_HELP = "Take this day as today (also $COACHLOG_TODAY), to back-fill or reproduce a run."
VERSION_HELP = "Print the version."
HELP_HELP = "Show this message and exit."

# the Options section of the top-level help: (names as listed, help), in the order typer lists
OPTIONS: tuple[tuple[str, str], ...] = (
    ("--journal PATH", JOURNAL_HELP),
    ("--today YYYY-MM-DD", TODAY_HELP),
    ("-V, --version", VERSION_HELP),
    ("-h, --help", HELP_HELP),
)


class Command(NamedTuple):
    module: str  # in coachlog.cli
    attribute: str  # the command function, or the typer app of a group
    group: bool  # a group of subcommands (goals add, goals open, ...)
    summary: str  # its line in the top-level help


# Every command, in help order.
COMMANDS: dict[str, Command] = {
    "init": Command(
        "init", "init", False, "Start a journal: coachlog.yaml with every default written out."
    ),
    "agenda": Command(
        "agenda", "agenda", False, "Print the agenda 'new 1on1' would write; writes nothing."
    ),
    "check": Command(
        "check", "check", False, "List every problem in the journal, with its file and line."
    ),
    "rate": Command("rate", "rate", False, "Record how helpful a 1:1 was for the rep, 1 to 5."),
    "report": Command(
        "report", "report", False, "Who got coached, what was promised, and what was kept."
    ),
    "score": Command("score", "score", False, "Score a call review, 1 to 5 per criterion."),
    "whatif": Command(
        "whatif", "whatif", False, "Sales velocity now, and after a change to the pistons."
    ),
    "reps": Command("reps", "app", True, "Rep profiles: one YAML file per rep under reps/."),
    "new": Command("new", "app", True, "Write a new record and open it in your editor."),
    "goals": Command(
        "goals", "app", True, "Coaching goals and commitments: add, list, change, close."
    ),
    "focus": Command(
        "focus", "app", True, "The #1 behaviour a rep works on, its plan and field dates."
    ),
    "git": Command(
        "git", "app", True, "Share the journal through git: run 'coachlog git setup' per clone."
    ),
}
