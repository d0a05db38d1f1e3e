"""`circle_tui.core` stays pure: no Textual, no SQLite, no file I/O, no import circle."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "circle_tui" / "core"
FORBIDDEN_MODULES = {"textual", "sqlite3", "circle_tui.store", "circle_tui.ui", "circle_tui.export"}
FORBIDDEN_CALLS = {"open", "Path", "unlink", "mkdir", "write_text", "read_text", "write_bytes"}


def test_importing_core_loads_no_textual_or_sqlite() -> None:
    code = (
        "import sys, pkgutil, importlib, circle_tui.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module('circle_tui.core.' + m.name)\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in ('textual', 'sqlite3')\n"
        "       or n.startswith(('circle_tui.store', 'circle_tui.ui', 'circle_tui.export'))]\n"
        "print(','.join(sorted(bad)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_core_sources_do_no_file_io() -> None:
    offences = []
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                for name in names:
                    if any(name == m or name.startswith(m + ".") for m in FORBIDDEN_MODULES):
                        offences.append(f"{path.name}:{node.lineno} imports {name}")
                    if name in ("os", "pathlib", "shutil", "io", "tempfile"):
                        offences.append(f"{path.name}:{node.lineno} imports {name}")
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in FORBIDDEN_CALLS:
                    offences.append(f"{path.name}:{node.lineno} calls {name}()")
    assert offences == []


def imported(tree: ast.Module, modules: set[str]) -> set[str]:
    """The core modules a module imports anywhere in it, inside functions too."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from circle_tui.core import state` imports the module `state`
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom):  # relative: `from .state import x`
            names = [f"circle_tui.core.{node.module or ''}".rstrip(".")]
            names += [f"{names[0]}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(name.removeprefix("circle_tui.core.") for name in names)
    return found & modules


def imports_in_functions(tree: ast.Module) -> list[str]:
    """Imports of circle_tui made inside a function (or a class) rather than at the top."""
    inside: dict[int, ast.Import | ast.ImportFrom] = {}
    for outer in ast.walk(tree):
        if isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for node in ast.walk(outer):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    inside[id(node)] = node
    found = []
    for node in sorted(inside.values(), key=lambda node: node.lineno):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            names = [("." * node.level) + (node.module or "")]
        found += [f"line {node.lineno}: {n}" for n in names if n.startswith(("circle_tui", "."))]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The modules that import each other, directly or around a circle (strongly
    connected components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def connect(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in sorted(graph[name]):
            if other not in index:
                connect(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while (top := stack.pop()) != name:
                component.append(top)
            if component:
                found.append(sorted([name, *component]))

    for name in sorted(graph):
        if name not in index:
            connect(name)
    return sorted(found)


def core_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    trees = {name: ast.parse(text) for name, text in sources.items()}
    return {name: imported(tree, set(sources)) - {name} for name, tree in trees.items()}


def core_sources() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(CORE.glob("*.py"))}


def test_no_import_circle_inside_core_counting_imports_inside_functions() -> None:
    assert circles(core_graph(core_sources())) == []


def test_core_imports_nothing_of_its_own_inside_a_function() -> None:
    """An import inside a function is how a circle hides; core needs none."""
    found = {
        name: hidden
        for name, text in core_sources().items()
        if (hidden := imports_in_functions(ast.parse(text)))
    }
    assert found == {}


def test_the_checks_find_a_circle_hidden_in_a_function() -> None:
    sources = {
        "formats": "from circle_tui.core.i18n import _\n",
        "i18n": "",
        "checks": "from circle_tui.core import formats\nfrom circle_tui.core.plan import x\n",
        "plan": (
            "from circle_tui.core.formats import CircleFormat\n"
            "def f():\n    from circle_tui.core.checks import problems\n"
        ),
    }
    assert circles(core_graph(sources)) == [["checks", "plan"]]
    assert imports_in_functions(ast.parse(sources["plan"])) == ["line 3: circle_tui.core.checks"]
    sources["formats"] += "from .plan import y\n"
    sources["plan"] = "from circle_tui.core.formats import CircleFormat\n"
    assert circles(core_graph(sources)) == [["formats", "plan"]]
