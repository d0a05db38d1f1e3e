"""The live session at the close: the summary is summed up once, written and shown alike."""

from __future__ import annotations

from pathlib import Path

import pytest

import circle_tui.app.live as live_module
from circle_tui.app.report import Target, render
from circle_tui.core.decide import NextPhase
from circle_tui.core.summary import Summary
from circle_tui.core.timing import FakeClock
from tests.ui.test_snapshots import agree, do, live_session


def test_the_closing_summary_is_rendered_once(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []

    def counting(summary: Summary, to: Target) -> str:
        rendered.append(to)
        return render(summary, to)

    monkeypatch.setattr(live_module, "render", counting)
    clock = FakeClock(start=1_790_000_000.0)
    live = live_session(sessions, clock)
    agree(live)
    while not live.state.closed:
        do(live, NextPhase(confirmed=True))  # the close writes summary.md
    assert rendered == ["md"]
    shown = live.summary_markdown()  # what the console shows
    assert rendered == ["md"]
    assert shown == live.folder.summary_path.read_text(encoding="utf-8")
    live.close()
