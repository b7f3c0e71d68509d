"""The layout the README promises: packages by capability, imports one way, no cycle, small modules.

Each package under `scripts/` says in its docstring what it is for and what it may import; the
allowed directions are written once here and checked against every import statement, including
the ones inside functions.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"

# Which of this repository's packages each part may import. Benchmarks may import anything.
MAY_IMPORT = {
    "uitext": set(),
    "mdsource": set(),
    "edition": set(),
    "citation": set(),
    "safehtml": set(),
    "publish": set(),
    "supplychain": set(),
    "translation": {"mdsource", "uitext"},
    "refcheck": {"mdsource", "translation", "uitext", "safehtml"},
    "edition_plugins": {"mdsource", "translation", "refcheck", "edition", "uitext", "citation", "safehtml", "publish"},
    "site": {"translation", "uitext", "supplychain", "mdsource", "refcheck", "edition", "citation"},
    "check_references": {"refcheck", "uitext"},
}
OURS = set(MAY_IMPORT)
# Parts that live inside the checker's package (scripts/refcheck/) and keep their own import rules.
INNER = {"mdsource", "safehtml", "uitext", "translation"}
# Modules over the size limit, each one job that would only get harder to read in two.
MAX_LINES = 400
LONG_MODULES = {
    "scripts/refcheck/extract.py": "one pass over markdown-it's tokens that collects every fact of a page",
    "scripts/refcheck/external.py": "one HTTP check loop: limits, redirects, retries and its cache",
    "scripts/refcheck/project.py": "reading mkdocs.yml and static-i18n's languages into one project",
}


def python_files() -> list[Path]:
    return sorted(p for p in SCRIPTS.rglob("*.py") if "__pycache__" not in p.parts)


def part_of(path: Path) -> str:
    relative = path.relative_to(SCRIPTS)
    if relative.parts[0] == "refcheck" and len(relative.parts) > 2 and relative.parts[1] in INNER:
        return relative.parts[1]
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def part_named(module: str) -> str:
    parts = module.split(".")
    return parts[1] if parts[0] == "refcheck" and len(parts) > 1 and parts[1] in INNER else parts[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SCRIPTS).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module of this repository the file imports, at any depth of the code."""
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Imports only type checkers read (`if TYPE_CHECKING:`) are not run: they make no cycle.
    typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and getattr(block.test, "id", getattr(block.test, "attr", None)) == "TYPE_CHECKING"
                   for stmt in block.body for node in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            inner = {f"{node.module}.{alias.name}" for alias in node.names}
            # `from refcheck import uitext` imports the part, not the checker's rules
            if not (node.module == "refcheck" and all(part_named(name) in INNER for name in inner)):
                found.add(node.module)
            found |= inner
    return {name for name in found if name.split(".")[0] in OURS}


def test_every_package_says_what_it_is_for_and_what_it_may_import():
    for init in [*SCRIPTS.glob("*/__init__.py"), *(SCRIPTS / "refcheck" / name / "__init__.py" for name in INNER)]:
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert doc, f"{init.relative_to(ROOT)} has no docstring"
        if init.parent.name in MAY_IMPORT:
            assert "may import" in doc.lower(), f"{init.relative_to(ROOT)}: say what it may import"
    packages = {p.parent.name for p in SCRIPTS.glob("*/__init__.py")} | {p.stem for p in SCRIPTS.glob("*.py")} | INNER
    undeclared = packages - set(MAY_IMPORT) - {"benchmarks"}
    assert not undeclared, f"declare what these may import in tests/test_layout.py MAY_IMPORT: {undeclared}"


def test_no_two_modules_share_a_file_name():
    names = defaultdict(list)
    for path in python_files():
        if path.name not in ("__init__.py", "__main__.py"):
            names[path.name].append(path.relative_to(ROOT).as_posix())
    assert not {name: paths for name, paths in names.items() if len(paths) > 1}


def test_imports_go_one_way():
    wrong = []
    for path in python_files():
        part = part_of(path)
        if part == "benchmarks":
            continue
        for name in imported_modules(path):
            target = part_named(name)
            if target != part and target not in MAY_IMPORT.get(part, set()):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    modules = {module_name(p): p for p in python_files() if part_of(p) != "benchmarks"}
    graph = {name: {m for m in imported_modules(path) if m in modules and m != name} for name, path in modules.items()}
    # A package's __init__ is imported with any of its modules; it may not import them back.
    state: dict[str, int] = {}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [nxt]) if nxt in trail else f"{name} -> {nxt}")
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_are_small_or_one_job(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    where = path.relative_to(ROOT).as_posix()
    assert lines <= MAX_LINES or where in LONG_MODULES, f"{where} has {lines} lines: split it by job"


def test_the_readme_is_short_and_its_links_lead_somewhere():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    for target in ("RULES.md", "BENCHMARKS.md", "CONTRIBUTING.md", "CONTRIBUTING.es.md"):
        assert f"]({target})" in text and (ROOT / target).is_file()


def _toml(path: Path) -> dict:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_checkers_distribution_ships_every_package_of_it_and_nothing_else():
    """pyproject.toml lists the checker's packages one by one (only scripts/refcheck/ is the checker)."""
    listed = set(_toml(ROOT / "pyproject.toml")["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(SCRIPTS).parts) for init in (SCRIPTS / "refcheck").rglob("__init__.py")
               if "__pycache__" not in init.parts}
    assert listed == on_disk


def test_each_edition_plugin_module_is_an_entry_point_that_mkdocs_yml_lists():
    points = _toml(SCRIPTS / "pyproject.toml")["project"]["entry-points"]["mkdocs.plugins"]
    modules = {target.split(":")[0] for target in points.values()}
    on_disk = {f"edition_plugins.{path.stem}" for path in (SCRIPTS / "edition_plugins").glob("*.py") if path.stem != "__init__"}
    assert modules == on_disk
    listed = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert all(f"  - {name}\n" in listed for name in points), "list every edition plugin in mkdocs.yml"


def _edits_sys_path_on_import(path: Path) -> bool:
    """A `sys.path` edit that runs when the module is imported (one under `if __name__ == "__main__":`
    runs only when the file is run as a script from a checkout)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    script_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and "__main__" in ast.unparse(block.test) for stmt in block.body for node in ast.walk(stmt)}
    return any(isinstance(node, ast.Attribute) and node.attr in ("insert", "append") and id(node) not in script_only
               and ast.unparse(node.value) == "sys.path" for node in ast.walk(tree))


@pytest.mark.parametrize("package", ["refcheck", "edition_plugins", "edition", "citation", "publish"])
def test_installed_packages_never_edit_sys_path(package: str):
    """MkDocs finds the plugins by their entry points; an installed package imports as installed."""
    modules = [path for path in (SCRIPTS / package).rglob("*.py") if path.name != "__main__.py"]  # run as a folder
    assert not [path.relative_to(ROOT).as_posix() for path in modules if _edits_sys_path_on_import(path)]
