"""The facilitator's console app: one screen, one session."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from circle_tui.app.actions import APP_ACTIONS
from circle_tui.app.live import LiveSession
from circle_tui.core.i18n import ngettext
from circle_tui.core.settings import Settings
from circle_tui.ui.actions import bindings, translate_bindings
from circle_tui.ui.crash import QuietCrash
from circle_tui.ui.keys import InOrderKeys
from circle_tui.ui.own_words import OwnWords, said
from circle_tui.ui.palette import ConsoleCommands
from circle_tui.ui.screens.console import ConsoleScreen
from circle_tui.ui.screens.dialogs import ConfirmScreen
from circle_tui.ui.widgets.notes import NotesPane

SYSTEM_COMMANDS_KEPT = {"Theme"}
"""Textual's own palette commands worth having: a projector may need another theme.

Matched by Textual's (English) title; shown in the room's language (`ui/own_words.py`).

Dropped: Quit and Keys (the console's own quit and help do it), Maximize, and
Screenshot (it would write the private notes to a file).
"""


class ConsoleApp(InOrderKeys[None], OwnWords[None], QuietCrash[None]):
    """Run one circle."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "circle-tui"
    AUTO_FOCUS = None  # keys drive the circle; tab goes into the notes
    BINDINGS = bindings(APP_ACTIONS)
    COMMANDS = App.COMMANDS | {ConsoleCommands}

    def __init__(
        self,
        live: LiveSession,
        *,
        projector: bool = False,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self, APP_ACTIONS)
        self.live = live
        self.sessions_root = live.folder.path.parent
        self.settings = settings or Settings()
        self.projector = projector or self.settings.projector
        self.set_keymap(self.settings.keys)

    def get_default_screen(self) -> Screen[None]:
        settings = self.settings
        return ConsoleScreen(
            self.live, projector=self.projector, bell=settings.bell, chime=settings.chime
        )

    def on_ready(self) -> None:
        """The first frame is drawn: the console's hidden fields are mounted once it is out."""
        self.call_after_refresh(self._mount_fields)

    async def carry_out(self, event: events.Key) -> None:
        await self._mount_fields()  # a key typed before the first frame finds them too
        await super().carry_out(event)

    async def _mount_fields(self) -> None:
        screen = self.screen_stack[0] if self.screen_stack else None
        if isinstance(screen, ConsoleScreen):
            await screen.mount_fields()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in App.get_system_commands(self, screen):  # Textual's, by English title
            if command.title in SYSTEM_COMMANDS_KEPT:
                yield said(command)

    def action_curtain(self) -> None:
        """ctrl+o on any screen: hide (or show) the notes on the console under it."""
        self.console_screen.action_curtain()

    async def action_quit(self) -> None:
        """Quit; the session is saved, unless a disk error kept changes in memory."""
        screen = self.console_screen
        async with screen.writing:  # after the writes in flight
            screen.query_one(NotesPane).save_draft()
        unsaved = self.live.unsaved
        if unsaved is None:
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        # Translators: {reason} says why the disk refused; n and ctrl+s are keys
        question = ngettext(
            "{n} change is NOT saved: {reason}.\n"
            "Quit and lose it? (n, then ctrl+s, tries to save it again)",
            "{n} changes are NOT saved: {reason}.\n"
            "Quit and lose them? (n, then ctrl+s, tries to save them again)",
            unsaved.count,
        )
        self.push_screen(
            ConfirmScreen(question.format(n=unsaved.count, reason=unsaved.reason)), answered
        )

    @property
    def console_screen(self) -> ConsoleScreen:
        """The console screen (also while a dialog is open over it)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ConsoleScreen)
        return screen
