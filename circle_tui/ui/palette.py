"""Every console action in Textual's command palette (ctrl+p).

Found by its help text or its footer label, shown with the key that does it
now. Console actions are offered on the console screen only (not over a
dialog, where they would act behind the question); app actions everywhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from typing import Any

from rich.text import Text
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape
from textual.screen import Screen

from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS, Action
from circle_tui.ui.actions import current_keymap, effective_keys
from circle_tui.ui.screens.console import ConsoleScreen


class ConsoleCommands(Provider):
    """The facilitator's actions, by what they do."""

    def _offered(self) -> Iterator[tuple[Action, Callable[[], Awaitable[Any]], str]]:
        """(action, what runs it, key shown) for what makes sense on this screen."""
        on_console = isinstance(self.screen, ConsoleScreen)
        actions = (CONSOLE_ACTIONS if on_console else ()) + APP_ACTIONS
        keys = effective_keys(actions, current_keymap(self.app))
        for action in actions:
            # Textual action strings such as `give_word` or `adjust(30)`, run
            # where the key binding would run them.
            target: Screen[object] | App[object] = (
                self.screen if action in CONSOLE_ACTIONS else self.app
            )
            yield action, partial(target.run_action, action.action), keys[action.id]

    async def discover(self) -> Hits:
        for action, run, key in self._offered():
            yield DiscoveryHit(Text(action.help), run, help=escape(f"{action.label} · {key}"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for action, run, key in self._offered():
            score = max(matcher.match(action.help), matcher.match(action.label))
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(action.help),
                    run,
                    text=action.help,
                    help=escape(f"{action.label} · {key}"),
                )
