"""Figures of the running apps: cold start, timer truth, key to screen, memory."""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import BENCH_TMP, Figure, child, percentile

# -- 1. cold start -----------------------------------------------------------------


def cold_start(runs: int) -> list[Figure]:
    widgets = int(child("widgets", "20")["widgets"])
    console: list[float] = []
    bare: list[float] = []
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        for kind, size, into in (("console", 20, console), ("bare", widgets, bare)):
            t0 = time.perf_counter()
            child("start", kind, str(size))
            into.append(time.perf_counter() - t0)
    ratio = statistics.median(console) / statistics.median(bare)
    return [
        Figure(
            "cold start, console (20 people)",
            statistics.median(console) * 1000,
            "ms",
            "",
            None,
            f"{runs} runs, process start to first frame, headless",
        ),
        Figure(
            f"cold start, bare Textual app ({widgets} widgets)",
            statistics.median(bare) * 1000,
            "ms",
            "",
            None,
        ),
        Figure("cold start ratio console / bare", ratio, "x", "<= 1.3", ratio <= 1.3),
    ]


# -- 2. timer truth ----------------------------------------------------------------


def timer_truth_simulated() -> Figure:
    """3 hours of repaints every 0.1 s (with jitter and pauses) on a fake clock."""
    import random

    from bench.sim import long_format, people
    from circle_tui.core.decide import GiveWord, NextPhase, TogglePause
    from circle_tui.core.timing import turn_clock
    from tests.core.driver import Driver

    rng = random.Random(3)
    from circle_tui.core.plan import SessionPlan
    from circle_tui.core.timing import FakeClock

    clock = FakeClock()
    plan = SessionPlan(
        session_id="t", format=long_format(3, 4), participants=people(4), created_at=clock.now()
    )
    d = Driver(plan, clock)
    d.ok(NextPhase(confirmed=True))
    d.ok(GiveWord())
    spoken = 0.0
    worst = 0.0
    end = clock.now() + 3 * 3600
    while clock.now() < end:
        step = 0.1 + rng.uniform(0, 0.03)
        clock.advance(step)
        spoken += step
        if rng.random() < 0.0005:
            d.ok(TogglePause())
            clock.advance(rng.uniform(5, 60))
            d.ok(TogglePause())
        shown = turn_clock(d.state, clock.now())
        assert shown is not None
        worst = max(worst, abs(shown.used - spoken))
    return Figure(
        "timer error over 3 h (fake clock)",
        worst * 1000,
        "ms",
        "< 150",
        worst < 0.15,
        "largest |shown - true| at any repaint; no cumulative drift",
    )


async def _timer_truth_live(seconds: float) -> tuple[float, float]:
    """The real console under event-loop load: error and staleness at each repaint."""
    from bench.sim import people
    from circle_tui.app.live import start_session
    from circle_tui.core.decide import GiveWord, NextPhase
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.console import ConsoleApp

    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        clock = SystemClock()
        live = start_session(Path(tmp), find_format("reflection-circle"), people(20), clock)
        live.execute(NextPhase(confirmed=True))
        # A long time box, so the turn runs through the whole measurement.
        live.state.extra[(1, live.state.order[0])] = 3600
        live.execute(GiveWord())
        app = ConsoleApp(live)
        errors: list[float] = []
        lags: list[float] = []
        async with app.run_test(size=(100, 30)) as pilot:
            screen = app.console_screen
            paint = screen._refresh_clock
            last_paint = [time.monotonic()]

            def measured() -> None:
                paint()
                now = time.monotonic()
                lags.append(now - last_paint[0])
                last_paint[0] = now
                shown = screen.last_shown_remaining
                turn = live.state.current_turn
                if shown is not None and turn is not None:
                    truth = live.state.budget(1, turn.speaker) - (clock.now() - turn.started_at)
                    errors.append(abs(shown - truth))

            screen._refresh_clock = measured  # type: ignore[method-assign]

            async def load() -> None:  # other work hogging the loop now and then
                while True:
                    t_end = time.perf_counter() + 0.02
                    while time.perf_counter() < t_end:
                        pass
                    await asyncio.sleep(0.05)

            hog = asyncio.create_task(load())
            await pilot.pause(seconds)
            hog.cancel()
    # Staleness: the display can be at most one repaint interval behind.
    return max(errors), percentile(lags, 0.99)


def timer_truth(seconds: float) -> list[Figure]:
    worst, lag = asyncio.run(_timer_truth_live(seconds))
    return [
        timer_truth_simulated(),
        Figure(
            f"timer error, real {seconds:.0f} s under load",
            worst * 1000,
            "ms",
            "< 150",
            worst < 0.15,
            "remaining behind the digits vs clock truth at each repaint",
        ),
        Figure(
            "repaint interval p99 under load",
            lag * 1000,
            "ms",
            "< 150",
            lag < 0.15,
            "how stale the digits can be between repaints",
        ),
    ]


# -- 3. key to screen -----------------------------------------------------------------


async def _key_latency(presses: int) -> list[float]:
    """Post a key press, wait for the next frame that shows its effect."""
    from textual import events

    from bench.sim import people
    from circle_tui.app.live import start_session
    from circle_tui.core.decide import NextPhase, ReopenPhase
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.console import ConsoleApp

    timings: list[float] = []
    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        live = start_session(Path(tmp), find_format("reflection-circle"), people(40), SystemClock())
        live.execute(NextPhase(confirmed=True))
        app = ConsoleApp(live)
        async with app.run_test(size=(160, 50)) as pilot:
            frame = asyncio.Event()
            display = app._display

            def spy(screen: Any, renderable: Any) -> None:
                display(screen, renderable)
                frame.set()

            app._display = spy  # type: ignore[method-assign]
            keys = [
                ("space", " "),
                ("p", "p"),
                ("p", "p"),
                ("plus", "+"),
                ("minus", "-"),
                ("x", "x"),
                ("b", "b"),
                ("space", " "),
            ]
            for i in range(presses):
                key, char = keys[i % len(keys)]
                before = live.state.events_applied
                await pilot.pause()
                frame.clear()
                t0 = time.perf_counter()
                app.post_message(events.Key(key, char))
                # The first frame after the key was handled shows its effect.
                # (A refused key changes nothing and is not counted.)
                deadline = t0 + 1.0
                while live.state.events_applied == before and time.perf_counter() < deadline:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(frame.wait(), timeout=0.2)
                    frame.clear()
                if live.state.events_applied != before:
                    timings.append(time.perf_counter() - t0)
                if live.state.speaker is None and live.state.next_speaker() is None:
                    if live.state.phase is not None and live.state.phase + 2 >= len(
                        live.plan.phases
                    ):
                        live.execute(ReopenPhase())  # stay in the rounds
                    else:
                        live.execute(NextPhase(confirmed=True))
    return timings


def key_latency(presses: int) -> list[Figure]:
    timings = asyncio.run(_key_latency(presses))
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    return [
        Figure(
            "key to screen p50 (40 people)",
            p50 * 1000,
            "ms",
            "",
            None,
            f"{len(timings)} presses; key event posted to the frame showing its effect",
        ),
        Figure("key to screen p95 (40 people)", p95 * 1000, "ms", "< 50", p95 < 0.05),
    ]


def memory(runs: int) -> list[Figure]:
    widgets = int(child("widgets", "40")["widgets"])
    console, bare = [], []
    for _ in range(runs):
        console.append(child("memory", "console", "40")["peak_rss_mb"])
        bare.append(child("memory", "bare", str(widgets))["peak_rss_mb"])
    ratio = statistics.median(console) / statistics.median(bare)
    return [
        Figure(
            "peak RSS, console, 3 h session (40 people)",
            statistics.median(console),
            "MB",
            "< 120",
            statistics.median(console) < 120,
        ),
        Figure(
            f"peak RSS, bare Textual app ({widgets} widgets)",
            statistics.median(bare),
            "MB",
            "",
            None,
        ),
        Figure("peak RSS ratio console / bare", ratio, "x", "<= 1.5", ratio <= 1.5),
    ]
