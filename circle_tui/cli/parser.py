"""The `circle-tui` command line's arguments, in its own words.

Only argparse and the catalogs: `--help` and `--version` are answered from
here, before any model, store or screen is imported.
"""

from __future__ import annotations

import argparse

from circle_tui import __version__
from circle_tui.core.i18n import LANGUAGES, _


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
        nargs="?",
        const="",
        default=None,
        metavar="PERSONAS",
        help=_(
            "rehearsal: the people speak, pass and move on by themselves; with personas "
            '("Ane=dominant,Bo=silent" or "dominant=1,latecomer=1") they make moments to handle'
        ),
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

    _add_formats(sub)

    _add_sessions(sub)

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

    _add_summary(sub)

    _add_groups(sub)

    _add_report(sub)

    _add_letter(sub)
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


def _add_formats(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = sub.add_parser("formats", help=_("list, show, check and start circle formats"))
    fsub = formats.add_subparsers(dest="formats_command", required=True)
    fsub.add_parser("list", help=_("all known formats"))
    show = fsub.add_parser("show", help=_("a format's plan as a timeline"))
    show.add_argument("id", help=_("format id or path of a TOML file"))
    show.add_argument("--people", type=int, help=_("how many people sit in the circle"))
    validate = fsub.add_parser(
        "validate", help=_("check format files: every problem, with its line")
    )
    validate.add_argument("paths", nargs="*", help=_("files or ids (default: every known format)"))
    validate.add_argument("--strict", action="store_true", help=_("warnings count as errors"))
    simulate = fsub.add_parser(
        "simulate", help=_("run a format many times with simulated people: how it really runs")
    )
    simulate.add_argument("id", help=_("format id or path of a TOML file"))
    simulate.add_argument("--people", type=int, help=_("how many people sit in the circle"))
    simulate.add_argument("--runs", type=int, default=1000, help=_("how many runs (1000)"))
    simulate.add_argument("--seed", type=int, default=0, help=_("the same seed, the same figures"))
    simulate.add_argument("--compare", metavar="OTHER", help=_("another format, side by side"))
    simulate.add_argument(
        "--personas",
        metavar="MIX",
        default="",
        help=_('cast personas by count, as a rehearsal would ("dominant=1,silent=1")'),
    )
    simulate.add_argument(
        "--to", choices=("text", "html"), default="text", help=_("text, or html with charts")
    )
    simulate.add_argument("-o", "--output", help=_("write to FILE instead of the terminal"))
    new = fsub.add_parser("new", help=_("start your own format from a built-in one"))
    # Translators: help of `formats new NAME`; keep the example id
    new.add_argument("name", help=_("the new format's id, e.g. team-nord-circle"))
    new.add_argument("--from", dest="source", default="reflection-circle", help=_("format to copy"))


def _add_sessions(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sessions = sub.add_parser("sessions", help=_("list and erase sessions"))
    ssub = sessions.add_subparsers(dest="sessions_command", required=True)
    slist = ssub.add_parser("list", help=_("all sessions in the sessions dir"))
    slist.add_argument("--sessions-dir", help=_("where sessions are kept"))
    erase = ssub.add_parser("erase", help=_("erase one session, or only its private notes"))
    # Translators: help of the session argument; keep `latest` (typed as it is)
    erase.add_argument("session", help=_("session id, folder or `latest`"))
    erase.add_argument("--notes-only", action="store_true", help=_("keep the public record"))
    erase.add_argument("--yes", action="store_true", help=_("do not ask"))
    erase.add_argument("--sessions-dir", help=_("where sessions are kept"))
    purge = ssub.add_parser("purge", help=_("erase sessions older than the retention period"))
    # Translators: help of --older-than; 90d and 12w are typed as they are (days, weeks)
    purge.add_argument("--older-than", help=_("e.g. 90d or 12w (default: the retention setting)"))
    purge.add_argument("--yes", action="store_true", help=_("do not ask"))
    purge.add_argument("--sessions-dir", help=_("where sessions are kept"))


def _add_summary(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = sub.add_parser("summary", help=_("print or write a session's summary"))
    # Translators: help of the session argument; keep "latest" (typed as it is)
    summary.add_argument("session", help=_("session id, folder, or latest"))
    summary.add_argument(
        "--to",
        choices=["md", "json", "html"],
        default="md",
        help=_("Markdown (the default), JSON or HTML"),
    )
    summary.add_argument(
        # Translators: help of --pseudonymize; P1..Pn are the pseudonyms shown instead of names
        "--pseudonymize",
        action="store_true",
        help=_("P1..Pn instead of the participants' names"),
    )
    summary.add_argument(
        "--include-private",
        action="store_true",
        help=_("add the facilitator's private notes (a private report, mode 0600)"),
    )
    summary.add_argument("-o", "--output", help=_("write to this file instead of printing"))
    summary.add_argument("--sessions-dir", help=_("where sessions are kept"))


def _add_groups(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    groups = sub.add_parser("groups", help=_("groups that meet again, and each group's page"))
    gsub = groups.add_subparsers(dest="groups_command", required=True)
    glist = gsub.add_parser("list", help=_("every group that met, with its sessions"))
    glist.add_argument("--sessions-dir", help=_("where sessions are kept"))
    show = gsub.add_parser("show", help=_("a group's sessions, agreements and take-aways"))
    show.add_argument("name", help=_("the group's name (as given with --group)"))
    show.add_argument(
        "--to",
        choices=["text", "md", "html"],
        default="text",
        # Translators: help of --to; text, md and html are typed as they are
        help=_("text for the terminal (the default), md or html for a file"),
    )
    show.add_argument("-o", "--output", help=_("write to this file instead of printing"))
    show.add_argument(
        "--names",
        action="store_true",
        # Translators: help of --names; P1..Pn are the pseudonyms used instead of names
        help=_("keep the names in a page that leaves the screen (default: P1..Pn)"),
    )
    show.add_argument("--sessions-dir", help=_("where sessions are kept"))


def _add_report(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser(
        "report",
        help=_("one report over pseudonymized JSON summaries, for whoever looks after learning"),
    )
    report.add_argument(
        "files",
        nargs="+",
        # Translators: help of the files argument; keep --pseudonymize and --to json as they are
        help=_("summaries written with --pseudonymize --to json, or folders of them"),
    )
    report.add_argument(
        "--to", choices=["md", "html"], default="md", help=_("Markdown (the default) or HTML")
    )
    report.add_argument("-o", "--output", help=_("write to this file instead of printing"))


def _add_letter(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
