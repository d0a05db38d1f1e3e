"""What every measurement shares: figures, percentiles, the child process, a temp dir."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHILD = [sys.executable, str(ROOT / "bench" / "child.py")]
BENCH_TMP = Path(os.environ.get("BENCH_TMP") or ROOT / ".bench-tmp")
"""Timed files go here, on the project's own disk (not a tmpfs)."""
BENCH_TMP.mkdir(exist_ok=True)


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    goal: str
    met: bool | None
    detail: str = ""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def child(*args: str) -> dict[str, Any]:
    env = {**os.environ, "BENCH_TMP": str(BENCH_TMP)}
    out = subprocess.run([*CHILD, *args], capture_output=True, text=True, check=True, env=env)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
