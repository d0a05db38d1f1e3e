"""Keys in the order they were typed, each where the focus was when it was typed.

Textual hands a key to the focused widget's own queue and checks most key
bindings only when the key has bubbled back up to the app, while focus
changes wait in the app's queue behind keys already read. Keys that arrive
together (typed fast, or read in one go after the loop was busy) can then
change meaning: the `a` of a note typed just after `tab` opens the shared
item field, and the rest of the note becomes a public agreement.

`InOrderKeys` carries out every key completely, in the app's own task,
before it looks at the next one: priority bindings, then the text of the
focused field, then the bindings from the focused widget up. Actions that
move the focus must do it at once (`Screen.set_focus`, never
`Widget.focus`, which waits in the queue) and await the screens they push,
so the next key already finds the focus where the facilitator saw it.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable

from textual import events
from textual._dispatch_key import dispatch_key
from textual.app import App, ReturnType
from textual.widget import Widget
from textual.widgets import Input

TEXT_AREA_MODULE = "textual.widgets._text_area"
"""TextArea's module: only the contract dialog has one, and it is imported with that dialog
(about 17 ms and 0.6 MB that the first frame does without)."""


def text_fields() -> tuple[type[Widget], ...]:
    """Widgets that take typed characters: Input, and TextArea once it is imported (no
    TextArea can exist before)."""
    text_area = sys.modules.get(TEXT_AREA_MODULE)
    return (Input, text_area.TextArea) if text_area is not None else (Input,)


async def type_into(field: Widget, event: events.Key) -> bool:
    """Let a text field take a key as typed text now; True if it did."""
    if not isinstance(field, text_fields()) or field.disabled:
        return False
    # The fields' own key handlers (Textual's, private; pinned in constraints.txt
    # and held by tests/ui/test_keys.py): typed characters, and enter and tab in
    # a text area.
    await field._on_key(event)
    return event._no_default_action


class InOrderKeys(App[ReturnType]):
    """An app that carries each key out completely before the next one."""

    keys_carried_out = 0
    """Keys read from the terminal and carried out to the end, so far."""

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        self.app_focus = True
        try:
            await self.carry_out(event)
        finally:
            self.keys_carried_out += 1

    async def carry_out(self, event: events.Key) -> None:
        """One key, start to end, in the app's task (Textual's order, made synchronous)."""
        key = event.key
        if await self._check_bindings(key, priority=True):
            return
        focused = self.focused
        if focused is not None and await type_into(focused, event):
            return
        if await self._check_bindings(key):
            return
        # Left for the widgets' own handlers (none of them moves the focus).
        (focused or self.screen)._forward_event(event)

    async def _on_key(self, event: events.Key) -> None:
        """A key bubbling back up: its bindings were already checked (`carry_out`)."""
        await dispatch_key(self, event)

    async def _press_keys(self, keys: Iterable[str]) -> None:
        """Pilot's key presses (tests): each returns once the key was carried out to the end.

        Textual's own version waits until the process looks idle, which a
        commit waiting for the disk on a worker thread also does.
        """
        for key in keys:
            done = self.keys_carried_out + (0 if key.startswith("wait:") else 1)
            await super()._press_keys([key])
            while self.keys_carried_out < done and self.is_running:
                await asyncio.sleep(0.001)  # the state waited for, not a time
