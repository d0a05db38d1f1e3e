"""Every console action, defined once: its id, default key, label and help.

Key bindings, the command palette and the help screen (in `ui/actions.py`)
derive from this table, so a key, its label and its explanation never
disagree; the settings file's keymap is checked against it before anything
starts. No Textual here: `sessions purge` reads the settings without it.

The table is built at import, before a language is chosen: its texts are
marked with `N_` and said in the current language where they are shown
(`Action.label`, `Action.help`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from circle_tui.core.decide import ADJUST_STEP
from circle_tui.core.i18n import N_, _, ngettext

CURTAIN_KEY = "ctrl+o"
"""The privacy curtain's key that works in every state, also while a note is typed
(`h` does it when no field takes the letter)."""

Words = str | Callable[[], str]
"""A text marked with `N_`, or a function that says it in the current language
(for a text with a number in it)."""


def _say(words: Words) -> str:
    """`words` in the current language."""
    return words() if callable(words) else _(words)


@dataclass(frozen=True)
class Action:
    """One thing the facilitator can do."""

    id: str
    """Stable id, used to remap the key."""
    key: str
    """Default key (Textual key name)."""
    action: str
    """Textual action string."""
    label_words: Words
    """Short label for the footer (shown as `label`)."""
    help_words: Words
    """One line for the help screen and the palette (shown as `help`)."""
    key_display: str | None = None
    show: bool = True
    priority: bool = False

    @property
    def label(self) -> str:
        """The footer label, in the current language."""
        return _say(self.label_words)

    @property
    def help(self) -> str:
        """The help line, in the current language."""
        return _say(self.help_words)


CONSOLE_ACTIONS: tuple[Action, ...] = (
    Action(
        "give-word",
        "space",
        "give_word",
        # Translators: footer label; gives the word to the next speaker
        N_("Next speaker"),
        N_("Start the round, or give the word to the next speaker"),
        key_display="space",
    ),
    Action(
        "choose-speaker",
        "c",
        "choose_speaker",
        # Translators: footer label; the facilitator chooses who speaks
        N_("Choose"),
        N_("Choose who speaks: next in a round, now in open dialogue (a number or a name)"),
        show=False,
    ),
    Action(
        "least-heard",
        "l",
        "least_heard",
        # Translators: footer label; proposes whoever has spoken least (a progressive stack)
        N_("Least heard"),
        N_("Propose whoever has spoken least so far as the next speaker"),
        show=False,
    ),
    Action(
        "position",
        "o",
        "position",
        # Translators: footer label; names a position in a disagreement and who holds it
        N_("Position"),
        N_("Name a position in the disagreement and who holds it; each has equal time"),
        show=False,
    ),
    Action(
        "someone-joins",
        "j",
        "someone_joins",
        # Translators: footer label; a latecomer joins the circle
        N_("Joins"),
        N_("Someone joins the circle late: they take the next seat and the word in this round"),
        show=False,
    ),
    Action(
        "absent",
        "A",
        "absent",
        # Translators: footer label; marks someone absent, or back again
        N_("Absent"),
        N_("Mark someone absent (skipped, not counted as silent), or back again"),
        key_display="shift+a",
        show=False,
    ),
    Action(
        "leaves",
        "L",
        "leaves",
        # Translators: footer label; someone leaves the circle before the close
        N_("Leaves"),
        N_("Someone leaves the circle before the close"),
        key_display="shift+l",
        show=False,
    ),
    # Translators: footer label; pauses or resumes the clocks
    Action("pause", "p", "toggle_pause", N_("Pause"), N_("Pause or resume the timer")),
    Action(
        "more-time",
        "plus",
        f"adjust({ADJUST_STEP})",
        # Translators: footer label: more time for the speaker ("s" for seconds)
        lambda: _("+{seconds}s").format(seconds=ADJUST_STEP),
        lambda: ngettext(
            "Add {n} second to the current turn",
            "Add {n} seconds to the current turn",
            ADJUST_STEP,
        ).format(n=ADJUST_STEP),
        key_display="+",
        show=False,
    ),
    Action(
        "less-time",
        "minus",
        f"adjust(-{ADJUST_STEP})",
        # Translators: footer label: less time for the speaker ("s" for seconds)
        lambda: _("-{seconds}s").format(seconds=ADJUST_STEP),
        lambda: ngettext(
            "Take {n} second from the current turn",
            "Take {n} seconds from the current turn",
            ADJUST_STEP,
        ).format(n=ADJUST_STEP),
        key_display="-",
        show=False,
    ),
    Action(
        "pass",
        "x",
        "pass_turn",
        # Translators: footer label; the speaker passes their turn
        N_("Pass"),
        N_("The speaker passes and is offered the word again at the end of the round"),
    ),
    Action(
        "back",
        "b",
        "back_speaker",
        # Translators: footer label; the word goes back to the previous speaker
        N_("Back"),
        N_("Give the word back to the previous speaker"),
        show=False,
    ),
    Action(
        "next-phase",
        "n",
        "next_phase",
        # Translators: footer label; moves on to the next phase of the circle
        N_("Next phase"),
        N_("Move on to the next phase (asks first when people have not spoken)"),
    ),
    Action(
        "reopen-phase",
        "N",
        "reopen_phase",
        # Translators: label; goes back to the previous phase
        N_("Reopen"),
        N_("Go back to the previous phase"),
        key_display="shift+n",
        show=False,
    ),
    Action(
        "shared-item",
        "a",
        "shared_item",
        # Translators: footer label; records an item the group shares
        N_("Shared"),
        N_("Record a shared item: focus, disagreement, learning, take-away or agreement"),
    ),
    Action(
        "items",
        "w",
        "items",
        # Translators: footer label; withdraws or corrects a shared item
        N_("Take back"),
        N_("Withdraw or correct a shared item (until the circle closes)"),
        show=False,
    ),
    Action(
        "swap-question",
        "s",
        "swap_question",
        # Translators: footer label; asks another question of the phase's pool
        N_("Question"),
        N_("Another question from this phase's pool (the one the group has had least)"),
        show=False,
    ),
    Action(
        "follow-up",
        "f",
        "follow_up",
        # Translators: footer label; reviews the agreements of the group's last session
        N_("Last time"),
        N_("Review last time's agreements: mark each done, ongoing or dropped"),
        show=False,
    ),
    Action(
        "wall-message",
        "m",
        "wall_message",
        # Translators: footer label; puts a message on the wall (the projector display)
        N_("Wall message"),
        N_("Put a message on the wall, large (Break until 10:30); empty takes it down"),
        show=False,
    ),
    Action(
        "remind",
        "r",
        "remind",
        # Translators: footer label; puts a reminder of a ground rule on the wall
        N_("Remind"),
        N_("Remind the room of the rule on the wall (the moment's rule in a rehearsal)"),
        show=False,
    ),
    Action(
        "blank-wall",
        "ctrl+b",
        "blank_wall",
        # Translators: label; the wall goes dark while the circle goes on
        N_("Blank the wall"),
        N_("Blank the wall (dark but for a small mark) or show it again; the circle goes on"),
        show=False,
    ),
    Action(
        "notes",
        "tab",
        "toggle_notes",
        # Translators: footer label; the facilitator's private notes
        N_("Notes"),
        N_("Into and out of the private notes"),
        priority=True,
    ),
    Action(
        "curtain",
        "h",
        "curtain",
        # Translators: footer label; hides the private notes
        N_("Hide notes"),
        N_("Hide or show the private notes at once (privacy curtain)"),
        show=False,
    ),
    # Translators: footer label; shows the keys
    Action("help", "question_mark", "help", N_("Help"), N_("Show the keys"), key_display="?"),
    Action(
        "save-again",
        "ctrl+s",
        "save_again",
        # Translators: footer label; tries again to save after a disk error
        N_("Save again"),
        N_("After a disk error: try again to save what is kept in memory"),
    ),
)

APP_ACTIONS: tuple[Action, ...] = (
    # On every screen: in a dialog over the console (the contract, the help, the
    # palette, a withdrawal) the notes beside it must hide as well.
    Action(
        "curtain-now",
        CURTAIN_KEY,
        "curtain",
        # Translators: label; hides the private notes, also while a note is being typed
        N_("Hide notes now"),
        N_("Hide or show the private notes at once, also while typing a note"),
        show=False,
        priority=True,
    ),
    Action(
        "quit",
        "ctrl+q",
        "quit",
        # Translators: footer label; ends the program
        N_("Quit"),
        N_("Quit (the session is already saved)"),
        priority=True,
        show=False,
    ),
)
"""Actions that work on every screen, dialogs included."""


def default_keys(actions: tuple[Action, ...]) -> dict[str, str]:
    """Action id -> default key, for checking a keymap."""
    return {a.id: a.key for a in actions}
