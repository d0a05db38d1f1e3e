"""`circle-tui resume`: the session goes on where it stood; downtime is not charged."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from circle_tui.app.live import start_session
from circle_tui.cli import main
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import SystemClock, turn_clock
from circle_tui.store.format_files import find_format
from circle_tui.ui.console import ConsoleApp


def test_resume_pauses_the_running_turn_at_the_last_event(
    sessions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A session whose last event is ten minutes old: the app "crashed" then.
    past = SystemClock(start=time.time() - 600)
    live = start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), past
    )
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    speaker = live.state.speaker
    live.close()

    seen: dict[str, object] = {}

    def fake_run(app: ConsoleApp) -> None:
        state = app.live.state
        clock = turn_clock(state, app.live.clock.now())
        seen["paused"] = state.paused
        seen["speaker"] = state.speaker
        seen["used"] = clock.used if clock else None

    monkeypatch.setattr(ConsoleApp, "run", fake_run)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    assert main(["resume", "latest"]) == 0
    assert seen["paused"] is True
    assert seen["speaker"] == speaker
    assert seen["used"] == pytest.approx(0, abs=1)  # not the 600 s the app was down


@pytest.mark.parametrize(("ended", "then"), [(0, 1), (4, None)])
def test_a_session_stopped_between_two_events_of_a_step_goes_on(
    sessions: Path, ended: int, then: int | None
) -> None:
    """Older versions committed a step event by event: killed after `phase_ended`, it goes on."""
    from circle_tui.app.live import resume_session
    from circle_tui.core.events import PhaseEnded
    from circle_tui.store.files import StoreError

    live = start_session(
        sessions, find_format("reflection-circle"), parse_participants("Ane,Bo"), SystemClock()
    )
    for _ in range(ended):
        live.execute(NextPhase(confirmed=True))
    live.journal.append(PhaseEnded(at=time.time(), phase=ended))  # and then the kill
    live.close()
    if then is None:  # the last phase had ended: the circle closes, as the step would have
        with pytest.raises(StoreError, match="this session is closed"):
            resume_session(live.folder.path)
        assert live.folder.summary_path.exists()
        return
    again = resume_session(live.folder.path)
    assert again.state.phase == then
    again.execute(GiveWord())
    assert again.state.speaker is not None
    again.close()


def test_a_fast_rehearsal_goes_on_where_its_clock_stood(sessions: Path) -> None:
    """A rehearsal's clock runs ahead of the computer's: resumed, it goes on from where it
    stood, so the session's time never runs back behind its phase's (at ×20, eight
    minutes of circle in the real minute before the quit)."""
    from circle_tui.app.live import resume_session

    ahead = SystemClock(speed=20, start=time.time() + 480)
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants("Ane,Bo"),
        ahead,
        rehearsal=True,
        speed=20,
    )
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    live.beat()
    stood = max(live.state.last_at or 0, live.journal.alive_at() or 0)
    folder = live.folder.path
    live.close()
    again = resume_session(folder)
    assert again.clock.now() >= stood  # not the computer's time, minutes behind
    assert again.state.paused  # paused where it stood
    assert (again.state.last_at or 0) >= stood
    again.close()
