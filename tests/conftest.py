"""Shared fixtures: every test runs with its own sessions, formats and settings, in UTC."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle_tui.core.formats import CircleFormat
from circle_tui.core.plan import SessionPlan, parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.languages import ENVIRONMENT, set_language
from circle_tui.store.format_files import find_format


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep the developer's own sessions, formats, settings, language and time zone out of tests."""
    monkeypatch.setenv("CIRCLE_TUI_SESSIONS", str(tmp_path / "sessions"))
    monkeypatch.setenv("CIRCLE_TUI_FORMATS", str(tmp_path / "user-formats"))
    monkeypatch.setenv("CIRCLE_TUI_CONFIG", str(tmp_path / "settings.toml"))
    monkeypatch.setenv("TZ", "UTC")
    for name in ENVIRONMENT:  # the developer's own language is not the tests' default
        monkeypatch.delenv(name, raising=False)
    time.tzset()
    yield
    time.tzset()
    set_language("en")  # a test that switched language leaves English behind


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return Path(os.environ["CIRCLE_TUI_SESSIONS"])


@pytest.fixture
def reflection() -> CircleFormat:
    return find_format("reflection-circle")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=1_790_000_000.0)


def make_plan(fmt: CircleFormat, names: str = "Ane,Bo,Cai", session_id: str = "s1") -> SessionPlan:
    return SessionPlan(
        session_id=session_id,
        format=fmt,
        participants=parse_participants(names),
        created_at=1_790_000_000.0,
    )
