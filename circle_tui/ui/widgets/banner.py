"""The console's top line while writes fail (the circle goes on in memory)."""

from __future__ import annotations

from circle_tui.app.unsaved import Unsaved
from circle_tui.core.i18n import ngettext
from circle_tui.languages import at


def unsaved_line(unsaved: Unsaved) -> str:
    """The top line while writes fail: since when, why, and how much waits in memory."""
    # Translators: {time} is a clock time; {reason} says why the disk refused
    return ngettext(
        "NOT SAVED since {time}: {reason}. The circle goes on; "
        "{n} change kept in memory. Fix the disk, then ctrl+s saves it.",
        "NOT SAVED since {time}: {reason}. The circle goes on; "
        "{n} changes kept in memory. Fix the disk, then ctrl+s saves them.",
        unsaved.count,
    ).format(time=at(unsaved.since, "time"), reason=unsaved.reason, n=unsaved.count)
