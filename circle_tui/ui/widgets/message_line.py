"""The console's message line: what the facilitator's last key did, in one line."""

from __future__ import annotations

import time

from textual.widgets import Static


class MessageLine(Static):
    """One line under the circle; an error stands out (`-error`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.said_at = 0.0
        """When the line shown was said (`time.monotonic`)."""

    def say(self, line: str, *, error: bool = False, at: float | None = None) -> None:
        """Show `line`, said `at` (now if None): a line said before the one shown is dropped.

        A widget's line arrives as a message, after the key that caused it;
        a later key's line, said directly meanwhile, stays.
        """
        at = time.monotonic() if at is None else at
        if at < self.said_at:
            return
        self.said_at = at
        self.update(line)
        self.set_class(error, "-error")
