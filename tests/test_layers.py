"""The stages as import contracts: a stage imports only the stages below it.

    cli → commands → building → pdf, web → charts → content, theme → the foundation (brief's top-level modules)

Imports made inside a function count as much as those at the top of a module; `if TYPE_CHECKING:` ones too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

#: From the top down; a stage may import any stage after it in this list, and itself.
LAYERS = [("cli",), ("commands",), ("building",), ("pdf", "web"), ("charts",), ("content", "theme"), ("",)]
#: Module-level names of the package that belong to no stage: its API, which may use any of them.
API = {"brief", "brief.__main__"}


STAGES = {name for names in LAYERS for name in names if name}


def stage(module: str) -> str:
    """`brief.pdf.compose` (or the package `brief.pdf`) → `pdf`; a top-level module such as `brief.errors` is
    the foundation, ``."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in STAGES else ""


def rank(module: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if stage(module) in names)


def imports(path: Path, module: str) -> list[tuple[str, int]]:
    """The modules of `brief` that the file at `path` imports, with their lines."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if node.level:  # relative: from the module's package, up one more for each further dot
                package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                base = ".".join([*package[: len(package) - node.level + 1], node.module])
            if base.startswith("brief"):
                found += [(f"{base}.{a.name}", node.lineno) for a in node.names if _is_module(f"{base}.{a.name}")]
                found.append((base, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("brief")]
    return found


def _is_module(name: str) -> bool:
    path = ROOT / Path(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def violations(graph: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Every import of a higher stage by a lower one, as 'module:line imports module'."""
    return [
        f"{module}:{line} imports {target}"
        for module, targets in graph.items()
        if module not in API
        for target, line in targets
        if target not in API and rank(target) < rank(module)
    ]


def package_graph() -> dict[str, list[tuple[str, int]]]:
    graph = {}
    for path in sorted((ROOT / "brief").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[module] = imports(path, module)
    return graph


def test_no_stage_imports_a_stage_above_it() -> None:
    graph = package_graph()
    assert len(graph) > 50
    assert violations(graph) == []


def test_the_contract_fails_on_a_deliberate_bad_import() -> None:
    graph = package_graph()
    graph["brief.content.model"] = [*graph["brief.content.model"], ("brief.pdf.compose", 1)]
    graph["brief.errors"] = [*graph["brief.errors"], ("brief.cli.common", 7)]
    assert violations(graph) == [
        "brief.content.model:1 imports brief.pdf.compose",
        "brief.errors:7 imports brief.cli.common",
    ]


def test_the_stages_are_the_package_layout() -> None:
    stages = {p.name for p in (ROOT / "brief").iterdir() if (p / "__init__.py").is_file()}
    assert stages == STAGES
