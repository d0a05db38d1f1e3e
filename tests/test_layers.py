"""The layers hold: import-linter's contracts pass, a wrong import breaks them, and the
subcommands that do not draw load no Textual.

The contracts are in pyproject.toml (`[tool.importlinter]`); docs/architecture.md
draws the picture.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(checkout: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts on the package in `checkout` (it comes first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(checkout / "pyproject.toml"), "--no-cache"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(
    ("module", "wrong", "broken"),
    [
        # The notes widget reading the store itself, as it once did.
        (
            "ui/widgets/banner.py",
            "from circle_tui.store.files import exposure",
            "Only the application layer opens the store",
        ),
        # `sessions list` drawing with Textual.
        (
            "cli/sessions.py",
            "from circle_tui.ui.widgets.phasebar import question",
            "Only run, resume and display open the UI",
        ),
        # The lowest model importing the simulator.
        (
            "core/events.py",
            "from circle_tui.core.rehearsal import due",
            "No import circle inside core",
        ),
        # The store knowing the live session above it.
        ("store/files.py", "from circle_tui.app.live import LiveSession", "The layers"),
    ],
)
def test_a_wrong_import_breaks_the_build(
    tmp_path: Path, module: str, wrong: str, broken: str
) -> None:
    shutil.copytree(ROOT / "circle_tui", tmp_path / "circle_tui")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "circle_tui" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{wrong}  # noqa\n")
    done = lint_imports(tmp_path)
    assert done.returncode != 0, done.stdout
    report = done.stdout.split("Broken contracts")[-1]
    assert broken in report, done.stdout


DRAWLESS = [
    ["sessions", "list"],
    ["formats", "list"],
    ["formats", "show", "reflection-circle"],
    ["formats", "validate", str(ROOT / "circle_tui" / "formats" / "troika-consulting.toml")],
    ["summary", "latest"],
]


@pytest.mark.parametrize("command", DRAWLESS, ids=" ".join)
def test_subcommands_that_do_not_draw_load_no_textual(tmp_path: Path, command: list[str]) -> None:
    sessions = tmp_path / "sessions"
    live = start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), FakeClock()
    )
    live.close()
    argv = command + (["--sessions-dir", str(sessions)] if command[0] != "formats" else [])
    code = (
        "import sys\n"
        "from circle_tui.cli import main\n"
        f"code = main({argv!r})\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "print('LOADED', ','.join(loaded), 'EXIT', code, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    last = done.stderr.strip().splitlines()[-1]
    assert last == "LOADED  EXIT 0", done.stderr


@pytest.mark.parametrize(
    "argv", [["--version"], ["--help"], ["--lang", "da", "--help"]], ids=" ".join
)
def test_help_and_version_load_neither_pydantic_nor_rich(tmp_path: Path, argv: list[str]) -> None:
    # A settings file with a language: it is read for the help's words, and still no model loads.
    config = tmp_path / "settings.toml"
    config.write_text('language = "nb"\n', encoding="utf-8")
    code = (
        "import sys\n"
        "from circle_tui.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'pydantic', 'rich', 'textual', 'textual_serve', 'aiohttp', 'argon2'}\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & heavy)\n"
        "print('LOADED', ','.join(loaded), file=sys.stderr)\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "CIRCLE_TUI_CONFIG": str(config)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert done.stderr.strip().splitlines()[-1] == "LOADED", done.stderr
    assert done.stdout.strip(), done.stderr  # it did answer
    if "--help" in argv and "da" not in argv:
        assert "økt" in done.stdout  # the settings' language, read without the settings model


def test_no_model_reads_its_source_at_import() -> None:
    """`use_attribute_docstrings` reads and parses each model's source at every start
    (about 15 ms); the schema's descriptions come from devtools.schema instead."""
    from pydantic import BaseModel

    import circle_tui.core.airtime
    import circle_tui.core.summary

    def models(cls: type[BaseModel]) -> list[type[BaseModel]]:
        return [cls, *(m for sub in cls.__subclasses__() for m in models(sub))]

    ours = [m for m in models(BaseModel) if m.__module__.startswith("circle_tui.")]
    assert circle_tui.core.airtime.Airtime in ours and circle_tui.core.summary.Summary in ours
    assert [m.__name__ for m in ours if m.model_config.get("use_attribute_docstrings")] == []


def test_pydantic_looks_for_no_plugins() -> None:
    """Looking for pydantic plugins read every installed package's metadata at start
    (importlib.metadata and email: about 40 ms, 1.4 MB); and a plugin would see what
    the app validates."""
    script = (
        "import sys, circle_tui.core.formats, circle_tui.core.summary\n"
        "from circle_tui.store.format_files import find_format\n"
        "find_format('reflection-circle')\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.metadata', 'email'))),"
        " list(get_plugins()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[] []", done.stdout + done.stderr


ON_DEMAND = (
    "circle_tui.core.rehearsal",
    "circle_tui.core.personas",
    "circle_tui.core.format_runs",
    "circle_tui.core.summary",
)
"""Loaded when a rehearsal, a persona or a summary is asked for, never at a circle's start."""


def test_a_circle_starts_without_rehearsal_personas_or_summary(tmp_path: Path) -> None:
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "import circle_tui.cli.run\n"
        "from circle_tui.app.live import start_session\n"
        "from circle_tui.core.plan import parse_participants\n"
        "from circle_tui.core.timing import SystemClock\n"
        "from circle_tui.store.format_files import find_format\n"
        "from circle_tui.ui.console import ConsoleApp\n"
        "live = start_session(Path(sys.argv[1]), find_format('reflection-circle'),\n"
        "                     parse_participants('Ane,Bo,Cai'), SystemClock())\n"
        "async def run():\n"
        "    app = ConsoleApp(live)\n"
        "    async with app.run_test(size=(160, 50)) as pilot:\n"
        "        await pilot.pause()\n"
        "        await app.console_screen.mount_fields()\n"
        "        print('SCREEN', type(app.screen).__name__, file=sys.stderr)\n"
        "asyncio.run(run())\n"
        f"loaded = [m for m in {ON_DEMAND!r} if m in sys.modules]\n"
        "print('LOADED', ','.join(loaded), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "sessions")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    lines = done.stderr.strip().splitlines()
    assert any(line.startswith("SCREEN ") for line in lines), done.stderr  # the console ran
    assert lines[-1].strip() == "LOADED", done.stderr
