"""What every subcommand shares: exit codes, the one-line error, the terminal, the settings."""

from __future__ import annotations

import os
import sys
import textwrap
from typing import TYPE_CHECKING

from circle_tui.core.i18n import _

if TYPE_CHECKING:
    from circle_tui.core.settings import Settings

EXIT_OK, EXIT_BAD_INPUT = 0, 1  # usage errors exit 2 from argparse itself
EXIT_INTERNAL_ERROR = 1
"""An app stopped on an internal error: it said so in one line (ui/crash.py)."""


PRINT_WIDTH = 76
"""Columns for a format's own paragraphs on the command line."""


def printable(text: str) -> str:
    """`text` as a terminal can show it (see `shown_text.visible`)."""
    from circle_tui.core.shown_text import visible

    return visible(text)


def paragraph(text: str, indent: str = "", width: int = PRINT_WIDTH) -> str:
    """`text` wrapped for the command line, its own line breaks kept."""
    lines: list[str] = []
    for line in printable(text).splitlines() or [""]:
        lines.extend(
            textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent) or [indent]
        )
    return "\n".join(lines)


class BadInput(Exception):
    """Input the user can fix; the message is shown as one line."""


SERVED_BY = "CIRCLE_TUI_SERVED_BY"
"""Set for a display process the served wall starts (ui/served.py): it draws to a browser."""


def has_terminal() -> bool:
    """Whether the full-screen app has a terminal (or the served wall's browser) to draw on."""
    if os.environ.get(SERVED_BY):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def need_terminal(command: str) -> None:
    """Refuse, in one line, to start the full-screen app on a pipe or at an input's end."""
    if not has_terminal():
        # Translators: {command} is a command such as "circle-tui run" (kept as it is)
        problem = _("{command} needs a terminal: its input or output is a pipe or a file")
        raise BadInput(problem.format(command=command))


def load_settings() -> Settings:
    """The user's settings, checked against the console's actions (before anything starts)."""
    from circle_tui.app.settings import load_settings as load

    return load()
