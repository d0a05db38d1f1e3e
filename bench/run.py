"""scripts/bench: every figure with its goal, beside its baseline measured in the same run.

Timings vary from machine to machine and with load, so each figure that has
a baseline is a ratio to it (a bare Textual app started the same way on the
same kind of terminal, a bare Python start, a bare sqlite commit, the raw
read of the journal), measured interleaved, and every figure is a median or
a percentile over repeats. The apps run on real terminals (ptys) through the
real command line where it can set the scene up, else through a script of
ours that runs the real ConsoleApp on the real driver (`bench/tui_child.py`).

Nothing here fails: a figure that cannot be measured says n/a and why; the
table is printed and written to `bench-results.json`.
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

from bench.common import ROOT, Figure, guarded
from bench.data_figures import (
    commit,
    display_lag,
    format_simulation,
    learning_report,
    replay,
    summary,
)
from bench.tty_figures import cold_start, idle_cpu, key_latency, memory, timer_truth, version_cpu

Section = tuple[str, Callable[[], list[Figure]]]


def sections(quick: bool) -> list[Section]:
    return [
        ("first frame", lambda: cold_start(3 if quick else 15)),
        ("--version", lambda: version_cpu(3 if quick else 20)),
        ("key to screen", lambda: key_latency(40 if quick else 300, 1 if quick else 3)),
        ("timer truth", lambda: timer_truth(2 if quick else 6, 7.0 if quick else 13.0)),
        ("idle CPU", lambda: idle_cpu(2 if quick else 12)),
        ("memory", lambda: memory(1 if quick else 3)),
        ("commit", lambda: commit(200 if quick else 2000)),
        (
            "replay",
            lambda: replay(
                [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000], 1 if quick else 3
            ),
        ),
        ("summary", lambda: summary(1 if quick else 5)),
        ("display lag", lambda: display_lag(20 if quick else 200)),
        ("report across sites", lambda: learning_report(1_000 if quick else 10_000)),
        ("formats simulate", lambda: format_simulation(1_000, 1 if quick else 3)),
    ]


def table(figures: list[Figure]) -> str:
    width = max(len(f.name) for f in figures)
    lines = [f"{'figure':<{width}}  {'value':>16}  {'goal':>8}  met"]
    for f in figures:
        value = "n/a" if f.value is None else f"{f.value:,.2f} {f.unit}"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        lines.append(f"{f.name:<{width}}  {value:>16}  {f.goal:>8}  {met:<3}  {f.detail}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (about 2 minutes)")
    parser.add_argument("-o", "--output", default=str(ROOT / "bench-results.json"))
    parser.add_argument(
        "--only", action="append", default=[], metavar="SECTION", help="run only this section"
    )
    args = parser.parse_args()
    quick = args.quick
    started = time.perf_counter()
    figures: list[Figure] = []
    for title, run in sections(quick):
        if args.only and title not in args.only:
            continue
        print(f"… {title}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        figures.extend(guarded(title, run))
        print(f"  {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print()
    print(table(figures))
    met = [f.met for f in figures if f.met is not None]
    print(
        f"\n{'quick' if quick else 'full'} run in {elapsed:.0f} s on {platform.node()} "
        f"({os.cpu_count()} cores, Python {platform.python_version()}, {ROOT}); "
        f"goals met: {sum(met)} of {len(met)}"
    )
    payload = {
        "quick": quick,
        "seconds": elapsed,
        "python": platform.python_version(),
        "root": str(ROOT),
        "figures": [f.__dict__ for f in figures],
    }
    Path(args.output).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
