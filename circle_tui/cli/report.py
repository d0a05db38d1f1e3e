"""`circle-tui report FILES…`: one report over the summaries facilitators handed in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from circle_tui.core.i18n import _

EXIT_OK = 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser(
        "report",
        help=_("one report over pseudonymized JSON summaries, for whoever looks after learning"),
    )
    report.add_argument(
        "files",
        nargs="+",
        # Translators: help of the files argument; keep --pseudonymize and --to json as they are
        help=_("summaries written with --pseudonymize --to json, or folders of them"),
    )
    report.add_argument(
        "--to", choices=["md", "html"], default="md", help=_("Markdown (the default) or HTML")
    )
    report.add_argument("-o", "--output", help=_("write to this file instead of printing"))


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
