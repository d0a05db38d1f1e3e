"""Reading the screen as a camera would: the turn timer's block digits, and how late
each new second appears.

The turn timer draws its time with Textual's `Digits` (a 3x3 font of box
characters); `read_digits` turns three rows of cells back into text such as
`29:58`, with the font taken from the Textual installed (thin and bold alike).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

CLOCK = re.compile(r"^(\+?)(?:(\d+):)?(\d+):(\d\d)$")


@functools.cache
def _font() -> dict[tuple[str, str, str], str]:
    from textual.renderables.digits import DIGITS, DIGITS3X3, DIGITS3X3_BOLD

    glyphs: dict[tuple[str, str, str], str] = {}
    for font in (DIGITS3X3, DIGITS3X3_BOLD):
        for index, char in enumerate(DIGITS):
            rows = font[index * 3 : index * 3 + 3]
            if len(rows) == 3 and char != " ":
                key = (rows[0].ljust(3), rows[1].ljust(3), rows[2].ljust(3))
                glyphs.setdefault(key, char)
    return glyphs


def read_digits(rows: Sequence[str]) -> str | None:
    """The text three rows of block digits show (None: no digits there)."""
    if len(rows) < 3:
        return None
    font = _font()
    for top in range(len(rows) - 2):
        band = [rows[top + k] for k in range(3)]
        width = min(len(row) for row in band)
        band = [row[:width] for row in band]
        used = [x for x in range(width) if any(row[x] != " " for row in band)]
        if not used:
            continue
        text = []
        x = used[0]
        while x <= used[-1]:
            glyph = (band[0][x : x + 3], band[1][x : x + 3], band[2][x : x + 3])
            char = font.get(glyph)
            if char is None:
                break
            text.append(char)
            x += 3
        else:
            return "".join(text)
    return None


def clock_seconds(text: str | None) -> int | None:
    """`29:58` -> 1798, `1:02:03` -> 3723; overtime (`+0:05`) -> -5."""
    found = CLOCK.match(text or "")
    if found is None:
        return None
    sign, hours, minutes, seconds = found.groups()
    whole = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return -whole if sign else whole


@dataclass
class Seconds:
    """How late each new second of a running turn reached the screen."""

    late: list[float] = field(default_factory=list)
    """Per second boundary: first frame showing it minus the moment it began."""
    after_block: list[float] = field(default_factory=list)
    """Boundaries inside a blocked loop: first frame showing it minus the block's end."""
    early_frames: int = 0
    """Frames that showed a second before it began (a timer running fast)."""
    frames: int = 0
    unread: int = 0


def lateness(
    frames: Sequence[tuple[float, int | None]],
    start: float,
    budget: int,
    blocks: Sequence[tuple[float, float]] = (),
    settle: float = 1.0,
) -> Seconds:
    """Compare what each frame showed with the truth at the moment it was written.

    `frames`: (time read, remaining seconds shown) of every complete frame; the
    turn began at `start` (monotonic) with `budget` seconds. Remaining time
    rounds up, so the value v is due from `start + budget - v` on.
    """
    result = Seconds(frames=len(frames))
    shown = [(t, v) for t, v in frames if v is not None]
    result.unread = len(frames) - len(shown)
    if not shown:
        return result
    for t, v in shown:
        truth = math.ceil(budget - (t - start))
        if v < truth - 1e-9:
            result.early_frames += 1
    first_t = shown[0][0] + settle
    last_t = shown[-1][0]
    lowest = min(v for _, v in shown)
    highest = max(v for _, v in shown)
    for v in range(highest - 1, lowest - 1, -1):
        due = start + budget - v
        if due < first_t or due > last_t:
            continue
        seen = next((t for t, s in shown if s <= v), None)
        if seen is None:
            continue
        result.late.append(seen - due)
        for began, ended in blocks:
            if began - 0.001 <= due <= ended:
                result.after_block.append(seen - ended)
    return result
