"""The house keeps its shape: no import cycles, no import along a never-edge,
no module too long to read in one sitting, no reaching into another module's
private names. Read from the source with `ast`, so it needs nothing imported."""

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "journeymap"
MAX_LINES = 320  # "about 300": one concept a module

# (importer room, imported room): never. A room is the first part of the
# module's name below journeymap (`layout`, `renderers`, `run`, ...); the
# top-level modules model, fields, builtins, loading, ... are the core.
NEVER = {
    ("layout", "renderers"), ("layout", "cli"), ("layout", "run"),
    ("model", "renderers"), ("model", "layout"), ("model", "cli"), ("model", "run"),
    ("fields", "renderers"), ("fields", "layout"), ("fields", "cli"), ("fields", "run"),
    ("renderers", "cli"), ("renderers", "run"),
    ("presentation", "renderers"), ("presentation", "layout"), ("presentation", "cli"),
    ("presentation", "run"),
    ("loading", "renderers"), ("loading", "layout"), ("loading", "cli"), ("loading", "run"),
    ("analysis", "cli"), ("analysis", "run"),
    ("run", "cli"),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The journeymap modules that `name` imports, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("journeymap"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("journeymap"):
                continue
            for alias in node.names:  # `from . import x` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in known else target)
    return {module for module in found if module in known and module != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "journeymap"


def test_no_import_cycles():
    edges = graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(edges[node]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_no_import_along_a_never_edge():
    wrong = [f"{source} imports {target}" for source, targets in graph().items()
             for target in targets if (room(source), room(target)) in NEVER]
    assert not wrong, "\n".join(wrong)


def test_renderers_never_touch_the_writer_and_the_library_never_the_cli():
    for source, targets in graph().items():
        if room(source) not in ("cli", "__main__"):  # `python -m journeymap` is the command line
            assert not [t for t in targets if room(t) == "cli"], source
        if room(source) == "renderers":
            assert "journeymap.run.writer" not in targets, source


def test_no_module_is_too_long_to_read():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert not {n: count for n, count in long.items() if count > MAX_LINES}


def test_no_module_imports_another_modules_private_names():
    private = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("journeymap")):
                private += [f"{name}: {alias.name}" for alias in node.names
                            if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert not private, private


def test_the_graph_is_read_for_real():
    """The checks above would pass on an empty graph: make sure it is not."""
    edges = graph()
    assert len(edges) > 40
    assert "journeymap.model" in edges["journeymap.checks"]
    assert any(room(t) == "renderers" for t in edges["journeymap.run.pipeline"])
