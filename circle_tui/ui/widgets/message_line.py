"""The console's message line: what the facilitator's last key did, in one line."""

from __future__ import annotations

import time

from rich.cells import cell_len
from textual.widgets import Static


class MessageLine(Static):
    """One line under the circle; an error stands out (`-error`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.said_at = 0.0
        """When the line shown was said (`time.monotonic`)."""
        self._line = ""

    def say(self, line: str, *, error: bool = False, at: float | None = None) -> None:
        """Show `line`, said `at` (now if None): a line said before the one shown is dropped.

        A widget's line arrives as a message, after the key that caused it;
        a later key's line, said directly meanwhile, stays.
        """
        at = time.monotonic() if at is None else at
        if at < self.said_at:
            return
        self.said_at = at
        if line != self._line:
            width = self.content_size.width
            # Both on one line: the height stays, so only this line is repainted.
            steady = 0 < max(cell_len(line), cell_len(self._line), 1) <= width
            self._line = line
            self.update(line, layout=not steady)
        self.set_class(error, "-error")
