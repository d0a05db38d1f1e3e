"""Live speaking time: who has spoken how long so far, and the balance in words.

With many people the facilitator sees the voices that took the most time and
the quietest ones, which is what a facilitator acts on.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from circle_tui.core.airtime import Airtime, Reading, airtime, balance, counted
from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.core.state import SessionState
from circle_tui.core.timing import format_seconds
from circle_tui.languages import percent
from circle_tui.ui.widgets.steady import Steady

SHOWN = 6
"""At most this many people: the three who spoke most and the three who spoke least."""
BAR = 10
READING_WORDS = {
    Reading.SILENT: N_("nobody has spoken yet"),
    # Translators: how evenly the speaking time is shared
    Reading.BALANCED: N_("balanced"),
    # Translators: how evenly the speaking time is shared
    Reading.SOMEWHAT_UNEVEN: N_("somewhat uneven"),
    # Translators: how evenly the speaking time is shared
    Reading.UNEVEN: N_("uneven"),
}
"""The balance of speaking time in a word or two (translated where shown)."""


def _row(text: Text, person: Airtime, top: float, width: int, dim: str) -> None:
    filled = round(person.seconds / top * BAR) if top else 0
    name = person.name if len(person.name) <= width else person.name[: width - 1] + "…"
    text.append(f" {name:<{width}} ")
    text.append("█" * filled, style="bold")
    text.append("░" * (BAR - filled), style=dim)
    spent = format_seconds(person.seconds, round_up=False)
    share = percent(person.share).rjust(len(percent(1)))  # "100%", or "100 %" in Danish
    text.append(f" {spent:>5} {share}\n")


def airtime_text(
    state: SessionState, now: float, *, dim: str = "dim", rows: int = SHOWN + 1
) -> Text:
    """The speaking time panel, as of `now`; `dim=""` for the projector (no dim text).

    The list under the heading takes at most `rows` lines: everyone while
    they fit (up to `SHOWN`), else the most and the least heard around a line
    that counts the rest, so the panel fits the room it has on a small screen.
    """
    people = airtime(state, now)
    shares = balance(counted(state, people))
    text = Text()
    text.append(_("Speaking time"), style="bold underline")
    if shares.unheard and shares.reading is not Reading.SILENT:
        # No word for the balance while some have not spoken: one voice at 100 % is not
        # "balanced", and the start of a round is not "uneven".
        # Translators: how many of those who may speak have not spoken yet
        unheard = ngettext("{n} not heard yet", "{n} not heard yet", shares.unheard)
        text.append(f" · {unheard.format(n=shares.unheard)}\n", style="bold")
    else:
        text.append(f" · {_(READING_WORDS[shares.reading])}\n", style="bold")
    ordered = sorted(people, key=lambda p: p.seconds, reverse=True)
    top = ordered[0].seconds if ordered else 0.0
    width = min(12, max((len(p.name) for p in people), default=4))
    if len(ordered) <= min(SHOWN, rows):
        for person in ordered:
            _row(text, person, top, width, dim)
        return text
    # the most and the least heard around one line that counts the rest
    lines = max(1, min(SHOWN + 1, rows))
    least, most = lines // 2, (lines - 1) // 2  # the quietest voices first
    for person in ordered[:most]:
        _row(text, person, top, width, dim)
    hidden = len(ordered) - most - least
    # Translators: {n} more people who are not listed
    more = ngettext("{n} more", "{n} more", hidden).format(n=hidden)
    text.append(f" … {more}\n", style=dim)
    for person in ordered[len(ordered) - least :]:
        _row(text, person, top, width, dim)
    return text


class AirtimePanel(Steady):
    """The speaking-time panel: lists as many people as its height holds (`fit`)."""

    class Resized(Message):
        """Posted once a new size of the panel settled: it asks to be filled again (`show`)."""

        def __init__(self, panel: AirtimePanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> AirtimePanel:
            return self.panel

    def __init__(self, *, dim: str = "dim", fit: bool = True, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.dim = dim
        """The style of what is less important; "" for the projector (no dim text)."""
        self.fit = fit
        """List as many people as the height holds; else up to `SHOWN`, whatever the height."""

    def show(self, state: SessionState, now: float) -> None:
        """Speaking time as of `now`."""
        rows = self.content_size.height - 1 if self.fit else 0  # under the heading
        text = airtime_text(state, now, dim=self.dim, rows=rows if rows > 0 else SHOWN + 1)
        self.say(text)  # the same figures again: nothing to repaint

    def on_resize(self) -> None:
        if self.fit:  # once the layout has settled
            self.call_after_refresh(lambda: self.post_message(self.Resized(self)))
