"""What the group shares, shown the way each phase needs it.

Contract: the focus and the ground rules. Disagreement: the points named and
what the group learned from them, never who said what. Closing: take-aways at
three levels and agreements with owner and due date. Other phases: the most
recent shared items.
"""

from __future__ import annotations

from rich.text import Text

from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.followup import review_phase
from circle_tui.core.formats import PhaseKind
from circle_tui.core.i18n import N_, _
from circle_tui.core.plan import FollowUp
from circle_tui.core.records import SharedItem
from circle_tui.core.state import SessionState
from circle_tui.export.words import LEVELS, follow_up_status
from circle_tui.languages import at
from circle_tui.ui.widgets.steady import Steady

# The prefixes (agree:, disagree:, learned:, I:, we:, org:), @who and "by" before
# a date are what the field understands (core/items.py, in English and in the
# language of the session): the hints show them as they are typed.
ITEM_HINTS: dict[PhaseKind, str] = {
    # Translators: "agree:" is the prefix word as translated for typing (core/items.py)
    PhaseKind.CONTRACT: N_("the focus of today (agree: … records an agreement)"),
    # Translators: "learned:" is the prefix word as translated for typing (core/items.py)
    PhaseKind.DISAGREEMENT: N_("a point we see differently · learned: what it taught us"),
    # Translators: use the prefix words as translated for typing (I, we, org, agree, by);
    # keep "@" and the date as they are
    PhaseKind.CLOSING: N_("I: / we: / org: a take-away · agree: what @who by 2026-12-01"),
}
"""Placeholder of the shared-item field per phase kind (translated where shown)."""
# Translators: use the prefix words as translated for typing (agree, disagree, learned,
# I, we, org)
DEFAULT_HINT = N_("agree: … · disagree: … · learned: … · I:/we:/org: a take-away")

KIND_WORDS = {
    # Translators: kind of shared item
    ItemKind.FOCUS: N_("focus"),
    # Translators: kind of shared item
    ItemKind.AGREEMENT: N_("agreement"),
    # Translators: kind of shared item: a point the group sees differently
    ItemKind.DISAGREEMENT: N_("disagreement"),
    # Translators: kind of shared item: what the group learned from a disagreement
    ItemKind.LEARNING: N_("learning"),
    # Translators: kind of shared item
    ItemKind.TAKEAWAY: N_("takeaway"),
}
"""Each kind of shared item in a word (translated where shown)."""


# Translators: the item field's hint in the last step of a disagreement by positions;
# "disagree:" is the prefix word as translated for typing (core/items.py)
OTHER_SIDE_HINT = N_(
    "another's strongest point, as learning · disagree: a point we see differently"
)


def item_hint(kind: PhaseKind | None, *, other_side: bool = False) -> str:
    """What the shared-item field expects in this phase (or in its last step)."""
    hint = ITEM_HINTS.get(kind, DEFAULT_HINT) if kind is not None else DEFAULT_HINT
    if other_side:
        hint = OTHER_SIDE_HINT
    # Translators: enter and escape are keys
    keys = _("(enter records, escape cancels)")
    return f"{_(hint)}   {keys}"


def shared_text(state: SessionState, *, hints: bool = True) -> Text:
    """The shared pane for the current phase; `hints` name the facilitator's keys."""
    phase = state.current_phase
    kind = phase.kind if phase is not None else None
    if state.read_back and not state.closed:
        return read_back_text(state)
    text = Text()
    reviewing = state.phase == review_phase(state.plan)
    if reviewing and state.plan.org_answers:
        _org_answers(text, state)
    if state.plan.follow_ups and reviewing:
        _follow_ups(text, state, hints)
    elif kind is PhaseKind.REVIEW:
        _heading(text, _("Agreed last time"))
        text.append(_("Nothing to review: the group has not met before, or agreed nothing.") + "\n")
    if kind is PhaseKind.CONTRACT or (state.closed and state.contract is None):
        _contract(text, state, hints)
    elif kind is PhaseKind.DISAGREEMENT:
        _disagreement(text, state, hints)
    elif kind is PhaseKind.CLOSING or state.closed:
        _closing(text, state, hints)
    else:
        _recent(text, state)
    return text


class SharedItems(Steady):
    """What the group shared so far, as the phase needs it (`shared_text`)."""

    def __init__(self, *, hints: bool = True, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.hints = hints
        """Say which keys add to it (the console), or only what was shared (the wall)."""

    def show(self, state: SessionState) -> None:
        self.say(shared_text(state, hints=self.hints))


def _heading(text: Text, title: str) -> None:
    if text:
        text.append("\n")
    text.append(f"{title}\n", style="bold underline")


def follow_up_line(follow_up: FollowUp, status: FollowUpStatus | None) -> Text:
    """One agreement from last time: its status, text, owner and due date."""
    line = Text(f"{follow_up_status(status)}: ", style="bold")
    line.append(follow_up.text)
    _owner_and_due(line, follow_up.owner, follow_up.due)
    return line


def _owner_and_due(text: Text, owner: str | None, due: str | None) -> None:
    """An agreement's owner and due date after its text: ` · @Bo · by 2026-12-01`."""
    if owner:
        text.append(f" · @{owner}", style="bold")
    if due:
        text.append(" · " + _due(due))


def _due(date: str) -> str:
    """When an agreement is due (the date as typed: `2026-12-01`)."""
    # Translators: when an agreement is due; {date} as typed, e.g. 2026-12-01
    return _("by {date}").format(date=date)


def _org_answers(text: Text, state: SessionState) -> None:
    """What the organisation answered to what the group asked of it."""
    # Translators: heading: answers from the organisation to the group's take-aways
    _heading(text, _("The organisation answered"))
    for found in state.plan.org_answers:
        text.append(f" {found.takeaway}\n")
        # Translators: {date} is when the group asked; {answer} is the organisation's answer
        line = _("asked {date} · answer: {answer}")
        text.append(
            "   " + line.format(date=at(found.asked_at, "date"), answer=found.answer) + "\n",
            style="italic",
        )


def _follow_ups(text: Text, state: SessionState, hints: bool) -> None:
    _heading(text, _("Agreed last time"))
    for index, follow_up in enumerate(state.plan.follow_ups):
        text.append(" ")
        text.append(follow_up_line(follow_up, state.follow_up_status.get(index)))
        text.append("\n")
    if hints and len(state.follow_up_status) < len(state.plan.follow_ups):
        # Translators: f is the key that opens last time's agreements
        text.append(" " + _("f: mark each done, ongoing or dropped") + "\n", style="dim")


def _contract(text: Text, state: SessionState, hints: bool) -> None:
    # Translators: heading: what the circle is about today
    _heading(text, _("Focus"))
    if state.contract is None:  # a proposal (the format's, or last time's) until agreed
        # Translators: under the heading Focus, before the group has agreed the contract
        text.append(_("(proposed, not agreed yet)") + "\n", style="italic")
    text.append(f"{state.focus() or '—'}\n")
    _heading(text, _("Ground rules"))
    for rule in state.ground_rules():
        text.append(f" • {rule}\n")
    if state.contract is None and hints:
        # Translators: n is the key that opens the contract
        text.append("\n" + _("n: edit and record the contract"), style="dim")


def _of(state: SessionState, *kinds: ItemKind) -> list[SharedItem]:
    return [i for i in state.live_items() if i.kind in kinds and i.phase == state.phase]


def _disagreement(text: Text, state: SessionState, hints: bool) -> None:
    _heading(text, _("Where we differ"))
    points = _of(state, ItemKind.DISAGREEMENT)
    for number, item in enumerate(points, start=1):
        text.append(f" {number}. {item.text}\n")
    if not points and hints:
        # Translators: a is the key that records a shared item
        text.append(" " + _("a: name a point, not a person") + "\n", style="dim")
    _heading(text, _("What we learned from it"))
    learned = _of(state, ItemKind.LEARNING)
    for item in learned:
        text.append(f" • {item.text}\n")
    if not learned and hints and state.phase in state.other_side:
        # Translators: a is the key that records a shared item; in the last step of a
        # disagreement by positions what is typed is learning
        text.append(" " + _("a: another's strongest point, as it was said") + "\n", style="dim")
    elif not learned and hints:
        # Translators: a is the key that records a shared item; keep "learned:" as typed
        text.append(" " + _("a, then learned: …") + "\n", style="dim")


def _closing(text: Text, state: SessionState, hints: bool) -> None:
    takeaways = [i for i in state.live_items() if i.kind is ItemKind.TAKEAWAY]
    for level, title in LEVELS.items():
        items = [i for i in takeaways if (i.level or "i") == level]
        if items:
            _heading(text, _(title))  # a table of the summary's words: translated here
            for item in items:
                text.append(f" • {item.text}\n")
    agreements = [i for i in state.live_items() if i.kind is ItemKind.AGREEMENT]
    if agreements:
        _heading(text, _("Agreements"))
        for item in agreements:
            _agreement(text, item)
    if not text and hints:
        # Translators: a is the key that records a shared item; keep "I:", "we:", "org:",
        # "agree:", "@" and "by" as they are typed
        hint = _("a: I: / we: / org: a take-away\na: agree: what @who by date")
        text.append(hint + "\n", style="dim")


def _agreement(text: Text, item: SharedItem) -> None:
    text.append(f" • {item.text}")
    _owner_and_due(text, item.owner, item.due)
    text.append("\n")


def _recent(text: Text, state: SessionState) -> None:
    items = [i for i in state.live_items() if i.kind is not ItemKind.FOCUS][-6:]
    if not items:
        return
    _heading(text, _("Shared so far"))
    for item in items:
        if item.kind is ItemKind.AGREEMENT:
            _agreement(text, item)
            continue
        text.append(" ")
        text.append(item_line(item))
        text.append("\n")


def item_line(item: SharedItem) -> Text:
    """One shared item in a line: its kind (and level), text, owner and due date."""
    line = Text()
    label = _(KIND_WORDS[item.kind])
    if item.kind is ItemKind.TAKEAWAY:  # as the closing names it: "For us", not "(we)"
        label = _(LEVELS.get(item.level or "i", LEVELS["i"]))
    line.append(f"{label}: ", style="bold")
    line.append(item.text)
    _owner_and_due(line, item.owner, item.due)
    return line


def read_back_text(state: SessionState) -> Text:
    """Everything that will leave the room, for the group to confirm before the close."""
    text = Text()
    # Translators: heading of the read-back before the close
    _heading(text, _("What leaves the room"))
    # Translators: heading: what the circle is about today
    text.append(_("Focus") + ": ", style="bold")
    text.append(f"{state.focus() or '—'}\n")
    live = state.live_items()
    sections = [
        (_("Where we differ"), [i for i in live if i.kind is ItemKind.DISAGREEMENT]),
        (_("What we learned from it"), [i for i in live if i.kind is ItemKind.LEARNING]),
    ]
    takeaways = [i for i in live if i.kind is ItemKind.TAKEAWAY]
    for level, title in LEVELS.items():
        sections.append((_(title), [i for i in takeaways if (i.level or "i") == level]))
    sections.append((_("Agreements"), [i for i in live if i.kind is ItemKind.AGREEMENT]))
    shown = False
    for title, items in sections:
        if not items:
            continue
        shown = True
        _heading(text, title)
        for item in items:
            _agreement(text, item)  # text, owner and due date, as the closing lists them
    if not shown:
        # Translators: in the read-back: only the focus leaves the room
        text.append("\n" + _("Nothing else was shared.") + "\n")
    rules = state.ground_rules()
    if rules:
        _heading(text, _("Ground rules"))
        for rule in rules:
            text.append(f"• {rule}\n")
    _also_in_the_summary(text, state)
    return text


def _also_in_the_summary(text: Text, state: SessionState) -> None:
    """What the summary carries besides the shared items: said, so nothing surprises."""
    plan = state.plan
    # Translators: heading in the read-back: what the summary holds besides the items
    _heading(text, _("Also in the summary"))
    names = ", ".join(p.name for p in plan.participants)
    # Translators: in the read-back; {names} are the participants' names
    text.append("• " + _("who took part: {names}").format(names=names) + "\n")
    # Translators: in the read-back: the phases with their planned and actual times
    text.append("• " + _("the phases and how long each took") + "\n")
    # Translators: in the read-back: speaking time per person and how evenly it was shared
    text.append("• " + _("how long each person spoke, and how evenly") + "\n")
    if state.joined_at or state.left_at or state.absent:
        # Translators: in the read-back: who came late, was absent or left
        text.append("• " + _("who joined late, was absent or left") + "\n")
    if state.notes_consent is not None:
        # Translators: in the read-back: whether the group allowed private notes
        text.append("• " + _("whether the group allowed notes (never the notes)") + "\n")
