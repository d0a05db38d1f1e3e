"""The `circle-tui` command line.

Exit codes: 0 success, 1 bad input (one line naming file, line and field),
2 usage error (argparse's own).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from circle_tui import __version__
from circle_tui.core.errors import one_line
from circle_tui.core.plan import Participant, parse_participants
from circle_tui.core.timing import SystemClock, format_seconds
from circle_tui.store.files import StoreError
from circle_tui.store.format_files import FormatError, find_format, list_formats, load_format_file
from circle_tui.store.locations import sessions_dir
from circle_tui.store.sessions import resolve_session
from circle_tui.store.toml_files import FileError

if TYPE_CHECKING:
    from circle_tui.core.settings import Settings
    from circle_tui.session import LiveSession

EXIT_OK, EXIT_BAD_INPUT = 0, 1  # usage errors exit 2 from argparse itself


class BadInput(Exception):
    """Input the user can fix; the message is shown as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="circle-tui",
        description="Run reflection circles and peer guidance from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"circle-tui {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="start a session")
    run.add_argument("--format", required=True, help="format id or path of a TOML file")
    run.add_argument("--participants", required=True, help='names in seating order: "Ane,Bo,Cai"')
    run.add_argument("--group", default="", help="the group's name (for follow-ups)")
    run.add_argument("--lang", choices=["en", "da", "nb", "nl"], help="language of the session")
    run.add_argument("--sessions-dir", help="where sessions are kept")
    run.add_argument("--rehearse", action="store_true", help="a rehearsal, not a real session")
    run.add_argument("--speed", type=float, default=None, help="rehearsal speed (e.g. 10)")
    run.add_argument("--projector", action="store_true", help="start with the notes hidden")
    run.add_argument(
        "--encrypt", action="store_true", help="encrypt the private notes (asks a passphrase)"
    )

    resume = sub.add_parser("resume", help="go on with a session after a crash or a quit")
    resume.add_argument("session", nargs="?", default="latest")
    resume.add_argument("--sessions-dir")
    resume.add_argument("--projector", action="store_true")

    formats = sub.add_parser("formats", help="list, show and check circle formats")
    fsub = formats.add_subparsers(dest="formats_command", required=True)
    fsub.add_parser("list", help="all known formats")
    show = fsub.add_parser("show", help="the plan of one format")
    show.add_argument("id")
    validate = fsub.add_parser("validate", help="check format files")
    validate.add_argument("paths", nargs="+")

    from circle_tui.cli_sessions import add_parser as add_sessions

    add_sessions(sub)

    display = sub.add_parser("display", help="the projector view that follows a live session")
    display.add_argument("session", nargs="?", default="latest")
    display.add_argument("--sessions-dir")
    display.add_argument("--serve", action="store_true", help="serve it to a browser instead")
    display.add_argument("--port", type=int, default=8000, help="port for --serve (8000)")
    display.add_argument("--host", default="127.0.0.1", help="address for --serve (127.0.0.1)")
    display.add_argument(
        "--allow-network",
        action="store_true",
        help="let --serve bind an address other machines can reach",
    )

    from circle_tui.cli_summary import add_parser

    add_parser(sub)
    return parser


def no_core_dumps() -> None:
    """A crash must not leave a core file with note text in it (RLIMIT_CORE 0)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # not on Windows

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    os.umask(0o077)  # whatever the app writes is the user's alone
    no_core_dumps()
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (BadInput, StoreError, FileError) as exc:  # FileError: formats and settings
        print(f"circle-tui: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT


def _dispatch(args: argparse.Namespace) -> int:
    match args.command:
        case "run":
            return _run(args)
        case "resume":
            return _resume(args)
        case "formats":
            return _formats(args)
        case "sessions":
            return _sessions(args)
        case "summary":
            return _summary(args)
        case "display":
            from circle_tui.cli_display import display

            return display(args, sessions_dir(args.sessions_dir))
    return _start_screen()


def _participants(text: str) -> tuple[Participant, ...]:
    try:
        return parse_participants(text)
    except ValueError as exc:
        raise BadInput(f"--participants: {exc}") from None


def _run(args: argparse.Namespace) -> int:
    from circle_tui.session import start_session

    settings = _load_settings()
    fmt = find_format(args.format)
    people = _participants(args.participants)
    if args.speed is not None and not args.rehearse:
        raise BadInput("--speed: only for rehearsals (add --rehearse)")
    speed = args.speed if args.speed is not None else (10.0 if args.rehearse else 1.0)
    if not 0 < speed <= 1000:
        raise BadInput("--speed: give a number above 0 and at most 1000")
    passphrase = _new_passphrase(args.encrypt or settings.encrypt)
    if not args.rehearse:
        settings = ask_retention_once(settings)
    try:
        live = start_session(
            sessions_dir(args.sessions_dir),
            fmt,
            people,
            SystemClock(speed=speed),
            group=args.group,
            language=args.lang,
            rehearsal=args.rehearse,
            speed=speed,
            passphrase=passphrase,
        )
    except ValidationError as exc:  # the plan as a whole: duplicate names, unknown roles
        raise BadInput(f"--participants: {one_line(exc)}") from None
    return _open_console(live, projector=args.projector, settings=settings)


def _resume(args: argparse.Namespace) -> int:
    settings = _load_settings()
    folder = resolve_session(sessions_dir(args.sessions_dir), args.session)
    return _open_console(resume(folder), projector=args.projector, settings=settings)


def resume(folder: Path) -> LiveSession:
    """Open a session to go on with it, asking for its passphrase if its notes are locked."""
    from circle_tui.passphrase import with_passphrase
    from circle_tui.session import notes_encrypted, resume_session

    if notes_encrypted(folder):
        return with_passphrase(
            f"the notes of {folder.name}", lambda words: resume_session(folder, passphrase=words)
        )
    return resume_session(folder)


def _new_passphrase(wanted: bool) -> str | None:
    """Ask for a new session's passphrase (twice) when its notes are to be encrypted."""
    if not wanted:
        return None
    from circle_tui.passphrase import new_passphrase

    return new_passphrase()


def _load_settings() -> Settings:
    """The user's settings, checked against the console's actions (before anything starts)."""
    from circle_tui.store.settings_file import load_settings
    from circle_tui.ui.actions import APP_ACTIONS, CONSOLE_ACTIONS, default_keys

    actions = CONSOLE_ACTIONS + APP_ACTIONS
    return load_settings(
        default_keys=default_keys(actions),
        while_typing=[a.id for a in actions if a.priority],
    )


def ask_retention_once(settings: Settings) -> Settings:
    """The first time on a terminal: how long should sessions be kept here?"""
    from circle_tui.store.settings_file import record_retention, retention_is_set

    if retention_is_set() or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return settings
    print(
        "Sessions, with your private notes, are kept on this machine.\n"
        f"Offer to erase them after how many days? [{settings.retention_days}, 0 = never]: ",
        end="",
    )
    answer = input().strip()
    days = int(answer) if answer.isdigit() and int(answer) <= 36500 else settings.retention_days
    path = record_retention(days)
    print(f"Kept in {path} (retention_days = {days}); asked only this once.")
    return settings.model_copy(update={"retention_days": days})


def _remind_retention(root: Path, days: int) -> None:
    """After a session: say so when older sessions are due for erasure."""
    import time

    from circle_tui.store.purge import sessions_older_than

    if days <= 0:
        return
    aged = sessions_older_than(root, days, time.time())
    if aged:
        print(
            f"{len(aged)} session(s) are older than {days} days: "
            "`circle-tui sessions purge` erases them."
        )


def _open_console(live: LiveSession, *, projector: bool, settings: Settings) -> int:
    from circle_tui.ui.console import ConsoleApp

    try:
        ConsoleApp(live, projector=projector, settings=settings).run()
    finally:
        live.close()
    if live.unsaved is not None:
        print(
            f"circle-tui: NOT saved: {live.unsaved.count} change(s) were lost "
            f"({live.unsaved.reason}); the rest is in {live.folder.path}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    print(f"Session saved in {live.folder.path}")
    _remind_retention(live.folder.path.parent, settings.retention_days)
    return EXIT_OK


def _start_screen() -> int:
    from circle_tui.session import start_session
    from circle_tui.ui.start import ResumeChoice, StartApp

    settings = _load_settings()
    choice = StartApp(sessions_dir(None)).run()
    if choice is None:
        return EXIT_OK
    if isinstance(choice, ResumeChoice):
        return _open_console(resume(choice.path), projector=False, settings=settings)
    passphrase = _new_passphrase(settings.encrypt)
    settings = ask_retention_once(settings)
    live = start_session(
        sessions_dir(None),
        choice.format,
        choice.participants,
        SystemClock(),
        group=choice.group,
        language=choice.language,
        passphrase=passphrase,
    )
    return _open_console(live, projector=False, settings=settings)


def _formats(args: argparse.Namespace) -> int:
    if args.formats_command == "list":
        loaded, broken = list_formats()
        for _path, fmt in loaded:
            total = sum(p.planned_seconds(8) for p in fmt.phases)
            print(f"{fmt.id:<24} {fmt.name:<32} {len(fmt.phases)} phases, ~{total // 60} min for 8")
        for error in broken:
            print(f"circle-tui: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT if broken else EXIT_OK
    if args.formats_command == "show":
        fmt = find_format(args.id)
        print(f"{fmt.name} ({fmt.id}, {fmt.language})")
        if fmt.description:
            print(fmt.description)
        print()
        for index, phase in enumerate(fmt.phases, start=1):
            box = (
                f"{format_seconds(phase.turn_seconds)} per speaker"
                if phase.turn_seconds
                else f"{format_seconds(phase.phase_seconds or 0)} in all"
            )
            print(f"{index}. {phase.title:<24} {phase.kind.value:<13} {box}")
            if phase.prompt:
                print(f"   {phase.prompt}")
        return EXIT_OK
    failed = 0
    for raw in args.paths:
        try:
            fmt = load_format_file(Path(raw))
            print(f"{raw}: ok ({fmt.id}, {len(fmt.phases)} phases)")
        except FormatError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _sessions(args: argparse.Namespace) -> int:
    from circle_tui.cli_sessions import sessions

    days = _load_settings().retention_days
    result = sessions(args, sessions_dir(args.sessions_dir), days)
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _summary(args: argparse.Namespace) -> int:
    from circle_tui.cli_summary import summary

    result = summary(args, sessions_dir(args.sessions_dir))
    if isinstance(result, str):
        raise BadInput(result)
    return result
