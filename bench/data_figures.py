"""Figures of the data path: commit, replay and summary at scale, display lag."""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import BENCH_TMP, Figure, percentile
from bench.sim import people
from circle_tui.core.summary import Summary

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
    from circle_tui.app.live import load_session
    from circle_tui.core.pseudonym import pseudonymize
    from circle_tui.core.summary import build_summary
    from circle_tui.core.timing import FakeClock
    from circle_tui.export.html import render_html
    from circle_tui.export.markdown import render_markdown

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
        for name, render in (("HTML", render_html), ("JSON", _json)):
            runs = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                render(
                    pseudonymize(
                        build_summary(lived.state, clock.now()), "bench", lived.state.plan.format
                    )
                )
                runs.append(time.perf_counter() - t0)
            median = statistics.median(runs)
            figures.append(
                Figure(
                    f"summary as {name}, pseudonymized, same session",
                    median * 1000,
                    "ms",
                    "< 200",
                    median < 0.2,
                    "build + pseudonyms + render",
                )
            )
    return figures


def _json(summary: Summary) -> str:
    return summary.model_dump_json(indent=2)


# -- 6. display lag and 7. memory ---------------------------------------------------------


def display_lag(commits: int) -> list[Figure]:
    lags = asyncio.run(_display_lag(commits))
    p50, p95 = percentile(lags, 0.5), percentile(lags, 0.95)
    return [
        Figure(
            "display lag p50 (40 people)",
            p50 * 1000,
            "ms",
            "",
            None,
            f"{len(lags)} commits; commit to the display's first frame that shows it",
        ),
        Figure("display lag p95 (40 people)", p95 * 1000, "ms", "< 150", p95 < 0.15),
    ]


async def _display_lag(commits: int) -> list[float]:
    """Commit from the console's connection; time the display's frame that shows it."""
    from circle_tui.app.follow import Follower
    from circle_tui.app.live import start_session
    from circle_tui.core.decide import GiveWord, NextPhase, ReopenPhase
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.display import DisplayApp

    lags: list[float] = []
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        root = Path(tmp)
        live = start_session(root, find_format("reflection-circle"), people(40), SystemClock())
        live.execute(NextPhase(confirmed=True))
        follower = Follower(root)
        app = DisplayApp(follower)
        async with app.run_test(size=(160, 50)) as pilot:
            target = [0]
            shown = asyncio.Event()
            display = app._display

            def spy(screen: Any, renderable: Any) -> None:
                display(screen, renderable)
                state = follower.state
                if state is not None and state.events_applied >= target[0]:
                    shown.set()  # the first frame painted after the display read the event

            app._display = spy  # type: ignore[method-assign]
            await pilot.pause(0.3)
            for _ in range(commits):
                if live.state.next_speaker() is None and live.state.speaker is None:
                    live.execute(ReopenPhase())
                    live.execute(NextPhase(confirmed=True))
                await pilot.pause(random.uniform(0.0, 0.1))  # commits fall anywhere in a tick
                live.execute(GiveWord())
                target[0] = live.state.events_applied
                shown.clear()
                t0 = time.perf_counter()
                await asyncio.wait_for(shown.wait(), timeout=2)
                lags.append(time.perf_counter() - t0)
        live.close()
    return lags


# -- 8. the report across sites ------------------------------------------------------------


def learning_report(count: int) -> list[Figure]:
    """`circle-tui report` over `count` pseudonymized JSON summaries, read from files."""
    from bench.sim import simulate
    from circle_tui.app.learning import report_of
    from circle_tui.core.pseudonym import pseudonymize
    from circle_tui.core.summary import build_summary
    from circle_tui.export.learning import render_learning_markdown

    lived, clock = simulate(n=8, hours=1.5, items=30)
    base = pseudonymize(build_summary(lived.state, clock.now()), "bench", lived.state.plan.format)
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        folder = Path(tmp)
        for n in range(count):
            variant = base.model_copy(update={"session_id": f"s{n:05d}", "group": f"site {n % 40}"})
            (folder / f"s{n:05d}.json").write_text(variant.model_dump_json(), encoding="utf-8")
        t0 = time.perf_counter()
        report = report_of([folder])
        render_learning_markdown(report)
        took = time.perf_counter() - t0
    assert report.circles == count
    return [
        Figure(
            f"report over {count:,} handed-in summaries",
            took,
            "s",
            "",
            None,
            "read + validate + aggregate + Markdown, 8 people, 30 items each",
        )
    ]
