"""A group meets twice: last time's agreements come back at the check-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.core.events import FollowUpStatus
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from tests.ui.test_console import new_live, screen_text, speak_round


async def run_first_session(sessions: Path, clock: FakeClock) -> None:
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"handovers", "enter", "n", "ctrl+s")
        await pilot.press("n", "y", "n", "y", "n", "y")  # on to the closing
        assert live.state.current_phase is not None
        assert live.state.current_phase.kind.value == "closing"
        await speak_round(pilot, clock, [20, 20, 20])
        await pilot.press("a", *"draft the checklist @Cai by 2026-12-02", "enter")
        await pilot.press("a", *"ask the evening team", "enter")
        await pilot.press("n", "y")  # read back, then confirmed: closed
        assert live.state.closed
    live.close()


async def test_agreements_come_back_marked_and_summarised(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    await run_first_session(sessions, clock)

    clock.advance(14 * 24 * 3600)
    live = new_live(sessions, clock)  # same group, "Team Nord"
    assert [f.text for f in live.plan.follow_ups] == ["draft the checklist", "ask the evening team"]
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Agreed last time" not in screen_text(app)  # the contract comes first
        await pilot.press("a", *"what changed", "enter", "n", "ctrl+s")
        shown = screen_text(app)
        assert "Agreed last time" in shown
        assert "not reviewed: draft the checklist" in shown and "@Cai" in shown
        assert "f: mark each done, ongoing or dropped" in shown
        await pilot.press("f")
        assert "Agreements from last time" in screen_text(app)
        await pilot.press("d")  # the first: done; the highlight moves to the second
        await pilot.press("o")
        await pilot.press("escape")
        assert live.state.follow_up_status == {
            0: FollowUpStatus.DONE,
            1: FollowUpStatus.ONGOING,
        }
        shown = screen_text(app)
        assert "✓ done: draft the checklist" in shown
        assert "↻ ongoing: ask the evening team" in shown
        assert "f: mark each" not in shown
        await pilot.press("n", "y", "n", "y", "n", "y", "n", "y")
        assert live.state.closed
    live.close()

    assert main(["summary", "latest", "--to", "json"]) == 0
    carried = json.loads(capsys.readouterr().out)["follow_ups"]
    assert [(f["text"], f["status"]) for f in carried] == [
        ("draft the checklist", "done"),
        ("ask the evening team", "ongoing"),
    ]
    markdown = live.folder.summary_path.read_text()
    assert "## Agreements from last time" in markdown
    assert "- ✓ done: draft the checklist (agreed" in markdown

    # The third session gets only what is still open.
    third = new_live(sessions, clock)
    assert [f.text for f in third.plan.follow_ups] == ["ask the evening team"]
    third.close()


async def test_f_is_not_offered_to_a_group_without_agreements(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f")
        assert "Agreements from last time" not in screen_text(app)
        assert "Last time" not in screen_text(app)  # not in the footer either
    live.close()


async def test_x_drops_an_agreement_and_escape_keeps_the_marks(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    await run_first_session(sessions, clock)
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"what changed", "enter", "n", "ctrl+s")
        await pilot.press("f")
        await pilot.press("down", "x", "escape")
        assert live.state.follow_up_status == {1: FollowUpStatus.DROPPED}
        shown = screen_text(app)
        assert "✗ dropped: ask the evening team" in shown
        assert "not reviewed: draft the checklist" in shown
        await pilot.press("f")
        await pilot.press("d", "enter")  # enter closes the dialog too
        assert live.state.follow_up_status[0] is FollowUpStatus.DONE
        assert "Agreements from last time" not in screen_text(app)
    live.close()
