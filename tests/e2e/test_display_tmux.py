"""A display process in a real terminal follows a console session on the same sessions dir."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.core.decide import Command, GiveWord, NextPhase, PassTurn, TogglePause
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import SystemClock
from circle_tui.store.format_files import find_format
from tests.e2e.test_tmux import SCRIPT, _tmux, screen, wait_for

pytestmark = pytest.mark.e2e

LATENCY = 0.3
"""The display shows a committed change within this many seconds (issue 4)."""


def test_the_display_process_follows_within_300_ms(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    canary = f"CANARY{uuid.uuid4().hex[:10]}"
    command = f"{SCRIPT} display --sessions-dir {sessions}; sleep 60"
    name = tmux.split("|")[1]
    _tmux(tmux, "new-session", "-d", "-s", name, "-x", "110", "-y", "32", "bash", "-c", command)
    wait_for(tmux, "Waiting for the facilitator")
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo,Cai,Dag,Eli"),
        SystemClock(),
        group="Team Nord",
    )
    wait_for(tmux, "What is our focus today")
    agreement: Command = parse_item(
        "agree: a shared item @Bo", live.state.plan.format.phases[1].kind
    )
    steps: list[tuple[list[Command], str]] = [
        ([NextPhase(confirmed=True)], "phase 2 of 5"),
        ([GiveWord()], "time box 1:00"),
        ([TogglePause()], "PAUSED"),
        ([TogglePause(), PassTurn()], "↷"),
        ([agreement], "a shared item"),
        ([NextPhase(confirmed=True)], "phase 3 of 5"),
    ]
    lags = []
    for commands, expected in steps:
        live.add_note(canary)
        for command_ in commands:
            live.execute(command_)
        committed = time.monotonic()
        while expected not in (shown := screen(tmux)):
            assert time.monotonic() - committed < 5, f"{expected!r} never appeared:\n{shown}"
            time.sleep(0.01)
        lags.append(time.monotonic() - committed)
        assert canary not in shown
    live.close()
    assert max(lags) < LATENCY, [f"{lag * 1000:.0f} ms" for lag in lags]
    assert (live.folder.path / "display.alive").exists()  # the console can see it follows
