"""What every measurement shares: figures, percentiles, the children and their homes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
"""The checkout measured: every child imports its code (`child_env`)."""
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
CHILD = [PYTHON, str(ROOT / "bench" / "child.py")]
TUI_CHILD = [PYTHON, str(ROOT / "bench" / "tui_child.py")]
CLI = [PYTHON, "-m", "circle_tui"]
BENCH_TMP = Path(os.environ.get("BENCH_TMP") or ROOT / ".bench-tmp")
"""Timed files go here, on the project's own disk (not a tmpfs)."""
BENCH_TMP.mkdir(exist_ok=True)
CHILD_TIMEOUT = 120.0
"""No child lives longer than this (a hung one is killed and its figure is n/a)."""


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    goal: str
    met: bool | None
    detail: str = ""


def na(name: str, reason: str, goal: str = "") -> Figure:
    """A figure that could not be measured, and why."""
    return Figure(name, None, "", goal, None, f"n/a: {reason}")


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@contextmanager
def home() -> Iterator[Path]:
    """A first-run-free home for the real command line: settings that already say how
    long sessions are kept (else `run` asks once), its own sessions and formats."""
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        path = Path(tmp)
        (path / "config").mkdir()
        (path / "sessions").mkdir()
        (path / "config" / "settings.toml").write_text("retention_days = 90\n", encoding="utf-8")
        yield path


def child_env(home_dir: Path | None = None) -> dict[str, str]:
    """The environment of a child: this checkout's code first, a private home."""
    env = {**os.environ, "BENCH_TMP": str(BENCH_TMP)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    if home_dir is not None:
        env.update(
            HOME=str(home_dir),
            XDG_CONFIG_HOME=str(home_dir / "xdg-config"),
            XDG_DATA_HOME=str(home_dir / "xdg-data"),
            XDG_CACHE_HOME=str(home_dir / "xdg-cache"),
            CIRCLE_TUI_CONFIG=str(home_dir / "config" / "settings.toml"),
            CIRCLE_TUI_SESSIONS=str(home_dir / "sessions"),
            CIRCLE_TUI_FORMATS=str(home_dir / "formats"),
        )
    return env


def child(*args: str) -> dict[str, Any]:
    """Run bench/child.py headless; its last line is JSON."""
    out = subprocess.run(
        [*CHILD, *args],
        capture_output=True,
        text=True,
        check=True,
        env=child_env(),
        cwd=ROOT,
        timeout=CHILD_TIMEOUT,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def cpu_of_run(
    argv: Sequence[str], env: dict[str, str], timeout: float = 60
) -> tuple[float, float]:
    """Run a child to its end; its user + system CPU seconds and its wall seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - t0


def guarded(name: str, measure: Callable[[], list[Figure]]) -> list[Figure]:
    """Run one section; a failure becomes an n/a figure with the reason (never a crash)."""
    try:
        return measure()
    except Exception as exc:  # the run goes on: every other figure still counts
        reason = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:300]
        return [na(name, reason)]


def ms(seconds: float) -> float:
    return seconds * 1000
