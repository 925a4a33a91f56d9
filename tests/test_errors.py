"""Errors below the CLI name the input they are about as the operation knows it (its field:
``due``); the CLI names it as the command that ran does (its flag: ``--due``)."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
import typer

import coachlog
from coachlog.cli.app import app
from coachlog.cli.common import ClickContext, flag_for
from coachlog.errors import CoachlogError, UsageError
from tests.conftest import Cli, add_goal

# --- the CLI names a field by the running command's flag ----------------------------------------


def context(*words: str) -> ClickContext:
    """The context of the command ``words`` name, under the root's, as a run makes it."""
    command = typer.main.get_command(app)
    ctx = ClickContext(command, info_name="coachlog")
    for word in words:
        command = command.commands[word]  # type: ignore[attr-defined]
        ctx = ClickContext(command, info_name=word, parent=ctx)
    return ctx


@pytest.mark.parametrize(
    ("words", "field", "flag"),
    [
        (("goals", "add"), "due", "--due"),
        (("goals", "add"), "title", "TITLE"),  # an argument: its metavar
        (("goals", "edit"), "title", "--title"),
        (("goals", "done"), "goal_id", "ID"),
        (("goals", "open"), "sender", "--from"),
        (("goals", "open"), "fmt", "--format"),
        (("new", "1on1"), "day", "--date"),
        (("reps", "set"), "handle", "HANDLE"),
        (("whatif",), "cycle_days", "--cycle"),
        (("rate",), "rating", "N"),
        (("score",), "scores", "CRITERION=N"),
        (("git", "resolve"), "paths", "PATH"),
        (("reps", "list"), "journal", "--journal"),  # a global option, the root's
        (("reps", "list"), "due", "due"),  # no such parameter: the field as it is
        (("goals", "add"), "email.to", "email.to"),
    ],
)
def test_a_field_is_named_by_the_flag_of_the_command_that_ran(
    words: tuple[str, ...], field: str, flag: str
) -> None:
    assert flag_for(context(*words), field) == flag


def test_an_ops_error_about_due_shows_the_due_flag_of_goals_add(
    journal: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachlog.ops.goals

    def refuse(*args: object, **kwargs: object) -> None:
        raise UsageError("is too soon", field="due")

    monkeypatch.setattr(coachlog.ops.goals, "add_goal", refuse)
    args = ("goals", "add", "Call Acme", "--rep", "alice", "--kind", "action", "--due", "+1d")
    result = cli.fails(*args, code=2)
    assert result.stderr == "coachlog: error: --due: is too soon\n"


def test_a_due_date_before_the_goal_was_set_names_due_as_goals_edit_does(
    journal: Path, cli: Cli
) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--date", "2026-11-24")
    goal_id = add_goal(cli, "Call Acme", "--rep", "alice", "--kind", "action")
    result = cli.fails("goals", "edit", goal_id, "--due", "2026-11-01", code=2)
    assert result.stderr.startswith("coachlog: error: --due: the due date 2026-11-01 is before")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("goals", "add", "  ", "--rep", "alice", "--kind", "action"), "TITLE: a goal needs"),
        (("reps", "set", "nobody", "--name", "N"), "HANDLE: unknown rep 'nobody'"),
        (("rate", "--rep", "alice", "9"), "N: '9' is not a rating"),
        # raised before the command reads its state, and by a global option
        (("goals", "open", "--format", "xml"), "--format: 'xml' is not a format here"),
        (("--journal", "nowhere", "reps", "list"), "--journal: no coachlog.yaml in nowhere"),
        (("reps", "list", "--format", "email"), "--to: an email needs a To address: give one,"),
    ],
)
def test_an_error_about_an_argument_or_an_option_names_it_as_the_command_does(
    journal: Path, cli: Cli, args: tuple[str, ...], says: str
) -> None:
    result = cli.fails(*args)
    assert result.stderr.startswith(f"coachlog: error: {says}"), result.stderr


# --- a warning names its field as the command that ran does, or in words -------------------------


def test_a_warning_names_due_and_target_by_the_flags_of_goals_add(journal: Path, cli: Cli) -> None:
    cli.ok("new", "1on1", "--rep", "alice")
    result = cli.ok("goals", "add", "Call Acme", "--rep", "alice", "--kind", "action")
    assert [line for line in result.stderr.splitlines() if line.startswith("warning:")] == [
        "warning: no due date: set one with --due, so there is no question when it is done",
        "warning: no measurable target: give --target N (and --measure), so there is no "
        "question whether it was achieved",
        "warning: no why: say why it matters with --why TEXT, so the rep leaves knowing",
    ]


def test_check_names_them_in_words_for_a_goal_in_a_file(journal: Path, cli: Cli) -> None:
    cli.ok("new", "1on1", "--rep", "alice")
    goal_id = add_goal(cli, "Call Acme", "--rep", "alice", "--kind", "action")
    result = cli("check")
    assert f"goal {goal_id}: no due date: set one, so there is no question" in result.stdout
    assert f"goal {goal_id}: no measurable target: give a target (and a measure), so" in (
        result.stdout
    )
    assert "--" not in result.stdout


def test_a_notice_names_a_field_by_a_flag_or_in_words() -> None:
    from coachlog.errors import Named, Notice

    notice = Notice(
        "give {target} (and {measure}) for {title}",
        {"target": Named("a target", "{} N"), "measure": Named("a measure")},
    )
    flags = {"target": "--target", "measure": "--measure"}
    assert notice.say(lambda field: flags.get(field, field)) == (
        "give --target N (and --measure) for {title}"
    )
    assert notice.say(lambda field: "--target" if field == "target" else field) == (
        "give --target N (and a measure) for {title}"
    )
    assert str(notice) == "give a target (and a measure) for {title}"
    assert str(Notice("'{due}' reads like a sales goal")) == "'{due}' reads like a sales goal"


# --- a Python caller reads the field ------------------------------------------------------------


def test_an_op_called_from_python_names_its_parameter_not_a_flag(journal: Path, cli: Cli) -> None:
    from coachlog.ops.goals import GoalEdit, GoalInput, add_goal, edit_goal
    from coachlog.store.journal import Journal, check_handle

    cli.ok("new", "1on1", "--rep", "alice", "--date", "2026-11-24")
    today = date(2026, 11, 24)
    store = Journal(journal)
    goal_id = add_goal(store, "alice", GoalInput("Call Acme", "action"), today).state.goal.id

    with pytest.raises(UsageError) as before_set:
        edit_goal(store, goal_id, GoalEdit(due=date(2026, 11, 1)), None, today)
    with pytest.raises(UsageError) as untitled:
        add_goal(store, "alice", GoalInput("  ", "action"), today)
    with pytest.raises(CoachlogError) as no_handle:
        check_handle("Not A Handle")

    assert str(before_set.value).startswith("due: the due date 2026-11-01 is before")
    assert str(untitled.value) == "title: a goal needs a title"
    assert str(no_handle.value).startswith("rep: 'Not A Handle' is not a rep handle")
    for error in (before_set, untitled, no_handle):
        assert error.value.flag is None
        assert "--" not in str(error.value)


# --- no flag below the CLI ----------------------------------------------------------------------

BELOW_THE_CLI = (
    "ops",
    "core",
    "store",
    "render",
    "model.py",
    "vocabulary.py",
    "defaults.py",
    "errors.py",
)
RUNS_A_PROGRAM = {"run", "_git"}  # their arguments are another program's command line (git's)
FLAG = re.compile(r"(?<!-)--[A-Za-z]")  # not the dashes of an armour line (-----BEGIN)
QUOTED_COMMAND = re.compile(r"'coachlog [^']*'")


def text_of(node: ast.AST) -> str:
    """The text a string expression makes, each value put in as ``{...}``; of another
    expression, the strings in it."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else ""
    if isinstance(node, ast.JoinedStr):
        return "".join(
            text_of(part) if isinstance(part, ast.Constant) else "{" + text_of(part) + "}"
            for part in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return text_of(node.left) + text_of(node.right)
    return " ".join(text_of(child) for child in ast.iter_child_nodes(node))


def is_string(node: ast.AST) -> bool:
    """A string expression: a literal, an f-string, or strings joined with ``+``."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return is_string(node.left) or is_string(node.right)
    return isinstance(node, ast.JoinedStr)


def strings_of(tree: ast.AST) -> list[ast.expr]:
    """Every whole string expression of ``tree`` (an f-string, not its parts; ``a + b``, not
    ``a``), but documentation (a docstring, or any string standing alone as a statement) and
    the command line of another program (``_git(root, "rev-parse", "--show-toplevel")``)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        if isinstance(node, ast.Call):
            called = node.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name in RUNS_A_PROGRAM:
                skipped |= {id(inner) for inner in ast.walk(node)}
        if is_string(node) and not isinstance(node, ast.Constant):
            skipped |= {id(inner) for inner in ast.walk(node) if inner is not node}
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.expr) and is_string(n) and id(n) not in skipped
    ]


def is_flag_of_another(target: ast.expr) -> bool:
    """``x.flag`` set on something, not an error's own ``self.flag`` as the error type takes it."""
    if not isinstance(target, ast.Attribute) or target.attr != "flag":
        return False
    return not (isinstance(target.value, ast.Name) and target.value.id == "self")


def flags_named(source: str, name: str) -> list[str]:
    """Where ``source`` names a command-line flag: ``flag=`` passed or set, or ``--x`` in a
    string (a docstring may describe the command line; a message may quote a whole command:
    ``'coachlog new 1on1 --rep alice'``)."""
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(is_flag_of_another(t) for t in targets):
                found.append(f"{name}:{node.lineno}: sets .flag")
        if isinstance(node, ast.Call) and any(kw.arg == "flag" for kw in node.keywords):
            found.append(f"{name}:{node.lineno}: passes flag=")
    for text in strings_of(tree):
        if FLAG.search(QUOTED_COMMAND.sub("", text_of(text))):
            found.append(f"{name}:{text.lineno}: a flag in a string, outside a quoted command")
    return sorted(found)


def test_no_error_below_the_cli_names_a_flag() -> None:
    package = Path(coachlog.__file__).parent
    found = []
    for part in BELOW_THE_CLI:
        paths = [package / part] if part.endswith(".py") else sorted((package / part).rglob("*.py"))
        for path in paths:
            found += flags_named(path.read_text(), str(path.relative_to(package)))
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        'raise UsageError("too long", flag="--note")',
        'check_handle(handle, flag="HANDLE")',
        "exc.flag = '--rep'",
        'raise UsageError("give --to, or set email.to")',
        'raise NotFoundError(f"no 1:1 {day}; leave --field-dates out", field="field_dates")',
        "raise errors.CoachlogError('x', hint=f\"run 'coachlog new 1on1 --rep {rep}' or --edit\")",
        # any string, not only an error's: a copy of another command's flags, a warning, a
        # view's text, a template, an unquoted command, a string beside another program's run
        'REPS_SET_FLAGS = {"deal_size": "--deal-size N"}',
        'found.append("no due date: set one with --due")',
        'empty = f"no #1 behaviour yet: coachlog focus set --rep {rep} TEXT --plan TEXT"',
        'warnings.append("end with one: coachlog goals add TITLE --rep " + rep)',
        'TEMPLATE = """\\n# the From address when --from is not given\\n"""',
        'run(["git", "config", "user.email"])\nsay("see --help")',
    ],
)
def test_the_check_finds_a_flag_below_the_cli(source: str) -> None:
    assert flags_named(source, "example.py")


@pytest.mark.parametrize(
    "source",
    [
        'raise UsageError("too long", field="note")',
        "raise NotFoundError('x', hint=f\"run 'coachlog new 1on1 --rep {rep}' first\")",
        'raise UsageError(f"{text!r}: a score is 1 to 5; 2026-11--01 is no date")',
        'run(["git", "rev-parse", "--show-toplevel"])',
        '_git(root, "config", "--local", "--get", key)',
        'warnings.append("end with one: \'coachlog goals add TITLE --rep " + rep + "\'")',
        'def moment(today):\n    """``today``, as ``--today`` fixes it."""\n    return today',
        'KIND_DIRS = {}\n"""Where ``coachlog new 1on1 --rep R`` writes, and ``--date``."""',
        "due = None  # the value of --due",
    ],
)
def test_the_check_passes_words_and_whole_commands(source: str) -> None:
    assert flags_named(source, "example.py") == []
