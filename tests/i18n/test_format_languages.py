"""Built-in formats speak all four languages; a session keeps its own."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from circle_tui.core.formats import CircleFormat
from circle_tui.core.i18n import LANGUAGES
from circle_tui.store.format_files import find_format
from circle_tui.store.locations import builtin_formats_dir
from tests.cli.test_cli import cli

BUILTIN = sorted(path.stem for path in builtin_formats_dir().glob("*.toml"))


@pytest.mark.parametrize("format_id", BUILTIN)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_builtin_format_has_its_texts_in_every_language(
    format_id: str, language: str
) -> None:
    fmt = find_format(format_id)
    assert fmt.untranslated(language) == []
    shown = fmt.in_language(language)
    assert shown.language == language
    for phase, original in zip(shown.phases, fmt.phases, strict=True):
        assert bool(phase.prompt) == bool(original.prompt)
        if language != fmt.language:
            assert phase.prompt != original.prompt or not phase.prompt, phase.title
    assert len(shown.ground_rules) == len(fmt.ground_rules)


def test_a_missing_prompt_is_named() -> None:
    text = (builtin_formats_dir() / "reflection-circle.toml").read_text()
    data = tomllib.loads(text)
    del data["phases"][2]["translations"]["nb"]["prompt"]
    fmt = CircleFormat.model_validate(data)
    assert fmt.untranslated("nb") == ["phase 3: prompt"]
    # what is missing stays in the format's own words rather than vanishing
    assert fmt.in_language("nb").phases[2].prompt == fmt.phases[2].prompt


def test_a_translated_format_keeps_its_structure() -> None:
    fmt = find_format("collegial-sparring")
    danish = fmt.in_language("da")
    assert [p.kind for p in danish.phases] == [p.kind for p in fmt.phases]
    assert [r.id for r in danish.roles] == [r.id for r in fmt.roles]
    assert danish.translations == {}
    assert danish.roles[0].name != fmt.roles[0].name


def test_phase_translations_count_without_a_translated_name() -> None:
    fmt = CircleFormat.model_validate(
        {
            "id": "kort",
            "name": "Short round",
            "phases": [
                {
                    "kind": "round",
                    "title": "Round",
                    "turn_seconds": 60,
                    "translations": {"da": {"title": "Runde"}},
                },
                {"kind": "closing", "title": "Closing", "turn_seconds": 30},
            ],
        }
    )
    assert fmt.languages == ("en", "da")
    danish = fmt.in_language("da")
    assert [p.title for p in danish.phases] == ["Runde", "Closing"]
    assert fmt.untranslated("da") == ["name", "phase 2: title"]


def test_validate_warns_about_a_language_spoken_in_part(tmp_path: Path) -> None:
    path = tmp_path / "half.toml"
    path.write_text(
        'id = "half"\nname = "Short round"\n'
        '[[phases]]\nkind = "round"\ntitle = "Round"\nprompt = "What do you take along?"\n'
        'turn_seconds = 60\n[phases.translations.da]\ntitle = "Runde"\n'
        '[[phases]]\nkind = "closing"\ntitle = "Closing"\nturn_seconds = 30\n'
    )
    result = cli("formats", "validate", str(path))
    assert result.returncode == 0
    assert "no Dansk text yet for: name, phase 1: prompt, phase 2: title" in result.stderr
    assert cli("formats", "validate", "--strict", str(path)).returncode == 1
