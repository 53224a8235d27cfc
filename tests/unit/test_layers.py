"""The layering the README's Development section promises, read from the source's imports.

Every import counts: at module level, inside functions and under ``if TYPE_CHECKING:``; a
cycle hidden in a function is still two modules that need each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop", "db")

# Top to bottom; a module may import its own layer or any layer below it.
LAYERS: list[tuple[str, int]] = [
    ("desktop.__main__", 7),
    ("desktop.cli", 7),
    ("desktop.app", 7),
    ("desktop.ui", 6),
    ("desktop.summary", 5),
    ("desktop.services", 4),
    ("desktop.models", 3),
    ("desktop.platform", 3),
    ("desktop.content", 2),
    ("db", 2),
    ("desktop", 1),  # desktop/__init__.py: the name and version, importable by all
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
    }


def _imported_names(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    modules = _modules()
    edges: dict[str, set[str]] = {}
    external: dict[str, set[str]] = {}
    for module, path in modules.items():
        names = _imported_names(module, path)
        external[module] = {name.split(".")[0] for name in names}
        targets = {_resolve(name, modules) for name in names}
        # A package's own __init__ is not an edge from its children (it runs first anyway).
        edges[module] = {
            target
            for target in targets
            if target is not None
            and target != module
            and not (module.startswith(target + ".") and target in PACKAGES)
        }
    return edges, external


def _layer(module: str) -> int:
    for prefix, rank in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return rank
    raise AssertionError(f"{module} is in no layer: add it to the README and to LAYERS")


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    edges, _ = _import_graph()
    assert _cycles(edges) == []


def test_no_module_imports_a_higher_layer() -> None:
    edges, _ = _import_graph()
    upward = [
        f"{module} imports {target}"
        for module, targets in edges.items()
        for target in targets
        if _layer(target) > _layer(module)
    ]
    assert upward == []


def test_db_and_content_know_no_qt() -> None:
    _, external = _import_graph()
    offenders = [
        module
        for module, names in external.items()
        if (module.startswith("db") and names & {"PySide6", "desktop"})
        or (module.startswith("desktop.content") and "PySide6" in names)
    ]
    assert offenders == []


def test_services_and_models_hold_no_widgets() -> None:
    offenders = [
        module
        for module, path in _modules().items()
        if module.startswith(("desktop.services", "desktop.models"))
        and "QtWidgets" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_sql_text_lives_only_in_db() -> None:
    """Widgets, controllers and services call db/; none writes SQL of its own."""
    offenders = []
    for module, path in _modules().items():
        if module.startswith("desktop"):
            text = path.read_text(encoding="utf-8")
            if any(word in text for word in ("SELECT ", "INSERT INTO", "UPDATE ", "PRAGMA ")):
                offenders.append(module)
    assert offenders == []


def test_the_checker_sees_a_cycle_and_an_upward_import() -> None:
    """The checks above can fail: a made-up graph with both faults is caught."""
    edges = {"desktop.services.a": {"desktop.ui.b"}, "desktop.ui.b": {"desktop.services.a"}}
    assert _cycles(edges) == [["desktop.services.a", "desktop.ui.b"]]
    assert _layer("desktop.ui.b") > _layer("desktop.services.a")
