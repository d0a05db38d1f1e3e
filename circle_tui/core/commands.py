"""What a facilitator can ask of a session: commands, and refusals with a reason.

`decide` (in `decide.py`) turns a command into events or a `Refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass

from circle_tui.core.events import (
    EarlierNotes,
    Event,
    FollowUpStatus,
    ItemKind,
    ItemRecorded,
    Presence,
    TakeawayLevel,
)
from circle_tui.core.i18n import _

ADJUST_STEP = 30
"""Seconds added or taken by `+` and `-`."""


@dataclass(frozen=True)
class Begin:
    """Open the session at its first phase.

    A format without a contract asks the group about notes before its first
    phase: `notes_allowed` is the answer, recorded before the phase starts
    (None: not asked, or "ask later").
    """

    notes_allowed: bool | None = None


@dataclass(frozen=True)
class GiveWord:
    """Give the word to the next speaker (ending the current turn)."""


@dataclass(frozen=True)
class PassTurn:
    """The speaker passes and is offered the word again at the end of the round."""


@dataclass(frozen=True)
class Back:
    """Give the word back to the previous speaker."""


@dataclass(frozen=True)
class TogglePause:
    """Stop or restart the clocks."""


@dataclass(frozen=True)
class AdjustTime:
    """Add (or take) seconds from the current turn, or from the phase."""

    seconds: int


@dataclass(frozen=True)
class NextPhase:
    """Move on to the next phase, or close the session after the last one."""

    confirmed: bool = False
    """The facilitator confirmed moving on although people have not spoken."""


@dataclass(frozen=True)
class ReopenPhase:
    """Go back to the phase before the current one (advanced by mistake)."""


@dataclass(frozen=True)
class AgreeContract:
    """Record that the group agreed on the contract."""

    focus: str
    ground_rules: tuple[str, ...]
    notes_allowed: bool = True


@dataclass(frozen=True)
class DecideNotes:
    """Record whether the group allows private notes (outside the contract, or taken back).

    `earlier` says what was done with the notes taken before consent was
    taken back (erased, or kept on purpose).
    """

    allowed: bool
    earlier: EarlierNotes | None = None


@dataclass(frozen=True)
class RecordItem:
    """Record a shared item said in the room."""

    kind: ItemKind
    text: str
    owner: str | None = None
    due: str | None = None
    level: TakeawayLevel | None = None


@dataclass(frozen=True)
class SwapQuestion:
    """Another question of the current phase's pool: the next one the group has not had."""


@dataclass(frozen=True)
class WithdrawItem:
    """Take back a shared item typed by mistake."""

    item: int


@dataclass(frozen=True)
class CorrectItem:
    """Put a corrected text in place of a shared item (one step: withdrawn, recorded anew).

    The corrected item keeps the phase it was first recorded in.
    """

    item: int
    new: RecordItem


@dataclass(frozen=True)
class ReadBack:
    """Show (or stop showing) what will leave the room, before the circle closes."""

    shown: bool = True


@dataclass(frozen=True)
class MarkFollowUp:
    """Mark an agreement from the last session as done, ongoing or dropped."""

    item: int
    status: FollowUpStatus


@dataclass(frozen=True)
class SayOnWall:
    """Put a line on the wall for the room (an empty one takes it down)."""

    text: str
    until: float | None = None
    """When the time the line names is up (epoch seconds), if it names one."""


@dataclass(frozen=True)
class BlankWall:
    """Blank the wall, or show it again (the circle goes on either way)."""


@dataclass(frozen=True)
class ChooseSpeaker:
    """The facilitator picks who speaks (by number or first letters on the console).

    In a round: who gets the word next (at once, when nobody has it). In an
    open phase: who speaks now, so their speaking time is measured until the
    next one; `None` there means nobody (a silence), and in a round takes the
    choice back.
    """

    speaker: int | None


@dataclass(frozen=True)
class NamePosition:
    """A position in a disagreement by positions, and who holds it (added to those who do).

    A name the step has already (in any case) is that position again.
    """

    name: str
    holders: tuple[int, ...] = ()


@dataclass(frozen=True)
class JoinCircle:
    """Someone arrives after the start: `name`, with a role or none."""

    name: str
    role: str = "participant"


@dataclass(frozen=True)
class MarkPresence:
    """Someone is absent (skipped, not counted as silent), back, or has left."""

    person: int
    presence: Presence


@dataclass(frozen=True)
class Timeout:
    """Hard timing: the running time box has run out."""


@dataclass(frozen=True)
class ResumeAfterBreak:
    """The app comes back after a crash or a quit: stop the clocks where they stood.

    The running turn is paused at the last recorded moment (the last event,
    or the app's last heartbeat if later), so the time the app was down is
    not charged to the speaker.
    """

    alive_at: float | None = None


@dataclass(frozen=True)
class Recover:
    """Go on with a session that stopped between two events of one step.

    Older versions committed a step's events one by one; a kill between
    `phase_ended` and the next `phase_started` left a session in no phase.
    It goes on in the phase it was entering (the facilitator can reopen the
    one before), or closes after the last.
    """


Command = (
    Begin
    | Recover
    | GiveWord
    | PassTurn
    | Back
    | TogglePause
    | AdjustTime
    | NextPhase
    | ReopenPhase
    | AgreeContract
    | DecideNotes
    | RecordItem
    | WithdrawItem
    | SwapQuestion
    | CorrectItem
    | ReadBack
    | MarkFollowUp
    | SayOnWall
    | BlankWall
    | ChooseSpeaker
    | NamePosition
    | JoinCircle
    | MarkPresence
    | Timeout
    | ResumeAfterBreak
)


@dataclass(frozen=True)
class Refusal:
    """Why a command cannot be carried out now."""

    reason: str
    needs_confirm: bool = False
    """The command would go through if the facilitator confirms it."""


Decision = list[Event] | Refusal


def recorded(command: RecordItem, phase: int, now: float) -> Decision:
    """The event that records a shared item in `phase`, or why it is not recorded."""
    text = command.text.strip()
    if not text:
        return Refusal(_("An empty item is not recorded."))
    return [
        ItemRecorded(
            at=now,
            kind=command.kind,
            text=text,
            phase=phase,
            owner=command.owner,
            due=command.due,
            level=command.level,
        )
    ]
