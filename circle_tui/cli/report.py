"""`circle-tui report FILES…`: one report over the summaries facilitators handed in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK = 0


def report(args: argparse.Namespace) -> int:
    """Print or write the report; a file that cannot go in raises a one-line `StoreError`."""
    from circle_tui.app.learning import report_of
    from circle_tui.app.places import atomic_write
    from circle_tui.core.i18n import language
    from circle_tui.export.learning import render_learning_html, render_learning_markdown

    found = report_of(Path(name) for name in args.files)
    if args.to == "html":
        text = render_learning_html(found, language())
    else:
        text = render_learning_markdown(found)
    if args.output:
        atomic_write(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
