"""A Danish terminal gets a Danish circle: the installed app in tmux, LANG only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.e2e.test_tmux import SCRIPT, keys, pytestmark, screen, start, wait_for

__all__ = ["pytestmark"]


def test_lang_alone_makes_the_console_and_the_summary_danish(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    command = (
        f"LANG=da_DK.UTF-8 {SCRIPT} run --format reflection-circle "
        f"--participants 'Ane,Bo,Cai,Dag' --sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    start(tmux, command, (80, 24))
    wait_for(tmux, "0 = aldrig]")  # asked once, in Danish
    keys(tmux, "Enter")
    shown = wait_for(tmux, "fase 1 af 5")
    assert "Kontrakt" in shown and "Indtjekning" in shown  # the format speaks Danish too
    keys(tmux, "n")
    wait_for(tmux, "Er gruppen enig om")
    keys(tmux, *"vagtskifte", "C-s")
    wait_for(tmux, "fase 2 af 5")
    keys(tmux, "Tab", *"en note", "Enter")
    wait_for(tmux, "Note gemt.")
    keys(tmux, "C-q")
    shown = wait_for(tmux, "EXITED-0")
    assert "Sessionen er gemt i" in shown
    toml = next(sessions.glob("*/session.toml")).read_text()
    assert 'language = "da"' in toml
    assert "Hvordan lander du i dag" in toml  # the check-in question as the room read it
    assert "Traceback" not in screen(tmux)
    summary = subprocess.run(
        [str(SCRIPT), "summary", "latest", "--sessions-dir", str(sessions)],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "en_GB.UTF-8"},
        check=True,
    )
    assert "opsummering af sessionen" in summary.stdout  # the session's language, not the reader's
