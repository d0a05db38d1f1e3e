"""scripts/bench: figures with their goals, side by side with a bare Textual app.

Timings vary from machine to machine, so start-up and memory are ratios
against a bare Textual app measured in the same run (interleaved), and every
figure is a median (or a percentile) over repeated runs. Nothing here fails:
it prints and writes `bench-results.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.app_figures import cold_start, key_latency, memory, timer_truth
from bench.common import ROOT, Figure
from bench.data_figures import commit, display_lag, learning_report, scale
from bench.wall_figures import wall_cpu

# -- report ---------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (under a minute)")
    parser.add_argument("-o", "--output", default=str(ROOT / "bench-results.json"))
    args = parser.parse_args()
    quick = args.quick
    started = time.perf_counter()
    sections: list[tuple[str, Callable[[], list[Figure]]]] = [
        ("cold start", lambda: cold_start(3 if quick else 10)),
        ("timer truth", lambda: timer_truth(5 if quick else 60)),
        ("key to screen", lambda: key_latency(40 if quick else 300)),
        ("commit", lambda: commit(200 if quick else 2000)),
        (
            "scale",
            lambda: scale(
                [1_000, 10_000] if quick else [1_000, 10_000, 100_000], 1 if quick else 3
            ),
        ),
        ("display lag", lambda: display_lag(20 if quick else 200)),
        ("wall CPU", lambda: wall_cpu(3 if quick else 20)),
        ("memory", lambda: memory(1 if quick else 3)),
        ("report across sites", lambda: learning_report(1_000 if quick else 10_000)),
    ]
    figures: list[Figure] = []
    for title, run in sections:
        print(f"… {title}", file=sys.stderr, flush=True)
        figures.extend(run())
    width = max(len(f.name) for f in figures)
    print(f"\n{'figure':<{width}}  {'value':>10}  {'goal':>8}  met")
    for f in figures:
        value = "n/a" if f.value is None else f"{f.value:,.2f} {f.unit}"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        print(f"{f.name:<{width}}  {value:>10}  {f.goal:>8}  {met}   {f.detail}")
    elapsed = time.perf_counter() - started
    print(
        f"\n{'quick' if quick else 'full'} run in {elapsed:.0f} s on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()})"
    )
    payload = {
        "quick": quick,
        "seconds": elapsed,
        "python": platform.python_version(),
        "figures": [f.__dict__ for f in figures],
    }
    Path(args.output).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
