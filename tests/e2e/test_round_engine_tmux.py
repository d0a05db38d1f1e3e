"""Choosing speakers and changing the circle in a real terminal, typed key by key."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from circle_tui.app.reading import read_session
from tests.e2e.test_tmux import SCRIPT, _tmux, keys, screen, wait_for

pytestmark = pytest.mark.e2e


def test_absent_latecomer_and_a_chosen_speaker_typed_by_hand(tmux: str, tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    canary = f"CANARY{uuid.uuid4().hex[:10]}"
    command = (
        f"{SCRIPT} run --format reflection-circle --participants 'Ane,Bo,Cai,Dag' "
        f"--sessions-dir {sessions}; echo EXITED-$?; sleep 60"
    )
    name = tmux.split("|")[1]
    _tmux(tmux, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", "bash", "-c", command)
    wait_for(tmux, "Offer to erase them")
    keys(tmux, "Enter")
    wait_for(tmux, "phase 1 of 5")
    keys(tmux, "n", *"handovers", "C-s")  # the contract, notes allowed
    wait_for(tmux, "phase 2 of 5")
    keys(tmux, "A", *"cai", "Enter")  # Cai is not here today
    wait_for(tmux, "× not here")
    keys(tmux, "j", *"Eli", "Enter")  # Eli comes in late
    wait_for(tmux, "Eli")
    keys(tmux, "c", *"da", "Enter")  # nobody has the word: Dag gets it
    wait_for(tmux, "speaking: Dag")
    keys(tmux, "c", *"el", "Enter", "Tab", *canary, "Enter")  # Eli next, then a note
    wait_for(tmux, "Note saved")
    assert "next: Eli" in screen(tmux)
    keys(tmux, "Space")
    wait_for(tmux, "speaking: Eli")
    keys(tmux, "C-q")
    wait_for(tmux, "EXITED-0")
    (folder,) = [p for p in sessions.iterdir() if p.is_dir()]
    state, notes = read_session(folder, with_notes=True)
    assert [p.name for p in state.plan.participants] == ["Ane", "Bo", "Cai", "Dag", "Eli"]
    assert state.absent == {2} and state.joined_at.keys() == {4}
    assert [t.speaker for t in state.turns] == [3, 4]
    assert notes is not None and [n.body.reveal() for n in notes] == [canary]
    assert all(canary not in item.text for item in state.items)  # the note stayed a note
