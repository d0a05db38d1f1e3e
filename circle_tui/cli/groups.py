"""`circle-tui groups list | show NAME`: groups that meet again, and each group's page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from circle_tui.core.errors import bounded
from circle_tui.core.i18n import _, ngettext
from circle_tui.languages import at

EXIT_OK = 0


def groups(args: argparse.Namespace, root: Path) -> int | str:
    """Run a `groups` command; a string is a one-line error for the user."""
    if args.groups_command == "list":
        return _list(root)
    return _show(args, root)


def _list(root: Path) -> int:
    from circle_tui.app.groups import list_groups

    found = list_groups(root)
    if not found:
        print(_("No groups in {path} (a session started with --group makes one)").format(path=root))
        return EXIT_OK
    width = max(len(entry.name) for entry in found)
    for entry in found:
        met = ngettext("{n} session", "{n} sessions", entry.sessions).format(n=entry.sessions)
        # Translators: groups list: when the group last met, and in which format
        last = _("last {date}, {format}").format(
            date=at(entry.last_started, "date"), format=entry.last_format
        )
        print(f"{entry.name:<{width}}  {met:<12} {last}")
    return EXIT_OK


def _show(args: argparse.Namespace, root: Path) -> int:
    from circle_tui.app.groups import read_group, render_group
    from circle_tui.app.places import atomic_write

    on_screen = args.to == "text" and not args.output and sys.stdout.isatty()
    # What leaves the screen (a file, a pipe, Markdown, HTML) has no per-person figures,
    # and P1..Pn for names unless --names.
    read = read_group(root, args.name, pseudonymized=not (on_screen or args.names))
    page = read.page if on_screen else read.page.without_people()
    for problem in read.damaged:
        # Translators: a session of the group that cannot be read; {problem} says why
        print(bounded(_("left out: {problem}").format(problem=problem)), file=sys.stderr)
    text = render_group(page, args.to)
    if args.output:
        atomic_write(Path(args.output), text)  # mode 0600, like every file the app writes
    else:
        sys.stdout.write(text)
    return EXIT_OK
