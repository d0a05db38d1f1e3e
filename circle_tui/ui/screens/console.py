"""The console screen: keys in, commands to the session, state on screen.

The screen keeps painting while a dialog is open over it (its own queries
never reach into the dialog), so the clock never stops on screen.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from circle_tui.core.decide import (
    AdjustTime,
    Back,
    Command,
    GiveWord,
    NextPhase,
    PassTurn,
    Refusal,
    ReopenPhase,
    TogglePause,
)
from circle_tui.core.events import ItemKind
from circle_tui.core.formats import PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.timing import format_seconds, phase_clock, session_elapsed
from circle_tui.session import LiveSession
from circle_tui.store.files import StoreError
from circle_tui.ui.actions import APP_ACTIONS, CONSOLE_ACTIONS, bindings
from circle_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen
from circle_tui.ui.widgets.circle import CircleView
from circle_tui.ui.widgets.timer import TurnTimer

TICK_SECONDS = 0.1
"""How often the clock repaints (time itself comes from the clock, not the ticker)."""


class ConsoleScreen(Screen[None]):
    """Run one circle: the facilitator's screen."""

    AUTO_FOCUS = None  # keys drive the circle; tab goes into the notes
    BINDINGS = bindings(CONSOLE_ACTIONS)

    def __init__(self, live: LiveSession, *, projector: bool = False) -> None:
        super().__init__()
        self.live = live
        self.projector = projector
        """On a projector the private notes start hidden."""
        self.last_shown_remaining: float | None = None
        """Remaining seconds behind the digits of the last repaint (for the benchmark)."""
        self._notes: list[Text] = []
        """Private notes as shown in the notes pane, newest first."""

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="phasebar")
        yield Static("", id="prompt")
        with Horizontal(id="main"):
            yield CircleView("", id="circle")
            with Vertical(id="centre"):
                yield TurnTimer(id="timer")
                yield Static("", id="shared")
            with Vertical(id="notes-pane"):
                yield Static("Private notes · only on this screen · h hides", id="notes-title")
                yield Input(placeholder="type a note, enter keeps it", id="note-input")
                yield Static("", id="note-list")
        yield Input(placeholder="shared item (enter records, escape cancels)", id="item-input")
        yield Static("", id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#notes-pane").display = not self.projector
        self.query_one("#item-input").display = False
        for note in self.live.journal.notes():
            self._show_note(note.body, note.at, note.phase, note.speaker)
        self._refresh_all()
        if self.live.state.paused:
            self._say("The clocks stand where they stopped: press p to go on.")
        self.set_interval(TICK_SECONDS, self._on_tick)

    # -- painting ----------------------------------------------------------------

    def _refresh_all(self) -> None:
        state = self.live.state
        self.query_one("#circle", CircleView).show(state)
        phase = state.current_phase
        prompt = self.query_one("#prompt", Static)
        if state.closed:
            prompt.update("The circle is closed. Thank you.")
        elif phase is not None:
            prompt.update(phase.prompt or phase.title)
        shared = Text()
        if phase is not None and phase.kind is PhaseKind.CONTRACT:
            shared.append("Focus: ", style="bold")
            shared.append(state.focus() or "—")
            shared.append("  (a changes it)\n", style="dim")
            for rule in state.plan.format.ground_rules:
                shared.append(f" • {rule}\n")
            shared.append("\nWhen the group agrees, press n.\n", style="dim")
        for item in state.live_items()[-6:]:
            if item.kind is ItemKind.FOCUS:
                continue
            label = item.kind.value if not item.level else f"{item.kind.value} ({item.level})"
            shared.append(f"{label}: ", style="bold")
            shared.append(item.text)
            if item.owner:
                shared.append(f" · @{item.owner}")
            if item.due:
                shared.append(f" · by {item.due}")
            shared.append("\n")
        self.query_one("#shared", Static).update(shared)
        self._refresh_clock()

    def _refresh_clock(self) -> None:
        state = self.live.state
        now = self.live.clock.now()
        self.last_shown_remaining = self.query_one(TurnTimer).show(state, now)
        fmt = state.plan.format
        bar = Text()
        bar.append(f"{fmt.name}", style="bold")
        if state.plan.rehearsal:
            bar.append(" · REHEARSAL", style="reverse")
        if state.phase is not None:
            phase = fmt.phases[state.phase]
            bar.append(f" · phase {state.phase + 1}/{len(fmt.phases)}: {phase.title}")
            clock = phase_clock(state, now)
            if clock is not None:
                bar.append(
                    f" · {format_seconds(clock.elapsed, round_up=False)}"
                    f" of {format_seconds(state.plan.planned_seconds[state.phase])}"
                )
        elif state.closed:
            bar.append(" · closed")
        total = sum(state.plan.planned_seconds)
        bar.append(
            f" · session {format_seconds(session_elapsed(state, now), round_up=False)}"
            f" of {format_seconds(total)}"
        )
        if state.paused:
            bar.append("  ⏸ PAUSED", style="bold")
        self.query_one("#phasebar", Static).update(bar)

    def _on_tick(self) -> None:
        try:
            if self.live.tick() is not None:
                self._refresh_all()
                return
        except StoreError as exc:
            self._say(f"Not saved: {exc}", error=True)
        self._refresh_clock()

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#message", Static)
        line.update(message)
        line.set_class(error, "-error")

    # -- commands ----------------------------------------------------------------

    def run_command(self, command: Command) -> None:
        """Carry a command out; ask first when the session needs a confirmation."""
        try:
            decision = self.live.execute(command)
        except StoreError as exc:
            self._say(f"Not saved: {exc}", error=True)
            return
        if isinstance(decision, Refusal):
            if decision.needs_confirm and isinstance(command, NextPhase):
                self._confirm_next_phase(decision.reason)
            else:
                self._say(decision.reason)
            return
        self._say("Saved." if not self.live.state.closed else self._closed_message())
        self._refresh_all()

    def _closed_message(self) -> str:
        return f"The circle is closed; the summary is in {self.live.folder.summary_path}"

    def _confirm_next_phase(self, question: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.run_command(NextPhase(confirmed=True))
            else:
                self._say("Staying in this phase.")

        self.app.push_screen(ConfirmScreen(question), answered)

    def action_give_word(self) -> None:
        self.run_command(GiveWord())

    def action_toggle_pause(self) -> None:
        self.run_command(TogglePause())

    def action_adjust(self, seconds: int) -> None:
        self.run_command(AdjustTime(seconds))

    def action_pass_turn(self) -> None:
        self.run_command(PassTurn())

    def action_back_speaker(self) -> None:
        self.run_command(Back())

    def action_next_phase(self) -> None:
        self.run_command(NextPhase())

    def action_reopen_phase(self) -> None:
        self.run_command(ReopenPhase())

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(CONSOLE_ACTIONS + APP_ACTIONS))

    # -- notes and shared items --------------------------------------------------

    def action_toggle_notes(self) -> None:
        pane = self.query_one("#notes-pane")
        note = self.query_one("#note-input", Input)
        if note.has_focus:
            self.set_focus(None)
        else:
            pane.display = True
            note.focus()

    def action_curtain(self) -> None:
        pane = self.query_one("#notes-pane")
        pane.display = not pane.display
        if not pane.display and self.query_one("#note-input", Input).has_focus:
            self.set_focus(None)

    def action_shared_item(self) -> None:
        item = self.query_one("#item-input", Input)
        item.display = True
        item.focus()

    @on(Input.Submitted, "#note-input")
    def _keep_note(self, event: Input.Submitted) -> None:
        body = event.value.strip()
        if not body:
            return
        try:
            self.live.add_note(body)
        except StoreError as exc:
            self._say(f"Note not saved (it is still in the field): {exc}", error=True)
            return
        event.input.value = ""
        state = self.live.state
        self._show_note(body, self.live.clock.now(), state.phase, state.speaker)
        self._say("Note saved.")

    def _show_note(self, body: str, at: float, phase: int | None, speaker: int | None) -> None:
        """Newest note first, stamped with time, phase and speaker."""
        plan = self.live.plan
        stamp = datetime.fromtimestamp(at).strftime("%H:%M")
        where = f" {plan.format.phases[phase].title}" if phase is not None else ""
        who = f" · {plan.name(speaker)}" if speaker is not None else ""
        shown = Text(f"{stamp}{where}{who}\n", style="dim")
        shown.append(body + "\n")
        self._notes.insert(0, shown)
        self.query_one("#note-list", Static).update(Text("").join(self._notes[:20]))

    @on(Input.Submitted, "#item-input")
    def _record_item(self, event: Input.Submitted) -> None:
        phase = self.live.state.current_phase
        if phase is None or not event.value.strip():
            self._hide_item_input()
            return
        self.run_command(parse_item(event.value, phase.kind))
        self._hide_item_input()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.query_one("#item-input", Input).display:
            self._hide_item_input()

    def _hide_item_input(self) -> None:
        item = self.query_one("#item-input", Input)
        item.value = ""
        item.display = False
        self.set_focus(None)
