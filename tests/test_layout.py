"""The layout keeps data flowing one way: files -> claims -> values -> checks -> report -> output.

Every import inside the package (at the top of a module or inside a function) is read
with ``ast``. A module may import from its own layer or a lower one, never a higher
one; no two modules import each other, directly or round a circle; and no rule kind
module imports another (shared arithmetic lives in the helper modules of checks/).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "nqpf_check"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("nqpf_check", "errors", "files", "names"),
    ("quantities",),
    ("claims",),
    ("reference",),
    ("checks",),
    ("report",),
    ("ruleset_format", "ruleset"),
    ("engine",),
    ("reporters", "extract"),
    ("commands",),
    ("cli", "__main__"),
)
"""Lowest first: a module's layer is that of its first name under nqpf_check."""

HELPERS = {
    "base",
    "ratios",
    "consensus",
    "series",
    "relations",
    "diagnose",
    "examples",
    "__init__",
}
"""The modules of checks/ that are not rule kinds."""


def module_name(path: Path) -> str:
    """``nqpf_check.claims.reader`` for src/nqpf_check/claims/reader.py."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    """The layer of a module of the package."""
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else parts[0]
    for rank, names in enumerate(LAYERS):
        if first in names:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS in {__file__}")


def imports(path: Path) -> set[str]:
    """The package's modules that ``path`` imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("nqpf_check")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("nqpf_check"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m in MODULES and m != own}


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        layer(name)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_from_a_higher_layer(module: str) -> None:
    upward = sorted(m for m in GRAPH[module] if layer(m) > layer(module))
    assert not upward, f"{module} (layer {layer(module)}) imports higher layers: {upward}"


def test_no_import_circle() -> None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                circle = [*stack[stack.index(target) :], target]
                raise AssertionError("import circle: " + " -> ".join(circle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_no_rule_kind_imports_another() -> None:
    kinds = {
        name
        for name in MODULES
        if name.startswith("nqpf_check.checks.") and name.rsplit(".", 1)[1] not in HELPERS
    }
    assert len(kinds) >= 11
    for kind in sorted(kinds):
        assert not GRAPH[kind] & kinds, f"{kind} imports {sorted(GRAPH[kind] & kinds)}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The reader of imports finds lazy and relative imports (so the tests above can fail)."""
    source = tmp_path / "nqpf_check" / "claims" / "x.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "def f():\n    from nqpf_check.engine import run\n    from ..report import Report\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved = PACKAGE
    PACKAGE = tmp_path / "nqpf_check"
    try:
        found = imports(source)
    finally:
        PACKAGE = saved
    assert found == {"nqpf_check.engine", "nqpf_check.report"}
