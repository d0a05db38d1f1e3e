"""Garbage collection is held while a screen starts (`app/startup.py`), and only then:
a command without a screen (a thousand simulated runs, a report, the served wall) runs
with it, and every command ends with it as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import circle_tui.cli as cli


@pytest.fixture(autouse=True)
def collecting() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.parametrize(
    ("argv", "held"),
    [
        (["formats", "list"], False),
        (["formats", "simulate", "reflection-circle", "--runs", "3"], False),
        (["display", "--serve"], False),
        (["report", "summary.json"], False),
        (["run", "--format", "reflection-circle", "--rehearse"], True),
        (["display"], True),
        ([], True),
    ],
)
def test_collection_is_held_only_until_a_screen_is_up(
    argv: list[str], held: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def dispatch(_args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "_dispatch", dispatch)
    assert cli.main(argv) == 0
    assert seen == [not held]
    assert gc.isenabled()  # as it found it, whatever the command did
