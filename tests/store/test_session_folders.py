"""Which session is `latest`, and a session folder that appears whole or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.store.files import StoreError
from circle_tui.store.journal import Journal
from circle_tui.store.sessions import (
    PLAN_FILE,
    create_session,
    resolve_session,
    session_folders,
)

START = 1_790_000_000.0


def plan(fmt: CircleFormat, session_id: str, created_at: float) -> SessionPlan:
    return SessionPlan(
        session_id=session_id,
        format=fmt,
        participants=parse_participants("Ane,Bo,Cai"),
        created_at=created_at,
    )


def make(root: Path, fmt: CircleFormat, session_id: str, created_at: float) -> Path:
    folder, journal = create_session(root, plan(fmt, session_id, created_at))
    journal.close()
    return folder.path


def test_latest_is_the_newest_by_start_time_not_by_name(
    sessions: Path, reflection: CircleFormat
) -> None:
    """`2026-11-22_1405_zeta` started first; `..._1405_alpha` a minute later is the latest."""
    make(sessions, reflection, "2026-11-22_1405_zeta", START)
    newest = make(sessions, reflection, "2026-11-22_1405_alpha", START + 60)
    make(sessions, reflection, "2026-11-22_1405_mid", START + 30)
    assert resolve_session(sessions, "latest") == newest
    assert [p.name for p in session_folders(sessions)] == [
        "2026-11-22_1405_zeta",
        "2026-11-22_1405_mid",
        "2026-11-22_1405_alpha",
    ]


def test_a_damaged_plan_counts_by_its_folders_time(
    sessions: Path, reflection: CircleFormat
) -> None:
    old = make(sessions, reflection, "9999-old-but-damaged", START)
    (old / PLAN_FILE).write_bytes(b"\xff")
    newer = make(sessions, reflection, "0000-new", 1e9)  # 2001: before the folder's mtime
    assert session_folders(sessions) == [newer, old]  # never a traceback, never skipped


def test_a_session_half_made_is_no_session(
    sessions: Path, reflection: CircleFormat, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure (or a kill) while the journal is made leaves nothing that is listed."""
    make(sessions, reflection, "before", START)

    def full_disk(*_args: object, **_kwargs: object) -> Journal:
        raise StoreError("journal.db: the disk is full")

    monkeypatch.setattr(Journal, "create", full_disk)
    with pytest.raises(StoreError, match="the disk is full"):
        create_session(sessions, plan(reflection, "broken", START + 60))
    assert sorted(p.name for p in sessions.iterdir()) == ["before"]
    assert resolve_session(sessions, "latest").name == "before"


def test_a_folder_still_being_made_is_not_listed(sessions: Path, reflection: CircleFormat) -> None:
    """What a kill during creation leaves behind is hidden, and never `latest`."""
    done = make(sessions, reflection, "done", START)
    half = sessions / ".new-later.abc123"
    shutil.copytree(done, half)
    (half / "journal.db").unlink()
    assert session_folders(sessions) == [done]
    assert resolve_session(sessions, "latest") == done
