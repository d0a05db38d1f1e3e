"""A trainer's rehearsal in a real terminal: simulated people, time running fast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.test_tmux import SCRIPT, keys, start, wait_for

pytestmark = pytest.mark.e2e


def test_a_simulated_troika_runs_to_the_close_by_itself(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    command = (
        f"{SCRIPT} run --rehearse --simulate --speed 200 --format troika-consulting "
        f"--sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    start(tmux, command)
    shown = wait_for(tmux, "REHEARSAL ×200")
    assert "Offer to erase" not in shown  # a rehearsal never asks about real sessions
    wait_for(tmux, "Consultants talk")  # the rotation is on its way without a key pressed
    wait_for(tmux, "The circle is closed", timeout=40)  # 47 planned minutes at 200x: 14 s
    keys(tmux, "C-q")
    wait_for(tmux, "EXITED-0")
    folders = [path.name for path in sessions.iterdir()]
    assert len(folders) == 1 and folders[0].endswith("_troika-consulting_rehearsal")
    text = (sessions / folders[0] / "summary.md").read_text()
    assert "**Rehearsal: not a real session.**" in text
    # Four invented people, each the client once: four rounds of the rotating steps.
    for turn in range(1, 5):
        assert f"Consultants talk ({turn}/4)" in text
    total = re.search(r"Total speaking time: (\d+):(\d\d)\.", text)
    assert total is not None and int(total.group(1)) >= 10  # simulated minutes, not real ones
