"""`circle_tui.core` stays pure: no Textual, no SQLite, no file I/O."""

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
