"""What leaves the room can be taken back until the close, and is read back before it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from circle_tui.app.follow import Follower
from circle_tui.cli import main
from circle_tui.core.decide import NextPhase, ReadBack, WithdrawItem
from circle_tui.core.events import ItemWithdrawn
from circle_tui.core.items import parse_item
from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.display import DisplayApp
from tests.ui.test_console import new_live, screen_text

SLIP = "SLIP-Ane-is-burnt-out"


async def test_a_slip_is_withdrawn_and_a_typo_corrected_by_keys(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")
        await pilot.press("a", *f"we: {SLIP}", "enter", "enter")  # it names Ane: asked once
        await pilot.press("a", *"agree: shre the list @Bo by 2026-12-01", "enter")
        assert SLIP in screen_text(app)
        await pilot.press("w")  # the list of what was shared: the slip is highlighted
        assert "take back or correct" in screen_text(app)
        assert f"For us: {SLIP}" in screen_text(app)  # as the closing names it, not "(we)"
        await pilot.press("w")  # withdrawn: the journal keeps it as an event
        assert SLIP not in screen_text(app)
        assert "Withdrawn: it is off the wall" in screen_text(app)  # said, not repeated
        await pilot.press("e")  # the agreement opens in the field, owner and date with it
        field = app.console_screen.query_one("#item-input")
        assert field.value == "shre the list @Bo by 2026-12-01"  # type: ignore[attr-defined]
        assert field.cursor_position == len(field.value)  # type: ignore[attr-defined]
        await pilot.press("home", "right", "right", "a", "enter")
        [agreement] = live.state.live_items()
        assert (agreement.text, agreement.owner, agreement.due) == (
            "share the list",
            "Bo",
            "2026-12-01",
        )
        withdrawn = [e for _, e in live.journal.events() if isinstance(e, ItemWithdrawn)]
        assert len(withdrawn) == 2  # the slip, and the agreement as first typed
    out = sessions / "summary.md"
    assert main(["summary", str(live.folder.path), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert SLIP not in text and "shre" not in text and "share the list" in text


async def test_the_close_reads_back_what_leaves_the_room_and_says_it_closes(
    sessions: Path,
) -> None:
    clock = FakeClock()
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")
        await pilot.press("a", *"we: ask for help sooner", "enter")
        for _ in range(3):
            live.execute(NextPhase(confirmed=True))
        await pilot.press("n")  # the last phase: the read-back, not the close
        shown = screen_text(app)
        assert "What leaves the room" in shown and "ask for help sooner" in shown
        assert "closes the circle and writes the summary" in shown
        assert "Not everyone has had the word yet" in shown  # said before the question
        # Everything the summary carries, not only the items: the rules, who, how long
        read_back = str(app.screen.query_one("#read-back-items", Static).content)
        for rule in live.state.ground_rules():
            assert rule in read_back
        assert "who took part: Ane, Bo, Cai" in read_back
        assert "how long each person spoke" in read_back
        assert "whether the group allowed notes (never the notes)" in read_back
        assert live.state.read_back and not live.state.closed
        await pilot.press("n")  # not yet
        assert not live.state.read_back and not live.state.closed
        await pilot.press("n", "y")
        assert live.state.closed and live.folder.summary_path.exists()


async def test_the_wall_drops_a_withdrawn_item_and_shows_the_read_back(sessions: Path) -> None:
    clock = FakeClock(start=1_790_000_000.0)
    live = new_live(sessions, clock)
    live.execute(NextPhase(confirmed=True))
    live.execute(parse_item(f"we: {SLIP}", live.state.current_phase.kind))  # type: ignore[union-attr]
    live.execute(parse_item("we: ask for help sooner", live.state.current_phase.kind))  # type: ignore[union-attr]
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(110, 34)) as pilot:
        while SLIP not in screen_text(app):
            await pilot.pause(0.01)
        live.execute(WithdrawItem(0))
        while SLIP in screen_text(app):  # the wall follows the journal: at once
            await pilot.pause(0.01)
        live.execute(ReadBack(shown=True))
        while "What leaves the room" not in screen_text(app):
            await pilot.pause(0.01)
        shown = screen_text(app)
        assert "ask for help sooner" in shown and SLIP not in shown
    live.close()


async def test_the_wall_shows_the_whole_read_back(sessions: Path) -> None:
    """At 160x50 the read-back was cut after the second ground rule, under the timer."""
    clock = FakeClock(start=1_790_000_000.0)
    live = new_live(sessions, clock)
    live.execute(NextPhase(confirmed=True))
    kind = live.state.current_phase.kind  # type: ignore[union-attr]
    for n in range(6):
        live.execute(parse_item(f"we: take-away number {n}", kind))
    live.execute(ReadBack(shown=True))
    app = DisplayApp(Follower(sessions, clock=clock))
    async with app.run_test(size=(160, 50)) as pilot:
        while "What leaves the room" not in screen_text(app):
            await pilot.pause(0.01)
        shared = app.query_one("#shared", Static)
        assert shared.region.width > 150  # the whole wall
        shown = screen_text(app)
        for rule in live.state.ground_rules():
            assert rule in shown
        assert "Also in the summary" in shown and "take-away number 5" in shown
        live.execute(ReadBack(shown=False))  # "not yet": the circle comes back
        while app.has_class("-read-back"):
            await pilot.pause(0.01)
        assert app.query_one("#circle").display
    live.close()


async def test_an_item_that_names_a_person_is_asked_about_once(sessions: Path) -> None:
    """Points, not persons: one line asks to confirm or rephrase before it is shared."""
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")
        await pilot.press("a", *"disagree: Ane and Bo see risk differently", "enter")
        assert live.state.items == [] and "This names Ane, Bo" in screen_text(app)
        await pilot.press("ctrl+u", *"disagree: how much risk we take at night", "enter")
        [point] = live.state.items  # rephrased: recorded at once
        assert point.text == "how much risk we take at night"
        await pilot.press("a", *"we: Cai's idea works", "enter")
        assert len(live.state.items) == 1
        await pilot.press("enter")  # confirmed as it is
        assert [i.text for i in live.state.items][-1] == "Cai's idea works"
        await pilot.press("a", *"we: bo tæt på hinanden", "enter")  # the verb, not Bo
        assert [i.text for i in live.state.items][-1] == "bo tæt på hinanden"


async def test_an_owner_outside_the_circle_is_asked_about_and_words_become_dates(
    sessions: Path,
) -> None:
    from datetime import date, timedelta

    clock = FakeClock()
    live = new_live(sessions, clock)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"handovers", "ctrl+s")
        await pilot.press("a", *"agree: call IT @Zed by friday", "enter")
        assert live.state.items == []
        assert "Zed is not in the circle" in screen_text(app)
        await pilot.press("enter")  # kept as owner, asked once
        [item] = live.state.items
        today = date.fromtimestamp(clock.now())
        due = date.fromisoformat(item.due or "")
        assert (item.text, item.owner, due.weekday()) == ("call IT", "Zed", 4)
        assert today < due <= today + timedelta(days=7)
        await pilot.press("a", *"agree: ask HR @Bo by end of sprint", "enter")
        assert "is not a date the app reads" in screen_text(app)
        assert live.state.items[-1].text == "ask HR by end of sprint"
