"""Textual's own texts on the screen (the palette, the theme command, the ctrl+c hint) speak
the room's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from circle_tui.core.timing import FakeClock
from circle_tui.languages import set_language
from tests.ui.test_console import screen_text
from tests.ui.test_snapshots import console, live_session

TRANSLATED = ["da", "nb", "nl"]


@pytest.fixture
def speaking(request: pytest.FixtureRequest) -> Iterator[str]:
    language = str(request.param)
    set_language(language)
    yield language
    set_language("en")


@pytest.mark.parametrize("speaking", TRANSLATED, indirect=True)
async def test_the_palette_and_its_commands_speak_the_language(
    sessions: Path, speaking: str
) -> None:
    app = console(live_session(sessions, FakeClock(start=1_790_000_000.0)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        placeholder = palette.query_one(Input).placeholder
        assert placeholder and "Search" not in placeholder, placeholder
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles and "Theme" not in titles, titles
        await pilot.press("escape")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert "to quit" not in screen_text(app) and "Do you want" not in screen_text(app)
