"""Every built-in format, rehearsed on the console with time running fast and
invented people who speak, pass and move on: it reaches the close, and its
summary shows every phase it went through."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.core.casting import cast, planned_total
from circle_tui.core.timing import SystemClock
from circle_tui.store.format_files import find_format, format_paths
from circle_tui.store.sessions import session_folders
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.screens.summary import SummaryScreen
from tests.ui.test_console import screen_text

REAL_SECONDS = 3.0
"""About how long each rehearsal takes in real time (the speed follows from it)."""


README_EXAMPLE = str(Path(__file__).parents[2] / "docs" / "formats" / "short-intervision.toml")


@pytest.mark.parametrize(
    "format_id", [*sorted(format_paths()), pytest.param(README_EXAMPLE, id="readme-example")]
)
async def test_every_builtin_runs_to_the_close_in_a_simulated_rehearsal(
    sessions: Path, format_id: str
) -> None:
    fmt = find_format(format_id)
    people = cast(fmt, fmt.typical_people())
    speed = min(1000.0, planned_total(fmt, len(people)) / REAL_SECONDS)
    live = start_session(
        sessions,
        fmt,
        people,
        SystemClock(speed=speed),
        rehearsal=True,
        speed=speed,
        simulated=True,
    )
    app = ConsoleApp(live)
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.monotonic() + 12 * REAL_SECONDS
        while not live.state.closed and time.monotonic() < deadline:
            await pilot.pause(0.1)
        assert live.state.closed, f"stuck in {live.state.current_phase}"
        while not isinstance(app.screen, SummaryScreen) and time.monotonic() < deadline:
            await pilot.pause(0.05)  # the room closed it: its summary opens, as at `n`
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
    assert "Rehearsal" in shown or "REHEARSAL" in shown
    # Every step ran once, in order, and the summary lists each of them.
    steps = live.plan.phases
    assert [run.phase for run in live.state.runs] == list(range(len(steps)))
    summary = (live.folder.path / "summary.md").read_text(encoding="utf-8")
    for step in steps:
        assert f"| {step.title} |" in summary
    assert "rehearsal" in summary.lower()
    # Turns happened where the format has turns, and the simulated length is plausible.
    if any(step.kind.has_turns for step in steps):
        assert live.state.turns
    length = (live.state.closed_at or 0) - (live.state.started_at or 0)
    assert 0.4 * planned_total(fmt, len(people)) < length < 1.3 * planned_total(fmt, len(people))
    # A rehearsal never counts as a group's real session.
    assert all(path.name.endswith("_rehearsal") for path in session_folders(sessions))
