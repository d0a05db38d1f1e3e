"""The console's keys for who speaks and who is here, through the speaker field.

`c` chooses who speaks, `l` proposes whoever has spoken least, `j` lets a
latecomer in, `A` marks someone absent (or back), `L` someone who leaves,
`o` names a position in a disagreement and who holds it. What is typed is
checked before the field closes: a refusal ("Ane has the word already", a
name that fits nobody) keeps the field open with the text as typed, to be
corrected, not typed again.
"""

from __future__ import annotations

from circle_tui.core.commands import (
    ChooseSpeaker,
    Command,
    JoinCircle,
    MarkPresence,
    NamePosition,
    Refusal,
)
from circle_tui.core.decide import quietest
from circle_tui.core.events import Presence
from circle_tui.core.i18n import _
from circle_tui.core.items import names_in
from circle_tui.core.seating import find_person
from circle_tui.ui.screens.console_fields import ConsoleFields
from circle_tui.ui.widgets.speaker_field import Purpose, SpeakerField


class ConsolePeople(ConsoleFields):
    """Choosing the next speaker, attendance and positions, for the console screen."""

    def _may_choose(self) -> bool:
        """Whether someone can be chosen to speak now; if not, say why."""
        state = self.live.state
        phase = state.current_phase
        if phase is None or state.phase is None:
            self._say(_("The session has not started."), error=True)
            return False
        if not state.plan.speakers_of(state.phase):
            self._say(_("Nobody speaks in “{title}”.").format(title=phase.title), error=True)
            return False
        return True

    def action_choose_speaker(self) -> None:
        """c: choose who speaks (next in a round, now in open dialogue)."""
        if self._may_choose():
            self._close_other_fields()
            self.query_one(SpeakerField).open()

    def action_least_heard(self) -> None:
        """l: propose whoever has spoken least so far; enter accepts."""
        if not self._may_choose():
            return
        person = quietest(self.live.state, self.live.clock.now())
        if person is None:
            self._say(_("There is nobody else to propose."), error=True)
            return
        self._close_other_fields()
        self.query_one(SpeakerField).open(Purpose.SPEAK, self.live.plan.name(person))
        # Translators: the progressive stack's proposal; enter accepts it
        self._say(
            _("Spoken least so far: {name}. Enter gives them the word next.").format(
                name=self.live.plan.name(person)
            )
        )

    def action_someone_joins(self) -> None:
        """j: a latecomer's name; they take the next seat (a rehearsal's latecomer at the
        door is named already)."""
        self._close_other_fields()
        self.query_one(SpeakerField).open(Purpose.JOIN, self._at_the_door() or "")

    def _at_the_door(self, typed: str | None = None) -> str | None:
        """A rehearsal's latecomer who waits at the door (the one `typed` names, if given)."""
        state, now = self.live.state, self.live.clock.now()
        if not state.plan.cast:
            return None
        from circle_tui.core.formats import MomentKind
        from circle_tui.core.personas import open_moments

        waiting = [m.person for m in open_moments(state, now) if m.kind is MomentKind.AT_THE_DOOR]
        if typed is None:
            return waiting[0] if waiting else None
        wanted = " ".join(typed.split()).casefold()
        return next((name for name in waiting if name.casefold() == wanted), None)

    def action_position(self) -> None:
        """o: a position in a disagreement by positions, and who holds it."""
        phase = self.live.state.current_phase
        if phase is None or not phase.by_positions:
            title = phase.title if phase else ""
            self._say(_("“{title}” does not go by positions.").format(title=title), error=True)
            return
        self._close_other_fields()
        self.query_one(SpeakerField).open(Purpose.POSITION)

    def action_absent(self) -> None:
        """A: someone is absent (skipped, not counted as silent), or back again."""
        self._close_other_fields()
        self.query_one(SpeakerField).open(Purpose.ABSENT)

    def action_leaves(self) -> None:
        """L: someone leaves before the close."""
        self._close_other_fields()
        self.query_one(SpeakerField).open(Purpose.LEAVE)

    async def _carry_from_field(self, command: Command) -> None:
        """Close the field and carry `command` out; a refusal keeps the field as typed."""
        decision = self.live.consider(command)
        if isinstance(decision, Refusal):
            self._say(decision.reason, error=True)  # the field stays open to correct
            return
        self.query_one(SpeakerField).close()
        self.named_ok = None
        await self.run_command(command)

    async def _name_position(self, typed: str) -> None:
        """`Keep the rota: Ane, Bo`: the position (new or again), then who holds it.

        A position is a point, not a person: a name in it is asked about once
        (as in a shared item); `enter` again keeps it as it is.
        """
        state = self.live.state
        name, _sep, who = typed.partition(":")
        names = [p.name for p in state.plan.participants]
        present = tuple(p for p in range(len(names)) if p not in state.gone)
        holders = []
        for part in who.split(","):
            if not part.strip():
                continue
            found = find_person(names, part, present)
            if isinstance(found, str):
                self._say(found, error=True)  # the field stays open to type again
                return
            holders.append(found)
        if self.named_ok != typed and (named := names_in(name, names)):
            self.named_ok = typed  # asked once: enter again keeps it
            # Translators: {names} lists participants named in a position's name
            ask = _("The position names {names}: enter again keeps it, or name the point instead.")
            self._say(ask.format(names=", ".join(named)), error=True)
            return
        await self._carry_from_field(NamePosition(name, tuple(holders)))

    async def _choose_from_field(self) -> None:
        field = self.query_one(SpeakerField)
        state = self.live.state
        typed, purpose = field.value, field.purpose
        if purpose is Purpose.POSITION:
            await self._name_position(typed)
            return
        if purpose is Purpose.JOIN:
            name, _sep, role = typed.partition("=")
            name = self._at_the_door(name) or name  # as the rehearsal's cast spells it
            role = role.strip() or state.plan.format.default_role
            await self._carry_from_field(JoinCircle(name, role))
            return
        phase = state.current_phase
        if purpose is Purpose.SPEAK and not typed.strip() and phase and not phase.kind.has_turns:
            await self._carry_from_field(ChooseSpeaker(None))  # open dialogue: a silence
            return
        everyone = range(len(state.plan.participants))
        among: tuple[int, ...] | range = everyone
        if purpose is Purpose.SPEAK:
            among = state.plan.speakers_of(state.phase) if state.phase is not None else ()
            among = tuple(p for p in among if p not in state.gone)
        elif purpose is Purpose.LEAVE:
            among = tuple(p for p in everyone if p not in state.left_at)
        names = [p.name for p in state.plan.participants]
        found = find_person(names, typed, among)
        if isinstance(found, str):
            self._say(found, error=True)  # the field stays open to type again
            return
        command: Command
        if purpose is Purpose.SPEAK:
            command = ChooseSpeaker(found)
        elif purpose is Purpose.LEAVE:
            command = MarkPresence(found, Presence.LEFT)
        else:  # absent, or back again
            back = found in state.gone
            command = MarkPresence(found, Presence.PRESENT if back else Presence.ABSENT)
        await self._carry_from_field(command)
