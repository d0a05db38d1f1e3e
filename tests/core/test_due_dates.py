"""Due dates as people write them become dates, counted from the day they are agreed."""

from __future__ import annotations

from datetime import date

import pytest

from circle_tui.core.due_dates import find_due, unread_due

WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("language", "text", "due", "rest"),
    [
        ("en", "call IT by friday", "2026-12-04", "call IT"),
        ("en", "call IT by Wednesday", "2026-12-09", "call IT"),  # the next one, not today
        ("en", "send it tomorrow", "2026-12-03", "send it"),
        ("en", "plan the day next week", "2026-12-11", "plan the day"),
        ("en", "share it by 2026-12-01", "2026-12-01", "share it"),
        ("da", "ring til IT på fredag", "2026-12-04", "ring til IT"),
        ("da", "lav planen næste uge", "2026-12-11", "lav planen"),
        ("da", "send listen senest mandag", "2026-12-07", "send listen"),
        ("nb", "ring IT innen fredag", "2026-12-04", "ring IT"),
        ("nb", "lag planen neste uke", "2026-12-11", "lag planen"),
        ("nl", "bel IT voor vrijdag", "2026-12-04", "bel IT"),
        ("nl", "maak het plan volgende week", "2026-12-11", "maak het plan"),
        ("da", "send it by friday", "2026-12-04", "send it"),  # English is always understood
        ("da", "ring Bo senest næste torsdag", "2026-12-10", "ring Bo"),  # next week's Thursday
        ("en", "call IT by next friday", "2026-12-11", "call IT"),
        ("nl", "bel IT uiterlijk volgende maandag", "2026-12-07", "bel IT"),
    ],
)
def test_words_become_dates(language: str, text: str, due: str, rest: str) -> None:
    assert find_due(text, WEDNESDAY, language) == (due, rest)


@pytest.mark.parametrize("text", ["friday meetings move", "talk about tomorrow's plan first"])
def test_words_that_are_not_a_due_date_stay_text(text: str) -> None:
    assert find_due(text, WEDNESDAY, "en") is None


def test_a_by_the_app_cannot_read_is_named() -> None:
    assert find_due("ask HR by end of sprint", WEDNESDAY, "en") is None
    assert unread_due("ask HR by end of sprint") == "by end of sprint"
    assert unread_due("ask HR") is None
