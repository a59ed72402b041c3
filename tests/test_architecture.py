"""The package layout keeps its promises: imports run one way, no circles, no private names across modules.

The ranks below are the flow of CONTRIBUTING.md: commands -> api -> viewer
-> evaluation -> pipeline -> release -> corpus -> layers -> text, with
`errors`, `version` and `packaged` beneath everything and the package's face
(`wirespan/__init__.py`) on top. A module may import from its own rank or below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "wirespan"
RANK = {"errors": 0, "version": 0, "packaged": 0, "text": 1, "layers": 2, "corpus": 3, "release": 4, "pipeline": 5,
        "evaluation": 6, "viewer": 7, "api": 8, "commands": 9, "__init__": 10, "__main__": 11}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def rank(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    assert top in RANK, f"{module}: a new top-level part of the package needs a rank here and in CONTRIBUTING.md"
    return RANK[top]


def imports(module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, imported names, line) of every `wirespan` import, function-local ones included."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{module}:{node.lineno}: relative import; use absolute `wirespan.` imports")
            if node.module and node.module.split(".")[0] == "wirespan":
                found.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.split(".")[0] == "wirespan"]
    return found


def target(imported: str, name: str) -> str:
    """The module an import reaches: `from wirespan.x import y` is module `wirespan.x.y` when that exists."""
    return f"{imported}.{name}" if f"{imported}.{name}" in MODULES else imported


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way(module: str) -> None:
    for imported, names, line in imports(module):
        for reached in [target(imported, n) for n in names] or [imported]:
            if reached == "wirespan":  # the package face imports downward only (checked from the other side)
                assert rank(module) >= RANK["__init__"], f"{module}:{line} imports the package face"
                continue
            assert rank(reached) <= rank(module), f"{module}:{line} imports {reached}, which lies above it"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_is_used_from_another_module(module: str) -> None:
    for imported, names, line in imports(module):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{module}:{line} imports private {private} from {imported}"
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    aliases = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               and (node.module or "").startswith("wirespan") for a in node.names
               if f"{node.module}.{a.name}" in MODULES}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            assert not (node.attr.startswith("_") and not node.attr.startswith("__")), \
                f"{module}:{node.lineno} uses private {node.value.id}.{node.attr}"


def test_no_import_circle() -> None:
    graph = {m: {target(i, n) for i, names, _ in imports(m) for n in (names or [""])} & set(MODULES) - {m, "wirespan"}
             for m in MODULES}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_module_passes_500_lines() -> None:
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}, f"split these at their seams: {long}"
