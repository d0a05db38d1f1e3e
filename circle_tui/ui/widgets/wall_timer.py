"""The timer on the wall: read from the back row, every state plain without colour.

The same words and clocks as the console's `TurnTimer`, drawn for a room:
the remaining time in block digits that grow with the window, the speaker's
name large, the next speaker named, PAUSED large over frozen digits, and in
the last seconds and in overtime a different panel (a heavy border; inverse
with a double border), with a bar that shows overtime as overtime.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.containers import Horizontal, Vertical
from textual.visual import VisualType
from textual.widgets import Digits, ProgressBar, Static

from circle_tui.core.i18n import _
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, time_boxes
from circle_tui.ui.widgets.blocks import draw, drawable, scale_for
from circle_tui.ui.widgets.steady import Steady
from circle_tui.ui.widgets.timer import TurnTimer

NAME_SCALE = 3
"""The speaker's name is drawn at most this large (the digits are the largest thing)."""


class BigDigits(Digits):
    """The remaining time in block digits as large as the widget's size allows."""

    def render(self) -> RenderResult:
        width, height = self.content_size
        value = self.value
        scale = scale_for(value, width, height)
        if scale < 1:
            return super().render()
        lines = draw(value, scale)
        top = max(0, (height - len(lines)) // 2)
        return Text("\n" * top + "\n".join(lines), justify="center", no_wrap=True)


class BigText(Static):
    """One line of text drawn large when the font has its letters and it fits; else plain."""

    def __init__(self, *, max_scale: int = NAME_SCALE, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)  # a name is text, never markup
        self.max_scale = max_scale
        self.text = ""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self.text = content.plain if isinstance(content, Text) else str(content)
        super().update(content, layout=layout)

    def render(self) -> RenderResult:
        width, height = self.content_size
        text = self.text
        if drawable(text):
            scale = min(self.max_scale, scale_for(text, width, height))
            if scale >= 1:
                lines = draw(text, scale)
                top = max(0, (height - len(lines)) // 2)
                return Text("\n" * top + "\n".join(lines), justify="center", no_wrap=True)
        return Text(text, justify="center", style="bold")


def bar_text(width: int, used: float, over: float) -> Text:
    """A bar of `width` cells: the time box used, or in overtime a hatched bar of its own.

    In overtime the bar is hatched (`▚`) as far as the overtime goes in
    parts of the time box, so it is read without colour and never looks full
    and fine.
    """
    if width <= 0:
        return Text("")
    if over > 0:
        filled = max(1, min(width, round(width * min(1.0, over))))
        return Text("▚" * filled + " " * (width - filled), style="bold")
    filled = max(0, min(width, round(width * used)))
    return Text("█" * filled + "░" * (width - filled))


class WallBar(Static):
    """The bar, drawn at its own width whenever it is painted."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.used = 0.0
        self.over = 0.0

    def show(self, used: float, over: float) -> None:
        if (used, over) != (self.used, self.over):
            self.used, self.over = used, over
            self.refresh()

    def render(self) -> RenderResult:
        return bar_text(self.content_size.width, self.used, self.over)


class WallTimer(TurnTimer):
    """`TurnTimer` for the wall: the same states, drawn for the back row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(hints=False, id=id)

    def compose(self) -> ComposeResult:
        with Horizontal(id="wall-timer-row"):
            yield BigDigits("0:00", id="digits")
            with Vertical(id="wall-timer-words"):
                yield BigText(id="speaker")
                yield Static("", markup=False, id="next")
        yield WallBar(id="wall-bar")
        yield Steady(id="timer-state")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="bar")

    def _say_speaker(self, text: str) -> None:
        self.query_one("#speaker", BigText).update(text)

    def _paint(self, state: SessionState, now: float) -> float | None:
        remaining = super()._paint(state, now)
        speaker = self.query_one("#speaker", BigText)
        next_line = self.query_one("#next", Static)
        words = self.query_one("#timer-state", Steady)
        boxes = time_boxes(state, now)
        turn = boxes[0] if boxes and boxes[0].kind is BoxKind.TURN else None
        self.set_class(state.paused, "-paused")
        upcoming = state.next_speaker() if turn is not None else None
        if turn is not None and upcoming is not None:
            # Translators: who gets the word next
            next_line.update(_("Next: {name}").format(name=state.plan.name(upcoming)))
        else:
            next_line.update("")
        if state.paused and not state.closed:
            name = speaker.text
            # Translators: the clocks are paused (shown in capitals)
            speaker.update(_("PAUSED"))
            said = words.content
            said = said.plain if isinstance(said, Text) else str(said)
            words.say(Text.assemble((name, "bold"), "  ·  ", said))
        bar = self.query_one("#wall-bar", WallBar)
        if turn is not None:
            over = turn.overtime / turn.budget if turn.budget else 1.0
            bar.show(turn.fraction_used, over if turn.overtime > 0 else 0.0)
        else:
            bar.show(self.query_one("#bar", ProgressBar).progress / 100, 0.0)
        return remaining
