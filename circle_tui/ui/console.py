"""The facilitator's console app: one screen, one session."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.screen import Screen

from circle_tui.session import LiveSession
from circle_tui.ui.actions import APP_ACTIONS, bindings
from circle_tui.ui.screens.console import ConsoleScreen


class ConsoleApp(App[None]):
    """Run one circle."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "circle-tui"
    AUTO_FOCUS = None  # keys drive the circle; tab goes into the notes
    BINDINGS = bindings(APP_ACTIONS)

    def __init__(self, live: LiveSession, *, projector: bool = False) -> None:
        super().__init__()
        self.live = live
        self.projector = projector

    def get_default_screen(self) -> Screen[None]:
        return ConsoleScreen(self.live, projector=self.projector)

    @property
    def console_screen(self) -> ConsoleScreen:
        """The console screen (also while a dialog is open over it)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ConsoleScreen)
        return screen
