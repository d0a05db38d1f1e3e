"""The tick repaints only what changed: a new second, an event, never the same face again."""

from __future__ import annotations

from pathlib import Path

import pytest

from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.timer import TurnTimer
from tests.ui.test_console import allow_notes, new_live

START = 1_790_000_000.0


async def test_ten_ticks_of_one_second_paint_the_timer_once(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(start=START)
    live = new_live(sessions, clock)
    allow_notes(live)
    live.execute(NextPhase())
    live.execute(GiveWord())
    app = ConsoleApp(live)
    painted: list[float] = []
    updated: list[str] = []
    real_paint = TurnTimer._paint
    real_update = AirtimePanel.update

    def paint(self: TurnTimer, state: object, now: float) -> float | None:
        painted.append(now)
        return real_paint(self, state, now)  # type: ignore[arg-type]

    def update(self: AirtimePanel, content: object = "", *, layout: bool = True) -> None:
        updated.append(str(content))
        real_update(self, content, layout=layout)  # type: ignore[arg-type]

    monkeypatch.setattr(TurnTimer, "_paint", paint)
    monkeypatch.setattr(AirtimePanel, "update", update)
    async with app.run_test(size=(120, 35)) as pilot:
        screen = app.screen
        await pilot.pause()
        clock.advance(0.05)
        screen._on_tick()  # type: ignore[attr-defined]
        painted.clear()
        for _ in range(9):  # the rest of that second: the same digits each time
            clock.advance(0.1)
            screen._on_tick()  # type: ignore[attr-defined]
        assert painted == []
        clock.advance(0.1)  # a new second shows
        screen._on_tick()  # type: ignore[attr-defined]
        assert len(painted) == 1
        before = len(updated)
        screen._refresh_airtime()  # type: ignore[attr-defined]
        screen._refresh_airtime()  # type: ignore[attr-defined]
        assert len(updated) - before <= 1  # the same figures are not laid out again
        await pilot.press("space")  # an event: the timer shows the next speaker at once
        assert len(painted) == 2
    live.close()
