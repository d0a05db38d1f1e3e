"""A line of text that repaints only when it changes, and lays out only when it must."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


class Steady(Static):
    """A `Static` for text said again and again (a clock, a speaker's name).

    `Static.update` lays the whole screen out again by default; ten times a
    second that is most of a tick's cost. The same text again is not painted
    at all, and text of the same width on the same lines cannot change the
    widget's size, so it is only repainted.
    """

    def __init__(self, content: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(content, markup=False, id=id)
        self._said: str | Text | None = None

    def say(self, content: str | Text) -> None:
        """Show `content` (nothing happens when it is what is shown)."""
        before = self._said
        if before is not None and type(before) is type(content) and before == content:
            return
        self._said = content
        self.update(content, layout=before is None or _shape(before) != _shape(content))


def _shape(content: str | Text) -> list[int]:
    """The width of each line: what the widget's size can depend on."""
    plain = content.plain if isinstance(content, Text) else content
    return [cell_len(line) for line in plain.split("\n")]
