"""The short run of `scripts/fuzz` (the long one: 10,000 formats, 2,000 settings
files, 100 damaged sessions): no traceback, no hang, no crash, every error one
bounded line."""

from __future__ import annotations

from pathlib import Path

from tests.fuzz.campaigns import fuzz_formats, fuzz_sessions, fuzz_settings
from tests.fuzz.harness import SEED, isolated


def test_mutated_formats_validate_run_and_show_or_say_why_in_one_line(tmp_path: Path) -> None:
    with isolated(tmp_path):
        tally = fuzz_formats(tmp_path, 300, SEED, ui_every=15)
    assert tally.ok, "\n".join(tally.failures[:5])
    assert tally.loaded and tally.ui_runs, tally.line()  # some went all the way to the console


def test_mutated_settings_files_never_stop_a_command(tmp_path: Path) -> None:
    with isolated(tmp_path):
        tally = fuzz_settings(tmp_path, 120, SEED, ui_every=10)
    assert tally.ok, "\n".join(tally.failures[:5])
    assert tally.loaded and tally.ui_runs, tally.line()


def test_damaged_sessions_are_one_damaged_thing(tmp_path: Path) -> None:
    with isolated(tmp_path):
        tally = fuzz_sessions(tmp_path, 8, SEED)
    assert tally.ok, "\n".join(tally.failures[:5])
    assert tally.loaded, tally.line()  # some damage still resumes: the rest opens
