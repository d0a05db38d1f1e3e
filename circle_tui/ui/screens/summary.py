"""The summary screen: what leaves the room, shown when the circle closes."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from circle_tui.core.i18n import N_, _
from circle_tui.ui.actions import translate_bindings


class SummaryScreen(Screen[None]):
    """The session's public summary, as written to `summary.md`."""

    BINDINGS = [
        # Translators: footer label; leaves the summary
        Binding("escape", "close", N_("Back to the circle"), id="summary-close"),
    ]

    def __init__(self, markdown: str, path: Path | None) -> None:
        super().__init__()
        translate_bindings(self)
        self.markdown = markdown
        self.path = path

    def compose(self) -> ComposeResult:
        if self.path:
            # Translators: {path} is the summary's file
            where = _("The circle is closed. This is what leaves the room. Saved as {path}")
            where = where.format(path=self.path)
        else:
            where = _("The circle is closed. This is what leaves the room. Not saved yet")
        yield Static(where, markup=False, id="summary-where")
        with VerticalScroll(id="summary-scroll"):
            yield Markdown(self.markdown, id="summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#summary-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
