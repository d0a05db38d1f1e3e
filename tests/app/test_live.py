"""The live session at the close: the summary is summed up once, written and shown alike."""

from __future__ import annotations

from pathlib import Path

import pytest

import circle_tui.app.report as report_module
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

    monkeypatch.setattr(report_module, "render", counting)  # what the session renders with
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


def test_two_rehearsals_of_one_format_in_the_same_minute_both_start(sessions: Path) -> None:
    from circle_tui.app.live import start_session
    from circle_tui.core.casting import cast
    from circle_tui.store.format_files import find_format

    fmt = find_format("troika-consulting")
    ids = []
    for _ in range(3):
        clock = FakeClock(start=1_790_000_000.0)  # the same minute every time
        live = start_session(sessions, fmt, cast(fmt, 4), clock, rehearsal=True, follow_ups=())
        ids.append(live.plan.session_id)
        live.close()
    assert len(set(ids)) == 3 and all(i.endswith("_rehearsal") for i in ids)
    assert ids[1].endswith("_troika-consulting-2_rehearsal")
