"""The catalogs: every text the code marks is translated in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import write_po

from circle_tui.core import i18n
from circle_tui.core.i18n import LANGUAGES, ngettext
from circle_tui.languages import LOCALE_DIR, set_language
from devtools import catalogs


def test_the_template_holds_every_text_the_code_marks() -> None:
    missing = catalogs.code_messages() - catalogs.template_messages()
    assert not missing, f"run scripts/i18n: {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalog_is_complete_translated_and_compiled(language: str) -> None:
    assert catalogs.problems(language) == []


@pytest.fixture
def locale_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(LOCALE_DIR, tmp_path / "locale"))


def _edit(locale_dir: Path, language: str, change: object) -> None:
    path = catalogs.po_path(language, locale_dir)
    catalog = catalogs.read(path, language)
    change(catalog)  # type: ignore[operator]
    with path.open("wb") as file:
        write_po(file, catalog)


def test_the_check_names_a_missing_text(locale_copy: Path) -> None:
    _edit(locale_copy, "da", lambda catalog: catalog.delete("Participants"))
    found = catalogs.problems("da", locale_copy)
    assert any("'Participants': missing" in line for line in found)


def test_the_check_names_an_empty_or_english_translation(locale_copy: Path) -> None:
    def change(catalog: object) -> None:
        catalog["Participants"].string = ""  # type: ignore[index]

    _edit(locale_copy, "nb", change)
    assert any(
        "'Participants': not translated" in line for line in catalogs.problems("nb", locale_copy)
    )

    def english(catalog: object) -> None:
        catalog["Participants"].string = "Participants"  # type: ignore[index]

    _edit(locale_copy, "nl", english)
    assert any(
        "'Participants': left in English" in line for line in catalogs.problems("nl", locale_copy)
    )


def test_the_check_names_a_stale_compiled_catalog(locale_copy: Path) -> None:
    def change(catalog: object) -> None:
        catalog["Participants"].string = "Deltakere i sirkelen"  # type: ignore[index]

    _edit(locale_copy, "nb", change)
    assert any("out of date" in line for line in catalogs.problems("nb", locale_copy))


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        ("da", "1 dag", "3 dage"),
        ("nb", "1 dag", "3 dager"),
        ("nl", "1 dag", "3 dagen"),
    ],
)
def test_plural_forms_follow_the_language(language: str, one: str, many: str) -> None:
    set_language(language)
    assert ngettext("{n} day", "{n} days", 1).format(n=1) == one
    assert ngettext("{n} day", "{n} days", 3).format(n=3) == many
    assert i18n.language() == language
