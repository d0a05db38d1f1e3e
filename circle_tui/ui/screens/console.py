"""The console screen: keys in, commands to the session, state on screen.

The screen keeps painting while a dialog is open over it (its own queries
never reach into the dialog), so the clock never stops on screen.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widget import AwaitMount
from textual.widgets import Footer, Static

from circle_tui.app.actions import APP_ACTIONS, CONSOLE_ACTIONS
from circle_tui.app.errors import StoreError
from circle_tui.app.follow import display_following
from circle_tui.app.live import MAX_CATCH_UP, LiveSession
from circle_tui.core.confidential import Confidential
from circle_tui.core.decide import (
    AdjustTime,
    Back,
    Command,
    Decision,
    GiveWord,
    MarkFollowUp,
    NextPhase,
    PassTurn,
    Refusal,
    ReopenPhase,
    SwapQuestion,
    TogglePause,
)
from circle_tui.core.events import FollowUpStatus
from circle_tui.core.i18n import _
from circle_tui.core.timing import BoxKind
from circle_tui.ui.actions import bindings, translate_bindings
from circle_tui.ui.chime import Crossings
from circle_tui.ui.repaint import Repaint
from circle_tui.ui.screens.console_moments import ConsoleMoments
from circle_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen
from circle_tui.ui.screens.followup import FollowUpScreen
from circle_tui.ui.widgets.airtime import AirtimePanel
from circle_tui.ui.widgets.banner import unsaved_line
from circle_tui.ui.widgets.circle import LEGEND, CircleView, legend
from circle_tui.ui.widgets.item_field import ItemField
from circle_tui.ui.widgets.message_line import MessageLine
from circle_tui.ui.widgets.notes import NotesPane, has_contract
from circle_tui.ui.widgets.phasebar import PhasePrompt, PhaseStrip, PhaseTimes
from circle_tui.ui.widgets.positions import PositionClocks
from circle_tui.ui.widgets.shared import SharedItems
from circle_tui.ui.widgets.speaker_field import SpeakerField
from circle_tui.ui.widgets.steady import Steady
from circle_tui.ui.widgets.timer import TurnTimer
from circle_tui.ui.widgets.wall_field import WallField

MIN_SIZE = (60, 18)
"""Below this many columns and rows the console asks for a larger window."""


def tiny_message() -> str:
    """What a window below `MIN_SIZE` shows instead of the circle."""
    # Translators: {columns} × {rows} is the smallest window size, in characters
    return _(
        "This window is too small for the circle.\n"
        "Please enlarge it to at least {columns} × {rows}.\n\n"
        "The session goes on and is saved."
    ).format(columns=MIN_SIZE[0], rows=MIN_SIZE[1])


DRAFT_EVERY = 2.0
"""Seconds between saves of a note being typed (and on leaving the field)."""
BEAT_EVERY = 2.0
"""Seconds between heartbeats: after a crash, resume stops the clocks at the last one,
and the wall notices a console that died (`follow.CONSOLE_FRESH_SECONDS`)."""


class ConsoleScreen(ConsoleMoments):
    """Run one circle: the facilitator's screen."""

    AUTO_FOCUS = None  # keys drive the circle; tab goes into the notes
    BINDINGS = [
        *bindings(CONSOLE_ACTIONS),
        # In a field: enter keeps what was typed and leaves the field; escape
        # leaves it. Both before the field's own keys, so the next key already
        # drives the circle again (see ui/keys.py).
        Binding("enter", "field_done", show=False, priority=True),
        Binding("escape", "field_leave", show=False, priority=True),
    ]

    def __init__(
        self, live: LiveSession, *, projector: bool = False, bell: bool = False, chime: bool = False
    ) -> None:
        super().__init__()
        translate_bindings(self, CONSOLE_ACTIONS)
        self.live = live
        self.projector = projector
        """On a projector the private notes start hidden."""
        self.bell = bell
        """Ring the terminal bell when a time box reaches zero."""
        self.chime = chime
        """Ring it also at the last seconds, and for every time box (a phase's own too)."""
        self.crossings = Crossings()
        """Which time boxes crossed into their last seconds or zero since the last tick."""
        self.display_following = False
        """Whether a projector display follows this session (checked every second)."""
        self.repaint = Repaint(self)
        """The circle's pieces, painted as the wall paints them."""
        self.writing = asyncio.Lock()
        """One write at a time, in order: commits run on a worker thread under it."""
        self.last_shown_remaining: float | None = None
        """Remaining seconds behind the digits of the last repaint (for the benchmark)."""
        self._fields_mount: AwaitMount | None = None
        """The one-line fields' mount, once begun (`mount_fields`)."""
        self._fields_mounted = False
        """Whether they are mounted: from then on a key costs nothing more (awaiting the
        mount again would lay the whole screen out again)."""

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", markup=False, id="unsaved")
        yield PhaseStrip(id="phases")
        yield PhaseTimes(id="phasebar")
        yield PhasePrompt(id="prompt")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with Vertical(id="circle-box"):
                    yield CircleView(id="circle")
                    yield Steady(_(LEGEND), id="legend")
                yield NotesPane(self.live, id="notes-pane")
            with Vertical(id="side"):
                yield TurnTimer(id="timer")
                yield PositionClocks(id="positions")
                yield SharedItems(id="shared")
                yield AirtimePanel(id="airtime")
        # The one-line fields (item, wall, speaker) come after the first frame: `mount_fields`.
        yield Steady(id="wall-line")
        if self.live.plan.cast:  # a rehearsal with personas: what they do, as it happens
            yield Steady(id="moment")
        yield MessageLine(id="message")
        yield Static(tiny_message(), markup=False, id="tiny")
        yield Footer(compact=True, show_command_palette=False)  # ? and ctrl+p list every key

    async def mount_fields(self) -> None:
        """Mount the hidden one-line fields, once (the app does, after the first frame).

        Three hidden Inputs in the first frame cost about 45 ms before it (their
        styles and parts); the first key waits for them (`ConsoleApp.carry_out`).
        """
        if self._fields_mounted:
            return
        if self._fields_mount is None:
            fields = (
                ItemField(id="item-input"),
                WallField(id="wall-input"),
                SpeakerField(id="speaker-input"),
            )
            self._fields_mount = self.mount(*fields, before="#wall-line")
            await self._fields_mount
            self._fields_mounted = True
            self._refresh_item_field()
        else:  # a key while they are being mounted waits for them
            await self._fields_mount

    def on_mount(self) -> None:
        self.query_one("#notes-pane").display = not self.projector
        # On a projected console the format decides, as on the display.
        shown = not self.projector or self.live.plan.format.airtime_on_display
        self.query_one("#airtime").display = shown
        self._refresh_all()
        said = []
        if self.live.state.paused:
            # Translators: after a restart; p is the key that resumes
            said.append(_("The clocks stand where they stopped: press p to go on."))
        state = self.live.state
        if len(state.runs) <= 1 and not state.turns:  # as the circle begins
            outside = self.live.plan.format.outside_range(len(self.live.plan.participants))
            if outside:
                said.append(outside)
        if self.query_one(NotesPane).restore():
            # Translators: tab is the key that goes into the notes
            said.append(_("Your unfinished note is back in the notes field (tab)."))
        if said:
            self._say(" ".join(said))
        state, plan = self.live.state, self.live.plan
        asked_elsewhere = state.closed or plan.rehearsal or has_contract(self.live)
        if state.started_at is None and not state.closed:  # asks about notes, then begins
            self.call_later(self.begin)
        elif state.notes_consent is None and not asked_elsewhere:  # begun before it asked
            self.call_later(self.ask_consent)
        live = self.live
        self.repaint.start_ticking(self, self._on_tick, lambda: (live.state, live.clock.now()))
        self.set_interval(DRAFT_EVERY, self._save_draft)
        self._beat()  # at once: the wall follows a resumed console again
        self.set_interval(BEAT_EVERY, self._beat)

    def on_resize(self, event: events.Resize) -> None:
        """Below the smallest usable size, say so instead of breaking the layout."""
        tiny = event.size.width < MIN_SIZE[0] or event.size.height < MIN_SIZE[1]
        self.set_class(tiny, "-tiny")
        self.repaint.phases(self.live.state, event.size.width)

    # -- painting ----------------------------------------------------------------

    def _refresh_all(self) -> None:
        state = self.live.state
        self.repaint.events(state, self.size.width)
        self.query_one("#legend", Steady).say(legend(state))
        self._refresh_item_field()
        self.query_one(NotesPane).refresh_allowed()
        self.refresh_wall_line()
        self.refresh_moment_line()
        self._refresh_airtime()
        self._refresh_unsaved()
        self._refresh_clock()

    def _refresh_item_field(self) -> None:
        """The shared item's hint follows the phase (once the field is mounted)."""
        state = self.live.state
        phase = state.current_phase
        for item_field in self.query(ItemField):
            item_field.phase_kind = phase.kind if phase else None
            item_field.other_side = state.phase in state.other_side

    def _refresh_unsaved(self) -> None:
        """While writes fail, say so at the top, for as long as it lasts."""
        unsaved = self.live.unsaved
        banner = self.query_one("#unsaved", Static)
        if banner.display != (unsaved is not None):  # ctrl+s comes and goes in the footer
            banner.display = unsaved is not None
            self.refresh_bindings()
        if unsaved is not None:
            banner.update(Text(unsaved_line(unsaved)))

    @on(AirtimePanel.Resized)
    def _refresh_airtime(self) -> None:
        """Speaking time so far (once a second: it changes slowly; and when the panel asks)."""
        self.repaint.airtime(self.live.state, self.live.clock.now())

    def _refresh_clock(self) -> None:
        state, now = self.live.state, self.live.clock.now()
        followed = self.display_following
        self.last_shown_remaining = self.repaint.clock(state, now, followed=followed)

    def _on_tick(self) -> None:
        self._ring_at_zero()
        self._refresh_clock()
        if self.repaint.tick(self.live.clock.now()):
            # What changes slowly waits until the new second is on screen.
            self.call_after_refresh(self._each_second)
        if not self.writing.locked() and self.live.due() is not None:
            self.run_worker(self._act_on_clock(), group="writes")

    def _each_second(self) -> None:
        with contextlib.suppress(NoMatches):  # the app quit meanwhile
            self.display_following = display_following(self.live.folder.path)
            self._refresh_airtime()
            self.refresh_moment_line()

    async def _act_on_clock(self) -> None:
        """Hard time boxes (and a simulated room) act, committed like any command; a circle
        the room closes shows its summary (a rehearsal's debrief) as the facilitator's does."""
        acted = False
        was_closed = self.live.state.closed
        async with self.writing:
            for _round in range(MAX_CATCH_UP):
                found = self.live.due()
                if found is None:
                    break
                if isinstance(await self.carry_out(*found), Refusal):
                    break
                acted = True
        if acted:
            with contextlib.suppress(NoMatches):  # the app quit meanwhile
                self._refresh_all()
                if self.live.state.closed and not was_closed:
                    self._say(self._closed_message())
                    self._show_summary()

    def _beat(self) -> None:
        if not self.writing.locked():  # a commit in flight says the app runs as well
            self.run_worker(self._write_in_turn(self.live.beat), group="writes")

    def _save_draft(self) -> None:
        """Keep the note being typed on disk, so a crash loses two seconds at most."""
        body = self.query_one(NotesPane).draft_to_save()
        if body is not None:
            self.run_worker(self._keep_draft(body), group="writes")

    async def _keep_draft(self, body: Confidential) -> None:
        try:
            saved = await self._write_in_turn(lambda: self.live.save_draft(body))
        except StoreError as exc:  # refused: the folder is not private
            self._say(str(exc), error=True)
            return
        with contextlib.suppress(NoMatches):  # the app quit meanwhile
            self.query_one(NotesPane).draft_kept(body, saved)

    async def _write_in_turn(self, write: Callable[[], bool]) -> bool:
        """Run one write on a worker thread, after the writes before it; True if saved."""
        async with self.writing:
            saved = await asyncio.to_thread(write)
        with contextlib.suppress(NoMatches):  # the app quit while the disk took its time
            self._refresh_unsaved()
        return saved

    @on(NotesPane.Left)
    def _note_left(self) -> None:
        self._save_draft()

    def _ring_at_zero(self) -> None:
        """One terminal bell per crossing: the chime at every box's last seconds and zero,
        the bell at a turn's zero; never for a crossing from before this console looked."""
        crossed = self.crossings.since(self.live.state, self.live.clock.now())
        at_zero = (BoxKind.TURN, "overtime") in crossed
        if (self.chime and crossed) or (self.bell and at_zero):
            self.app.bell()

    def _say(self, message: str, *, error: bool = False) -> None:
        self.query_one(MessageLine).say(message, error=error)

    @on(NotesPane.Said)
    def _notes_said(self, said: NotesPane.Said) -> None:
        self.query_one(MessageLine).say(said.line, error=said.error, at=said.at)

    # -- commands ----------------------------------------------------------------

    async def carry_out(
        self, command: Command, at: float | None = None, *, by_facilitator: bool = False
    ) -> Decision:
        """Decide, commit on a worker thread, then apply: call with `writing` held.

        The screen goes on painting while a slow disk takes the commit; keys
        typed meanwhile wait, in order, until it is done (`ui/keys.py`). What
        the facilitator does may answer a rehearsal's moments (`consider`).
        """
        live = self.live
        decision = live.consider(command, at, by_facilitator=by_facilitator)
        if isinstance(decision, Refusal):
            return decision
        await asyncio.to_thread(live.commit, decision)
        if live.apply(decision):
            await asyncio.to_thread(live.after_close)
        return decision

    async def run_command(self, command: Command) -> None:
        """Carry a command out; ask first when the session needs a confirmation."""
        was_closed = self.live.state.closed
        async with self.writing:
            decision = await self.carry_out(command, by_facilitator=True)
        if isinstance(decision, Refusal):
            if decision.needs_confirm and isinstance(command, NextPhase):
                await self._confirm_next_phase(decision.reason)
            else:
                self._say(decision.reason)
            return
        self._refresh_all()
        if self.live.unsaved is not None:
            self._say(_("Not saved: kept in memory (see the top line)."), error=True)
        elif self.live.state.closed and self.live.summary_problem is not None:
            # Translators: {problem} says why the file could not be written
            problem = _("The circle is closed and saved, but summary.md was not written: {problem}")
            self._say(problem.format(problem=self.live.summary_problem), error=True)
        else:
            self._say(_("Saved.") if not self.live.state.closed else self._closed_message())
        if self.live.state.closed and not was_closed:
            self._show_summary()

    def _show_summary(self) -> None:
        from circle_tui.ui.screens.summary import SummaryScreen

        path = self.live.folder.summary_path
        markdown = self.live.summary_markdown()  # in the session's language, rendered once
        self.app.push_screen(SummaryScreen(markdown, path if path.exists() else None))

    def _closed_message(self) -> str:
        # Translators: {path} is the summary's file
        closed = _("The circle is closed; the summary is in {path}")
        return closed.format(path=self.live.folder.summary_path)

    async def _confirm_next_phase(self, question: str) -> None:
        async def answered(yes: bool | None) -> None:
            if yes:
                await self.run_command(NextPhase(confirmed=True))
            else:
                self._say(_("Staying in this phase."))

        await self.app.push_screen(ConfirmScreen(question, answered))

    async def action_give_word(self) -> None:
        await self.run_command(GiveWord())

    async def action_swap_question(self) -> None:
        await self.run_command(SwapQuestion())

    async def action_toggle_pause(self) -> None:
        await self.run_command(TogglePause())

    async def action_adjust(self, seconds: int) -> None:
        await self.run_command(AdjustTime(seconds))

    async def action_pass_turn(self) -> None:
        await self.run_command(PassTurn())

    async def action_back_speaker(self) -> None:
        await self.run_command(Back())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`f` only for a group with agreements from last time; ctrl+s only after an error."""
        if action in ("field_done", "field_leave"):
            return self.typing_in is not None
        if action == "follow_up":
            return bool(self.live.plan.follow_ups)
        if action == "save_again":
            return self.live.unsaved is not None
        return True

    async def action_save_again(self) -> None:
        try:
            async with self.writing:
                await asyncio.to_thread(self.live.save_again)
        except StoreError:
            self._refresh_unsaved()
            self._say(_("Still not saved; everything is still kept in memory."), error=True)
            return
        self.query_one(NotesPane).reload()
        self._refresh_all()
        self._say(_("Saved: everything kept in memory is on disk now."))

    def action_follow_up(self) -> None:
        state = self.live.state

        async def mark(index: int, status: FollowUpStatus) -> None:
            await self.run_command(MarkFollowUp(index, status))

        self.app.push_screen(
            FollowUpScreen(state.plan.follow_ups, lambda: state.follow_up_status, mark)
        )

    async def action_reopen_phase(self) -> None:
        await self.run_command(ReopenPhase())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(CONSOLE_ACTIONS + APP_ACTIONS))
