"""Live speaking time: who has spoken how long so far, and the balance in words.

With many people the facilitator sees the voices that took the most time and
the quietest ones, which is what a facilitator acts on.
"""

from __future__ import annotations

from rich.text import Text

from circle_tui.core.airtime import Airtime, Reading, airtime, balance
from circle_tui.core.state import SessionState
from circle_tui.core.timing import format_seconds

SHOWN = 6
"""At most this many people: the three who spoke most and the three who spoke least."""
BAR = 10
READING_WORDS = {
    Reading.SILENT: "nobody has spoken yet",
    Reading.BALANCED: "balanced",
    Reading.SOMEWHAT_UNEVEN: "somewhat uneven",
    Reading.UNEVEN: "uneven",
}


def _row(text: Text, person: Airtime, top: float, width: int, dim: str) -> None:
    filled = round(person.seconds / top * BAR) if top else 0
    name = person.name if len(person.name) <= width else person.name[: width - 1] + "…"
    text.append(f" {name:<{width}} ")
    text.append("█" * filled, style="bold")
    text.append("░" * (BAR - filled), style=dim)
    text.append(f" {format_seconds(person.seconds, round_up=False):>5} {person.share:>4.0%}\n")


def airtime_text(state: SessionState, now: float, *, dim: str = "dim") -> Text:
    """The speaking time panel, as of `now`; `dim=""` for the projector (no dim text)."""
    people = airtime(state, now)
    shares = balance(people)
    text = Text()
    text.append("Speaking time", style="bold underline")
    text.append(f" · {READING_WORDS[shares.reading]}\n", style="bold")
    ordered = sorted(people, key=lambda p: p.seconds, reverse=True)
    top = ordered[0].seconds if ordered else 0.0
    width = min(12, max((len(p.name) for p in people), default=4))
    if len(ordered) <= SHOWN:
        for person in ordered:
            _row(text, person, top, width, dim)
        return text
    half = SHOWN // 2
    for person in ordered[:half]:
        _row(text, person, top, width, dim)
    text.append(f" … {len(ordered) - SHOWN} more\n", style=dim)
    for person in ordered[-half:]:
        _row(text, person, top, width, dim)
    return text
