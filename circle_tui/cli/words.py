"""argparse's own words (usage, options, its errors) in the app's language.

argparse looks its words up with gettext when it prints them; here they
are looked up in the app's catalogs instead, so `circle-tui run --help` and a
mistyped option read in the language of the rest of the app. The texts are
argparse's own msgids (Python 3.11 to 3.13); a text a later Python words
differently stays English.
"""

from __future__ import annotations

import argparse

from circle_tui.core import i18n
from circle_tui.core.i18n import N_

ARGPARSE_WORDS = (
    # Translators: argparse; the start of the usage line (keep the space)
    N_("usage: "),
    # Translators: argparse; heading of the help's list of arguments without dashes
    N_("positional arguments"),
    # Translators: argparse; heading of the help's list of --options
    N_("options"),
    # Translators: argparse; the help of -h/--help
    N_("show this help message and exit"),
    # Translators: argparse; %s lists what was not understood
    N_("unrecognized arguments: %s"),
    # Translators: argparse; %s lists the missing arguments
    N_("the following arguments are required: %s"),
    # Translators: argparse; an option was given without its value
    N_("expected one argument"),
    # Translators: argparse; an abbreviated option fits several
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: argparse; %(type)s is a type such as float
    N_("invalid %(type)s value: %(value)r"),
    # Translators: argparse; a value that is not among the allowed ones
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # Translators: argparse; which argument a problem is about
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse; a usage error (keep the newline at the end)
    N_("%(prog)s: error: %(message)s\n"),
)


def speak_argparse() -> None:
    """Let argparse say its words through the app's catalogs, in the current language."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
