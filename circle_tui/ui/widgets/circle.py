"""Who sits in the circle, and where each person stands in this phase.

The participants are placed around an ellipse that fills the widget, in
seating order, clockwise from the top. Each label carries a symbol, so the
status never depends on colour alone. When the names do not fit, roles go
first, then names are shortened; when even three letters do not fit, the
circle becomes a compact grid, which is still readable from the back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len, set_cell_size
from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from circle_tui.core.formats import DEFAULT_ROLE, PhaseKind, SpeakingOrder
from circle_tui.core.i18n import N_, _
from circle_tui.core.seating import group_words
from circle_tui.core.state import SessionState

STATUS_MARKS: dict[str, tuple[str, str, str]] = {
    "speaking": ("▶", "speaking", "bold reverse"),
    "spoken": ("✓", "spoken", "dim"),
    "passed": ("↷", "passed", "italic"),
    "waiting": ("·", "to speak", ""),
    "silent": ("–", "listens", "dim italic"),
    "away": ("◌", "turned away", "dim italic"),
    "present": ("○", "", ""),
    "absent": ("×", "absent", "dim strike"),
    "left": ("×", "left", "dim strike"),
}
"""Per status: a symbol, a word and a style, so colour is never the only sign.

The words are not shown (the legend explains the symbols), so not translated."""

# Translators: the key to the symbols around the circle; keep the symbols
LEGEND = N_("▶ speaks  ✓ spoke  ↷ passed  · waits  – listens  next underlined")
"""The key to the symbols, shown under the circle (translated where shown)."""
# Translators: the key to the symbols around the circle; keep the symbols
AWAY_LEGEND = N_("▶ speaks  ✓ spoke  · waits  – listens  ◌ turned away  next underlined")
"""The key while someone has turned away (the reflecting team, Troika)."""

ORDER_WORDS = {
    # Translators: the way the word goes around the circle
    SpeakingOrder.CLOCKWISE: N_("clockwise"),
    # Translators: the way the word goes around the circle
    SpeakingOrder.COUNTER_CLOCKWISE: N_("counter-clockwise"),
    # Translators: the way the word goes around: clockwise, from a random first speaker
    SpeakingOrder.RANDOM_START: N_("random-start"),
    # Translators: the way the word goes around: the facilitator chooses who speaks
    SpeakingOrder.FACILITATOR: N_("facilitator"),
}
"""The speaking order in words, shown in the middle of the circle."""


# Translators: added to the key to the symbols while someone is absent or has left
ABSENT_LEGEND = N_("× not here")


def legend(state: SessionState) -> str:
    """The key to the symbols that can show in this phase, in the current language."""
    people = range(len(state.plan.participants))
    said = _(AWAY_LEGEND if any(state.status_of(p) == "away" for p in people) else LEGEND)
    if state.gone:
        said = f"{said}  {_(ABSENT_LEGEND)}"
    return said


PROJECTOR_MARKS: dict[str, tuple[str, str, str]] = {
    status: (symbol, word, style.replace("dim", "").strip())
    for status, (symbol, word, style) in STATUS_MARKS.items()
}
"""The same marks at full contrast, for the wall."""
NEXT_STYLE = "bold underline"
MIN_NAME = 3
"""Names are never shortened below this many cells."""


@dataclass(frozen=True)
class Seat:
    """One person's label in the circle."""

    name: str
    role: str
    """Role name, or empty for an ordinary participant."""
    symbol: str
    style: str

    def label(self, name_cells: int | None, with_role: bool) -> str:
        name = self.name
        if name_cells is not None and cell_len(name) > name_cells:
            if name_cells < MIN_NAME:
                name = set_cell_size(name, name_cells)  # initials: no room for an ellipsis
            else:
                name = set_cell_size(name, name_cells - 1) + "…"
        role = f" ({self.role})" if with_role and self.role else ""
        return f"{self.symbol} {name}{role}"


@dataclass(frozen=True)
class Placed:
    """A label at a position: column, row, text."""

    x: int
    y: int
    text: str


def ellipse_points(count: int, width: int, height: int, label_cells: int) -> list[tuple[int, int]]:
    """Anchor points for `count` labels, clockwise from the top."""
    cx, cy = (width - 1) / 2, (height - 1) / 2
    rx = max(1.0, (width - 2 * label_cells) / 2 - 1)
    ry = max(0.0, (height - 1) / 2)
    points = []
    for i in range(count):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        points.append((round(cx + rx * math.cos(angle)), round(cy + ry * math.sin(angle))))
    return points


def place(labels: list[str], width: int, height: int) -> list[Placed] | None:
    """Labels around an ellipse inside width x height, or None when they collide."""
    if not labels or width < 1 or height < 1:
        return None
    widest = max(cell_len(label) for label in labels)
    if widest > width:
        return None
    cx = (width - 1) / 2
    placed: list[Placed] = []
    for label, (x, y) in zip(
        labels, ellipse_points(len(labels), width, height, widest), strict=True
    ):
        size = cell_len(label)
        if abs(x - cx) <= 1:
            left = x - size // 2  # top and bottom: centred on the point
        elif x > cx:
            left = x  # right side: the label reads outward
        else:
            left = x - size + 1
        left = min(max(0, left), width - size)
        placed.append(Placed(left, y, label))
    return placed if not _collide(placed) else None


def _collide(placed: list[Placed]) -> bool:
    rows: dict[int, list[tuple[int, int]]] = {}
    for p in placed:
        rows.setdefault(p.y, []).append((p.x, p.x + cell_len(p.text)))
    for spans in rows.values():
        spans.sort()
        for (_start, end), (start, _end) in pairwise(spans):
            if start <= end:  # at least one blank cell between two names
                return True
    return False


def fit(seats: list[Seat], width: int, height: int) -> list[Placed] | None:
    """The fullest labels that fit around the ellipse: roles first to go, then letters."""
    longest = max((cell_len(s.name) for s in seats), default=0)
    attempts: list[tuple[int | None, bool]] = [(None, True), (None, False)]
    attempts += [(cells, False) for cells in range(longest - 1, MIN_NAME - 1, -1)]
    for cells, with_role in attempts:
        placed = place([s.label(cells, with_role) for s in seats], width, height)
        if placed is not None:
            return placed
    return None


class CircleView(Widget):
    """The participants around an ellipse, each marked with their status."""

    DEFAULT_CSS = """
    CircleView { height: 1fr; }
    """

    def __init__(
        self, *, marks: dict[str, tuple[str, str, str]] = STATUS_MARKS, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.marks = marks
        """Symbol, word and style per status (the projector has no dim styles)."""
        self._seats: list[Seat] = []
        self._upcoming: int | None = None
        self._centre: list[Text] = []

    def show(self, state: SessionState) -> None:
        """Take the current state; the widget repaints itself."""
        fmt = state.plan.format
        self._upcoming = state.next_speaker()
        seats = []
        for index, person in enumerate(state.plan.participants):
            symbol, _word, style = self.marks[state.status_of(index)]
            if index == self._upcoming and state.speaker != index:
                style = NEXT_STYLE
            held = person.role if state.phase is None else state.plan.role_of(state.phase, index)
            role = fmt.role_name(held) if held != DEFAULT_ROLE else ""
            seats.append(Seat(person.name, role, symbol, style))
        self._seats = seats
        centre = []
        if state.speaker is not None:
            # Translators: who has the word now
            speaking = _("speaking: {name}").format(name=state.plan.name(state.speaker))
            centre.append(Text(speaking, style="bold"))
        if self._upcoming is not None:
            # Translators: who gets the word next
            upcoming = _("next: {name}").format(name=state.plan.name(self._upcoming))
            centre.append(Text(upcoming, style=NEXT_STYLE))
        phase = state.current_phase
        if state.writing:
            centre.append(Text(_("everyone writes"), style="bold"))
        elif phase is not None and phase.kind is PhaseKind.GROUPS:
            centre.append(Text(group_words(phase.size), style="bold"))
        if phase is not None and phase.by_positions and state.phase in state.holders:
            # Translators: the word goes from one position of a disagreement to the next
            by_positions = _("by positions")
            centre.append(Text(f"⇄ {by_positions}", style="italic"))
        elif phase is not None and phase.kind.has_turns:
            arrow = "↺" if phase.order is SpeakingOrder.COUNTER_CLOCKWISE else "↻"
            centre.append(Text(f"{arrow} {_(ORDER_WORDS[phase.order])}", style="italic"))
        self._centre = centre
        self.refresh()

    def render(self) -> RenderableType:
        width, height = self.content_size.width, self.content_size.height
        if not self._seats or width < 1 or height < 1:
            return Text("")
        placed = fit(self._seats, width, height)
        if placed is None:
            return self._grid(width, height)
        return self._paint(placed, width, height)

    def _paint(self, placed: list[Placed], width: int, height: int) -> Text:
        rows: list[list[tuple[int, Text]]] = [[] for _row in range(height)]
        for seat, spot in zip(self._seats, placed, strict=True):
            rows[spot.y].append((spot.x, Text(spot.text, style=seat.style)))
        # The middle of the circle: who speaks, who is next, which way the word goes.
        top = max(0, (height - len(self._centre)) // 2)
        for offset, line in enumerate(self._centre):
            y = top + offset
            if y >= height:
                break
            line = line.copy()
            line.truncate(max(0, width - 4), overflow="ellipsis")
            x = (width - line.cell_len) // 2
            if all(x + line.cell_len < start or x > start + t.cell_len for start, t in rows[y]):
                rows[y].append((x, line))
        lines = []
        for row in rows:
            text = Text()
            for x, part in sorted(row, key=lambda r: r[0]):
                if x > text.cell_len:
                    text.append(" " * (x - text.cell_len))
                text.append(part)
            lines.append(text)
        return Text("\n").join(lines)

    def _grid(self, width: int, height: int) -> Text:
        """Too many names for an ellipse here: a grid in seating order that fits the box."""
        count = len(self._seats)
        columns = max(1, min(count, -(-count // height)))
        cell = width // columns
        shown = self._seats
        if cell < 4:  # not even "○ A ": as many seats as fit, and how many are missing
            columns = max(1, width // 4)
            cell = 4
            shown = self._seats[: max(0, columns * height - 1)]
        text = Text()
        for index, seat in enumerate(shown):
            if index and index % columns == 0:
                text.append("\n")
            label = seat.label(max(1, cell - 3), False)
            text.append(label, style=seat.style)
            text.append(" " * (cell - cell_len(label)))
        if len(shown) < count:
            text.append(f"+{count - len(shown)}", style="bold")
        return text
