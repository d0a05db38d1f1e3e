"""`circle-tui run`, `circle-tui resume` and the start screen: the console on a session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from circle_tui.app.formats import find_format
from circle_tui.app.places import sessions_dir
from circle_tui.app.sessions import resolve_session
from circle_tui.cli import common
from circle_tui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL_ERROR,
    EXIT_OK,
    BadInput,
    load_settings,
    need_terminal,
)
from circle_tui.core.casting import cast, cast_personas
from circle_tui.core.errors import one_line
from circle_tui.core.i18n import _, ngettext
from circle_tui.core.plan import Participant, Persona, parse_participants
from circle_tui.core.timing import SystemClock
from circle_tui.languages import for_session, set_language

if TYPE_CHECKING:
    from circle_tui.app.live import LiveSession
    from circle_tui.core.settings import Settings


def _participants(text: str) -> tuple[Participant, ...]:
    try:
        return parse_participants(text)
    except ValueError as exc:
        raise BadInput(f"--participants: {exc}") from None


def run(args: argparse.Namespace) -> int:
    from circle_tui.app.live import asks_consent_first, start_session

    settings = load_settings()
    fmt = find_format(args.format)
    for flag in ("speed", "simulate"):
        if getattr(args, flag) is not None and not args.rehearse:
            problem = _("only for rehearsals (add --rehearse)")
            raise BadInput(f"--{flag}: {problem}")
    if args.participants is None and not args.rehearse:
        problem = _("who sits in the circle? (for example 'Ane,Bo,Cai')")
        raise BadInput(f"--participants: {problem}")
    if args.participants is None:
        people = cast(fmt, fmt.typical_people())
    else:
        people = _participants(args.participants)
    personas: dict[str, Persona] = {}
    if args.simulate:
        try:
            invented = args.participants is None
            people, personas = cast_personas(fmt, people, args.simulate, invented=invented)
        except ValueError as exc:
            raise BadInput(f"--simulate: {exc}") from None
    speed = args.speed if args.speed is not None else (10.0 if args.rehearse else 1.0)
    if not 0 < speed <= 1000:
        problem = _("give a number above 0 and at most 1000")
        raise BadInput(f"--speed: {problem}")
    passphrase = _new_passphrase(args.encrypt or settings.encrypt)
    if not args.rehearse:
        from circle_tui.cli.sessions import ask_retention_once

        settings = ask_retention_once(settings)
    root = sessions_dir(args.sessions_dir)
    made = _first_missing(root)  # taken back too if the session is (no terminal)
    try:
        live = start_session(
            root,
            fmt,
            people,
            SystemClock(speed=speed),
            group=args.group,
            language=for_session(
                args.lang or getattr(args, "ui_lang", None), settings.language, fmt.languages
            ),
            rehearsal=args.rehearse,
            speed=speed,
            simulated=args.simulate is not None,
            personas=personas,
            passphrase=passphrase,
            beating=True,  # a console runs it: the wall notices one that dies while starting
            begin=not asks_consent_first(fmt, rehearsal=args.rehearse),  # the console asks
        )
    except ValidationError as exc:  # the plan as a whole: duplicate names, unknown roles
        raise BadInput(f"--participants: {one_line(exc)}") from None
    return _open_console(live, projector=args.projector, settings=settings, new=True, made=made)


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist yet (None: it all exists)."""
    missing = None
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing = folder
    return missing


def _take_back_folders(inner: Path, made: Path) -> None:
    """Remove the empty folders from `inner` up to `made`, which this run created."""
    for folder in (inner, *inner.parents):
        try:
            folder.rmdir()  # only an empty one
        except OSError:
            return
        if folder == made:
            return


def resume_command(args: argparse.Namespace) -> int:
    settings = load_settings()
    folder = resolve_session(sessions_dir(args.sessions_dir), args.session)
    return _open_console(resume(folder), projector=args.projector, settings=settings)


def resume(folder: Path) -> LiveSession:
    """Open a session to go on with it, asking for its passphrase if its notes are locked."""
    from circle_tui.app.live import resume_session
    from circle_tui.app.reading import notes_encrypted
    from circle_tui.cli.passphrase import with_passphrase

    if notes_encrypted(folder):
        prompt = _("Passphrase for the notes of {session}: ").format(session=folder.name)
        return with_passphrase(prompt, lambda words: resume_session(folder, passphrase=words))
    return resume_session(folder)


def _new_passphrase(wanted: bool) -> str | None:
    """Ask for a new session's passphrase (twice) when its notes are to be encrypted."""
    if not wanted:
        return None
    from circle_tui.cli.passphrase import new_passphrase

    return new_passphrase()


def _open_console(
    live: LiveSession,
    *,
    projector: bool,
    settings: Settings,
    new: bool = False,
    made: Path | None = None,
) -> int:
    """Run the console on a session; without a terminal, refuse (a `new` one is taken back:
    every mistake in the command line is reported first, and none leaves a session)."""
    from circle_tui.ui.console import ConsoleApp

    if not common.has_terminal():
        live.close()
        if new:
            from circle_tui.app.sessions import erase_session

            erase_session(live.folder.path)
            if made is not None:  # and the sessions folder it made: nothing is left
                _take_back_folders(live.folder.path.parent, made)
        need_terminal("circle-tui resume" if not new else "circle-tui run")

    outside = live.plan.format.outside_range(len(live.plan.participants)) if new else None
    if outside:  # for the record, in the terminal after the circle; the console says it too
        print(f"circle-tui: {outside}", file=sys.stderr)
    set_language(live.plan.language)  # the console speaks the session's language
    app = ConsoleApp(live, projector=projector, settings=settings)
    try:
        app.run()
    finally:
        live.stop()  # the wall stops its clock and says so
        live.close()
    if live.unsaved is not None:
        # Translators: {reason} is a file error, {path} the session folder
        lost = ngettext(
            "NOT saved: {n} change was lost ({reason}); the rest is in {path}",
            "NOT saved: {n} changes were lost ({reason}); the rest is in {path}",
            live.unsaved.count,
        ).format(n=live.unsaved.count, reason=live.unsaved.reason, path=live.folder.path)
        print(f"circle-tui: {lost}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(_("Session saved in {path}").format(path=live.folder.path))
    from circle_tui.cli.sessions import remind_retention

    remind_retention(live.folder.path.parent, settings.retention_days)
    return EXIT_INTERNAL_ERROR if app.return_code else EXIT_OK  # Textual's 1 after an error


def start_screen() -> int:
    from circle_tui.app.live import asks_consent_first, start_session
    from circle_tui.ui.start import ResumeChoice, StartApp

    settings = load_settings()
    need_terminal("circle-tui")
    app = StartApp(sessions_dir(None), language_asked=settings.language)
    choice = app.run()
    if app.return_code:  # an internal error; it said so in one line
        return EXIT_INTERNAL_ERROR
    if choice is None:
        return EXIT_OK
    if isinstance(choice, ResumeChoice):
        return _open_console(resume(choice.path), projector=False, settings=settings)
    passphrase = _new_passphrase(settings.encrypt)
    from circle_tui.cli.sessions import ask_retention_once

    settings = ask_retention_once(settings)
    live = start_session(
        sessions_dir(None),
        choice.format,
        choice.participants,
        SystemClock(),
        group=choice.group,
        language=choice.language,
        passphrase=passphrase,
        beating=True,
        begin=not asks_consent_first(choice.format),  # the console asks, then begins
    )
    return _open_console(live, projector=False, settings=settings)
