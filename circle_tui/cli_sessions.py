"""`circle-tui sessions list | erase | purge`: what is kept, and erasing it."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime
from pathlib import Path

from circle_tui.store.files import StoreError

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sessions = sub.add_parser("sessions", help="list and erase sessions")
    ssub = sessions.add_subparsers(dest="sessions_command", required=True)
    slist = ssub.add_parser("list", help="all sessions in the sessions dir")
    slist.add_argument("--sessions-dir")
    erase = ssub.add_parser("erase", help="erase one session, or only its private notes")
    erase.add_argument("session", help="session id, folder or `latest`")
    erase.add_argument("--notes-only", action="store_true", help="keep the public record")
    erase.add_argument("--yes", action="store_true", help="do not ask")
    erase.add_argument("--sessions-dir")
    purge = ssub.add_parser("purge", help="erase sessions older than the retention period")
    purge.add_argument("--older-than", help="e.g. 90d or 12w (default: the retention setting)")
    purge.add_argument("--yes", action="store_true", help="do not ask")
    purge.add_argument("--sessions-dir")


def sessions(args: argparse.Namespace, root: Path, retention_days: int) -> int | str:
    """Run a `sessions` command; a string is a one-line error for the user."""
    match args.sessions_command:
        case "list":
            return _list(root)
        case "erase":
            return _erase(args, root)
    return _purge(args, root, retention_days)


def _list(root: Path) -> int:
    from circle_tui.store.journal import Journal
    from circle_tui.store.sessions import open_session, session_folders

    found = session_folders(root)
    if not found:
        print(f"No sessions in {root}")
        return EXIT_OK
    for path in found:
        try:
            folder = open_session(path)
            journal = Journal.open(folder.journal_path, folder.plan.session_id, public_only=True)
            status = "closed" if journal.last_type() == "session_closed" else "open"
            locked = "encrypted" if journal.encrypted else ""
            journal.close()
        except StoreError as exc:
            print(f"{path.name:<40} damaged: {exc}")
            continue
        plan = folder.plan
        kind = "rehearsal" if plan.rehearsal else status
        print(
            f"{plan.session_id:<40} {kind:<9} {plan.format.id:<20} "
            f"{len(plan.participants)} people  {locked:<9} {plan.group}".rstrip()
        )
    return EXIT_OK


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} Not asked on a pipe: add --yes.", file=sys.stderr)
        return False
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes", "j", "ja"}


def _erase(args: argparse.Namespace, root: Path) -> int:
    from circle_tui.store.purge import erase_notes, erase_session
    from circle_tui.store.sessions import resolve_session

    folder = resolve_session(root, args.session)
    what = "the private notes of" if args.notes_only else "the whole session"
    if not _confirm(f"Erase {what} {folder.name}? This cannot be undone.", args.yes):
        return EXIT_BAD_INPUT
    if args.notes_only:
        erase_notes(folder)
        print(f"Erased the private notes of {folder.name}; the public record stays.")
    else:
        erase_session(folder)
        print(f"Erased {folder.name}.")
    return EXIT_OK


def _purge(args: argparse.Namespace, root: Path, retention_days: int) -> int | str:
    from circle_tui.store.purge import erase_session, parse_age, sessions_older_than

    if args.older_than is not None:
        try:
            days = parse_age(args.older_than)
        except ValueError as exc:
            return f"--older-than: {exc}"
    elif retention_days == 0:
        print("The retention setting keeps sessions until you erase them (retention_days = 0).")
        return EXIT_OK
    else:
        days = retention_days
    aged = sessions_older_than(root, days, time.time())
    if not aged:
        print(f"No sessions older than {days} days in {root}")
        return EXIT_OK
    for found in aged:
        when = (
            datetime.fromtimestamp(found.created_at).strftime("%Y-%m-%d")
            if found.created_at is not None
            else "unreadable"
        )
        print(f"  {found.path.name}  ({when})")
    if not _confirm(f"Erase these {len(aged)} sessions? This cannot be undone.", args.yes):
        return EXIT_BAD_INPUT
    for found in aged:
        erase_session(found.path)
    print(f"Erased {len(aged)} sessions older than {days} days.")
    return EXIT_OK
