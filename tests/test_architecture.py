"""The architecture as tests: imports point down the layers, and modules and functions stay
small enough to read at a glance (ARCHITECTURE.md draws the same picture)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "glossary"

#: The layers, lowest first. A module may import modules of its own layer and of the layers
#: below it, never above: the engine knows nothing of files, files nothing of the database,
#: the service nothing of HTTP, and the offline check nothing of the service. The pages are
#: routes built on the API's dependencies; the app assembles both. "name!" is the package's
#: own __init__ only.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("engine", ("glossary.matching",)),
    (
        "rules",
        (
            "glossary!",
            "glossary.errors",
            "glossary.rules",
            "glossary.inputs",
            "glossary.diff",
            "glossary.exit",
        ),
    ),
    ("files", ("glossary.terms_file", "glossary.files", "glossary.tbx", "glossary.csv_file")),
    ("checker", ("glossary.checker",)),
    ("storage", ("glossary.settings", "glossary.db", "glossary.models")),
    ("service", ("glossary.service",)),
    ("api", ("glossary.api",)),
    ("pages", ("glossary.web",)),
    ("app", ("glossary.api.app", "glossary.api!")),
    ("commands", ("glossary.cli", "glossary.admin", "glossary.__main__")),
)
#: Longer functions are allowed only where a table reads better whole: argument parsers.
PARSER_BUILDERS = frozenset({"build_parser", "add_arguments"})
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 40


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


MODULES = dict(_modules())


def layer_of(module: str) -> int:
    """The index of the layer a module of ours belongs to (the longest prefix that names it)."""
    best: tuple[int, int] | None = None
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            # "name!" places a package's __init__ alone, not the modules inside it.
            exact = prefix.removesuffix("!")
            inside = prefix == exact and module.startswith(prefix + ".")
            if (module == exact or inside) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    if best is None:
        raise LookupError(f"{module} is in no layer: add it to LAYERS and ARCHITECTURE.md")
    return best[0]


def imports_of(name: str, path: Path) -> Iterator[tuple[int, str]]:
    """Each module of ours that a module imports, with the line (absolute and relative)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from glossary.service import terms` imports the module `terms`, not the package.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target.split(".")[0] == "glossary" and target in MODULES:
                yield node.lineno, target


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_imports_only_downward(name: str) -> None:
    own = layer_of(name)
    upward = [
        f"{MODULES[name].relative_to(SRC)}:{line}: {name} ({LAYERS[own][0]}) imports "
        f"{target} ({LAYERS[layer_of(target)][0]})"
        for line, target in imports_of(name, MODULES[name])
        if layer_of(target) > own
    ]
    assert upward == []


def test_the_engine_imports_nothing_of_ours_outside_it() -> None:
    outside = [
        (name, target)
        for name, path in MODULES.items()
        if name.startswith("glossary.matching")
        for _, target in imports_of(name, path)
        if not target.startswith("glossary.matching")
    ]
    assert outside == []


def test_the_layer_rule_catches_an_upward_import() -> None:
    """The rule itself can fail: the service importing the API would be reported."""
    assert layer_of("glossary.api.app") > layer_of("glossary.service")
    assert layer_of("glossary.matching.scan") < layer_of("glossary.terms_file")
    with pytest.raises(LookupError):
        layer_of("glossary_other.module")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_400_lines(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{MODULES[name].relative_to(SRC)} has {lines} lines"


def test_no_function_is_over_40_lines() -> None:
    long = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES and node.name not in PARSER_BUILDERS:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.name} {length}")
    assert long == []
