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

from circle_tui.cli.common import EXIT_BAD_INPUT, BadInput
from circle_tui.cli.parser import build_parser
from circle_tui.cli.words import speak_argparse
from circle_tui.core.i18n import LANGUAGES
from circle_tui.languages import choose, set_language

# What `--help` and `--version` need is imported above and nothing more: the
# models, the store and the screens load once argparse has let a command through.


def no_core_dumps() -> None:
    """A crash must not leave a core file with note text in it (RLIMIT_CORE 0)."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource  # not on Windows

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    from circle_tui.app import startup

    startup.hold()  # until the first frame, or the end of the command (app/startup.py)
    try:
        return _main(argv)
    finally:
        startup.release()


def _main(argv: Sequence[str] | None) -> int:
    os.umask(0o077)  # whatever the app writes is the user's alone
    no_core_dumps()
    argv = sys.argv[1:] if argv is None else list(argv)
    from circle_tui.app.settings import configured_language

    set_language(choose(_flag(argv, "--lang"), configured_language(), None))
    speak_argparse()
    args = build_parser().parse_args(argv)
    if not _opens_an_app(args):  # the app lets collection go at its first frame; else now
        from circle_tui.app import startup

        startup.release()
    from circle_tui.app.errors import FileError, StoreError
    from circle_tui.core.errors import bounded

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


def _opens_an_app(args: argparse.Namespace) -> bool:
    """Whether the command shows a screen in this process (its first frame lets the held
    garbage collection go; `formats simulate`, a report or the served wall must not run
    without it)."""
    if args.command == "display":
        return not args.serve
    return args.command in (None, "run", "resume")


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
            from circle_tui.app.places import sessions_dir
            from circle_tui.cli.letter import letter

            return letter(args, sessions_dir(args.sessions_dir))
        case "report":
            from circle_tui.cli.report import report

            return report(args)
        case "display":
            from circle_tui.app.places import sessions_dir
            from circle_tui.cli.common import load_settings
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
    from circle_tui.app.places import sessions_dir
    from circle_tui.cli.common import load_settings
    from circle_tui.cli.sessions import sessions

    # Only purge needs the settings: a broken settings file never stops listing or erasing.
    days = load_settings().retention_days if args.sessions_command == "purge" else 0
    result = sessions(args, sessions_dir(args.sessions_dir), days)
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _summary(args: argparse.Namespace) -> int:
    from circle_tui.app.places import sessions_dir
    from circle_tui.cli.summary import summary

    result = summary(args, sessions_dir(args.sessions_dir))
    if isinstance(result, str):
        raise BadInput(result)
    return result


def _groups(args: argparse.Namespace) -> int:
    from circle_tui.app.places import sessions_dir
    from circle_tui.cli.groups import groups

    result = groups(args, sessions_dir(args.sessions_dir))
    if isinstance(result, str):
        raise BadInput(result)
    return result
