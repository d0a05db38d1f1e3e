"""What a room expects from a stage timer: the time of day, the planned end, on time or not."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pytest

from circle_tui.app.follow import Follower
from circle_tui.core.decide import GiveWord, TogglePause
from circle_tui.core.timing import FakeClock, schedule
from circle_tui.ui.display import LIGHT_THEME, PROJECTOR_THEME, DisplayApp, daytime_text
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import do, live_session, mid_round, to_phase

Snap = Callable[..., bool]
START = 1_790_000_000.0
"""2026-09-21 13:33:20 UTC (the tests run in UTC)."""


def test_the_planned_end_and_how_late_the_circle_runs(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = live_session(sessions, clock)
    planned = sum(live.plan.planned_seconds)
    plan = schedule(live.state, clock.now())
    assert plan is not None
    assert plan.planned_end == START + planned
    assert plan.behind == 0
    clock.advance(600)  # ten minutes talking in a contract planned shorter
    contract = live.plan.planned_seconds[0]
    plan = schedule(live.state, clock.now())
    assert plan is not None and plan.behind == 600 - contract
    assert daytime_text(live.state, clock.now()).endswith(
        f"{round((600 - contract) / 60)} min behind"
    )
    live.close()


def test_a_pause_makes_the_circle_later_and_a_quick_phase_earlier(sessions: Path) -> None:
    clock = FakeClock(start=START)
    live = live_session(sessions, clock)
    to_phase(live, 2)  # contract and check-in done at once: ahead of the plan
    assert "min ahead" in daytime_text(live.state, clock.now())
    do(live, GiveWord())
    ahead = schedule(live.state, clock.now())
    do(live, TogglePause())
    clock.advance(300)
    paused = schedule(live.state, clock.now())
    assert ahead is not None and paused is not None
    assert paused.behind - ahead.behind == 300
    live.close()


async def test_the_wall_shows_the_time_of_day_and_the_planned_end(sessions: Path) -> None:
    _, clock = mid_round(sessions, 70)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert daytime_text(app.follower.state, clock.now()) in text  # type: ignore[arg-type]
        assert "ends " in text


def test_every_text_colour_of_the_light_theme_is_at_least_7_to_1() -> None:
    from tests.ui.test_display import contrast

    theme = LIGHT_THEME
    texts = [theme.foreground, theme.primary, theme.secondary, theme.accent]
    texts += [theme.warning, theme.error, theme.success]
    for background in (theme.background, theme.surface, theme.panel):
        for text in texts:
            assert text is not None and background is not None
            assert contrast(text, background) >= 7, (text, background)
    # Reversed (the speaker's seat, the overtime panel): background on foreground and on error.
    assert theme.background is not None and theme.foreground is not None
    assert theme.error is not None
    assert contrast(theme.background, theme.foreground) >= 7
    assert contrast(theme.background, theme.error) >= 7


async def test_t_switches_the_wall_between_dark_and_light(sessions: Path) -> None:
    _, clock = mid_round(sessions, 70)
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(120, 35)) as pilot:
        assert app.theme == PROJECTOR_THEME.name
        await pilot.press("t")
        assert app.theme == LIGHT_THEME.name
        await pilot.press("t")
        assert app.theme == PROJECTOR_THEME.name


@pytest.mark.parametrize("used", [70, 205], ids=["running", "overtime"])
def test_snapshot_light_theme(snap_compare: Snap, sessions: Path, used: float) -> None:
    _, clock = mid_round(sessions, used)
    app = DisplayApp(Follower(sessions, clock=clock), theme="light")
    assert snap_compare(app, terminal_size=(120, 35))


def test_the_theme_comes_from_the_settings_or_the_command_line(
    sessions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from circle_tui import cli

    chosen: list[str] = []
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)

    def display(args: argparse.Namespace, root: Path) -> int:
        chosen.append(args.theme)
        return 0

    monkeypatch.setattr("circle_tui.cli.display.display", display)
    assert cli.main(["display"]) == 0
    (tmp_path / "settings.toml").write_text('wall_theme = "light"\n', encoding="utf-8")
    assert cli.main(["display"]) == 0
    assert cli.main(["display", "--theme", "dark"]) == 0
    assert chosen == ["dark", "light", "dark"]
