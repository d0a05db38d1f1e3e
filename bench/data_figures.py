"""Figures of the data path: commit, replay and summary at scale, display lag."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bench.common import BENCH_TMP, Figure, percentile

# -- 4. commit ----------------------------------------------------------------------


def commit(count: int) -> list[Figure]:
    from circle_tui.core.events import Paused
    from circle_tui.store.journal import Journal

    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        journal = Journal.create(Path(tmp) / "journal.db", "bench")
        timings = []
        for i in range(count):
            event = Paused(at=float(i))
            t0 = time.perf_counter()
            journal.append(event)
            timings.append(time.perf_counter() - t0)
        journal.close()
    median, p99 = statistics.median(timings), percentile(timings, 0.99)
    return [
        Figure(
            "commit one event, median",
            median * 1000,
            "ms",
            "< 1",
            median < 0.001,
            f"{count} commits, WAL + synchronous=FULL, on {BENCH_TMP}",
        ),
        Figure("commit one event, p99", p99 * 1000, "ms", "", None),
    ]


# -- 5. scale -------------------------------------------------------------------------


def scale(sizes: list[int], repeats: int) -> list[Figure]:
    from bench.sim import simulate, write_journal
    from circle_tui.core.summary import build_summary
    from circle_tui.core.timing import FakeClock
    from circle_tui.export.markdown import render_markdown
    from circle_tui.session import load_session

    figures = []
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        for size in sizes:
            lived, _ = simulate(n=40, hours=3, max_events=size)
            folder = write_journal(Path(tmp) / str(size), lived)
            runs = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                live = load_session(folder, FakeClock())
                runs.append(time.perf_counter() - t0)
                assert live.state.events_applied == lived.state.events_applied
                live.close()
            times[size] = statistics.median(runs)
            goal = "< 1000" if size >= 100_000 else ""
            figures.append(
                Figure(
                    f"replay {size:,} events",
                    times[size] * 1000,
                    "ms",
                    goal,
                    times[size] < 1.0 if goal else None,
                    "read + validate + fold, from journal.db",
                )
            )
        big, small = max(sizes), min(sizes)
        growth = (times[big] / times[small]) / (big / small)
        figures.append(
            Figure(
                f"replay growth {small:,} -> {big:,} (1.0 = linear)",
                growth,
                "x",
                "<= 1.5",
                growth <= 1.5,
            )
        )
        lived, clock = simulate(n=40, hours=3, items=2000)
        runs = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            render_markdown(build_summary(lived.state, clock.now()))
            runs.append(time.perf_counter() - t0)
        median = statistics.median(runs)
        figures.append(
            Figure(
                "summary, 3 h, 40 people, 2,000 items",
                median * 1000,
                "ms",
                "< 200",
                median < 0.2,
                f"{lived.state.events_applied} events; build + Markdown",
            )
        )
    return figures


# -- 6. display lag and 7. memory ---------------------------------------------------------


def display_lag() -> list[Figure]:
    return [
        Figure(
            "display lag p95",
            None,
            "ms",
            "< 200",
            None,
            "no projector display yet (issue 4); measured once it exists",
        )
    ]
