"""`circle-tui sessions list | erase | purge`: what is kept, and erasing it."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from circle_tui.app.errors import StoreError
from circle_tui.core.errors import bounded
from circle_tui.core.i18n import _, ngettext, pgettext
from circle_tui.languages import at

if TYPE_CHECKING:
    from circle_tui.core.settings import Settings

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def days_text(days: int) -> str:
    """`90 days`, for a sentence that has another number in it."""
    # Translators: an age, in "older than {age}"
    return ngettext("{n} day", "{n} days", days).format(n=days)


def sessions(args: argparse.Namespace, root: Path, retention_days: int) -> int | str:
    """Run a `sessions` command; a string is a one-line error for the user."""
    match args.sessions_command:
        case "list":
            return _list(root)
        case "erase":
            return _erase(args, root)
    return _purge(args, root, retention_days)


def _list(root: Path) -> int:
    from circle_tui.app.reading import notes_key_problem, notes_lock, read_session
    from circle_tui.app.sessions import session_folders

    found = session_folders(root)
    if not found:
        print(_("No sessions in {path}").format(path=root))
        return EXIT_OK
    # The status column as wide as its longest word in this language ("afgesloten").
    width = max(
        len(word)
        for word in (
            pgettext("session status", "closed"),
            pgettext("session status", "open"),
            _("rehearsal"),
        )
    )
    for path in found:
        try:
            state, _notes = read_session(path)  # every event: a damaged one marks it damaged
            closed = state.closed
            # Translators: sessions list: the notes of this session are encrypted
            asks, erased = notes_lock(path)
            locked = _("encrypted") if asks else ""
            key_problem = notes_key_problem(path)
        except StoreError as exc:
            # Translators: sessions list: the session cannot be read; {problem} says why
            damaged = _("damaged: {problem}").format(problem=exc)
            print(bounded(f"{path.name:<40} {damaged}"))
            continue
        plan, n = state.plan, len(state.plan.participants)
        # Translators: sessions list: the session has ended (closed) or is still going (open)
        if closed:
            kind = pgettext("session status", "closed")
        else:
            kind = pgettext("session status", "open")
        if plan.rehearsal:
            # Translators: sessions list: a practice run, not a real session
            kind = _("rehearsal")
        # Translators: sessions list: how many people took part
        people = ngettext("{n} person", "{n} people", n).format(n=n)
        print(
            f"{plan.session_id:<40} {kind:<{width}} {plan.format.id:<20} "
            f"{people}  {locked:<9} {plan.group}".rstrip()
        )
        if erased:
            # Translators: sessions list, under a session: `sessions erase --notes-only` was run
            print(_("  private notes erased; the public record stays"))
        elif key_problem is not None:  # the public record opens; the notes cannot
            # Translators: sessions list, under a session: its private notes cannot be read
            said = _("  notes damaged: {problem}").format(problem=key_problem)
            print(bounded(said))
    return EXIT_OK


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} " + _("Not asked on a pipe: add --yes."), file=sys.stderr)
        return False
    # Translators: after a yes/no question; y, yes, j and ja are taken as yes, anything else as no
    choices = _("[y/N]")
    return input(f"{question} {choices} ").strip().lower() in {"y", "yes", "j", "ja"}


def _erase(args: argparse.Namespace, root: Path) -> int:
    from circle_tui.app.sessions import erase_notes, erase_session, resolve_session

    folder = resolve_session(root, args.session)
    if args.notes_only:
        question = _("Erase the private notes of {session}? This cannot be undone.")
    else:
        question = _("Erase the whole session {session}? This cannot be undone.")
    if not _confirm(question.format(session=folder.name), args.yes):
        return EXIT_BAD_INPUT
    if args.notes_only:
        erase_notes(folder)
        done = _("Erased the private notes of {session}; the public record stays.")
    else:
        erase_session(folder)
        done = _("Erased {session}.")
    print(done.format(session=folder.name))
    return EXIT_OK


def _purge(args: argparse.Namespace, root: Path, retention_days: int) -> int | str:
    from circle_tui.app.sessions import erase_session, parse_age, sessions_older_than

    if args.older_than is not None:
        try:
            days = parse_age(args.older_than)
        except ValueError as exc:
            return f"--older-than: {exc}"
    elif retention_days == 0:
        # Translators: retention_days is the name of the setting in settings.toml; keep it
        print(_("The retention setting keeps sessions until you erase them (retention_days = 0)."))
        return EXIT_OK
    else:
        days = retention_days
    aged = sessions_older_than(root, days, time.time())
    if not aged:
        # Translators: {n} is a number of days
        none = ngettext(
            "No sessions older than {n} day in {path}",
            "No sessions older than {n} days in {path}",
            days,
        )
        print(none.format(n=days, path=root))
        return EXIT_OK
    for found in aged:
        # Translators: sessions purge: when the session was held cannot be read
        when = at(found.created_at, "date") if found.created_at is not None else _("unreadable")
        print(f"  {found.path.name}  ({when})")
    n = len(aged)
    # Translators: sessions purge
    question = ngettext(
        "Erase {n} session? This cannot be undone.",
        "Erase these {n} sessions? This cannot be undone.",
        n,
    )
    if not _confirm(question.format(n=n), args.yes):
        return EXIT_BAD_INPUT
    for found in aged:
        erase_session(found.path)
    # Translators: {age} is "{n} days"
    done = ngettext(
        "Erased {n} session older than {age}.", "Erased {n} sessions older than {age}.", n
    )
    print(done.format(n=n, age=days_text(days)))
    return EXIT_OK


def ask_retention_once(settings: Settings) -> Settings:
    """The first time on a terminal: how long should sessions be kept here?"""
    from circle_tui.app.settings import record_retention, retention_is_set

    if retention_is_set() or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return settings
    print(_("Sessions, with your private notes, are kept on this machine."))
    # Translators: asked once; the answer is a number of days (0 = keep them)
    question = _("Offer to erase them after how many days? [{days}, 0 = never]: ")
    print(question.format(days=settings.retention_days), end="")
    answer = input().strip()
    days = int(answer) if answer.isdigit() and int(answer) <= 36500 else settings.retention_days
    path = record_retention(days)
    # Translators: retention_days is the name of the setting in settings.toml; keep it
    told = _("Kept in {path} (retention_days = {days}); asked only this once.")
    print(told.format(path=path, days=days))
    return settings.model_copy(update={"retention_days": days})


def remind_retention(root: Path, days: int) -> None:
    """After a session: say so when older sessions are due for erasure."""
    import time

    from circle_tui.app.sessions import sessions_older_than

    if days <= 0:
        return
    aged = sessions_older_than(root, days, time.time())
    if aged:
        print(
            # Translators: {age} is "{n} days"; keep the command
            ngettext(
                "{n} session is older than {age}: `circle-tui sessions purge` erases it.",
                "{n} sessions are older than {age}: `circle-tui sessions purge` erases them.",
                len(aged),
            ).format(n=len(aged), age=days_text(days))
        )
