"""The layers of ARCHITECTURE.md, checked on the source as allow-lists: each layer names the
coachlog layers and the libraries it may import, and anything it does not name is refused.

Every import of every module counts: at the top, inside a function, for type checking only,
by ``importlib.import_module``/``__import__`` with a literal name, and a layer reached as an
attribute of an imported package (``import coachlog`` then ``coachlog.store.journal``). An
import by a computed name is refused except in the modules that load a module by name. The
pure layers (``vocabulary``, ``defaults``, ``errors``, ``model``, ``core``, ``render``) take
the standard library less what touches files, processes, the terminal, the environment, the network,
randomness or the clock, and call no ``open``/``print``/``input``/``date.today()``. No module
but ``cli/compat.py`` takes a private name of typer or click (imported, or reached as an
attribute). And no modules import each other in a circle."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

import coachlog

PACKAGE = Path(coachlog.__file__).parent
THE_THREE = frozenset({"vocabulary", "defaults", "errors"})
EVERY_LAYER = frozenset({"coachlog", "cli", "ops", "store", "render", "core", "model", *THE_THREE})


@dataclass(frozen=True)
class Allowed:
    layers: frozenset[str]  # coachlog layers ("coachlog" is the package itself: __version__)
    libraries: frozenset[str] = frozenset()  # third-party top-level packages
    pure: bool = True  # the standard library less EFFECTS (else the whole standard library)


# layer -> what it may import; a module whose layer is not here fails the check
ALLOWED: dict[str, Allowed] = {
    **{name: Allowed(THE_THREE) for name in THE_THREE},
    "model": Allowed(THE_THREE | {"model"}, frozenset({"pydantic"})),
    "core": Allowed(THE_THREE | {"model", "core"}, frozenset({"dateutil", "merge3"})),
    # render may read the records' data types (model), never the store or an op
    "render": Allowed(THE_THREE | {"model", "core", "render"}, frozenset({"rich", "icalendar"})),
    # yaml is PyYAML: fastyaml reads libyaml's events
    "store": Allowed(
        THE_THREE | {"model", "core", "store"},
        frozenset({"pydantic", "ruamel", "yaml", "pyrage"}),
        pure=False,
    ),
    "ops": Allowed(
        THE_THREE | {"model", "core", "store", "ops"}, frozenset({"pydantic"}), pure=False
    ),
    # the CLI prints through render, so it needs typer only (not rich)
    "cli": Allowed(EVERY_LAYER, frozenset({"typer"}), pure=False),
    # coachlog/__main__.py answers --version and --help without typer
    "__main__": Allowed(frozenset({"coachlog", "cli"}), pure=False),
    # coachlog/__init__.py: only __version__
    "coachlog": Allowed(frozenset()),
}

# The standard library a pure layer may not import: files, processes, the terminal, the
# environment, the network, randomness, the clock, and loading code by name.
EFFECTS = frozenset(
    {
        *("os", "sys", "io", "pathlib", "shutil", "tempfile", "glob", "fcntl", "mmap"),
        *("sqlite3", "dbm", "shelve", "fileinput", "filecmp", "zipfile", "tarfile"),
        *("subprocess", "multiprocessing", "concurrent", "threading", "_thread", "signal"),
        *("asyncio", "atexit", "pty", "resource"),
        *("curses", "termios", "tty", "readline", "getpass", "logging", "webbrowser"),
        *("time", "random", "secrets", "uuid", "platform", "locale", "ctypes"),
        *("socket", "ssl", "select", "selectors", "urllib", "http", "smtplib", "ftplib"),
        *("importlib", "runpy", "pkgutil", "zipimport", "builtins"),
    }
)
# (module, standard-library package) a pure layer's module needs, and why it stays pure
STDLIB_EXCEPTIONS = {
    ("coachlog.errors", "pathlib"),  # an error carries the Path of its file; never opens it
    ("coachlog.render.formats", "importlib"),  # loads the module of a format by its name
    ("coachlog.render.formats.csv", "io"),  # csv.writer into an io.StringIO, no file
}
# what a pure layer does not call: files and the terminal, and the clock
EFFECT_CALLS = frozenset({"open", "print", "input", "breakpoint"})
CLOCK = frozenset({"now", "today", "utcnow"})
CLOCK_OWNERS = frozenset({"date", "datetime", "datetime.date", "datetime.datetime"})

COMPAT = "coachlog.cli.compat"
# the modules that import a module by a computed name
LOADS_BY_NAME = frozenset(
    {
        "coachlog.render.formats",  # a format's module, by the format's name
        "coachlog.cli.app",  # a command's module, from cli/catalog.py
        COMPAT,  # click's modules, wherever this typer keeps click
    }
)
FRAMEWORKS = ("typer", "click")
DYNAMIC = frozenset({"import_module", "__import__"})


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@dataclass(frozen=True)
class Import:
    target: str
    names: tuple[str, ...]
    line: int
    how: str = ""  # "" for an import statement, else how the module got there


@dataclass(frozen=True)
class Facts:
    imports: tuple[Import, ...]
    # what no import statement says: (line, what)
    computed_imports: tuple[tuple[int, str], ...]
    private_attributes: tuple[tuple[int, str], ...]
    effects: tuple[tuple[int, str], ...]


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def longest_module(dotted: str) -> str | None:
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in MODULES:
            return ".".join(parts[:end])
    return None


def dotted(node: ast.expr) -> list[str] | None:
    """``a.b.c`` as ``["a", "b", "c"]``; None when it does not start at a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


@cache
def facts_of(name: str, path: Path) -> Facts:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[Import] = []
    computed: list[tuple[int, str]] = []
    private: list[tuple[int, str]] = []
    effects: list[tuple[int, str]] = []
    bound: dict[str, str] = {}  # a local name -> the module it names (over the whole file)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(alias.name, (), node.lineno))
                if alias.asname:
                    bound[alias.asname] = alias.name
                else:
                    root = alias.name.split(".")[0]
                    bound[root] = root
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            for sub in submodules:
                found.append(Import(sub, (), node.lineno))
            if len(submodules) < len(names):
                found.append(Import(target, names, node.lineno))
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{target}.{alias.name}"

    def reach(chain: list[str], line: int) -> None:
        """An attribute chain from a bound module: a coachlog module it reaches, or a private
        name of typer or click."""
        if chain[0] not in bound:
            return
        full = [*bound[chain[0]].split("."), *chain[1:]]
        if full[0] == "coachlog":
            reached = longest_module(".".join(full))
            if reached and reached != longest_module(bound[chain[0]]):
                found.append(Import(reached, (), line, f" (as {'.'.join(chain)})"))
        elif full[0] in FRAMEWORKS and any(is_private(part) for part in full[1:]):
            private.append((line, ".".join(chain)))

    inner = {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Attribute)
    }  # the a.b of a.b.c: only whole chains are looked at
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            chain = dotted(node)
            if chain:
                reach(chain, node.lineno)
            owner = ast.unparse(node.value)
            if node.attr in CLOCK and owner in CLOCK_OWNERS:
                effects.append((node.lineno, f"{owner}.{node.attr}"))
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called == "getattr" and len(node.args) >= 2:
            chain, attr = dotted(node.args[0]), node.args[1]
            if chain and isinstance(attr, ast.Constant) and isinstance(attr.value, str):
                reach([*chain, attr.value], node.lineno)
        if isinstance(func, ast.Name) and func.id in EFFECT_CALLS:
            effects.append((node.lineno, f"{func.id}()"))
        if (
            isinstance(func, ast.Attribute)
            and func.attr in CLOCK
            and ast.unparse(func.value) not in CLOCK_OWNERS  # seen as an attribute above
        ):
            effects.append((node.lineno, f"{ast.unparse(func)}()"))
        if isinstance(func, ast.Name) and func.id in ("exec", "eval"):
            computed.append((node.lineno, f"{func.id}(...)"))
        if called not in DYNAMIC:
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            target = first.value
            if target.startswith("."):
                anchor = node.args[1] if len(node.args) > 1 else None
                for keyword in node.keywords:
                    if keyword.arg == "package":
                        anchor = keyword.value
                if isinstance(anchor, ast.Constant) and isinstance(anchor.value, str):
                    target = anchor.value + target
                elif isinstance(anchor, ast.Name) and anchor.id in ("__name__", "__package__"):
                    target = (name if anchor.id == "__name__" else package) + target
                else:
                    computed.append((node.lineno, ast.unparse(node)))
                    continue
            found.append(Import(target, (), node.lineno, f" (by {called})"))
        else:
            computed.append((node.lineno, ast.unparse(node)))
    return Facts(tuple(found), tuple(computed), tuple(private), tuple(effects))


def imports(name: str) -> Iterator[Import]:
    """What module ``name`` imports, as absolute module names (``from coachlog import x``
    names the module ``coachlog.x`` when there is one)."""
    yield from facts_of(name, MODULES[name]).imports


def layer(module: str) -> str:
    """``coachlog.store.index`` is in ``store``; a library is its top-level package."""
    parts = module.split(".")
    return parts[1] if parts[0] == "coachlog" and len(parts) > 1 else parts[0]


def broken_rules() -> list[str]:
    found = []
    for name, path in MODULES.items():
        home = layer(name)
        allowed = ALLOWED.get(home)
        if allowed is None:
            found.append(f"{name}: its layer {home!r} is not in ALLOWED")
            continue
        facts = facts_of(name, path)
        for imp in facts.imports:
            where = f"{name}:{imp.line}"
            top = imp.target.split(".")[0]
            if top == "coachlog":
                if layer(imp.target) not in allowed.layers:
                    found.append(f"{where}: {home} imports {imp.target}{imp.how}")
            elif top in sys.stdlib_module_names:
                if allowed.pure and top in EFFECTS and (name, top) not in STDLIB_EXCEPTIONS:
                    found.append(f"{where}: {home} is pure and imports {top}{imp.how}")
            elif top not in allowed.libraries:
                found.append(f"{where}: {home} imports {top}, a library not in its list")
            private = [n for n in imp.names if is_private(n)]
            private_module = any(is_private(part) for part in imp.target.split("."))
            if top in FRAMEWORKS and name != COMPAT and (private_module or private):
                found.append(f"{where}: {imp.target} {private or ''} is typer's or click's own")
        if name != COMPAT:
            for line, chain in facts.private_attributes:
                found.append(f"{name}:{line}: {chain} is typer's or click's own")
        if name not in LOADS_BY_NAME:
            for line, call in facts.computed_imports:
                found.append(f"{name}:{line}: imports by a computed name: {call}")
        if allowed.pure:
            for line, effect in facts.effects:
                found.append(f"{name}:{line}: {home} is pure and calls {effect}")
    return found


def test_every_import_points_the_allowed_way() -> None:
    assert broken_rules() == []


def test_every_exception_names_a_module_that_needs_it() -> None:
    """An exception outlives its reason unnoticed: each names a module that still imports it."""
    for module, stdlib in sorted(STDLIB_EXCEPTIONS | {(m, "") for m in LOADS_BY_NAME}):
        assert module in MODULES, module
        if stdlib:
            assert any(i.target.split(".")[0] == stdlib for i in imports(module)), module
        else:
            assert facts_of(module, MODULES[module]).computed_imports, module


def cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), over every import between
    coachlog's modules. A package's ``__init__`` loading its format modules by name (the
    registry) is not an import the source states, and so not a circle."""
    graph = {
        name: sorted({i.target for i in imports(name) if i.target in MODULES} - {name})
        for name in MODULES
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert cycles() == []


@pytest.mark.parametrize(
    ("module", "source", "rule"),
    [
        ("coachlog.core.dates", "from coachlog.store.journal import Journal\n", "core imports"),
        ("coachlog.render.page", "def f():\n    from coachlog.ops import goals\n", "render"),
        ("coachlog.model", "from coachlog.core import calendar\n", "model imports"),
        ("coachlog.store.atomic", "from coachlog.cli.common import echo\n", "store imports"),
        ("coachlog.ops.reps", "from coachlog.render import page\n", "ops imports"),
        ("coachlog.cli.app", "from typer._click import Context\n", "typer's or click's own"),
        ("coachlog.cli.app", "from typer.core import _private\n", "typer's or click's own"),
        # a literal name given to import_module or __import__ is an import
        (
            "coachlog.core.dates",
            "import importlib\nimportlib.import_module('coachlog.store.journal')\n",
            "core imports coachlog.store.journal (by import_module)",
        ),
        (
            "coachlog.render.page",
            "def f():\n    return __import__('coachlog.ops.reps')\n",
            "render imports coachlog.ops.reps (by __import__)",
        ),
        (
            "coachlog.core.dates",
            "from importlib import import_module\nimport_module('.journal', 'coachlog.store')\n",
            "core imports coachlog.store.journal (by import_module)",
        ),
        # a computed name, outside the modules that load by name
        (
            "coachlog.ops.reps",
            "import importlib\nfor n in ('a',):\n    importlib.import_module(f'x.{n}')\n",
            "imports by a computed name",
        ),
        ("coachlog.cli.goals", "mod = __import__(name)\n", "imports by a computed name"),
        ("coachlog.store.git", "exec('import coachlog.cli')\n", "imports by a computed name"),
        # a library or a standard module not in the layer's list
        ("coachlog.core.dates", "import yaml\n", "core imports yaml, a library not in its"),
        ("coachlog.errors", "from pydantic import BaseModel\n", "errors imports pydantic"),
        ("coachlog.vocabulary", "import rich\n", "vocabulary imports rich"),
        ("coachlog.render.page", "import ruamel.yaml\n", "render imports ruamel"),
        ("coachlog.ops.reps", "from typer import Exit\n", "ops imports typer"),
        ("coachlog.core.goals", "import subprocess\n", "core is pure and imports subprocess"),
        ("coachlog.core.goals", "def f():\n    import os\n", "core is pure and imports os"),
        ("coachlog.render.page", "import sys\n", "render is pure and imports sys"),
        ("coachlog.core.agenda", "import importlib\n", "core is pure and imports importlib"),
        # files, the terminal and the clock, in a pure layer
        ("coachlog.core.dates", "def f():\n    return open('x')\n", "calls open()"),
        ("coachlog.render.page", "print('x')\n", "calls print()"),
        ("coachlog.core.report", "def f():\n    return date.today()\n", "calls date.today"),
        ("coachlog.model", "X = datetime.now\n", "calls datetime.now"),
        # a layer reached as an attribute of the package
        (
            "coachlog.core.dates",
            "import coachlog\n\ndef f():\n    return coachlog.store.journal.Journal\n",
            "core imports coachlog.store.journal (as coachlog.store.journal.Journal)",
        ),
        (
            "coachlog.render.page",
            "import coachlog.render.report\nX = coachlog.ops.reps\n",
            "render imports coachlog.ops.reps",
        ),
        # a private name of typer or click reached as an attribute
        ("coachlog.cli.app", "X = typer._click.Context\n", "typer._click.Context is typer's"),
        ("coachlog.cli.app", "import click\nX = click._compat\n", "click._compat is typer's"),
        ("coachlog.cli.common", "import typer as t\nX = t.core._x\n", "t.core._x is typer's"),
        ("coachlog.cli.app", "X = getattr(typer, '_click')\n", "typer._click is typer's"),
    ],
)
def test_the_check_sees_a_forbidden_import(
    module: str, source: str, rule: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Each rule, broken on purpose in a copy of a module, is reported."""
    copy = tmp_path / MODULES[module].name
    copy.write_text(MODULES[module].read_text(encoding="utf-8") + "\n" + source, encoding="utf-8")
    monkeypatch.setitem(MODULES, module, copy)
    assert any(rule in line for line in broken_rules()), broken_rules()


def test_the_check_sees_a_module_outside_every_layer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A new top-level module is placed in a layer before it passes."""
    stray = tmp_path / "stray.py"
    stray.write_text("import os\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "coachlog.stray", stray)
    assert "coachlog.stray: its layer 'stray' is not in ALLOWED" in broken_rules()


def test_the_check_sees_a_circle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = "coachlog.render.page"
    copy = tmp_path / "page.py"
    copy.write_text(
        MODULES[module].read_text(encoding="utf-8") + "\nfrom coachlog.render import report\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(MODULES, module, copy)
    assert ["coachlog.render.page", "coachlog.render.report"] in cycles()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports_on_its_own(name: str) -> None:
    """Each module imports in a fresh interpreter with nothing imported before it: no module
    leans on another having been imported first, and none fails at import."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
