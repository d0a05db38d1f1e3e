"""A persona rehearsal's moments on the console, and the reminder on the wall (`r`).

In a rehearsal with personas (`core/personas.py`) the console says, as it
happens, what a persona does and which keys answer it. `r` puts the rule the
moment calls for on the wall (the format's reminder, else plain words); it
works in every session, and `r` again takes it down.
"""

from __future__ import annotations

from circle_tui.app.actions import CONSOLE_ACTIONS
from circle_tui.core.commands import SayOnWall
from circle_tui.core.formats import MomentKind
from circle_tui.core.i18n import _
from circle_tui.core.personas import Moment, described, open_moments, reminder_text
from circle_tui.ui.actions import current_keymap, effective_keys
from circle_tui.ui.screens.console_people import ConsolePeople
from circle_tui.ui.widgets.steady import Steady

REMINDED = (MomentKind.OVERTIME, MomentKind.TAKES_WORD, MomentKind.ADVICE, MomentKind.DEFENDING)
"""The moments a reminder on the wall answers."""


class ConsoleMoments(ConsolePeople):
    """The moment line and the reminder key, for the console screen."""

    def refresh_moment_line(self) -> None:
        """Say the newest moment that waits for the trainee, with the keys that answer it."""
        if not self.live.plan.cast:
            return
        waiting = open_moments(self.live.state, self.live.clock.now())
        line = self.query_one("#moment", Steady)
        line.display = bool(waiting)
        if waiting:
            more = len(waiting) - 1
            text = f"⚑ {described(waiting[0])}  {self._answers(waiting[0])}"
            if more:
                # Translators: after a rehearsal's moment: how many others wait too
                text += "  " + _("(+{n} more)").format(n=more)
            line.say(text)

    def _answers(self, moment: Moment) -> str:
        keys = effective_keys(CONSOLE_ACTIONS, current_keymap(self.app))
        match moment.kind:
            case MomentKind.OVERTIME:
                # Translators: keys that answer a rehearsal's moment; {next}, {remind} are keys
                said = _("{next}: the word to the next · {remind}: remind the room")
            case MomentKind.ADVICE:
                said = _("{remind}: remind of the rule · {less}: less time · {next}: the next")
            case MomentKind.DEFENDING:
                said = _("{remind}: remind of the rule")
            case MomentKind.TAKES_WORD:
                said = _("{choose} or {least}: the word to someone else · {remind}: the rule")
            case MomentKind.UNHEARD:
                said = _("{least}: invite the quietest · {choose}: choose them")
            case _:
                said = _("{join}: let them in")
        return said.format(
            next=keys["give-word"],
            remind=keys["remind"],
            less=keys["less-time"],
            choose=keys["choose-speaker"],
            least=keys["least-heard"],
            join=keys["someone-joins"],
        )

    async def action_remind(self) -> None:
        """r: the rule the moment calls for on the wall; again: taken down."""
        state, now = self.live.state, self.live.clock.now()
        kinds = [m.kind for m in open_moments(state, now) if m.kind in REMINDED]
        kinds += [r.moment for r in state.plan.format.reminders if r.moment in REMINDED]
        if not kinds:
            # Translators: m is the key that puts a message on the wall
            self._say(_("This format has no reminder; m puts your own words on the wall."))
            return
        text = reminder_text(state, kinds[0])
        if state.wall.message == text:
            await self.run_command(SayOnWall("", None))  # r again: taken down
            return
        await self.run_command(SayOnWall(text, None))
