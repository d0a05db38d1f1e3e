"""What the console keeps in memory while the disk refuses writes (see `LiveSession`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from circle_tui.core.confidential import Confidential
from circle_tui.core.events import Event


@dataclass(frozen=True)
class PendingNote:
    """A note the journal could not take, kept in memory."""

    at: float
    body: Confidential
    phase: int | None
    speaker: int | None


@dataclass
class Unsaved:
    """What the journal could not take since a write failed: kept in memory.

    Once a write has failed, nothing is written until the facilitator asks
    to save again (`LiveSession.save_again`): a failed commit or fsync is
    never retried behind their back.
    """

    reason: str
    since: float
    events: list[Event] = field(default_factory=list)
    notes: list[PendingNote] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.events) + len(self.notes)
