"""The phase bar: every phase of the format, where we are, and the time."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import _
from circle_tui.core.plan import small_groups
from circle_tui.core.seating import group_words
from circle_tui.core.state import SessionState
from circle_tui.core.timing import format_seconds, phase_clock, session_elapsed
from circle_tui.ui.widgets.steady import Steady

DONE, NOW, LATER = "✓", "▶", "·"
"""Phase marks: colour is never the only sign of where we are."""


def phase_strip(state: SessionState, width: int, *, done_style: str = "dim") -> Text:
    """All phases in one line; when they do not fit, the others shrink to numbers (the
    farthest from the current one first), and when even those do not fit (Troika with
    four: 18 steps), to ranges: ✓ 1–7  ▶ 8. Consultants talk (2/4)  · 9–18."""
    phases = state.plan.phases
    current = state.phase if state.phase is not None else (len(phases) if state.closed else -1)

    def strip(short: set[int]) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, phase in enumerate(phases):
            if index:
                text.append("  ")
            if index < current:
                mark, style = DONE, done_style
            elif index == current:
                mark, style = NOW, "bold reverse"
            else:
                mark, style = LATER, ""
            title = f"{index + 1}" if index in short else phase.title
            text.append(f"{mark} {title}", style=style)
        return text

    # The phases farthest from the current one shrink to numbers first, one by one, so a
    # name a few letters too long costs one name, not all of them. The widths are summed
    # (a strip's cells are its parts' cells) and only the strip that fits is built: 32
    # phases built their strip up to 32 times on every key (about 10 ms).
    marks = [DONE if i < current else NOW if i == current else LATER for i in range(len(phases))]
    full = [cell_len(f"{marks[i]} {phase.title}") for i, phase in enumerate(phases)]
    cells = sum(full) + 2 * max(0, len(phases) - 1)
    farthest = sorted(
        (i for i in range(len(phases)) if i != current), key=lambda i: (-abs(i - current), i)
    )
    short: set[int] = set()
    for index in [None, *farthest]:
        if index is not None:
            short.add(index)
            cells -= full[index] - cell_len(f"{marks[index]} {index + 1}")
        if cells <= width - 2:
            return strip(short)
    title = phases[current].title if 0 <= current < len(phases) else ""
    return _ranges(len(phases), current, title, done_style)


def _span(first: int, last: int) -> str:
    """Phases first..last (0-based) as people count them: '3' or '3–7'."""
    return f"{first + 1}" if first == last else f"{first + 1}–{last + 1}"


def _ranges(count: int, current: int, title: str, done_style: str) -> Text:
    """The phases before, the current one by name, the phases after, as number ranges."""
    text = Text(no_wrap=True, overflow="ellipsis")
    parts: list[tuple[str, str]] = []
    if current > 0:
        parts.append((f"{DONE} {_span(0, min(current, count) - 1)}", done_style))
    if 0 <= current < count:
        parts.append((f"{NOW} {current + 1}. {title}", "bold reverse"))
    if current + 1 < count:
        parts.append((f"{LATER} {_span(max(current + 1, 0), count - 1)}", ""))
    for index, (part, style) in enumerate(parts):
        if index:
            text.append("  ")
        text.append(part, style=style)
    return text


def question(state: SessionState) -> str:
    """What the room is asked now: the phase's prompt (and who sits together), or goodbye."""
    phase = state.current_phase
    if state.closed or phase is None or state.phase is None:
        return _("The circle is closed. Thank you.") if state.closed else ""
    asked = state.prompt_of(state.phase) or phase.title  # a pool: the question asked now
    if state.phase in state.other_side:
        # Translators: the last step of a disagreement by positions, shown on the wall
        asked = _("Each position in turn: what is the strongest point of another position?")
    if phase.kind is PhaseKind.GROUPS and phase.size > 1:
        present = tuple(
            p for p in range(len(state.plan.participants)) if state.status_of(p) == "present"
        )
        groups = small_groups(present, phase.size)
        names = [" & ".join(state.plan.name(p) for p in group) for group in groups]
        asked += f"\n{group_words(phase.size).capitalize()}: " + " · ".join(names)
    elif state.writing:
        asked += "\n" + _("Everyone writes first, in silence; then each reads out in turn.")
    return asked


def phase_times(state: SessionState, now: float) -> Text:
    """Format, phase number, the phase's and the session's planned vs elapsed time."""
    fmt = state.plan.format
    bar = Text(no_wrap=True, overflow="ellipsis")
    if state.paused:  # first, so no window is too narrow for it
        # Translators: the clocks are paused (shown in capitals)
        bar.append("‖ " + _("PAUSED"), style="bold reverse")
        bar.append("  ")
    bar.append(fmt.name, style="bold")
    if state.plan.rehearsal:
        speed = f" ×{state.plan.speed:g}" if state.plan.speed and state.plan.speed != 1 else ""
        # Translators: a rehearsal, not a real session (shown in capitals)
        bar.append(" · " + _("REHEARSAL") + speed, style="reverse")
    if state.phase is not None:
        # Translators: which phase of the session this is, e.g. phase 2 of 6
        which = _("phase {number} of {count}")
        bar.append(" · " + which.format(number=state.phase + 1, count=len(state.plan.phases)))
        clock = phase_clock(state, now)
        if clock is not None:
            elapsed = format_seconds(clock.elapsed, round_up=False)
            planned = format_seconds(state.plan.planned_seconds[state.phase])
            # Translators: time spent in this phase of the time planned for it, e.g. 3:10 of 5:00
            bar.append(" · " + _("{elapsed} of {planned}").format(elapsed=elapsed, planned=planned))
    elif state.closed:
        # Translators: the session is closed
        bar.append(" · " + _("closed"))
    elapsed = format_seconds(session_elapsed(state, now), round_up=False)
    total = format_seconds(sum(state.plan.planned_seconds))
    # Translators: time spent in the session of the time planned, e.g. 40:10 of 1:30:00
    bar.append(" · " + _("session {elapsed} of {planned}").format(elapsed=elapsed, planned=total))
    return bar


class PhaseStrip(Steady):
    """Every phase in one line, the current one marked (`phase_strip`)."""

    def __init__(self, *, done_style: str = "dim", id: str | None = None) -> None:
        super().__init__("", id=id)
        self.done_style = done_style
        """The style of the phases done; "" for the projector (no dim text)."""

    def show(self, state: SessionState, width: int) -> None:
        """The phases as they fit in `width` columns."""
        self.say(phase_strip(state, width, done_style=self.done_style))


class PhaseTimes(Steady):
    """The format, the phase, and the phase's and session's time (`phase_times`)."""

    def show(self, state: SessionState, now: float, *, followed: bool = False) -> None:
        """The line as of `now`; `followed`: say first that a projector display follows."""
        times = phase_times(state, now)
        if followed:  # first, so a narrow window never cuts it off
            # Translators: a projector display follows this session
            times = Text.assemble(("◉ " + _("display"), "bold"), "  ", times)
        self.say(times)  # the same line again: nothing to repaint


class PhasePrompt(Steady):
    """What the room is asked now (`question`)."""

    def show(self, state: SessionState) -> None:
        self.say(question(state))
