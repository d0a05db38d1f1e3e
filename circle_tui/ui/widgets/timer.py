"""The speaker's turn timer: name, big digits, a bar and the state in words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, ProgressBar

from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import _
from circle_tui.core.seating import group_words
from circle_tui.core.state import SessionState
from circle_tui.core.timing import BoxKind, format_seconds, time_boxes
from circle_tui.ui.widgets.steady import Steady


def timer_face(state: SessionState, now: float, size: object) -> tuple[object, ...]:
    """What the timer would show, cheaply: equal faces paint the same panel."""
    return (
        state.events_applied,
        state.paused,
        size,
        *(
            (
                box.kind,
                None if box.remaining is None else format_seconds(box.remaining),
                format_seconds(box.overtime, round_up=False),
                format_seconds(box.used, round_up=False),
                box.state,
            )
            for box in time_boxes(state, now)
        ),
    )


class TurnTimer(Vertical):
    """Big remaining time of the current turn (or of the phase, when it has no turns)."""

    def __init__(self, *, hints: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints = hints
        """Say which key moves on (the console), or only what happens (the wall)."""
        self._face: tuple[object, ...] | None = None
        self._remaining: float | None = None

    def compose(self) -> ComposeResult:
        yield Steady(id="speaker")
        yield Digits("0:00", id="digits")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="bar")
        yield Steady(id="timer-state")

    def show(self, state: SessionState, now: float) -> float | None:
        """Repaint from the state and the clock when what it shows changes (at most once
        a second, or on an event); return the remaining seconds shown.

        The clock ticks ten times a second; painting the same face again would
        lay out the screen for nothing (most of a key's latency, and CPU).
        """
        face = timer_face(state, now, self.size)
        if face == self._face:
            return self._remaining
        self._face = face
        self._remaining = self._paint(state, now)
        return self._remaining

    def _paint(self, state: SessionState, now: float) -> float | None:
        digits = self.query_one("#digits", Digits)
        bar = self.query_one("#bar", ProgressBar)
        words = self.query_one("#timer-state", Steady)
        boxes = time_boxes(state, now)
        box = boxes[0] if boxes else None  # the one that runs: a turn, the writing, the phase
        # Translators: the clocks are paused
        pause = _("paused") if state.paused else ""
        paused = f" · {pause}" if pause else ""
        # Translators: space is the key
        waiting = _("press space to give the word") + paused if self.hints else pause
        # Translators: n is the key
        moving_on = _("press n for the next phase") + paused if self.hints else pause
        if box is not None and box.kind is BoxKind.TURN and box.speaker is not None:
            self._say_speaker(state.plan.name(box.speaker))
            self.set_class(box.state == "warning", "-warning")
            self.set_class(box.state == "overtime", "-overtime")
            if box.state == "overtime":
                digits.update("+" + format_seconds(box.overtime, round_up=False))
                over = format_seconds(box.overtime, round_up=False)
                # Translators: the speaker is over time by {time} (shown in capitals)
                words.say(_("OVERTIME +{time}").format(time=over) + paused)
            else:
                digits.update(format_seconds(box.remaining or 0.0))
                # Translators: the state of a turn: in the last fifth of its time
                label = _("last seconds")
                if box.state != "warning":
                    # Translators: the state of a turn: the speaker is speaking
                    label = _("speaking")
                if state.current_phase is not None and state.current_phase.one_contribution:
                    # Translators: a turn with one contribution, no conversation
                    label = _("one contribution")
                # Translators: the time each speaker has, e.g. 2:00
                box_time = _("time box {time}").format(time=format_seconds(box.budget or 0.0))
                words.say(f"{label} · {box_time}{paused}")
            bar.update(progress=box.fraction_used * 100)
            return box.remaining
        writing = box is not None and box.kind is BoxKind.WRITING
        if writing and box is not None and box.remaining is not None and box.budget:
            return self._writing(box.remaining, box.used / box.budget, paused)
        self.remove_class("-warning", "-overtime")
        upcoming = state.next_speaker()
        if box is not None and box.remaining is not None and box.budget:
            digits.update(format_seconds(max(0.0, box.remaining)))
            bar.update(progress=min(100.0, box.used / box.budget * 100))
        else:
            digits.update(format_seconds(box.used if box else 0.0, round_up=False))
            bar.update(progress=0)
        # Translators: the clock counts the phase's time (not a speaker's)
        phase_time = _("phase time") + paused
        if state.closed:
            self._say_speaker(_("The circle is closed"))
            words.say(_("summary.md is written in the session folder") if self.hints else "")
        elif upcoming is not None:
            # Translators: who gets the word next
            self._say_speaker(_("Next: {name}").format(name=state.plan.name(upcoming)))
            words.say(waiting)
        elif state.current_phase is not None and state.current_phase.kind.has_turns:
            self._say_speaker(_("Everyone has had the word"))
            words.say(moving_on)
        elif state.current_phase is not None and state.current_phase.kind is PhaseKind.GROUPS:
            self._say_speaker(group_words(state.current_phase.size).capitalize())
            words.say(phase_time)
        else:
            self._say_speaker(state.current_phase.title if state.current_phase else "")
            words.say(phase_time)
        return box.remaining if box is not None else None

    def _say_speaker(self, text: str) -> None:
        """The line above the digits (the wall draws it in large letters)."""
        self.query_one("#speaker", Steady).say(text)

    def _writing(self, remaining: float, used: float, paused: str) -> float:
        """Everyone writes: the time to write, then who reads first."""
        self._say_speaker(_("Everyone writes"))
        self.set_class(remaining < 0, "-overtime")
        self.remove_class("-warning")
        words = self.query_one("#timer-state", Steady)
        digits = self.query_one("#digits", Digits)
        if remaining < 0:
            digits.update("+" + format_seconds(-remaining, round_up=False))
            if self.hints:
                # Translators: space is the key
                words.say(_("writing time is up: space gives the word"))
            else:
                words.say(_("writing time is up"))
        else:
            digits.update(format_seconds(remaining))
            words.say(_("writing time") + paused)
        self.query_one("#bar", ProgressBar).update(progress=min(100.0, used * 100))
        return remaining
