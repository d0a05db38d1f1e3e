"""A persona rehearsal's moments on the console, and the reminder on the wall (`r`).

In a rehearsal with personas (`core/personas.py`) the console says, as it
happens, what a persona does and which keys answer it. `r` puts the rule the
moment calls for on the wall (the format's reminder, else plain words); it
works in every session, and `r` again takes it down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from circle_tui.app.actions import CONSOLE_ACTIONS
from circle_tui.core.commands import SayOnWall
from circle_tui.core.formats import MomentKind
from circle_tui.core.i18n import _
from circle_tui.ui.actions import current_keymap, effective_keys
from circle_tui.ui.screens.console_people import ConsolePeople
from circle_tui.ui.widgets.steady import Steady

if TYPE_CHECKING:
    from circle_tui.core.personas import Moment

# `core/personas.py` loads when it is needed: in a rehearsal with personas, or at the
# first `r`; a circle's start does without it (issue 23: rehearsal on demand).

SHOWN = 3
"""At most this many moments on the console at once, the newest first (a line each)."""


class ConsoleMoments(ConsolePeople):
    """The moment line and the reminder key, for the console screen."""

    def refresh_moment_line(self) -> None:
        """Say the newest moment that waits for the trainee, with the keys that answer it."""
        if not self.live.plan.cast:
            return
        from circle_tui.core.personas import described, open_moments

        waiting = open_moments(self.live.state, self.live.clock.now())
        line = self.query_one("#moment", Steady)
        line.display = bool(waiting)
        if waiting:
            shown = [f"⚑ {described(m)}  {self._answers(m)}" for m in waiting[:SHOWN]]
            if len(waiting) > SHOWN:
                # Translators: under a rehearsal's moments: how many others wait too
                shown.append("  " + _("(+{n} more)").format(n=len(waiting) - SHOWN))
            line.say("\n".join(shown))

    def _reminders(self) -> set[str]:
        """Every text `r` could have put on the wall in this session."""
        from circle_tui.core.personas import REMINDED, reminder_text

        state = self.live.state
        return {reminder_text(state, kind) for kind in REMINDED} - {""}

    def _answers(self, moment: Moment) -> str:
        keys = effective_keys(CONSOLE_ACTIONS, current_keymap(self.app))
        match moment.kind:
            case MomentKind.OVERTIME:
                # Translators: keys that answer a rehearsal's moment; {next}, {remind} are keys
                said = _("{next}: next speaker · {remind}: remind of the rule")
            case MomentKind.ADVICE:
                said = _("{remind}: the rule · {less}: less time · {next}: next speaker")
            case MomentKind.DEFENDING:
                said = _("{remind}: remind of the rule")
            case MomentKind.TAKES_WORD:
                said = _("{choose} or {least}: someone else · {remind}: the rule")
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
        """r: the rule the moment (or the circle) calls for on the wall; again: taken down."""
        from circle_tui.core.personas import reminder_for_now

        state, now = self.live.state, self.live.clock.now()
        text = reminder_for_now(state, now)
        shown = state.wall.message
        if shown and (shown == text or shown in self._reminders()):
            await self.run_command(SayOnWall("", None))  # r again: taken down
            return
        if text is None:
            # Translators: m is the key that puts a message on the wall
            self._say(_("No rule to remind of just now; m puts your own words on the wall."))
            return
        await self.run_command(SayOnWall(text, None))
