"""Can a text be shown? Every text of a format reaches the console and the wall.

Texts are always shown as text, never read as markup (`[/]` is two
brackets and a slash). What no screen can show faithfully is a control
character: an escape sequence moves the terminal's cursor or repaints it, a
bidirectional override reorders the words the room reads. A format that
holds one is refused by `formats validate`, naming the field, and by the models
themselves wherever a format is read (a stored session's plan too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from circle_tui.core.errors import Location
from circle_tui.core.i18n import _

ALLOWED = frozenset("\n\t")
"""Line breaks and tabs are laid out; every other control character is refused."""
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # control characters (Cc) but a line break and a tab
    "\ud800-\udfff"  # lone surrogates (Cs)
    "\u202a-\u202e\u2066-\u2069]"  # bidirectional overrides and isolates
)
"""What no screen shows as written (one search, not a loop over characters: a stored
session's plan is checked each time it is read)."""


JOINERS = frozenset("\u200c\u200d")
"""Invisible characters a text needs (an emoji family, a Persian word): kept by `visible`."""


def visible(text: str) -> str:
    """`text` without the invisible format characters a terminal cannot show.

    A format file keeps what its author pasted: a byte-order mark or a
    zero-width space reaches a terminal as nothing or as a garbage cell.
    Joiners stay; control characters never get this far (`unshowable`).
    """
    return "".join(ch for ch in text if ch in JOINERS or unicodedata.category(ch) != "Cf")


def unshowable(text: str) -> str | None:
    """The first character of `text` that cannot be shown as it is, if any."""
    found = _UNSHOWABLE.search(text)
    return None if found is None else found.group()


def showable(text: str) -> str:
    """`text` as it is; ValueError naming the character no screen can show."""
    char = unshowable(text)
    if char is not None:
        raise ValueError(refusal(char))
    return text


def refusal(char: str) -> str:
    # Translators: {char} is a character's code such as U+001B
    problem = _("holds a control character ({char}) that cannot be shown")
    return problem.format(char=f"U+{ord(char):04X}")


def texts(data: object, at: Location = ()) -> Iterator[tuple[Location, str]]:
    """Every string in a model's dump, with where it is (iteratively: dumps are shallow)."""
    stack: list[tuple[Location, object]] = [(at, data)]
    while stack:
        loc, item = stack.pop()
        if isinstance(item, str):
            yield loc, item
        elif isinstance(item, dict):
            stack.extend(((*loc, str(key)), value) for key, value in item.items())
        elif isinstance(item, list | tuple):
            stack.extend(((*loc, index), value) for index, value in enumerate(item))
