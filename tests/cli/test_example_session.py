"""The fictional example session in sessions/ is the app's own output, and stays so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circle_tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "sessions" / "example-reflection-circle"


def test_example_summary_matches_what_the_app_writes_now(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "example-reflection-circle"
    shutil.copytree(EXAMPLE, copy)  # read a copy: tests never touch the repo's files
    assert main(["summary", str(copy)]) == 0
    assert capsys.readouterr().out == (EXAMPLE / "summary.md").read_text(encoding="utf-8")


def test_example_private_note_stays_out_of_the_summary() -> None:
    assert "Fictional private note" not in (EXAMPLE / "summary.md").read_text(encoding="utf-8")
