"""The projector display: the public view of a live circle, in a second window.

It follows the session's journal (read-only, public-only: SQLite refuses it
the private notes) and shows what the room may see: the circle, the turn
timer, the phase and its question, the ground rules and the shared items.
It has no keys that change anything; ctrl+q closes it.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.theme import Theme
from textual.widgets import Static

from circle_tui.core.i18n import N_, _, language
from circle_tui.follow import Follower
from circle_tui.languages import set_language
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.crash import QuietCrash
from circle_tui.ui.widgets.airtime import airtime_text
from circle_tui.ui.widgets.circle import PROJECTOR_MARKS, CircleView
from circle_tui.ui.widgets.phasebar import phase_strip, phase_times, question
from circle_tui.ui.widgets.shared import shared_text
from circle_tui.ui.widgets.timer import TurnTimer

TICK_SECONDS = 0.1
"""How often the display reads the journal and repaints the clock."""

PROJECTOR_THEME = Theme(
    name="circle-projector",
    dark=True,
    background="#000000",
    surface="#000000",
    panel="#000000",
    foreground="#FFFFFF",
    primary="#FFFFFF",
    secondary="#BDBDBD",
    accent="#7FDBFF",
    warning="#FFD60A",
    error="#FF9E9E",
    success="#8CF08C",
)
"""High contrast for the back of the room: every text colour is at least 7:1 on black."""

WAITING = N_("Waiting for the facilitator")
"""On the wall until the circle starts (translated where shown)."""


class DisplayApp(QuietCrash[None]):
    """Follow one session (or the latest) and show its public side."""

    CSS_PATH = Path(__file__).parent / "display.tcss"
    TITLE = "circle-tui display"  # the command's name
    AUTO_FOCUS = None
    # Translators: footer label; closes the projector display
    BINDINGS = [Binding("ctrl+q", "quit", N_("Close the display"), id="quit", priority=True)]

    def __init__(self, follower: Follower) -> None:
        super().__init__()
        translate_bindings(self)
        self.follower = follower
        self.sessions_root = follower.root  # crash reports go to the sessions dir in use
        self.register_theme(PROJECTOR_THEME)
        self.theme = PROJECTOR_THEME.name
        self._ticks = 0

    def compose(self) -> ComposeResult:
        yield Static("", markup=False, id="phases")
        yield Static("", markup=False, id="phasebar")
        yield Static("", markup=False, id="prompt")
        with Horizontal(id="main"):
            yield CircleView(marks=PROJECTOR_MARKS, id="circle")
            with Vertical(id="side"):
                yield TurnTimer(hints=False, id="timer")
                yield Static("", markup=False, id="shared")
                yield Static("", markup=False, id="airtime")
        yield Static(_(WAITING), markup=False, id="waiting")

    def on_mount(self) -> None:
        self.follower.poll()
        self._refresh_all()
        # The screen owns the ticker, so it stops before the widgets go at exit.
        self.screen.set_interval(TICK_SECONDS, self._on_tick)

    def on_unmount(self) -> None:
        self.follower.close()

    def on_resize(self) -> None:
        self._refresh_all()

    def _on_tick(self) -> None:
        self._ticks += 1
        if self.follower.poll():
            self._refresh_all()
        else:
            if self._ticks % round(1 / TICK_SECONDS) == 0:
                self._refresh_airtime()
            self._refresh_clock()

    def _refresh_all(self) -> None:
        state = self.follower.state
        if state is not None and state.plan.language != language():
            set_language(state.plan.language)  # the wall speaks the session's language
        waiting = state is None or (state.phase is None and not state.closed)
        self.set_class(waiting, "-waiting")
        if state is None or waiting:
            problem = self.follower.problem
            shown = Text(_(WAITING), style="bold")
            if problem:
                shown.append(f"\n\n{problem}")
            self.query_one("#waiting", Static).update(shown)
            return
        self.query_one("#circle", CircleView).show(state)
        self.query_one("#prompt", Static).update(question(state))
        self.query_one("#shared", Static).update(shared_text(state, hints=False))
        self._refresh_airtime()
        self.query_one("#phases", Static).update(phase_strip(state, self.size.width, done_style=""))
        self._refresh_clock()

    def _refresh_airtime(self) -> None:
        """Speaking time on the wall, only when the format says so."""
        state = self.follower.state
        panel = self.query_one("#airtime", Static)
        panel.display = state is not None and state.plan.format.airtime_on_display
        if state is not None and panel.display:
            panel.update(airtime_text(state, self.follower.now(), dim=""))

    def _refresh_clock(self) -> None:
        state = self.follower.state
        if state is None:
            return
        now = self.follower.now()
        self.query_one(TurnTimer).show(state, now)
        self.query_one("#phasebar", Static).update(phase_times(state, now))
