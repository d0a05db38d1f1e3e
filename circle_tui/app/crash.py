"""After an internal error: the bug report, kept private, and the one line said in its place.

The report holds the traceback, frames and message only (never the locals,
which could hold a note), mode 0600, in the sessions dir's `.crash-reports`.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from pathlib import Path

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
