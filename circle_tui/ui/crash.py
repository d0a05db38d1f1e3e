"""An internal error in front of a room: one calm line, no traceback, no locals.

Textual prints an unhandled exception as a traceback with the local
variables of every frame, which could put a note on the projected screen.
`QuietCrash` replaces that (Textual's `_fatal_error`, the one place that
prints it) with one line that says the session is saved and where a bug
report was written: the traceback without any locals, mode 0600.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual.app import App

from circle_tui.core.i18n import _
from circle_tui.store.files import StoreError, atomic_write, private_dir
from circle_tui.store.locations import sessions_dir

REPORTS = ".crash-reports"
"""Inside the sessions dir; not a session folder, so never listed or purged as one."""


def write_report(error: BaseException, root: Path | None = None) -> Path | None:
    """The traceback, frames and message only, in a private file; None if it cannot be written."""
    folder = (root or sessions_dir()) / REPORTS
    path = folder / time.strftime("crash-%Y%m%d-%H%M%S.txt")
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    with contextlib.suppress(StoreError):
        private_dir(folder)
        atomic_write(path, text)
        return path
    return None


def crash_line(error: BaseException, report: Path | None) -> str:
    # Translators: {error} is the name of a Python exception; `circle-tui resume` is a command
    line = _(
        "circle-tui stopped on an internal error ({error}). "
        "What was saved is safe: `circle-tui resume` goes on where it stood."
    ).format(error=type(error).__name__)
    if report:
        # Translators: {path} is the file the bug report was written to
        line += " " + _("Details for a bug report: {path}").format(path=report)
    return line


ReturnType = TypeVar("ReturnType")


class QuietCrash(App[ReturnType]):
    """Mixed into every circle-tui app: an internal error ends in one line."""

    sessions_root: Path | None = None
    """The sessions dir in use (`--sessions-dir`); its `.crash-reports` gets the report."""

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
