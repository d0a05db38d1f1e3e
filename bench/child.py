"""One measured process: start an app headless, report when its first frame is drawn.

    python bench/child.py start console N      console with an N-person circle
    python bench/child.py start bare W         bare Textual app with W widgets
    python bench/child.py memory console N     3-hour session in the console, peak RSS
    python bench/child.py memory bare W        bare app with W widgets, peak RSS
    python bench/child.py widgets N            widgets in the console for N people

Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def bare_app(widgets: int):  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            for i in range(widgets):
                yield Static(f"widget {i}")

    return Bare()


def console_app(people: int, root: Path):  # type: ignore[no-untyped-def]
    from bench.sim import people as make_people
    from circle_tui.app.live import start_session
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.console import ConsoleApp

    live = start_session(root, find_format("reflection-circle"), make_people(people), SystemClock())
    return ConsoleApp(live)


def first_frame(kind: str, size: int) -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        app = bare_app(size) if kind == "bare" else console_app(size, Path(tmp))
        marks: dict[str, float] = {}

        def drawn() -> None:
            marks["frame"] = time.perf_counter()
            app.exit()

        app.call_after_refresh(drawn)
        app.run(headless=True, size=(100, 30))
        print(json.dumps({"first_frame": marks["frame"] - T0}))


def widgets(people: int) -> None:
    async def count() -> int:
        with tempfile.TemporaryDirectory() as tmp:
            app = console_app(people, Path(tmp))
            async with app.run_test(size=(100, 30)):
                return len(list(app.console_screen.query("*")))

    print(json.dumps({"widgets": asyncio.run(count())}))


def memory(kind: str, size: int) -> None:
    async def run() -> dict[str, float]:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            if kind == "bare":
                app = bare_app(size)
                async with app.run_test(size=(100, 30)) as pilot:
                    for _ in range(50):
                        await pilot.pause()
                return {"events": 0}
            from bench.sim import lived_events, simulate
            from circle_tui.ui.console import ConsoleApp

            # A 3-hour session with 40 people, replayed into the console as it
            # would have been lived: every event applied, the screen repainted.
            lived, _ = simulate(n=size, hours=3.0, items=200)
            events = lived_events(lived)
            from circle_tui.app.live import start_session
            from circle_tui.core.state import SessionState
            from circle_tui.core.timing import FakeClock

            clock = FakeClock()
            live = start_session(Path(tmp), lived.plan.format, lived.plan.participants, clock)
            live.state = SessionState(plan=live.plan)
            app = ConsoleApp(live)
            async with app.run_test(size=(100, 30)) as pilot:
                screen = app.console_screen
                for index, event in enumerate(events):
                    clock.t = event.at
                    live.state.apply(event)
                    if index % 5 == 0:
                        screen._refresh_all()
                        await pilot.pause()
            return {"events": len(events)}

    result = asyncio.run(run())
    print(json.dumps({"peak_rss_mb": peak_rss_kb() / 1024, **result}))


def peak_rss_kb() -> int:
    """This process's own peak RSS.

    `ru_maxrss` keeps the high-water mark of the parent that forked us, so it
    would report the benchmark's own size; VmHWM belongs to this process image.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "start":
        first_frame(sys.argv[2], int(sys.argv[3]))
    elif what == "widgets":
        widgets(int(sys.argv[2]))
    elif what == "memory":
        memory(sys.argv[2], int(sys.argv[3]))
