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

from circle_tui import __version__
from circle_tui.app.errors import FileError, StoreError
from circle_tui.app.places import sessions_dir
from circle_tui.app.settings import configured_language
from circle_tui.cli.common import EXIT_BAD_INPUT, BadInput, load_settings
from circle_tui.cli.words import speak_argparse
from circle_tui.core.errors import bounded
from circle_tui.core.i18n import LANGUAGES, _
from circle_tui.languages import choose, set_language


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="circle-tui",
        description=_("Run reflection circles and peer guidance from the terminal."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"circle-tui {__version__}",
        help=_("show program's version number and exit"),  # argparse leaves its own English
    )
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
    resume.add_argument(
        "session", nargs="?", default="latest", help=_("session id, folder or `latest`")
    )
    resume.add_argument("--sessions-dir", help=_("where sessions are kept"))
    resume.add_argument("--projector", action="store_true", help=_("start with the notes hidden"))

    from circle_tui.cli.formats import add_parser as add_formats

    add_formats(sub)

    from circle_tui.cli.sessions import add_parser as add_sessions

    add_sessions(sub)

    display = sub.add_parser("display", help=_("the projector view that follows a live session"))
    display.add_argument(
        "session", nargs="?", default="latest", help=_("session id, folder or `latest`")
    )
    display.add_argument("--sessions-dir", help=_("where sessions are kept"))
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

    from circle_tui.cli.summary import add_parser

    add_parser(sub)

    from circle_tui.cli.groups import add_parser as add_groups

    add_groups(sub)

    from circle_tui.cli.report import add_parser as add_report

    add_report(sub)

    from circle_tui.cli.letter import add_parser as add_letter

    add_letter(sub)
    _lang_everywhere(parser)
    return parser


def _lang_everywhere(parser: argparse.ArgumentParser) -> None:
    """`--lang` before the subcommand and after any of them: the language the app speaks.

    `main` reads it before argparse runs (the help must be in it); here it is
    only accepted. `run --lang` is also the session's language (its own option).
    """
    taken = {option for action in parser._actions for option in action.option_strings}
    if "--lang" not in taken:
        parser.add_argument(
            "--lang",
            choices=LANGUAGES,
            dest="ui_lang",
            default=argparse.SUPPRESS,
            help=_("the language circle-tui speaks"),
        )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                _lang_everywhere(child)


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
            from circle_tui.cli.run import run

            return run(args)
        case "resume":
            from circle_tui.cli.run import resume_command

            return resume_command(args)
        case "formats":
            return _formats(args)
        case "sessions":
            return _sessions(args)
        case "summary":
            return _summary(args)
        case "groups":
            return _groups(args)
        case "letter":
            from circle_tui.cli.letter import letter

            return letter(args, sessions_dir(args.sessions_dir))
        case "report":
            from circle_tui.cli.report import report

            return report(args)
        case "display":
            from circle_tui.cli.display import display

            settings = load_settings()
            args.theme = args.theme or settings.wall_theme
            args.chime, args.flash = settings.chime, settings.flash
            return display(args, sessions_dir(args.sessions_dir))
    from circle_tui.cli.run import start_screen

    return start_screen()


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


def _formats(args: argparse.Namespace) -> int:
    from circle_tui.cli.formats import formats

    result = formats(args)
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _sessions(args: argparse.Namespace) -> int:
    from circle_tui.cli.sessions import sessions

    # Only purge needs the settings: a broken settings file never stops listing or erasing.
    days = load_settings().retention_days if args.sessions_command == "purge" else 0
    result = sessions(args, sessions_dir(args.sessions_dir), days)
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _summary(args: argparse.Namespace) -> int:
    from circle_tui.cli.summary import summary

    result = summary(args, sessions_dir(args.sessions_dir))
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _groups(args: argparse.Namespace) -> int:
    from circle_tui.cli.groups import groups

    result = groups(args, sessions_dir(args.sessions_dir))
    if isinstance(result, str):
        raise BadInput(result)
    return result
