"""The summary screen: what leaves the room, shown when the circle closes."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static


class SummaryScreen(Screen[None]):
    """The session's public summary, as written to `summary.md`."""

    BINDINGS = [
        Binding("escape", "close", "Back to the circle", id="summary-close"),
    ]

    def __init__(self, markdown: str, path: Path | None) -> None:
        super().__init__()
        self.markdown = markdown
        self.path = path

    def compose(self) -> ComposeResult:
        where = f"Saved as {self.path}" if self.path else "Not saved yet"
        yield Static(
            f"The circle is closed. This is what leaves the room. {where}", id="summary-where"
        )
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(self.markdown, id="summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
