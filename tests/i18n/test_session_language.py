"""A session speaks its own language: typed prefixes, and a summary written in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from circle_tui.app.report import render, session_summary
from circle_tui.cli import main
from circle_tui.core.events import ItemKind, TakeawayLevel
from circle_tui.core.formats import PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.languages import set_language

DANISH = Path(__file__).resolve().parents[2] / "sessions" / "example-reflection-circle-da"


@pytest.fixture
def danish(tmp_path: Path) -> Path:
    copy = tmp_path / DANISH.name
    shutil.copytree(DANISH, copy)  # tests never touch the repo's files
    return copy


def test_the_facilitator_types_the_prefixes_of_the_session_language() -> None:
    set_language("da")
    agreed = parse_item("aftale: skriv et udkast @Dina senest 2026-12-03", PhaseKind.CLOSING)
    assert (agreed.kind, agreed.text, agreed.owner, agreed.due) == (
        ItemKind.AGREEMENT,
        "skriv et udkast",
        "Dina",
        "2026-12-03",
    )
    mine = parse_item("Jeg: spørge mere", PhaseKind.CLOSING)
    assert (mine.kind, mine.level, mine.text) == (ItemKind.TAKEAWAY, TakeawayLevel.I, "spørge mere")
    learned = parse_item("læring: vi mener noget forskelligt", PhaseKind.DISAGREEMENT)
    assert learned.kind is ItemKind.LEARNING
    english = parse_item("agree: ring til IT @Bo by 2026-12-20", PhaseKind.CLOSING)
    assert (english.kind, english.owner, english.due) == (ItemKind.AGREEMENT, "Bo", "2026-12-20")
    set_language("en")
    assert parse_item("aftale: skriv", PhaseKind.CLOSING).text == "aftale: skriv"  # not English


def test_a_danish_session_is_summarized_in_danish_whatever_the_app_speaks(danish: Path) -> None:
    for speaking in ("en", "nl"):
        set_language(speaking)
        markdown = render(session_summary(danish), "md")
        assert markdown == (DANISH / "summary.md").read_text(encoding="utf-8")
        assert "opsummering af sessionen" in markdown and "Gini-koefficient 0,04" in markdown
        html = render(session_summary(danish), "html")
        assert '<html lang="da">' in html and "Det tager vi med" in html
    assert "Fiktiv privat note" not in markdown + html  # the private note stays private


def test_the_summary_command_writes_the_session_language(
    danish: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert main(["summary", str(danish)]) == 0
    out = capsys.readouterr().out
    assert "## Aftaler" in out and "**Dato:**" in out
