"""The `circle-tui` command line.

Exit codes: 0 success, 1 bad input (one line naming file, line and field) or
an internal error (one line, the session saved), 2 usage error (argparse's own).
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
from circle_tui.cli_words import speak_argparse
from circle_tui.core.errors import bounded, one_line
from circle_tui.core.i18n import LANGUAGES, _, ngettext
from circle_tui.core.plan import Participant, parse_participants
from circle_tui.core.rehearsal import cast
from circle_tui.core.timing import SystemClock
from circle_tui.languages import choose, for_session, set_language
from circle_tui.store.files import StoreError
from circle_tui.store.format_files import find_format
from circle_tui.store.locations import sessions_dir
from circle_tui.store.sessions import resolve_session
from circle_tui.store.settings_file import configured_language
from circle_tui.store.toml_files import FileError

if TYPE_CHECKING:
    from circle_tui.core.settings import Settings
    from circle_tui.session import LiveSession

EXIT_OK, EXIT_BAD_INPUT = 0, 1  # usage errors exit 2 from argparse itself
EXIT_INTERNAL_ERROR = 1
"""An app stopped on an internal error: it said so in one line (ui/crash.py)."""


class BadInput(Exception):
    """Input the user can fix; the message is shown as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="circle-tui",
        description=_("Run reflection circles and peer guidance from the terminal."),
    )
    parser.add_argument("--version", action="version", version=f"circle-tui {__version__}")
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help=_("start a session"))
    run.add_argument("--format", required=True, help=_("format id or path of a TOML file"))
    run.add_argument(
        "--participants",
        # Translators: help of --participants; keep the example and "case-giver" (a role id)
        help=_('names in seating order: "Ane,Bo=case-giver,Cai" (a rehearsal invents them)'),
    )
    run.add_argument("--group", default="", help=_("the group's name (for follow-ups)"))
    run.add_argument("--lang", choices=LANGUAGES, help=_("language of the session"))
    run.add_argument("--sessions-dir", help=_("where sessions are kept"))
    run.add_argument("--rehearse", action="store_true", help=_("a rehearsal, not a real session"))
    run.add_argument("--speed", type=float, default=None, help=_("rehearsal speed (e.g. 10)"))
    run.add_argument(
        "--simulate",
        action="store_true",
        help=_("rehearsal: the people speak, pass and move on by themselves"),
    )
    run.add_argument("--projector", action="store_true", help=_("start with the notes hidden"))
    run.add_argument(
        "--encrypt", action="store_true", help=_("encrypt the private notes (asks a passphrase)")
    )

    resume = sub.add_parser("resume", help=_("go on with a session after a crash or a quit"))
    resume.add_argument("session", nargs="?", default="latest")
    resume.add_argument("--sessions-dir")
    resume.add_argument("--projector", action="store_true")

    from circle_tui.cli_formats import add_parser as add_formats

    add_formats(sub)

    from circle_tui.cli_sessions import add_parser as add_sessions

    add_sessions(sub)

    display = sub.add_parser("display", help=_("the projector view that follows a live session"))
    display.add_argument("session", nargs="?", default="latest")
    display.add_argument("--sessions-dir")
    display.add_argument("--serve", action="store_true", help=_("serve it to a browser instead"))
    display.add_argument("--port", type=int, default=8000, help=_("port for --serve (8000)"))
    display.add_argument("--host", default="127.0.0.1", help=_("address for --serve (127.0.0.1)"))
    display.add_argument(
        "--theme",
        choices=["dark", "light"],
        help=_("dark for a projector (the default), light for a bright room"),
    )
    display.add_argument(
        "--allow-network",
        action="store_true",
        help=_("let --serve bind an address other machines can reach"),
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
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(choose(_flag(argv, "--lang"), configured_language(), None))
    speak_argparse()
    args = build_parser().parse_args(argv)
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except (BadInput, StoreError, FileError) as exc:  # FileError: formats and settings
        print(f"circle-tui: {bounded(str(exc))}", file=sys.stderr)  # one line, however damaged
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `formats show ID | head`: the reader left; say nothing more, and keep
        # Python from complaining when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


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

            args.theme = args.theme or _load_settings().wall_theme
            return display(args, sessions_dir(args.sessions_dir))
    return _start_screen()


SERVED_BY = "CIRCLE_TUI_SERVED_BY"
"""Set for a display process the served wall starts (ui/served.py): it draws to a browser."""


def has_terminal() -> bool:
    """Whether the full-screen app has a terminal (or the served wall's browser) to draw on."""
    if os.environ.get(SERVED_BY):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def need_terminal(command: str) -> None:
    """Refuse, in one line, to start the full-screen app on a pipe or at an input's end."""
    if not has_terminal():
        # Translators: {command} is a command such as "circle-tui run" (kept as it is)
        problem = _("{command} needs a terminal: its input or output is a pipe or a file")
        raise BadInput(problem.format(command=command))


def _flag(argv: Sequence[str], name: str) -> str | None:
    """A flag's value before argparse has run (the help must be in the right language)."""
    for index, item in enumerate(argv):
        if item == name and index + 1 < len(argv):
            value = argv[index + 1]
        elif item.startswith(name + "="):
            value = item.split("=", 1)[1]
        else:
            continue
        return value if value in LANGUAGES else None
    return None


def _participants(text: str) -> tuple[Participant, ...]:
    try:
        return parse_participants(text)
    except ValueError as exc:
        raise BadInput(f"--participants: {exc}") from None


def _run(args: argparse.Namespace) -> int:
    from circle_tui.session import start_session

    settings = _load_settings()
    fmt = find_format(args.format)
    for flag in ("speed", "simulate"):
        if getattr(args, flag) not in (None, False) and not args.rehearse:
            problem = _("only for rehearsals (add --rehearse)")
            raise BadInput(f"--{flag}: {problem}")
    if args.participants is None and not args.rehearse:
        problem = _("who sits in the circle? (for example 'Ane,Bo,Cai')")
        raise BadInput(f"--participants: {problem}")
    if args.participants is None:
        people = cast(fmt, fmt.typical_people())
    else:
        people = _participants(args.participants)
    speed = args.speed if args.speed is not None else (10.0 if args.rehearse else 1.0)
    if not 0 < speed <= 1000:
        problem = _("give a number above 0 and at most 1000")
        raise BadInput(f"--speed: {problem}")
    passphrase = _new_passphrase(args.encrypt or settings.encrypt)
    if not args.rehearse:
        from circle_tui.cli_sessions import ask_retention_once

        settings = ask_retention_once(settings)
    try:
        live = start_session(
            sessions_dir(args.sessions_dir),
            fmt,
            people,
            SystemClock(speed=speed),
            group=args.group,
            language=for_session(args.lang, settings.language, fmt.languages),
            rehearsal=args.rehearse,
            speed=speed,
            simulated=args.simulate,
            passphrase=passphrase,
            beating=True,  # a console runs it: the wall notices one that dies while starting
        )
    except ValidationError as exc:  # the plan as a whole: duplicate names, unknown roles
        raise BadInput(f"--participants: {one_line(exc)}") from None
    return _open_console(live, projector=args.projector, settings=settings, new=True)


def _resume(args: argparse.Namespace) -> int:
    settings = _load_settings()
    folder = resolve_session(sessions_dir(args.sessions_dir), args.session)
    return _open_console(resume(folder), projector=args.projector, settings=settings)


def resume(folder: Path) -> LiveSession:
    """Open a session to go on with it, asking for its passphrase if its notes are locked."""
    from circle_tui.passphrase import with_passphrase
    from circle_tui.session import resume_session
    from circle_tui.store.reading import notes_encrypted

    if notes_encrypted(folder):
        prompt = _("Passphrase for the notes of {session}: ").format(session=folder.name)
        return with_passphrase(prompt, lambda words: resume_session(folder, passphrase=words))
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


def _open_console(
    live: LiveSession, *, projector: bool, settings: Settings, new: bool = False
) -> int:
    """Run the console on a session; without a terminal, refuse (a `new` one is taken back:
    every mistake in the command line is reported first, and none leaves a session)."""
    from circle_tui.ui.console import ConsoleApp

    if not has_terminal():
        live.close()
        if new:
            from circle_tui.store.purge import erase_session

            erase_session(live.folder.path)
        need_terminal("circle-tui resume" if not new else "circle-tui run")

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
    from circle_tui.cli_sessions import remind_retention

    remind_retention(live.folder.path.parent, settings.retention_days)
    return EXIT_INTERNAL_ERROR if app.return_code else EXIT_OK  # Textual's 1 after an error


def _start_screen() -> int:
    from circle_tui.session import start_session
    from circle_tui.ui.start import ResumeChoice, StartApp

    settings = _load_settings()
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
    from circle_tui.cli_sessions import ask_retention_once

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
    )
    return _open_console(live, projector=False, settings=settings)


def _formats(args: argparse.Namespace) -> int:
    from circle_tui.cli_formats import formats

    result = formats(args)
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _sessions(args: argparse.Namespace) -> int:
    from circle_tui.cli_sessions import sessions

    # Only purge needs the settings: a broken settings file never stops listing or erasing.
    days = _load_settings().retention_days if args.sessions_command == "purge" else 0
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
