"""The start screen: inline validation, then a choice the console starts from."""

from __future__ import annotations

from textual.widgets import Button

from circle_tui.ui.start import StartApp
from tests.ui.test_console import screen_text


async def test_start_screen_validates_as_you_type_and_returns_the_choice() -> None:
    app = StartApp()
    async with app.run_test(size=(100, 40)) as pilot:
        text = screen_text(app)
        assert "Reflection circle" in text
        assert "Contract → Check-in" in text
        await pilot.press(*"Ane, Bo, ane")
        assert "given twice: ane" in screen_text(app)
        assert app.query_one("#begin", Button).disabled
        await pilot.press("backspace", "backspace", "backspace", *"Cai")
        assert "3 people, in seating order" in screen_text(app)
        assert not app.query_one("#begin", Button).disabled
        await pilot.press("enter")
    choice = app.return_value
    assert choice is not None
    assert [p.name for p in choice.participants] == ["Ane", "Bo", "Cai"]
    assert choice.format.id == "reflection-circle" and choice.language == "en"
