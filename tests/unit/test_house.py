"""The house's rules, read from the code with ast (imports inside functions included): no import
cycle among the project's modules; data/ imports neither seed/ nor ui/ nor streamlit (nor the entry
points and cli/ above it); cli/ imports neither streamlit nor ui/ nor the pages; indicators/ imports
neither streamlit nor sqlalchemy; no module under data/services/ over 500 lines.
Each failure names the modules that break the rule."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ("app.py", "pantau.py", "manage.py", "bootstrap.py")
PACKAGES = ("app_pages", "ui", "data", "indicators", "seed", "cli")
SERVICE_LINE_LIMIT = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    files = [ROOT / name for name in ENTRY_POINTS]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return {module_name(path): path for path in files}


MODULES = project_modules()


def imported_modules(source: str, name: str, is_package: bool = False) -> set[str]:
    """The modules a module's source imports, wherever the import statement stands (relative
    imports resolved). `from x import y` counts as importing x.y when that is a project module,
    else as importing x."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


IMPORTS = {name: imported_modules(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
           for name, path in MODULES.items()}


def project_module(imported: str) -> str | None:
    """The project module an import loads: the name itself or its nearest package."""
    while imported and imported not in MODULES:
        imported = imported.rpartition(".")[0]
    return imported or None


def in_layer(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


def import_graph() -> dict[str, set[str]]:
    return {name: {target for imported in imported_set
                   if (target := project_module(imported)) is not None and target != name}
            for name, imported_set in IMPORTS.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One closed path per strongly connected group of modules (Tarjan), e.g. [a, b, a]."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [closed_path(graph, group) for group in groups]


def closed_path(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """The shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {target: [start, target] for target in graph[start] & group}
    frontier = sorted(paths)
    while start not in paths:
        step = []
        for module in frontier:
            for target in sorted(graph[module] & group):
                if target not in paths:
                    paths[target] = [*paths[module], target]
                    step.append(target)
        frontier = step
    return paths[start]


def test_the_scan_sees_every_import_statement():
    source = (
        "import streamlit as st\n"
        "from . import lookups\n"
        "from ..access import require_role\n"
        "def late():\n"
        "    from seed.demo import seed_demo\n"
        "    import sqlalchemy.orm\n"
    )
    assert imported_modules(source, "data.services.example") == {
        "streamlit", "data.services", "data.access", "seed.demo", "sqlalchemy.orm"}
    assert imported_modules("from . import db, models\n", "data", is_package=True) == {"data.db", "data.models"}
    assert {"app", "manage", "bootstrap", "data.db", "indicators.scoring", "seed.demo"} <= set(MODULES)


def test_no_import_cycle_among_the_projects_modules():
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


@pytest.mark.parametrize("layer, forbidden", [
    ("data", ("seed", "ui", "app_pages", "app", "manage", "cli", "bootstrap", "streamlit")),
    ("cli", ("streamlit", "ui", "app_pages", "app", "manage")),
    ("indicators", ("streamlit", "sqlalchemy")),
])
def test_a_layer_imports_nothing_above_it(layer, forbidden):
    offending = sorted(f"{name} imports {imported}"
                       for name, imported_set in IMPORTS.items() if in_layer(name, layer)
                       for imported in imported_set if imported.split(".")[0] in forbidden)
    assert offending == [], f"{layer}/ must not import {', '.join(forbidden)}: " + "; ".join(offending)


def test_no_service_module_over_500_lines():
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines())
               for name, path in MODULES.items() if in_layer(name, "data.services")}
    too_long = sorted(f"{name} ({lines} lines)" for name, lines in lengths.items() if lines > SERVICE_LINE_LIMIT)
    assert too_long == [], (f"service modules over {SERVICE_LINE_LIMIT} lines (split them by use case): "
                            + ", ".join(too_long))
