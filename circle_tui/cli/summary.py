"""`circle-tui summary`: what leaves the room, as Markdown, JSON or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from circle_tui.core.i18n import N_, _

PRIVATE_NEEDS_FILE = N_(
    "the report holds private notes; write it with -o FILE "
    "(mode 0600) or show it in a terminal, not through a pipe"
)
"""Why `--include-private` refuses a pipe (translated where it is shown)."""


def summary(args: argparse.Namespace, root: Path) -> int | str:
    """Print or write the summary; a string is a one-line error for the user."""
    from circle_tui.app.places import atomic_write
    from circle_tui.app.reading import notes_encrypted
    from circle_tui.app.report import render, session_summary
    from circle_tui.app.sessions import resolve_session
    from circle_tui.cli.passphrase import with_passphrase

    if args.include_private and not args.output and not sys.stdout.isatty():
        return f"--include-private: {_(PRIVATE_NEEDS_FILE)}"
    folder = resolve_session(root, args.session)

    def report(passphrase: str | None) -> str:
        found = session_summary(
            folder,
            include_private=args.include_private,
            pseudonymize=args.pseudonymize,
            passphrase=passphrase,
        )
        return render(found, args.to)

    if args.include_private and notes_encrypted(folder):
        prompt = _("Passphrase for the notes of {session}: ").format(session=folder.name)
        text = with_passphrase(prompt, report)
    else:
        text = report(None)
    if args.output:
        atomic_write(Path(args.output), text)  # always mode 0600
        if args.include_private:
            done = _("Private report written to {path} (only you can read it)")
            print(done.format(path=args.output))
    else:
        sys.stdout.write(text)
    return 0
