"""The words the app shows, in the language of the room.

Every text a person reads goes through `_` (or `ngettext` when a number
decides the form). Texts defined at import time (tables, constants) are
marked with `N_` and translated where they are shown, because the language
is chosen later and may change in one process (the console takes the
session's language after the start screen; the display takes the language of
the session it shows; a summary is written in its session's language).

This module only looks words up. The catalogs (gettext `.mo` files compiled
by Babel from `circle_tui/locale/*/LC_MESSAGES/circle_tui.po`) are read by
`circle_tui.languages` and handed over with `use`, so `core` stays free of file
access.
"""

from __future__ import annotations

import gettext
from typing import Final, Protocol

LANGUAGES: Final = ("en", "da", "nb", "nl")
"""The languages the app speaks (ISO 639-1), English first as the fallback."""

LANGUAGE_NAMES: Final = {
    "en": "English",
    "da": "Dansk",
    "nb": "Norsk bokmål",
    "nl": "Nederlands",
}
"""Each language by its own name (as a speaker looks for it)."""


class Translator(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


_current: Translator = gettext.NullTranslations()
_language = "en"


def use(translator: Translator, language: str) -> None:
    """From now on, show texts through `translator` (in `language`)."""
    global _current, _language
    _current, _language = translator, language


def language() -> str:
    """The language texts are shown in now."""
    return _language


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language (`{n}` is left to `.format`)."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English word means
    different things (`pgettext("session status", "open")`)."""
    return _current.pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogs; it is translated later, where it is shown."""
    return message
