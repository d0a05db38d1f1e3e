"""`circle-tui letter` and `circle-tui letter answer ID TEXT`: the organisation letter."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from circle_tui.core.i18n import _

EXIT_OK = 0


def letter(args: argparse.Namespace, root: Path) -> int:
    """Print or write the letter, or record an answer; errors are one-line `StoreError`s."""
    from circle_tui.app.letter import answer, letter_items
    from circle_tui.app.places import atomic_write
    from circle_tui.core.i18n import language
    from circle_tui.export.letter import render_letter_html, render_letter_markdown

    if args.letter_command == "answer":
        found = answer(root, args.id, args.answer, time.time())
        # Translators: {group} will hear the answer at its next check-in
        print(
            _("Recorded: {group} hears the answer at its next check-in.").format(group=found.group)
        )
        return EXIT_OK
    items = letter_items(root, args.group)
    text = (
        render_letter_html(items, language())
        if args.to == "html"
        else render_letter_markdown(items)
    )
    if args.output:
        atomic_write(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
