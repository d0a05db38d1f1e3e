"""Due dates as people write them: `by friday`, `på fredag`, `voor vrijdag`, `næste uge`,
`senest næste torsdag` (the Thursday of next week).

An agreement's due date may be an ISO date (`by 2026-12-04`) or words in
English or the session's language: a weekday (the next one after today),
tomorrow, or next week (its Friday). They become a date counted from the
day the agreement is recorded, and the text keeps the rest. A `by` followed
by words that are not a date is left in the text, and `unread_due` names it
so the console can say what it expects instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class DueWords:
    """How one language writes a due date."""

    by: tuple[str, ...]
    """Words before a date: by, before, on."""
    weekdays: tuple[str, ...]
    """Monday to Sunday."""
    tomorrow: tuple[str, ...]
    next_week: tuple[str, ...]


WORDS: dict[str, DueWords] = {
    "en": DueWords(
        ("by", "before", "on"),
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ("tomorrow",),
        ("next week",),
    ),
    "da": DueWords(
        ("senest", "inden", "på", "til"),
        ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
        ("i morgen",),
        ("næste uge",),
    ),
    "nb": DueWords(
        ("innen", "senest", "på", "til"),
        ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"),
        ("i morgen",),
        ("neste uke",),
    ),
    "nl": DueWords(
        ("uiterlijk", "voor", "op", "vóór"),
        ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
        ("morgen",),
        ("volgende week",),
    ),
}
"""Due-date words per language (English is always understood as well)."""

_ISO = r"\d{4}-\d{2}-\d{2}"


def _words(language: str, extra_by: tuple[str, ...] = ()) -> list[DueWords]:
    chosen = [WORDS["en"]]
    if language in WORDS and language != "en":
        chosen.append(WORDS[language])
    if extra_by:
        chosen.append(DueWords(extra_by, (), (), ()))
    return chosen


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def find_due(
    text: str, today: date | None, language: str = "en", extra_by: tuple[str, ...] = ()
) -> tuple[str, str] | None:
    """(the due date as ISO, the text without it), or None when the text names no date.

    Without `today`, only ISO dates are understood.
    """
    chosen = _words(language, extra_by)
    by = _alternatives([w for d in chosen for w in d.by])
    iso = re.search(rf"(?:^|\s)(?:(?:{by})\s+)?({_ISO})\b", text, re.IGNORECASE)
    if iso:
        return iso.group(1), _cut(text, iso)
    if today is None:
        return None
    days = {w: index for d in chosen for index, w in enumerate(d.weekdays)}
    # "next thursday", "næste torsdag": the weekday of next week (the word of "next week")
    next_days = {
        f"{d.next_week[0].split()[0]} {w}": index
        for d in chosen
        if d.next_week
        for index, w in enumerate(d.weekdays)
    }
    relative = [w for d in chosen for w in (*d.tomorrow, *d.next_week)] + [*next_days]
    phrase = _alternatives([*days, *relative])
    found = re.search(rf"(?:^|\s)(?:(?:{by})\s+)?({phrase})\s*$", text, re.IGNORECASE)
    if not found or (found.group(1).casefold() in days and not _has_by(found, by)):
        return None  # a bare weekday is text ("friday meetings"); "by friday" is a date
    word = " ".join(found.group(1).casefold().split())
    if word in next_days:
        due = today + timedelta(days=7 - today.weekday() + next_days[word])
    elif word in days:
        ahead = (days[word] - today.weekday() - 1) % 7 + 1  # the next one, never today
        due = today + timedelta(days=ahead)
    elif any(word == w.casefold() for d in chosen for w in d.tomorrow):
        due = today + timedelta(days=1)
    else:  # next week: its Friday
        due = today + timedelta(days=7 - today.weekday() + 4)
    return due.isoformat(), _cut(text, found)


def _has_by(found: re.Match[str], by: str) -> bool:
    return re.match(rf"\s*(?:{by})\s", found.group(0), re.IGNORECASE) is not None


def _cut(text: str, found: re.Match[str]) -> str:
    return (text[: found.start()] + text[found.end() :]).strip()


def unread_due(text: str, language: str = "en", extra_by: tuple[str, ...] = ()) -> str | None:
    """A `by …` at the end of an agreement that was not read as a date (to say so), or None."""
    by = _alternatives([w for d in _words(language, extra_by) for w in d.by[:1]])
    found = re.search(rf"(?:^|\s)((?:{by})\s+\S.{{0,40}})$", text, re.IGNORECASE)
    return found.group(1) if found else None
