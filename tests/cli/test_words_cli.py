"""The command line speaks the room's language: `--lang` everywhere, our own words for
pydantic's problems, and a copied format named in every language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from circle_tui.cli import main
from circle_tui.core.errors import PATTERNS

CORE = Path(__file__).resolve().parents[2] / "circle_tui" / "core"
BROKEN = """\
id = "bad-one"
name = "Bad"
[[phases]]
kind = "round"
title = "Round"
turn_seconds = 0
[[roles]]
id = "Case_Giver"
name = "x"
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "nl", "formats", "list"],
        ["formats", "--lang", "nl", "list"],
        ["formats", "list", "--lang", "nl"],
        ["--lang=nl", "sessions", "list"],
        ["groups", "list", "--lang", "nl"],
    ],
)
def test_lang_is_taken_before_and_after_any_subcommand(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if "sessions" in argv or "groups" in argv:
        argv = [*argv, "--sessions-dir", str(tmp_path)]
    assert main(argv) == 0, capsys.readouterr().err


def test_a_broken_format_is_said_in_our_words_without_a_cascade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(BROKEN, encoding="utf-8")
    assert main(["formats", "validate", str(bad)]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert "roles[0].id: use lower-case letters, digits and dashes (like case-giver)" in said
    assert "phases[0].turn_seconds: should be more than 0" in said
    assert "Input should" not in said and "String should" not in said and "^[" not in said
    assert "Tuple" not in said and "at least 1" not in said  # the cascade of the one phase


def test_every_pattern_in_the_models_has_words() -> None:
    found = set()
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "pattern":
                assert isinstance(node.value, ast.Constant), path
                found.add(node.value.value)
    assert found and found <= set(PATTERNS), found - set(PATTERNS)


def test_a_copied_format_has_its_new_name_in_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["formats", "new", "quick", "--from", "reflection-circle"]) == 0
    capsys.readouterr()
    assert main(["--lang", "da", "formats", "list"]) == 0
    listed = capsys.readouterr().out
    assert len(re.findall(r"Refleksionscirkel", listed)) == 1, listed
    assert re.search(r"^quick\s+Quick\b", listed, re.M), listed
