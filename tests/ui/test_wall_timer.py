"""The wall's timer for the back row: large, and every state plain without colour."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from circle_tui.app.follow import Follower
from circle_tui.core.decide import TogglePause
from circle_tui.ui.display import DisplayApp
from circle_tui.ui.widgets.blocks import FONT, draw, drawable, pixel_width, rows_at, scale_for
from circle_tui.ui.widgets.wall_timer import bar_text
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import mid_round

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 35), (200, 60)]
STATES = {"running": 70.0, "warning": 155.0, "overtime": 205.0, "paused": 70.0}
"""Seconds into the third speaker's 3-minute turn."""
BLOCKS = set("█▀▄")


def wall(sessions: Path, state: str) -> DisplayApp:
    live, clock = mid_round(sessions, STATES[state])
    if state == "paused":
        live.execute(TogglePause())
    clock.advance(0)
    return DisplayApp(Follower(sessions, clock=clock))


def digit_rows(app: DisplayApp) -> int:
    """Rows of the screen the timer's block digits are painted on."""
    region = app.query_one("#digits").region
    lines = screen_text(app).splitlines()[region.y : region.y + region.height]
    return sum(1 for line in lines if BLOCKS & set(line[region.x : region.x + region.width]))


@pytest.mark.parametrize("size", SIZES[1:], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", ["running", "overtime", "paused"])
async def test_the_digits_fill_a_third_to_a_half_of_the_wall(
    sessions: Path, size: tuple[int, int], state: str
) -> None:
    app = wall(sessions, state)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = digit_rows(app)
        share = rows / size[1]
        assert 1 / 3 <= share <= 1 / 2, f"{rows} of {size[1]} rows ({share:.0%})"
        assert app.query_one("#timer").region.height <= size[1] / 2 + 1


async def test_a_small_wall_still_shows_block_digits(sessions: Path) -> None:
    app = wall(sessions, "running")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert digit_rows(app) >= 5
        assert "Cai" in screen_text(app) or "CAI" in screen_text(app) or "▀" in screen_text(app)


async def test_paused_reads_paused_in_large_letters_and_the_digits_stand(sessions: Path) -> None:
    live, clock = mid_round(sessions, 70)
    live.execute(TogglePause())
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert any(draw("PAUSED", scale)[0] in text for scale in (1, 2, 3)), text
        before = digit_rows(app), app.query_one("#digits").render()
        clock.advance(90)
        await pilot.pause(0.3)
        assert str(app.query_one("#digits").render()) == str(before[1])
        assert app.query_one("#timer").has_class("-paused")


@pytest.mark.parametrize(("state", "panel"), [("warning", "-warning"), ("overtime", "-overtime")])
async def test_last_seconds_and_overtime_change_the_whole_panel(
    sessions: Path, state: str, panel: str
) -> None:
    app = wall(sessions, state)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.pause()
        timer = app.query_one("#timer")
        assert timer.has_class(panel)
        border = timer.styles.border_top[0]
        assert border == ("heavy" if state == "warning" else "double")
        if state == "overtime":
            error = app.current_theme.to_color_system().error
            assert error is not None
            shown = timer.styles.background.rgb
            assert all(abs(a - b) <= 2 for a, b in zip(shown, error.rgb, strict=True))  # inverse
            assert "▚" in screen_text(app) and "█░" not in screen_text(app)


def test_the_bar_shows_overtime_as_overtime() -> None:
    assert bar_text(10, 0.5, 0).plain == "█████░░░░░"
    assert bar_text(10, 1.0, 0).plain == "██████████"
    over = bar_text(10, 1.2, 0.2).plain
    assert over == "▚▚" + " " * 8  # a fifth of the time box over: a hatched fifth, not a full bar
    assert bar_text(10, 3.0, 2.0).plain == "▚" * 10


def test_the_block_font_draws_every_glyph_at_every_scale() -> None:
    for char in FONT:
        for scale in (1, 2, 5):
            lines = draw(char, scale)
            assert len(lines) == rows_at(scale)
            assert len({len(line) for line in lines}) == 1
    assert drawable("Solveig") and drawable("Ærø") and not drawable("Zoë李")
    assert scale_for("12:34", pixel_width("12:34") * 4, 100) == 4
    assert scale_for("12:34", 1000, rows_at(3)) == 3


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("state", list(STATES))
def test_snapshot_wall_timer(
    snap_compare: Snap, sessions: Path, state: str, size: tuple[int, int]
) -> None:
    assert snap_compare(wall(sessions, state), terminal_size=size)
