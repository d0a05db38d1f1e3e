"""The organisation letter: what groups asked of the organisation, and its answers.

The take-aways a group named for the organisation are collected, across
sessions and groups, into a letter with no names. Each has a short id so
that an answer can be recorded against it (`circle-tui letter answer ID`);
the group's next check-in shows the answer beside the take-away.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field

from circle_tui.core.events import LATEST


def letter_id(session_id: str, text: str) -> str:
    """A take-away's id in the letter: stable, short, the same on every machine."""
    return hashlib.sha256(f"{session_id}\n{text}".encode()).hexdigest()[:6]


class Answer(BaseModel):
    """The organisation's answer to one take-away, as the facilitator recorded it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9a-f]{6}$")
    group: str = Field(max_length=80)
    takeaway: str = Field(min_length=1, max_length=2000)
    asked_at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)
    answer: str = Field(min_length=1, max_length=2000)
    answered_at: float = Field(ge=0, lt=LATEST, allow_inf_nan=False)


class LetterItem(BaseModel):
    """One take-away for the organisation in the letter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    group: str
    text: str
    asked_at: float
    answer: Answer | None = None


def unanswered_first(items: list[LetterItem]) -> list[LetterItem]:
    """The letter's order: the open questions first, each part oldest first."""
    return sorted(items, key=lambda item: (item.answer is not None, item.asked_at, item.id))
