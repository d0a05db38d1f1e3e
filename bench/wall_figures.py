"""The wall's idle cost: CPU of a display showing a running turn, beside a bare Textual app.

Both run headless in this process for the same time; the bare app repaints a
clock at 10 Hz, as the display does. The figure is process CPU time over
wall-clock time, as a percentage of one core.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.common import BENCH_TMP, Figure
from bench.sim import people


async def _cpu_while(app_factory: object, seconds: float) -> float:
    from textual.app import App

    assert callable(app_factory)
    app: App[None] = app_factory()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause(0.5)  # settle after the first frames
        cpu0, wall0 = time.process_time(), time.perf_counter()
        await asyncio.sleep(seconds)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return cpu / wall * 100


def _bare() -> object:
    from textual.app import App, ComposeResult
    from textual.widgets import Digits, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("bare")
            yield Digits("0:00")

        def on_mount(self) -> None:
            self.set_interval(0.1, self._tick)

        def _tick(self) -> None:
            left = 180 - int(time.monotonic()) % 180
            self.query_one(Digits).update(f"{left // 60}:{left % 60:02}")

    return Bare()


def wall_cpu(seconds: float) -> list[Figure]:
    from circle_tui.app.follow import Follower
    from circle_tui.app.live import start_session
    from circle_tui.core.decide import GiveWord, NextPhase
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.display import DisplayApp

    with tempfile.TemporaryDirectory(dir=BENCH_TMP) as tmp:
        root = Path(tmp)
        live = start_session(root, find_format("reflection-circle"), people(40), SystemClock())
        live.execute(NextPhase(confirmed=True))
        live.execute(GiveWord())
        wall = asyncio.run(_cpu_while(lambda: DisplayApp(Follower(root)), seconds))
        live.close()
    bare = asyncio.run(_cpu_while(_bare, seconds))
    return [
        Figure(
            "wall idle CPU, running turn (40 people)",
            wall,
            "% core",
            "< 5",
            wall < 5,
            f"{seconds:.0f} s headless at 160x50, repainting at 10 Hz",
        ),
        Figure("bare Textual app ticking at 10 Hz, CPU", bare, "% core", "", None),
    ]
