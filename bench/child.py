"""Headless helpers run in a child (so the parent never imports Textual's app state).

    python bench/child.py widgets N      widgets on the console's screen for N people
                                          (the bare app of a comparison gets as many)

Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def widgets(people: int) -> None:
    from bench.names import NAMES
    from circle_tui.app.live import start_session
    from circle_tui.core.plan import Participant
    from circle_tui.core.timing import SystemClock
    from circle_tui.store.format_files import find_format
    from circle_tui.ui.console import ConsoleApp

    async def count() -> int:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            fmt = find_format("reflection-circle")
            fmt = fmt.model_copy(update={"max_people": max(people, fmt.max_people or 0)})
            group = tuple(Participant(name=name) for name in NAMES[:people])
            live = start_session(Path(tmp), fmt, group, SystemClock())
            app = ConsoleApp(live)
            async with app.run_test(size=(160, 50)):
                found = len(list(app.console_screen.query("*")))
            live.close()
            return found

    print(json.dumps({"widgets": asyncio.run(count())}))


if __name__ == "__main__":
    if sys.argv[1] == "widgets":
        widgets(int(sys.argv[2]))
    else:
        raise SystemExit(f"unknown: {sys.argv[1]}")
