"""Widgets tell their screen things by messages; the screen tells them what to show."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from circle_tui.core.timing import FakeClock
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.message_line import MessageLine
from circle_tui.ui.widgets.notes import NotesPane
from tests.ui.test_console import allow_notes, new_live


def shown(line: MessageLine) -> str:
    return str(line.content)


async def test_a_kept_note_is_said_by_a_message_from_the_notes_pane(sessions: Path) -> None:
    live = new_live(sessions, FakeClock())
    allow_notes(live)
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", *"a note", "enter")
        await pilot.pause()
        assert shown(app.console_screen.query_one(MessageLine)) == "Note saved."


async def test_a_later_line_stays_over_a_widget_line_posted_before_it(sessions: Path) -> None:
    """A line a widget posts arrives after the key; a later key's direct line is not overwritten."""
    live = new_live(sessions, FakeClock())
    app = ConsoleApp(live)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.console_screen
        screen.query_one(NotesPane).say("earlier, from the pane")  # posted, handled later
        screen._say("later, from the next key")  # said at once
        await pilot.pause()
        assert shown(screen.query_one(MessageLine)) == "later, from the next key"
        screen.query_one(NotesPane).say("newest, from the pane", error=True)
        await pilot.pause()
        line = screen.query_one(MessageLine)
        assert shown(line) == "newest, from the pane" and line.has_class("-error")


class PanelApp(App[None]):
    CSS = "#airtime { height: 1fr; }"

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[AirtimePanel] = []

    def compose(self) -> ComposeResult:
        yield AirtimePanel(id="airtime")

    def on_airtime_panel_resized(self, message: AirtimePanel.Resized) -> None:
        self.asked.append(message.control)


async def test_the_speaking_time_panel_asks_to_be_filled_when_its_size_changes() -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        asked = len(app.asked)
        assert asked >= 1 and app.asked[0] is app.query_one(AirtimePanel)
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        assert len(app.asked) > asked
