"""Figures of the data path: commit, replay and summary at scale, display lag."""

from __future__ import annotations

import asyncio
import random
import shutil
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
    """`Journal.append` of one event, beside a bare sqlite INSERT + COMMIT with the same
    pragmas on the same disk, interleaved (the disk's own cost is the floor)."""
    import sqlite3

    from circle_tui.core.events import Paused
    from circle_tui.store.journal import Journal

    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        journal = Journal.create(Path(tmp) / "journal.db", "bench")
        bare = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")
        bare.execute("CREATE TABLE events(seq INTEGER PRIMARY KEY, at REAL, payload TEXT)")
        timings, floor = [], []
        for i in range(count):
            event = Paused(at=float(i))
            t0 = time.perf_counter()
            journal.append(event)
            timings.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            bare.execute("BEGIN")
            bare.execute("INSERT INTO events(at, payload) VALUES (?, ?)", (float(i), "{}"))
            bare.execute("COMMIT")
            floor.append(time.perf_counter() - t0)
        journal.close()
        bare.close()
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
        Figure(
            "bare sqlite INSERT + COMMIT, same pragmas, median",
            statistics.median(floor) * 1000,
            "ms",
            "",
            None,
            f"p99 {percentile(floor, 0.99) * 1000:.2f} ms; interleaved with the commits",
        ),
    ]


# -- 5. replay at scale, 6. the summary of a 3-hour session -------------------------------


def _raw_read(folder: Path) -> int:
    """The floor under a replay: every row read from journal.db and its JSON parsed."""
    import json
    import sqlite3

    db = sqlite3.connect(f"file:{folder / 'journal.db'}?mode=ro", uri=True)
    try:
        count = 0
        for (payload,) in db.execute("SELECT payload FROM events ORDER BY seq"):
            json.loads(payload)
            count += 1
        return count
    finally:
        db.close()


def replay(sizes: list[int], repeats: int) -> list[Figure]:
    """`load_session` (read + validate + fold) of journals of `sizes` events, as time per
    event, beside the raw read of the same rows (sqlite + json.loads), interleaved."""
    from bench.sim import simulate, write_journal
    from circle_tui.app.live import load_session
    from circle_tui.core.timing import FakeClock

    figures = []
    per_event: dict[int, float] = {}
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        warm, _ = simulate(n=40, hours=3, max_events=2_000)  # imports and caches, untimed
        load_session(write_journal(Path(tmp) / "warm", warm), FakeClock()).close()
        for size in sizes:
            t0 = time.perf_counter()
            lived, _ = simulate(n=40, hours=3, max_events=size)
            folder = write_journal(Path(tmp) / str(size), lived)
            applied = lived.state.events_applied
            del lived
            setup = time.perf_counter() - t0
            runs, raws = [], []
            for _ in range(repeats):
                t0 = time.perf_counter()
                live = load_session(folder, FakeClock())
                runs.append(time.perf_counter() - t0)
                assert live.state.events_applied == applied
                live.close()
                del live
                t0 = time.perf_counter()
                _raw_read(folder)
                raws.append(time.perf_counter() - t0)
            took, raw = statistics.median(runs), statistics.median(raws)
            per_event[size] = took / applied
            goal = "< 1000" if size == 100_000 else ""
            figures.append(
                Figure(
                    f"replay {size:,} events",
                    took * 1000,
                    "ms",
                    goal,
                    took < 1.0 if goal else None,
                    f"{per_event[size] * 1e6:.1f} µs/event; raw read {raw / applied * 1e6:.1f} "
                    f"µs/event ({took / raw:.1f}x); median of {repeats}; set-up {setup:.0f} s",
                )
            )
            shutil.rmtree(folder.parent, ignore_errors=True)
    small, big = min(sizes), max(sizes)
    if big > small:
        growth = per_event[big] / per_event[small]
        figures.append(
            Figure(
                f"replay time per event, {big:,} / {small:,} (1.0 = linear)",
                growth,
                "x",
                "<= 1.5",
                growth <= 1.5,
                " · ".join(f"{s:,}: {per_event[s] * 1e6:.1f} µs" for s in sizes),
            )
        )
    return figures


def summary(repeats: int) -> list[Figure]:
    from bench.sim import session_hours, simulate
    from circle_tui.core.pseudonym import pseudonymize
    from circle_tui.core.summary import build_summary
    from circle_tui.export.html import render_html
    from circle_tui.export.markdown import render_markdown

    lived, clock = simulate(n=40, hours=3, items=2000)
    hours = session_hours(lived)
    figures = []
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        render_markdown(build_summary(lived.state, clock.now()))
        runs.append(time.perf_counter() - t0)
    median = statistics.median(runs)
    figures.append(
        Figure(
            f"summary, {hours:.2f} h session, 40 people, {len(lived.state.items):,} items",
            median * 1000,
            "ms",
            "< 200",
            median < 0.2,
            f"{lived.state.events_applied} events, first to last {hours:.2f} h of session "
            f"time; build + Markdown; median of {repeats}",
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
            "display lag p50 (40 people, headless)",
            p50 * 1000,
            "ms",
            "",
            None,
            f"{len(lags)} commits; commit to the display's first frame that shows it",
        ),
        Figure("display lag p95 (40 people, headless)", p95 * 1000, "ms", "< 150", p95 < 0.15),
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


def format_simulation(runs: int, repeats: int) -> list[Figure]:
    """`circle-tui formats simulate reflection-circle --people 8 --runs N`, the whole command."""
    import subprocess
    import sys

    from bench.common import ROOT, child_env

    argv = [sys.executable, "-m", "circle_tui", "formats", "simulate", "reflection-circle"]
    argv += ["--people", "8", "--runs", str(runs)]
    took = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(
            argv, check=True, capture_output=True, env=child_env(), cwd=ROOT, timeout=300
        )
        took.append(time.perf_counter() - t0)
    median = statistics.median(took)
    return [
        Figure(
            f"formats simulate, {runs:,} runs of the reflection circle, 8 people",
            median,
            "s",
            "< 5" if runs == 1000 else "",
            median < 5 if runs == 1000 else None,
            f"the command from start to end; median of {repeats}",
        )
    ]
