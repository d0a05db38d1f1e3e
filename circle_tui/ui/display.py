"""The projector display: the public view of a live circle, in a second window.

It follows the session's journal (read-only, public-only: SQLite refuses it
the private notes) and shows what the room may see: the circle, the turn
timer, the phase and its question, the ground rules and the shared items.
It has no keys that change anything; ctrl+q closes it. What the console
tells the wall itself, it shows too: the facilitator's message, large, with
a countdown to the time it names, and the blank (dark but for a small mark,
while the circle goes on). With the chime on it rings the terminal bell when
a time box reaches its last seconds and zero; with the flash on, the timer
inverts briefly when a turn goes into overtime (`ui/chime.py`).
"""

from __future__ import annotations

import time
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.theme import Theme
from textual.widgets import Static

from circle_tui.app.follow import Console, Follower
from circle_tui.core.i18n import N_, _, language
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, schedule
from circle_tui.languages import set_language
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.chime import Crossings
from circle_tui.ui.crash import QuietCrash
from circle_tui.ui.own_words import OwnWords
from circle_tui.ui.repaint import Repaint
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.circle import PROJECTOR_MARKS, CircleView
from circle_tui.ui.widgets.phasebar import PhasePrompt, PhaseStrip, PhaseTimes
from circle_tui.ui.widgets.positions import PositionClocks
from circle_tui.ui.widgets.shared import SharedItems
from circle_tui.ui.widgets.wall_notice import WallNotice
from circle_tui.ui.widgets.wall_timer import WallTimer

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

LIGHT_THEME = Theme(
    name="circle-light",
    dark=False,
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#FFFFFF",
    foreground="#000000",
    primary="#000000",
    secondary="#333333",
    accent="#003A80",
    warning="#6B4400",
    error="#8B0000",
    success="#005A00",
)
"""For a bright room: dark on white, every text colour at least 7:1 on white."""

THEMES = {"dark": PROJECTOR_THEME, "light": LIGHT_THEME}

WAITING = N_("Waiting for the facilitator")
"""On the wall until the circle starts (translated where shown)."""
# Translators: on the wall when the facilitator's program has quit or died
NOT_RUNNING = N_("The facilitator's console is not running")
# Translators: on the wall under the line above: the turn timer no longer counts
CLOCK_STANDS = N_("The clock stands still until the console runs again.")
BLANK_MARK = "·"
"""All a blanked wall shows, in a corner: the wall is alive, the circle goes on."""
FLASH_SECONDS = 0.6
"""How long the timer stays inverted when a turn goes into overtime (with the flash on)."""
WAIT_AFTER_SECONDS = 60.0
"""How long the wall shows the stopped circle before it says it waits."""


def clock_time(at: float) -> str:
    """A time of day on the room's clock, such as 10:42."""
    return time.strftime("%H:%M", time.localtime(at))


def daytime_text(state: SessionState, now: float) -> str:
    """`10:42 · ends 11:40 · 4 min behind`: what a room asks of a stage timer."""
    parts = [clock_time(now)]
    plan = schedule(state, now)
    if plan is not None:
        # Translators: when the circle ends by its plan, e.g. "ends 11:40"
        parts.append(_("ends {time}").format(time=clock_time(plan.planned_end)))
        minutes = round(plan.behind / 60)
        if minutes > 0:
            # Translators: the circle runs late by {n} minutes (min is short for minutes)
            parts.append(_("{n} min behind").format(n=minutes))
        elif minutes < 0:
            # Translators: the circle is early by {n} minutes (min is short for minutes)
            parts.append(_("{n} min ahead").format(n=-minutes))
        else:
            # Translators: the circle keeps to its planned end
            parts.append(_("on time"))
    return " · ".join(parts)


class DisplayApp(OwnWords[None], QuietCrash[None]):
    """Follow one session (or the latest) and show its public side."""

    CSS_PATH = Path(__file__).parent / "display.tcss"
    TITLE = "circle-tui display"  # the command's name
    AUTO_FOCUS = None
    # Translators: footer label; closes the projector display
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Close the display"), id="quit", priority=True),
        # Translators: footer label; switches the wall between its dark and light theme
        Binding("t", "toggle_theme", N_("Light or dark"), id="wall-theme"),
    ]

    def __init__(
        self, follower: Follower, *, theme: str = "dark", chime: bool = False, flash: bool = False
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.follower = follower
        self.sessions_root = follower.root  # crash reports go to the sessions dir in use
        for choice in THEMES.values():
            self.register_theme(choice)
        self.theme = THEMES.get(theme, PROJECTOR_THEME).name
        self.repaint = Repaint(self)
        """The circle's pieces, painted as the console paints them."""
        self._daytime = ""
        self.chime = chime
        """Ring the terminal bell at a time box's last seconds and at zero."""
        self.flash = flash
        """Invert the timer briefly when a turn goes into overtime."""
        self.crossings = Crossings()

    def compose(self) -> ComposeResult:
        yield Static("", markup=False, id="console-gone")
        with Horizontal(id="top"):
            yield PhaseStrip(done_style="", id="phases")
            yield Static("", markup=False, id="daytime")
        yield PhaseTimes(id="phasebar")
        yield PhasePrompt(id="prompt")
        yield WallNotice(id="notice")
        yield WallTimer(id="timer")
        with Horizontal(id="main"):
            yield CircleView(marks=PROJECTOR_MARKS, id="circle")
            with Vertical(id="side"):
                yield PositionClocks(dim="", id="positions")
                yield SharedItems(hints=False, id="shared")
                yield AirtimePanel(dim="", fit=False, id="airtime")
        yield Static(_(WAITING), markup=False, id="waiting")
        yield Static(BLANK_MARK, markup=False, id="blank")

    def action_toggle_theme(self) -> None:
        """Dark for a projector, light for a bright room; the circle goes on."""
        light = self.theme == LIGHT_THEME.name
        self.theme = (PROJECTOR_THEME if light else LIGHT_THEME).name

    def on_mount(self) -> None:
        self.follower.poll()
        self._refresh_all()
        # The screen owns the ticker, so it stops before the widgets go at exit.
        follower = self.follower
        self.repaint.start_ticking(
            self.screen, self._on_tick, lambda: (follower.state, follower.now())
        )

    def on_unmount(self) -> None:
        self.follower.close()

    def on_resize(self) -> None:
        self._refresh_all()

    def _on_tick(self) -> None:
        new_second = self.repaint.tick(self.follower.now())
        if self.follower.poll() or self._waiting() != self.has_class("-waiting"):
            self._refresh_all()
        else:
            self._refresh_clock()
            if new_second:  # after the new second is on screen: it changes slowly
                self.call_after_refresh(self._refresh_airtime)

    def _refresh_all(self) -> None:
        state = self.follower.state
        if state is not None and state.plan.language != language():
            set_language(state.plan.language)  # the wall speaks the session's language
        waiting = self._waiting()
        self.set_class(waiting, "-waiting")
        self.set_class(not waiting and state is not None and state.wall.blank, "-blank")
        if state is None or waiting:
            problem = self.follower.problem
            shown = Text(_(WAITING), style="bold")
            if self.follower.console is not Console.RUNNING:
                shown.append("\n\n" + _(NOT_RUNNING))
            if problem:
                shown.append(f"\n\n{problem}")
            self.query_one("#waiting", Static).update(shown)
            return
        gone = self.follower.console is not Console.RUNNING
        self.set_class(gone, "-console-gone")
        # The read-back has the wall to itself: the group reads all of it before the close.
        self.set_class(state.read_back and not state.closed, "-read-back")
        banner = Text.assemble((_(NOT_RUNNING), "bold"), "  ·  ", _(CLOCK_STANDS)) if gone else ""
        self.query_one("#console-gone", Static).update(banner)
        self.repaint.events(state, self.size.width)
        self._refresh_airtime()
        self._refresh_clock()

    def _refresh_daytime(self, state: SessionState, now: float) -> None:
        """The time of day, and when the circle ends by its plan, and whether it is on time."""
        shown = daytime_text(state, now)
        if shown != self._daytime:
            self._daytime = shown
            self.query_one("#daytime", Static).update(shown)

    def _waiting(self) -> bool:
        """Nothing to show: no circle yet, or its console has been gone a while."""
        state, follower = self.follower.state, self.follower
        if state is None or (state.phase is None and not state.closed):
            return True
        lost = follower.console_lost_at
        return lost is not None and follower.monotonic() - lost > WAIT_AFTER_SECONDS

    def _refresh_airtime(self) -> None:
        """Speaking time on the wall, only when the format says so."""
        state = self.follower.state
        panel = self.query_one(AirtimePanel)
        panel.display = state is not None and state.plan.format.airtime_on_display
        if state is not None:
            self.repaint.airtime(state, self.follower.now())

    def _refresh_clock(self) -> None:
        state = self.follower.state
        if state is None:
            return
        now = self.follower.now()
        self.repaint.clock(state, now)
        self.query_one(WallNotice).show(state, now)
        self._refresh_daytime(state, self.follower.clock_now())
        self._chime_and_flash(state, now)

    def _chime_and_flash(self, state: SessionState, now: float) -> None:
        """Once per crossing, never for one that happened before the wall looked."""
        crossed = self.crossings.since(state, now)
        if self.chime and crossed:
            self.bell()
        overtime = any(kind is BoxKind.TURN and line == "overtime" for kind, line in crossed)
        if self.flash and overtime:
            timer = self.query_one(WallTimer)
            timer.add_class("-flash")
            self.set_timer(FLASH_SECONDS, lambda: timer.remove_class("-flash"))
