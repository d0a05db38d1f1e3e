"""Textual's own texts that reach the screen, said in the room's language.

The command palette's search field, the theme picker, the titles of the
system commands the console keeps, and the hint when ctrl+c is pressed to
quit: Textual writes them in English, so each app that mixes this in says
them through the app's catalogs instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from circle_tui.core.i18n import N_, _

SEARCH_COMMANDS = N_("Search for commands…")
SEARCH_THEMES = N_("Search for themes…")
SYSTEM_COMMANDS = {
    # Translators: a command in the palette: the colours of the screen
    "Theme": (N_("Theme"), N_("Change the colours of the screen")),
}
"""Textual's system commands by their English title: their title and help in our words."""
WIDGET_KEYS = (
    # Translators: footer label while a list of choices is open (escape closes it)
    N_("Dismiss menu"),
    N_("Show menu"),
)
"""The key labels of Textual's select box, said through `translate_bindings`."""

ReturnType = TypeVar("ReturnType")


def said(command: SystemCommand) -> SystemCommand:
    """A system command with its title and help in the current language."""
    words = SYSTEM_COMMANDS.get(command.title)
    if words is None:
        return command
    return command._replace(title=_(words[0]), help=_(words[1]))


class OwnWords(App[ReturnType]):
    """Mixed into every circle-tui app: Textual's texts in the app's language."""

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield said(command)

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]  # App is invariant in its return type; is_open only reads the stack
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_(SEARCH_COMMANDS)))

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=_(SEARCH_THEMES)))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit: say which key does, in the room's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                # Translators: after ctrl+c; {key} is the key that quits (ctrl+q)
                self.notify(
                    _("Press {key} to quit.").format(key=key),
                    title=_("Do you want to quit?"),
                    markup=False,
                )
                return
