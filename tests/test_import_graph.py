"""The project's modules form no import circle, and none grows past 400 lines.

What counts as an import: every `import` / `from ... import` that runs when
the module is loaded, that is, anywhere outside a function body (module level,
under `if` / `try`, in class bodies). Those are the circles that break: which
module Python happens to load first decides whether a name exists yet.

An import inside a function runs later, when the function is called, so it
does not break loading; but it still means two modules depend on each other,
and it is a circle waiting for the next refactoring. A second graph counts
every import, function bodies included, and must have no circle either.

`from package import name` is an edge to `package.name` when that is a
module, else to `package` itself (its `__init__` runs). Importing a submodule
does not count as importing its parent packages: Python does run them, but a
package's `__init__` re-exporting its submodules would otherwise be a circle
with each of them.

Only the project's own packages are in the graph (not tests, migrations or
third-party code). Migrations and tests are also exempt from the size rule:
migrations are generated, and tests read top to bottom.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
SKIP_DIRS = {".venv", "node_modules", "var", "static", "locale", "templates"}


def _packages() -> list[str]:
    return sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests"}
    )


def _module_files() -> dict[str, Path]:
    modules = {}
    for package in _packages():
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _load_time_imports(tree: ast.Module):
    """Import statements outside function bodies."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
            continue
        pending.extend(ast.iter_child_nodes(node))


def _all_imports(tree: ast.Module):
    """Every import statement, function bodies included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node


def _edges(
    name: str, path: Path, modules: dict[str, Path], imports=_load_time_imports
) -> set[str]:
    is_package = path.name == "__init__.py"
    targets = set()
    for node in imports(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = name.split(".")
            if not is_package:
                anchor = anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in node.names:
            submodule = f"{base}.{alias.name}"
            targets.add(submodule if submodule in modules else base)
    return {target for target in targets if target in modules and target != name}


def import_graph(imports=_load_time_imports) -> dict[str, set[str]]:
    modules = _module_files()
    return {
        name: _edges(name, path, modules, imports) for name, path in modules.items()
    }


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module
    (Tarjan's algorithm), each as a sorted list."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def test_the_project_has_no_import_circle():
    graph = import_graph()

    assert find_cycles(graph) == []


def test_no_import_circle_even_through_imports_inside_functions():
    graph = import_graph(_all_imports)

    assert find_cycles(graph) == []


def test_the_graph_of_all_imports_sees_imports_inside_functions():
    graph = import_graph(_all_imports)

    assert "cms.selectors" in graph["cms.models.pages"]
    assert "cms.selectors" not in import_graph()["cms.models.pages"]


def test_the_graph_sees_the_project_and_its_imports():
    graph = import_graph()

    assert "returns.services.requests" in graph
    assert "orders.selectors" in graph["returns.services.returnable"]
    assert not any(name.startswith("tests") for name in graph)
    assert not any(".migrations" in name for name in graph)


@pytest.mark.parametrize(
    ("graph", "cycles"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [["a", "b", "c"]]),
    ],
)
def test_a_circle_is_found(graph, cycles):
    assert find_cycles(graph) == cycles


def test_function_level_imports_are_not_edges(tmp_path):
    source = ast.parse(
        "import os\n"
        "try:\n    import json\nexcept ImportError:\n    json = None\n"
        "class A:\n    import re\n"
        "def f():\n    import csv\n"
    )

    names = sorted(
        alias.name for node in _load_time_imports(source) for alias in node.names
    )

    assert names == ["json", "os", "re"]
    every = sorted(alias.name for node in _all_imports(source) for alias in node.names)
    assert every == ["csv", "json", "os", "re"]


def _large_modules() -> list[tuple[str, int]]:
    large = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in SKIP_DIRS or parts[0].startswith(".") or parts[0] == "tests":
            continue
        if "migrations" in parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            large.append(("/".join(parts), lines))
    return large


def test_no_module_is_over_400_lines():
    assert _large_modules() == []
