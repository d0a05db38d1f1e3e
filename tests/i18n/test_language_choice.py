"""Which language the app speaks: --lang, settings file, environment, English."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Select

from circle_tui.cli import main
from circle_tui.core import i18n
from circle_tui.core.i18n import LANGUAGES, _
from circle_tui.languages import (
    choose,
    decimal,
    format_date,
    format_time,
    from_environment,
    percent,
    set_language,
)
from circle_tui.ui.console import ConsoleApp
from circle_tui.ui.start import StartApp
from tests.ui.test_console import screen_text


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "no_NO"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "de_DE.UTF-8"}, None),
        ({"LANGUAGE": "fr:nl", "LANG": "da_DK.UTF-8"}, "nl"),
        ({"LC_ALL": "nl_NL.UTF-8", "LANG": "da_DK.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "POSIX", "LANG": "da_DK.UTF-8"}, None),
        ({}, None),
    ],
)
def test_the_environment_names_the_language_as_gettext_reads_it(
    env: dict[str, str], expected: str | None
) -> None:
    assert from_environment(env) == expected


def test_the_flag_beats_the_settings_file_beats_the_environment() -> None:
    env = {"LANG": "nl_NL.UTF-8"}
    assert choose("da", "nb", env) == "da"
    assert choose(None, "nb", env) == "nb"
    assert choose(None, None, env) == "nl"
    assert choose(None, None, {"LANG": "de_DE"}) == "en"


def test_dates_and_times_are_written_as_each_language_writes_them() -> None:
    moment = datetime(2026, 11, 30, 14, 5, 9)
    assert format_date(moment.date(), "long", "da") == "30. november 2026"
    medium = {"en": "30 Nov 2026", "da": "30. nov. 2026", "nb": "30. nov. 2026"}
    medium["nl"] = "30 nov 2026"
    for language, written in medium.items():
        assert format_date(moment.date(), "medium", language) == written
    assert format_time(moment, seconds=True, language="da") == "14.05.09"


def test_figures_are_written_as_each_language_writes_them() -> None:
    assert (percent(0.513, "en"), decimal(0.04, 2, "en")) == ("51%", "0.04")
    assert (percent(0.513, "da"), decimal(0.04, 2, "da")) == ("51\u00a0%", "0,04")
    assert (percent(0.513, "nl"), decimal(0.04, 2, "nl")) == ("51%", "0,04")


def run_session(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, str]:
    """`circle-tui run ...` with the console replaced by a look at what it would show."""
    seen: dict[str, str] = {}

    def fake_console(console: ConsoleApp) -> None:
        seen["speaks"] = i18n.language()
        seen["session"] = console.live.plan.language
        seen["check-in"] = console.live.plan.format.phases[1].title
        seen["word"] = _("Participants")

    monkeypatch.setattr(ConsoleApp, "run", fake_console)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    base = ["run", "--format", "reflection-circle", "--participants", "Ane,Bo,Cai,Dag"]
    assert main([*base, *args]) == 0
    return seen


def test_lang_starts_a_session_in_that_language(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = run_session(monkeypatch, "--lang", "da")
    assert (seen["speaks"], seen["session"], seen["check-in"]) == ("da", "da", "Indtjekning")
    assert seen["word"] != "Participants"  # the console's own words are Danish too


def test_the_settings_file_then_the_environment_choose(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    assert run_session(monkeypatch)["session"] == "nl"
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "nb"\nretention_days = 90\n')
    monkeypatch.setenv("CIRCLE_TUI_CONFIG", str(settings))
    seen = run_session(monkeypatch)
    assert (seen["session"], seen["check-in"]) == ("nb", "Innsjekk")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    settings.write_text("retention_days = 90\n")
    assert run_session(monkeypatch)["session"] == "en"


def test_a_format_written_in_one_language_keeps_the_room_in_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    danish = tmp_path / "dansk.toml"
    danish.write_text(
        'id = "dansk"\nname = "Kort runde"\nlanguage = "da"\n'
        '[[phases]]\nkind = "round"\ntitle = "Runde"\nprompt = "Hvad tager du med?"\n'
        "turn_seconds = 60\n"
        '[[phases]]\nkind = "closing"\ntitle = "Afrunding"\nturn_seconds = 30\n'
    )
    seen: dict[str, str] = {}

    def fake_console(console: ConsoleApp) -> None:
        seen["session"] = console.live.plan.language

    monkeypatch.setattr(ConsoleApp, "run", fake_console)
    monkeypatch.setattr("circle_tui.cli.common.has_terminal", lambda: True)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert main(["run", "--format", str(danish), "--participants", "Ane,Bo"]) == 0
    assert seen["session"] == "da"


def test_the_command_line_help_speaks_the_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(SystemExit):
        main(["run", "--lang", "nl", "--help"])
    assert "taal van de sessie" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "een sessie starten" in capsys.readouterr().out


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consoles_own_patterns_agree_with_babel(language: str) -> None:
    """The console and the closing summary write times and figures without loading
    CLDR (5 MB); they say the same as Babel."""
    from babel.dates import format_time as babel_time
    from babel.numbers import format_decimal, format_percent

    locale = {"en": "en_GB", "da": "da_DK", "nb": "nb_NO", "nl": "nl_NL"}[language]
    for moment in (datetime(2026, 11, 30, 9, 5, 7), datetime(2026, 11, 30, 23, 59, 59)):
        assert format_time(moment, language=language) == babel_time(moment, "short", locale=locale)
        assert format_time(moment, True, language) == babel_time(moment, "medium", locale=locale)
    for share in (0.0, 0.004, 0.125, 0.5, 0.513, 0.995, 1.0):
        assert percent(share, language) == format_percent(share, locale=locale)
        assert decimal(share, 2, language) == format_decimal(share, "0.00", locale=locale)


DANISH_ONLY = (
    'id = "dansk"\nname = "Kort runde"\nlanguage = "da"\n'
    '[[phases]]\nkind = "round"\ntitle = "Runde"\nprompt = "Hvad tager du med?"\n'
    "turn_seconds = 60\n"
    '[[phases]]\nkind = "closing"\ntitle = "Afrunding"\nturn_seconds = 30\n'
)


async def test_the_start_screen_suggests_the_language_a_format_speaks(tmp_path: Path) -> None:
    formats = Path(os.environ["CIRCLE_TUI_FORMATS"])
    formats.mkdir(parents=True)
    (formats / "dansk.toml").write_text(DANISH_ONLY)
    app = StartApp()
    async with app.run_test(size=(100, 40)) as pilot:
        language = app.query_one("#language", Select)
        assert language.value == "en"
        app.query_one("#format", Select).value = "dansk"
        await pilot.pause()
        assert language.value == "da"  # the room would read Danish phases anyway
        assert "Runde → Afrunding" in screen_text(app)
        app.query_one("#format", Select).value = "reflection-circle"
        await pilot.pause()
        assert language.value == "en"  # only a suggestion, while nobody picked one
        language.value = "nl"
        await pilot.pause()
        app.query_one("#format", Select).value = "dansk"
        await pilot.pause()
        assert language.value == "nl"  # a language picked by hand stays
        app.query_one("#format", Select).value = "reflection-circle"
        await pilot.pause()
        assert "Reflectieronde" in screen_text(app)  # the plan shows the chosen language


def test_usage_errors_speak_the_language_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    with pytest.raises(SystemExit) as exit_:
        main(["run"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("brug: circle-tui run")
    assert "circle-tui run: fejl: disse argumenter mangler: --format" in error


async def test_the_start_screen_starts_in_the_apps_language() -> None:
    set_language("da")  # as LANG=da_DK.UTF-8 would
    app = StartApp()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert app.query_one("#language", Select).value == "da"
        text = screen_text(app)
        assert "Start en cirkel" in text and "Kontrakt → Indtjekning" in text
