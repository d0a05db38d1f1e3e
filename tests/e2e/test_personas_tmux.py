"""A trainee in a real terminal answers three moments of a persona rehearsal, and the
summary's debrief lists them beside the same seed run with no intervention."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_tmux import SCRIPT, keys, start, wait_for

pytestmark = pytest.mark.e2e

PRACTICE = """\
id = "practice-circle"
name = "Practice circle"
description = "A short circle to rehearse the hard moments."
min_people = 3
max_people = 8
ground_rules = ["What is said here stays here.", "One minute each, then the next."]

[[reminders]]
moment = "overtime"
rule = 2

[[phases]]
kind = "contract"
title = "Contract"
phase_seconds = 30

[[phases]]
kind = "checkin"
title = "Check-in"
prompt = "How do you arrive?"
turn_seconds = 60

[[phases]]
kind = "open"
title = "Open round"
prompt = "What do we take up?"
phase_seconds = 180

[[phases]]
kind = "closing"
title = "Closing"
prompt = "What do you take home?"
turn_seconds = 20
"""


def test_a_trainee_answers_three_moments_and_reads_the_debrief(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    practice = tmp_path / "practice.toml"
    practice.write_text(PRACTICE, encoding="utf-8")
    command = (
        f"{SCRIPT} run --rehearse --speed 8 --format {practice} "
        f"--participants Ane,Bo,Cai,Dina --simulate Ane=dominant,Bo=silent,Eik=latecomer "
        f"--sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    start(tmux, command, size=(120, 36))
    wait_for(tmux, "REHEARSAL ×8")
    # 1. Ane runs over the check-in's minute: r puts the format's rule on the wall.
    wait_for(tmux, "Ane runs over their time", timeout=40)
    keys(tmux, "r")
    wait_for(tmux, "On the wall: One minute each, then the next.")
    # 2. Eik is at the door once the check-in is over: j has the name, enter lets them in.
    wait_for(tmux, "Eik is at the door", timeout=40)
    keys(tmux, "j", "Enter")
    # 3. Bo says nothing in the open round: c and the name give Bo the word.
    wait_for(tmux, "Bo has not said a word", timeout=40)
    keys(tmux, "c", "B", "o", "Enter")
    wait_for(tmux, "The circle is closed", timeout=90)
    keys(tmux, "C-q")
    wait_for(tmux, "EXITED-0")
    [folder] = list(sessions.iterdir())
    text = (folder / "summary.md").read_text(encoding="utf-8")
    debrief = text.split("## Debrief: the moments of this rehearsal", 1)[1]
    assert "Personas: Ane (dominant), Bo (silent), Eik (latecomer)." in debrief
    assert "| runs over | Ane | Check-in |" in debrief
    assert "| a reminder on the wall |" in debrief
    assert "| at the door | Eik | Open round |" in debrief and "| let in |" in debrief
    assert "| not heard | Bo | Open round |" in debrief and "| the word to someone |" in debrief
    assert "| This rehearsal | No intervention, same seed |" in debrief
    rows = [line for line in debrief.splitlines() if line.count("|") == 7 and "---" not in line]
    answered = [row for row in rows[1:] if not row.rstrip().endswith("| — |")]
    # The three keys; choosing Bo may also answer Ane taking the word back at that moment.
    assert len(answered) in (3, 4)
    assert f"| Moments answered | {len(answered)} | 0 |" in debrief
