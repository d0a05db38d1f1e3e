"""What the console tells the wall itself: a message for the room, and the blank.

Both are public events (`WallMessage`, `WallBlanked`), so the wall, another
process, sees them through its follower and a resumed session keeps them.
A message that names a time ("Break until 10:30", "Back in 10 min") gets a
countdown of its own on the wall: the console reads the time when the
message is sent (`named_until`) and the event keeps the moment it is up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from circle_tui.core.commands import BlankWall, Decision, Refusal, SayOnWall
from circle_tui.core.events import Event, WallBlanked, WallMessage
from circle_tui.core.i18n import _
from circle_tui.core.shown_text import refusal, unshowable

MESSAGE_LENGTH = 200
"""The longest message the wall shows (a line for the room, not a letter)."""

_CLOCK = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:.])")
"""A time of day, 10:30 or 10.30, in any of the app's languages."""
_MINUTES = re.compile(r"(?<![\d:.])(\d{1,3})\s*min", re.IGNORECASE)
"""A number of minutes: 10 min, 10 minutes, 10 minutter, 10 minuten."""
DAY = 24 * 3600


@dataclass(frozen=True)
class WallShown:
    """What the console has told the wall so far."""

    message: str = ""
    """The line for the room; empty: none."""
    until: float | None = None
    """When the time the message names is up."""
    blank: bool = False
    """Whether the wall is dark."""

    def after(self, event: Event) -> WallShown:
        """The wall as it is after `event` (itself for every other event)."""
        if isinstance(event, WallMessage):
            return WallShown(event.text, event.until, self.blank)
        if isinstance(event, WallBlanked):
            return WallShown(self.message, self.until, event.blank)
        return self


def named_until(text: str, now: float, utc_offset: float = 0.0) -> float | None:
    """When the time a message names is up: a time of day (the next one), or minutes from now.

    `utc_offset` is the room's offset from UTC in seconds at `now`, so that
    10:30 means 10:30 on the room's clock.
    """
    if (clock := _CLOCK.search(text)) is not None:
        hours, minutes = int(clock.group(1)), int(clock.group(2))
        local = now + utc_offset
        midnight = local - local % DAY
        at = midnight + hours * 3600 + minutes * 60
        if at <= local:
            at += DAY  # 09:00 said at 10:00 is tomorrow's
        return at - utc_offset
    if (counted := _MINUTES.search(text)) is not None and int(counted.group(1)) > 0:
        return now + int(counted.group(1)) * 60
    return None


def decide_wall(shown: WallShown, command: SayOnWall | BlankWall, now: float) -> Decision:
    """The event that tells the wall, or why not."""
    if isinstance(command, BlankWall):
        return [WallBlanked(at=now, blank=not shown.blank)]
    text = " ".join(command.text.split())
    if not text and not shown.message:
        return Refusal(_("There is no message on the wall to take down."))
    if len(text) > MESSAGE_LENGTH:
        # Translators: {n} is the most characters a message on the wall may have
        return Refusal(
            _("A message for the wall has at most {n} characters.").format(n=MESSAGE_LENGTH)
        )
    if (char := unshowable(text)) is not None:
        # Translators: {problem} says which character, e.g. "holds a control character (U+001B) …"
        return Refusal(_("The message {problem}.").format(problem=refusal(char)))
    until = command.until if text else None
    if until is not None and until <= now:
        until = None
    return [WallMessage(at=now, text=text, until=until)]
