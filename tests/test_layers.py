"""The layers of ARCHITECTURE.md, checked on the source: every import of every module (at the
top, inside a function, or for type checking only) points the allowed way, no module takes a
private name of typer or click except ``cli/compat.py``, and no modules import each other in a
circle."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import coachlog

PACKAGE = Path(coachlog.__file__).parent

# layer -> the layers and libraries it must never import
FORBIDDEN: dict[str, set[str]] = {
    "core": {"store", "ops", "render", "cli", "typer", "rich", "ruamel", "sqlite3", "pydantic"},
    "render": {"store", "ops", "cli", "typer", "ruamel", "sqlite3"},
    "store": {"ops", "render", "cli", "typer", "rich"},
    "ops": {"render", "cli", "typer", "rich"},
    "model": {"core", "store", "ops", "render", "cli", "typer", "rich"},
    "vocabulary": {"core", "model", "store", "ops", "render", "cli", "pydantic"},
    "defaults": {"core", "model", "store", "ops", "render", "cli", "pydantic"},
    "errors": {"core", "model", "store", "ops", "render", "cli"},
}
COMPAT = "coachlog.cli.compat"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


class Import:
    def __init__(self, target: str, names: tuple[str, ...], line: int) -> None:
        self.target, self.names, self.line = target, names, line


def imports(name: str) -> Iterator[Import]:
    """What module ``name`` imports, as absolute module names (``from coachlog import x``
    names the module ``coachlog.x`` when there is one)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = tuple(alias.name for alias in node.names)
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            for sub in submodules:
                yield Import(sub, (), node.lineno)
            if len(submodules) < len(names):
                yield Import(target, names, node.lineno)


def layer(module: str) -> str:
    """``coachlog.store.index`` is in ``store``; a library is its top-level package."""
    parts = module.split(".")
    return parts[1] if parts[0] == "coachlog" and len(parts) > 1 else parts[0]


def broken_rules() -> list[str]:
    found = []
    for name in MODULES:
        banned = FORBIDDEN.get(layer(name), set())
        for imp in imports(name):
            where = f"{name}:{imp.line}"
            if layer(imp.target) in banned:
                found.append(f"{where}: {layer(name)} imports {imp.target}")
            private = [n for n in imp.names if n.startswith("_")]
            private_module = any(part.startswith("_") for part in imp.target.split("."))
            framework = imp.target.split(".")[0] in ("typer", "click")
            if framework and name != COMPAT and (private_module or private):
                found.append(f"{where}: {imp.target} {private or ''} is typer's or click's own")
    return found


def test_every_import_points_the_allowed_way() -> None:
    assert broken_rules() == []


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
        ("coachlog.cli.app", "from typer._click import Context\n", "typer's or click's own"),
        ("coachlog.cli.app", "from typer.core import _private\n", "typer's or click's own"),
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


def test_the_check_sees_a_circle(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = "coachlog.render.page"
    copy = tmp_path / "page.py"
    copy.write_text(
        MODULES[module].read_text(encoding="utf-8") + "\nfrom coachlog.render import report\n",
        encoding="utf-8",
    )
    monkeypatch.setitem(MODULES, module, copy)
    assert ["coachlog.render.page", "coachlog.render.report"] in cycles()
