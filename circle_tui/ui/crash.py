"""An internal error in front of a room: one calm line, no traceback, no locals.

Textual prints an unhandled exception as a traceback with the local
variables of every frame, which could put a note on the projected screen.
`QuietCrash` replaces that (Textual's `_fatal_error`, the one place that
prints it) with one line that says the session is saved and where a bug
report was written: the traceback without any locals, mode 0600.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual.app import App

from circle_tui.app import startup
from circle_tui.app.crash import crash_line, write_report

ReturnType = TypeVar("ReturnType")


class QuietCrash(App[ReturnType]):
    """Mixed into every circle-tui app: an internal error ends in one line."""

    sessions_root: Path | None = None
    """The sessions dir in use (`--sessions-dir`); its `.crash-reports` gets the report."""

    def on_ready(self) -> None:
        """The first frame is on screen: garbage collection runs again (`app/startup.py`)."""
        startup.release(freeze=True)

    def _fatal_error(self) -> None:
        error = self._exception
        if error is None:  # pragma: no cover - Textual sets it before calling this
            super()._fatal_error()
            return
        self.bell()
        self._exit_renderables.append(
            Text(crash_line(error, write_report(error, self.sessions_root)))
        )
        self._close_messages_no_wait()
