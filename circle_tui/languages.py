"""Which language the app speaks, and its catalogs, dates and times.

The language comes from `--lang`, else `language` in `settings.toml`, else
the environment (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext
reads them), else English. A live session speaks its own language (the one
it was started in), and its summary is written in it.

Messages: gettext catalogs in `circle_tui/locale/<lang>/LC_MESSAGES/`,
edited as `.po` and compiled to `.mo` with Babel (`scripts/i18n`). Dates and
times: Babel's CLDR patterns, so a Dane reads "30. nov. 2026" and a Dutch
reader "30 nov 2026". English uses the British patterns (24-hour clock, day
before month), as in the rooms this tool is made for.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path
from typing import Literal

from circle_tui.core import i18n
from circle_tui.core.i18n import LANGUAGES

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "circle_tui"
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where gettext looks for the user's language, in its order."""
_ALIASES = {"no": "nb", "nn": "nb"}
"""Norwegian without a written standard, and nynorsk: bokmål is the nearest we have."""
_CLDR = {"en": "en_GB", "da": "da_DK", "nb": "nb_NO", "nl": "nl_NL"}
# The CLDR patterns the live console and the closing summary need, copied so
# that they do not load Babel's locale data (5 MB of memory) for them; a test
# holds them to Babel for every language.
CLOCK_SEPARATOR = {"en": ":", "da": ".", "nb": ":", "nl": ":"}
PERCENT = {"en": "{}%", "da": "{}\u00a0%", "nb": "{}\u00a0%", "nl": "{}%"}
DECIMAL_SEPARATOR = {"en": ".", "da": ",", "nb": ",", "nl": ","}


@cache
def translator(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English, the source, for any other."""
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except FileNotFoundError:  # a session in a language we do not speak (yet)
        return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Show every text in `language` from now on."""
    i18n.use(translator(language), language)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Texts in `language` inside the block (a summary in its session's language)."""
    before = i18n.language()
    set_language(language)
    try:
        yield
    finally:
        set_language(before)


def from_environment(env: Mapping[str, str] | None = None) -> str | None:
    """The first language we speak among the environment's (`da_DK.UTF-8` -> `da`)."""
    env = os.environ if env is None else env
    for name in ENVIRONMENT:
        for value in env.get(name, "").split(":"):  # LANGUAGE may list several
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            code = _ALIASES.get(code, code)
            if code in LANGUAGES:
                return code
        if env.get(name):
            return None  # set, but to C, POSIX or a language we do not speak
    return None


def choose(flag: str | None, settings: str | None, env: Mapping[str, str] | None = None) -> str:
    """`--lang`, else the settings file, else the environment, else English."""
    return flag or settings or from_environment(env) or "en"


def for_session(
    flag: str | None,
    settings: str | None,
    offered: tuple[str, ...],
    env: Mapping[str, str] | None = None,
) -> str:
    """The language of a new session.

    Asked for (`--lang`, the settings file): that one. Otherwise the
    environment's, if the format has its texts in it, else the format's own
    language, so the question on the wall and the words around it agree.
    """
    if flag or settings:
        return flag or settings or "en"
    wanted = from_environment(env) or "en"
    return wanted if wanted in offered else offered[0]


DateStyle = Literal["short", "medium", "long"]


def _cldr(language: str | None) -> str:
    return _CLDR.get(language or i18n.language(), "en_GB")


def format_date(day: date, style: DateStyle = "long", language: str | None = None) -> str:
    """A date as people of `language` (default: the current one) write it."""
    from babel.dates import format_date as babel_date

    return str(babel_date(day, style, locale=_cldr(language)))


def format_time(moment: time | datetime, seconds: bool = False, language: str | None = None) -> str:
    """A clock time: `14:05` (`14.05` in Danish), with seconds if asked."""
    language = language or i18n.language()
    if language in CLOCK_SEPARATOR:  # the console shows clock times; CLDR costs 5 MB
        sep = CLOCK_SEPARATOR[language]
        return moment.strftime(f"%H{sep}%M{sep}%S" if seconds else f"%H{sep}%M")
    from babel.dates import format_time as babel_time

    style = "medium" if seconds else "short"
    return str(babel_time(moment, style, locale=_cldr(language)))


def percent(share: float, language: str | None = None) -> str:
    """A share as people of `language` write it: `51%`, `51 %` in Danish and Norwegian."""
    language = language or i18n.language()
    if language in PERCENT:  # the console repaints shares every second; CLDR costs 5 MB
        return PERCENT[language].format(round(share * 100))
    from babel.numbers import format_percent

    return str(format_percent(share, locale=_cldr(language)))


def decimal(number: float, places: int = 2, language: str | None = None) -> str:
    """A figure with `places` decimals: `0.04`, `0,04` in Danish, Norwegian and Dutch."""
    language = language or i18n.language()
    if language in DECIMAL_SEPARATOR:  # the closing summary, without loading CLDR
        exact = Decimal(str(number)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_EVEN)
        return f"{exact:f}".replace(".", DECIMAL_SEPARATOR[language])  # rounded as Babel does
    from babel.numbers import format_decimal

    return str(format_decimal(number, format="0." + "0" * places, locale=_cldr(language)))


def at(epoch: float | None, style: Literal["date", "time", "seconds"]) -> str:
    """A moment given in seconds since the epoch, in the local zone; `—` for none."""
    if epoch is None:
        return "—"
    moment = datetime.fromtimestamp(epoch)
    match style:
        case "date":
            return format_date(moment.date(), "medium")
        case "time":
            return format_time(moment)
    return format_time(moment, seconds=True)
