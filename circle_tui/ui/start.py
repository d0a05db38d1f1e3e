"""The start screen: pick a format, name the group and the people, begin."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Footer, Input, Label, Select, Static

from circle_tui.app.formats import list_formats
from circle_tui.app.groups import GroupRead
from circle_tui.app.sessions import groups_met, latest_unfinished
from circle_tui.core.casting import planned_total
from circle_tui.core.formats import DEFAULT_ROLE, CircleFormat
from circle_tui.core.group import Rotation
from circle_tui.core.i18n import LANGUAGE_NAMES, N_, _, language, ngettext
from circle_tui.core.plan import Participant, SessionPlan, parse_participants
from circle_tui.core.timing import format_seconds
from circle_tui.languages import at
from circle_tui.ui.actions import translate_bindings
from circle_tui.ui.crash import QuietCrash
from circle_tui.ui.group_memory import GroupMemory, rotated
from circle_tui.ui.own_words import OwnWords

LANGUAGES = [(name, code) for code, name in LANGUAGE_NAMES.items()]
SHORT_BELOW = 30
"""Rows under which the form drops its field borders and spacing (it is 30 rows tall)."""
"""The language choices: each language by its own name, never translated."""

DEFAULT_FORMAT = "reflection-circle"
"""Offered first on the start screen."""


@dataclass(frozen=True)
class StartChoice:
    """What the facilitator chose on the start screen."""

    format: CircleFormat
    participants: tuple[Participant, ...]
    group: str
    language: str


@dataclass(frozen=True)
class ResumeChoice:
    """The facilitator chose to go on with an unfinished session."""

    path: Path


@dataclass(frozen=True)
class Unfinished:
    """A recent session that was not closed: offered on the start screen."""

    path: Path
    line: str


RESUME_WITHIN = 24 * 3600.0
"""Only a session started this recently is offered for resuming (older ones: `resume`)."""


def unfinished_session(root: Path, now: float) -> Unfinished | None:
    """The latest real session that was not closed, if it is recent and readable."""
    found = latest_unfinished(root, now, RESUME_WITHIN)
    if found is None:
        return None
    path, state = found
    plan = state.plan
    phase = state.current_phase
    name, when = plan.group or plan.format.name, at(plan.created_at, "time")
    if phase is None:
        # Translators: an unfinished session: its group (or format) and its start time
        line = _("{name}, started {time}").format(name=name, time=when)
    else:
        # Translators: an unfinished session: its group (or format), start time and phase
        line = _("{name}, started {time}, in {phase}")
        line = line.format(name=name, time=when, phase=phase.title)
    return Unfinished(path, line)


def participants_text(people: tuple[Participant, ...]) -> str:
    """Participants as typed in the field (the inverse of `parse_participants`)."""
    return ", ".join(p.name if p.role == DEFAULT_ROLE else f"{p.name}={p.role}" for p in people)


def check_participants(
    text: str, fmt: CircleFormat | None = None
) -> tuple[tuple[Participant, ...] | None, str]:
    """Participants from the field, or None and what is wrong with them."""
    try:
        people = parse_participants(text)
    except ValueError as exc:
        return None, str(exc)
    if len(people) < 2:
        return None, _("a circle needs at least two people")
    if fmt is not None:
        known = {DEFAULT_ROLE} | {role.id for role in fmt.roles}
        for person in people:
            if person.role not in known:
                # Translators: the format has no roles to give
                roles = ", ".join(sorted(known - {DEFAULT_ROLE})) or _("none")
                # Translators: {role} is a role id as typed, in quotes; {roles}: the known ones
                problem = _("{name}: no role {role} here (roles: {roles})")
                return None, problem.format(name=person.name, role=repr(person.role), roles=roles)
    count = len(people)
    return people, ngettext(
        "{n} person, in seating order", "{n} people, in seating order", count
    ).format(n=count)


class StartApp(
    GroupMemory, OwnWords[StartChoice | ResumeChoice], QuietCrash[StartChoice | ResumeChoice]
):
    """Choose what to run; the console opens with the choice."""

    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "circle-tui"
    BINDINGS = [
        # Translators: footer label; ends the program
        Binding("ctrl+q", "quit", N_("Quit"), id="quit", priority=True),
        # Translators: footer label; goes on with the session that was not closed
        Binding("ctrl+r", "resume", N_("Go on with it"), id="resume", priority=True),
    ]

    def __init__(
        self, sessions_root: Path | None = None, language_asked: str | None = None
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.sessions_root = sessions_root
        self._language_chosen = language_asked is not None
        """Whether the language is settled (the settings file's `language`, picked by
        hand, or a group's last one) rather than suggested by the format."""
        self._language_suggested: object = None
        loaded, self.broken = list_formats()
        self.formats = {fmt.id: fmt for _path, fmt in loaded}
        self.groups: dict[str, SessionPlan] = groups_met(sessions_root) if sessions_root else {}
        """Each group's last session, to carry its people over."""
        self._filled: str | None = None
        """The participants as filled in from a group, until the facilitator types over them."""
        self._rotations: dict[str, Rotation] = {}
        """The group's one-person roles (a case giver): who is proposed, who held it last."""
        self._group_line = ""
        """What the group field says of the group, before any warning about its roles."""
        self._memory: dict[str, GroupRead | None] = {}
        """Each group's sessions, read once when its name is typed."""
        self.unfinished = unfinished_session(sessions_root, time.time()) if sessions_root else None
        """A recent session that was not closed (after a crash, say)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            if self.unfinished is not None:
                # Translators: {session} names the session and when it started
                offer = _("Not closed: {session}. ctrl+r goes on with it.")
                yield Static(
                    offer.format(session=self.unfinished.line), markup=False, id="resume-offer"
                )
            yield Static(_("Start a circle"), markup=False, id="start-title")
            # Translators: field label: the kind of circle (its phases and times)
            yield Label(_("Format"), markup=False)
            yield Select(
                [
                    (Content(fmt.in_language(language()).name), fmt.id)
                    for fmt in self.formats.values()
                ],
                value=DEFAULT_FORMAT
                if DEFAULT_FORMAT in self.formats
                else next(iter(self.formats), Select.BLANK),
                allow_blank=False,
                id="format",
            )
            yield Static("", markup=False, id="format-plan")
            yield Label(_("Group (optional)"), markup=False)
            yield Input(
                # Translators: example of a group name
                placeholder=_("e.g. Team Nord"),
                id="group",
                suggester=SuggestFromList(
                    [p.group for p in self.groups.values()], case_sensitive=False
                ),
            )
            yield Static(self._groups_hint(), markup=False, id="group-check")
            yield Label(_("Participants, in seating order"), markup=False)
            # Translators: example of participants: short first names, separated by commas
            yield Input(placeholder=_("Ane, Bo, Cai, Dag"), id="participants")
            yield Static("", markup=False, id="participants-check")
            # Translators: field label: the language of the session (and of its summary)
            yield Label(_("Language"), markup=False)
            yield Select(LANGUAGES, value=language(), allow_blank=False, id="language")
            # Translators: button
            yield Button(_("Start the circle"), id="begin", variant="primary", disabled=True)
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        """A short terminal (80x24) gets the compact form: the Start button stays in view."""
        short = event.size.height < SHORT_BELOW
        self.set_class(short, "-short")
        for widget in self.query("#start Input, #start Select, #start Button"):
            if isinstance(widget, Input | Select | Button):
                widget.compact = short

    def on_mount(self) -> None:
        for node in self.query("Select, SelectOverlay"):  # Textual's "esc Dismiss menu"
            translate_bindings(node)
        self._suggest_language()
        self._show_plan()
        if self.broken:
            self.notify(str(self.broken[0]), severity="warning", timeout=10, markup=False)
        self.query_one("#participants", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+r only when there is a session to go on with."""
        return action != "resume" or self.unfinished is not None

    def action_resume(self) -> None:
        if self.unfinished is not None:
            self.exit(ResumeChoice(self.unfinished.path))

    def _show_plan(self) -> None:
        fmt = self._format()
        if fmt is None:
            return
        people = max(
            2, len(check_participants(self._field("participants"), self._format())[0] or ())
        )
        total = format_seconds(planned_total(fmt, people))
        # the steps as the room will read them, in the language chosen below
        shown = fmt.in_language(str(self.query_one("#language", Select).value))
        steps = " → ".join(p.title for p in shown.phases)
        if fmt.min_people <= people <= fmt.max_people:
            # Translators: {duration} is a planned time like 1:05:00
            about = ngettext(
                "about {duration} with {n} person", "about {duration} with {n} people", people
            )
        else:
            # Translators: {duration} is a planned time; {low}-{high}: the people the format suits
            about = ngettext(
                "about {duration} with {n} person (it is meant for {low}-{high})",
                "about {duration} with {n} people (it is meant for {low}-{high})",
                people,
            )
        about = about.format(duration=total, n=people, low=fmt.min_people, high=fmt.max_people)
        self.query_one("#format-plan", Static).update(f"{steps}\n{about}")

    def _groups_hint(self) -> str:
        if not self.groups:
            return ""
        names = sorted((p.group for p in self.groups.values()), key=str.casefold)
        shown = ", ".join(names[:5])
        if len(names) > 5:
            more = len(names) - 5
            # Translators: {groups} lists five groups; {n} more groups met before
            shown = ngettext("{groups} and {n} more", "{groups} and {n} more", more)
            shown = shown.format(groups=", ".join(names[:5]), n=more)
        # Translators: groups that met before; the → key completes a name being typed
        return _("met before: {groups} (→ completes)").format(groups=shown)

    @on(Input.Changed, "#group")
    def _group_changed(self) -> None:
        """A group that met before brings its people, its format and its language."""
        check = self.query_one("#group-check", Static)
        last = self.groups.get(self._field("group").strip().casefold())
        if last is None:
            check.update(self._groups_hint())
            return
        # An ISO date in every language, as the due dates people type (`by 2026-12-01`).
        day = datetime.fromtimestamp(last.created_at).strftime("%Y-%m-%d")
        people = self.query_one("#participants", Input)
        if not people.value.strip() or people.value == self._filled:
            fmt = self.formats.get(last.format.id, last.format)
            self._rotations = self._rotations_of(last, fmt)
            self._filled = participants_text(rotated(last.participants, self._rotations))
            people.value = self._filled
            if last.format.id in self.formats:
                self.query_one("#format", Select).value = last.format.id
            self.query_one("#language", Select).value = last.language
            self._language_chosen = True
            filled = _("met last on {date}: its people, format and language are filled in")
            self._group_line = (
                filled.format(date=day) + self._memory_line(last.group) + self._proposals(fmt)
            )
        else:
            self._group_line = _("met last on {date} (your list of people is kept)").format(
                date=day
            )
        check.update(self._group_line + self._rotation_warning(self._people(), self._format()))

    @on(Select.Changed, "#format")
    def _suggest_language(self) -> None:
        """Until a language is picked, the format's own, if it does not speak ours."""
        fmt = self._format()
        if fmt is None or self._language_chosen:
            return
        ours = language()  # the environment's, as the app speaks it
        self._language_suggested = ours if ours in fmt.languages else fmt.languages[0]
        self.query_one("#language", Select).value = self._language_suggested

    @on(Select.Changed, "#language")
    def _language_picked(self, event: Select.Changed) -> None:
        if event.value != self._language_suggested:
            self._language_chosen = True

    @on(Input.Changed, "#participants")
    @on(Select.Changed, "#format")
    @on(Select.Changed, "#language")
    def _check(self) -> None:
        people, message = check_participants(self._field("participants"), self._format())
        check = self.query_one("#participants-check", Static)
        check.update(message if self._field("participants").strip() else "")
        check.set_class(people is None, "-error")
        if self._rotations:
            self.query_one("#group-check", Static).update(
                self._group_line + self._rotation_warning(self._people(), self._format())
            )
        self.query_one("#begin", Button).disabled = people is None
        self._show_plan()

    @on(Button.Pressed, "#begin")
    @on(Input.Submitted, "#participants")
    def _begin(self) -> None:
        people, message = check_participants(self._field("participants"), self._format())
        fmt = self._format()
        if people is None or fmt is None:
            self.query_one("#participants-check", Static).update(message)
            return
        language = self.query_one("#language", Select).value
        self.exit(
            StartChoice(
                format=fmt,
                participants=people,
                group=self._field("group").strip(),
                language=str(language),
            )
        )

    def _people(self) -> tuple[Participant, ...] | None:
        return check_participants(self._field("participants"), self._format())[0]

    def _field(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value

    def _format(self) -> CircleFormat | None:
        value = self.query_one("#format", Select).value
        return self.formats.get(str(value))
