"""`circle-tui letter` and `circle-tui letter answer ID TEXT`: the organisation letter."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from circle_tui.core.i18n import _

EXIT_OK = 0


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    letter = sub.add_parser(
        "letter", help=_("the groups' take-aways for the organisation, with no names")
    )
    letter.add_argument("--group", help=_("only this group's take-aways"))
    letter.add_argument(
        "--to", choices=["md", "html"], default="md", help=_("Markdown (the default) or HTML")
    )
    letter.add_argument("-o", "--output", help=_("write to this file instead of printing"))
    letter.add_argument("--sessions-dir", help=_("where sessions are kept"))
    lsub = letter.add_subparsers(dest="letter_command")
    answer = lsub.add_parser(
        "answer",
        help=_("record the organisation's answer: the group hears it at its next check-in"),
    )
    answer.add_argument("id", help=_("the take-away's id, as the letter shows it"))
    answer.add_argument("answer", help=_("the answer, in quotes"))
    answer.add_argument("--sessions-dir", help=_("where sessions are kept"))


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
