"""Words and figures the summary renderers share (Markdown, HTML, the console).

One place for the phrases, so the exports say the same thing. They are marked
with `N_` and said in the current language where they are used (a summary is
rendered in its session's language: `export.report.render`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from circle_tui.core.airtime import Balance, Reading
from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.core.timing import format_seconds
from circle_tui.languages import decimal, format_time, percent

if TYPE_CHECKING:  # the summary's models load when a summary is made, not with the console
    from circle_tui.core.summary import PhaseReport, Summary

# Every text here is marked with N_ and translated where it is shown: the
# language is chosen after import (a summary is written in its session's).

# Translators: the summary's title; {title} is the group's name, else the format's
TITLE = N_("{title}: session summary")
# Translators: the title of a summary that holds the facilitator's private notes
PRIVATE_TITLE = N_("PRIVATE: {title}, the facilitator's notes included")
PRIVATE_WARNING = N_(
    "This report holds the facilitator's private notes. It is for the facilitator "
    "only: do not share, print for others, or upload it."
)
# Translators: P1..Pn are the pseudonyms the summary uses instead of names
PSEUDONYMIZED = N_("Names are replaced by P1..Pn, numbered in a random order.")
REHEARSAL = N_("Rehearsal: not a real session.")
NOT_AGREED = N_("The contract was not recorded as agreed.")
# Translators: heading: the focus and ground rules the group agreed at the start
CONTRACT = N_("Contract")
NO_CONTRACT = N_("Focus and ground rules")
"""The heading for a format without a contract phase: nothing was to be agreed."""

LEVELS = {
    # Translators: a take-away for oneself, as the closing names it
    "i": N_("For myself"),
    # Translators: a take-away for the team, as the closing names it
    "we": N_("For us"),
    # Translators: a take-away for the organisation, as the closing names it
    "org": N_("For the organisation"),
}
"""Take-away levels, as the closing names them (translate with `level`)."""

SECTIONS: list[tuple[ItemKind, str]] = [
    (ItemKind.DISAGREEMENT, N_("What we disagree about")),
    (ItemKind.LEARNING, N_("What we learned from the disagreement")),
    # Translators: heading: what each takes away from the session
    (ItemKind.TAKEAWAY, N_("Take-aways")),
    (ItemKind.AGREEMENT, N_("Agreements")),
]
"""The shared items, in the order the summary shows them (headings to translate)."""

STATUS = {
    # Translators: an agreement from last time that was carried out
    FollowUpStatus.DONE: N_("done"),
    # Translators: an agreement from last time that is still being worked on
    FollowUpStatus.ONGOING: N_("ongoing"),
    # Translators: an agreement from last time that the group let go
    FollowUpStatus.DROPPED: N_("dropped"),
    # Translators: an agreement from last time that the facilitator did not mark
    None: N_("not reviewed"),
}
STATUS_MARK = {
    FollowUpStatus.DONE: "✓",
    FollowUpStatus.ONGOING: "↻",
    FollowUpStatus.DROPPED: "✗",
    None: "·",
}

PHASE_COLUMNS = (
    # Translators: column heading: the phase's number
    N_("#"),
    # Translators: column heading: the phase's title
    N_("Phase"),
    # Translators: column heading: the phase's planned length
    N_("Planned"),
    # Translators: column heading: the time the phase actually took
    N_("Actual"),
    # Translators: column heading: the clock time the phase started
    N_("Started"),
    # Translators: column heading: the clock time the phase ended
    N_("Ended"),
)
"""The headings of the phase table."""
AIRTIME_COLUMNS = (
    # Translators: column heading: a participant's name
    N_("Participant"),
    # Translators: column heading: how long a participant spoke
    N_("Time"),
    # Translators: column heading: a participant's share of all speaking time
    N_("Share"),
    # Translators: column heading: how many turns a participant had
    N_("Turns"),
    # Translators: column heading: how often a participant passed
    N_("Passes"),
    # Translators: column heading: time spoken beyond the time boxes
    N_("Overtime"),
)
"""The headings of the speaking-time table."""

_COUNT = (
    # Translators: small numbers in words, in "{half} of {voices} voices took half ..."
    N_("zero"),
    # Translators: the number 1 in words ("one of five voices"); see the balance sentences
    N_("one"),
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
)

When = Literal["datetime", "date", "time", "seconds"]


def count(n: int) -> str:
    """A small number in words, a larger one in digits."""
    return _(_COUNT[n]) if 0 <= n < len(_COUNT) else str(n)


def columns(headings: tuple[str, ...]) -> list[str]:
    """Column headings in the current language."""
    return [_(heading) for heading in headings]


def level(level_id: str) -> str:
    """A take-away level in words (an unknown one as it is)."""
    return _(LEVELS[level_id]) if level_id in LEVELS else level_id


def when(moment: datetime | None, style: When = "datetime") -> str:
    """A moment in its own time zone (the session's), or a dash.

    The date stays `2026-12-02` in every language; clock times are written
    as the language writes them (`11:06`, in Danish `11.06`).
    """
    if moment is None:
        return "—"
    if style == "time" or style == "seconds":
        return format_time(moment, seconds=style == "seconds")
    day = moment.strftime("%Y-%m-%d")
    if style == "date":
        return day
    # Translators: a date (2026-12-02) and a clock time (11:06), as the summary shows them
    return _("{date} {time}").format(date=day, time=format_time(moment))


def zone(summary: Summary) -> str:
    """Which time zone the summary's times are in, in words."""
    if summary.time_zone_assumed:
        # Translators: {zone} is a time zone (Europe/Oslo, UTC, +01:00); shown after the date
        assumed = _("times in {zone}: the session's own time zone is not known here")
        return assumed.format(zone=summary.time_zone)
    # Translators: {zone} is a time zone (Europe/Oslo, UTC, +01:00); shown after the date
    return _("times in {zone}").format(zone=summary.time_zone)


def contract_agreed(summary: Summary) -> str | None:
    """When the group agreed the contract, as a sentence (None if it did not)."""
    if summary.contract_agreed_at is None:
        return None
    # Translators: {time} is a date and clock time (2026-12-02 11:09)
    return _("Agreed by the group at {time}.").format(time=when(summary.contract_agreed_at))


def notes_consent(summary: Summary) -> str:
    """Whether the group allowed the facilitator's private notes, as a sentence."""
    if summary.notes_allowed is None:
        return _("The facilitator's notes: the group was not asked.")
    if summary.notes_allowed:
        said = _("The facilitator's notes: allowed by the group.")
    else:
        said = _("The facilitator's notes: not allowed by the group.")
    if summary.notes_erased_at is not None:
        # Translators: after "The facilitator's notes: …"; {time} is a time such as 14:05
        erased = _("Those taken before the group took its consent back were erased at {time}.")
        said += " " + erased.format(time=when(summary.notes_erased_at))
    return said


def title(summary: Summary) -> str:
    """The summary's title (the group, else the format)."""
    name = summary.group or summary.format_name
    if summary.private_notes is not None:
        return _(PRIVATE_TITLE).format(title=name)
    return _(TITLE).format(title=name)


def balance_words(balance: Balance) -> str:
    """The balance of speaking time in plain words that match its figures.

    Everyone counted is in the words, those who never spoke too: "Uneven: one
    of four took all of the speaking time. Three of four never spoke."
    """
    if balance.reading is Reading.SILENT:
        return _("Nobody has spoken yet.")
    voices = count(balance.voices)
    if balance.reading is Reading.BALANCED:
        said = _("Balanced: everyone had a similar share.")
        if balance.unheard:
            said = _("Balanced among those who spoke.")
    else:
        half = count(balance.half_by)
        share = percent(balance.half_share)
        everything = balance.half_share >= 0.9995
        if balance.reading is Reading.SOMEWHAT_UNEVEN:
            # Translators: {half} and {voices} are numbers in words up to six, {share} a
            # percentage ("two of five took 61 % of the speaking time")
            said = ngettext(
                "Somewhat uneven: one of {voices} took {share} of the speaking time.",
                "Somewhat uneven: {half} of {voices} took {share} of the speaking time.",
                balance.half_by,
            )
        elif everything:
            # Translators: {half} and {voices} are numbers in words up to six
            said = ngettext(
                "Uneven: one of {voices} did all the speaking.",
                "Uneven: {half} of {voices} did all the speaking.",
                balance.half_by,
            )
        else:
            # Translators: {half} and {voices} are numbers in words up to six, {share} a
            # percentage ("two of six took 66 % of the speaking time")
            said = ngettext(
                "Uneven: one of {voices} took {share} of the speaking time.",
                "Uneven: {half} of {voices} took {share} of the speaking time.",
                balance.half_by,
            )
        said = said.format(half=half, voices=voices, share=share)
    if balance.unheard:
        # Translators: {unheard} and {voices} are numbers in words up to six ("three of four")
        unheard = ngettext(
            "{unheard} of {voices} never spoke.",
            "{unheard} of {voices} never spoke.",
            balance.unheard,
        ).format(unheard=count(balance.unheard), voices=voices)
        said = f"{said} {unheard[:1].upper()}{unheard[1:]}"
    return said


def attendance(summary: Summary) -> str | None:
    """Who came late, was absent or left early, in one line (None: everyone was there)."""
    said = []
    for person in summary.attendance:
        if person.joined_at is not None:
            # Translators: a latecomer in a summary: "Eli joined at 14:20"
            said.append(
                _("{name} joined at {time}").format(
                    name=person.name, time=when(person.joined_at, "time")
                )
            )
        if person.left_at is not None:
            # Translators: in a summary: "Cai left at 15:05"
            said.append(
                _("{name} left at {time}").format(
                    name=person.name, time=when(person.left_at, "time")
                )
            )
        elif person.presence == "absent":
            # Translators: in a summary: someone marked absent at the close
            said.append(_("{name} was absent").format(name=person.name))
    return "; ".join(said) + "." if said else None


def position_times(phase: PhaseReport) -> str | None:
    """Each position's time in a disagreement by positions, in one line (never who held it)."""
    if not phase.positions or not phase.visits:
        return None
    # Translators: one position's time: "Keep the rota 2:10 of 3:00"
    each = _("{name} {spent} of {bank}")
    parts = [
        each.format(name=p.name, spent=spent(p.seconds), bank=spent(p.bank_seconds))
        for p in phase.positions
    ]
    # Translators: {title} is the phase's title, {positions} the positions' times
    return _("Time per position in “{title}”: {positions}.").format(
        title=phase.title, positions="; ".join(parts)
    )


def other_side(phase: PhaseReport) -> str | None:
    """Which positions said another's strongest point, in one line (None: no such step)."""
    said = [p.name for p in phase.positions if p.said_other_side]
    if not any(p.said_other_side is not None for p in phase.positions):
        return None
    count = len(phase.positions)
    line = ngettext(
        # Translators: {n} of {count} positions of a disagreement; {positions} names them
        "Another position's strongest point was said by {n} of {count} position: {positions}.",
        "Another position's strongest point was said by {n} of {count} positions: {positions}.",
        count,
    )
    return line.format(n=len(said), count=count, positions="; ".join(said) or "–")


def measured(phase: PhaseReport) -> str | None:
    """How much of an open phase's speaking was measured, as a sentence (None: nothing to say).

    A phase without turns that ran says it, unless it is the contract or small
    groups and nobody was marked as speaking there.
    """
    share = phase.measured_share
    if share is None or not phase.visits:
        return None
    if not phase.measured_seconds and phase.kind in ("contract", "groups"):
        return None
    # Translators: {share} is a percentage, {title} a phase's title, {measured} and
    # {total} durations such as 12:00
    text = _("Speaking time was measured for {share} of “{title}” ({measured} of {total}).")
    return text.format(
        share=percent(share),
        title=phase.title,
        measured=spent(phase.measured_seconds or 0.0),
        total=spent(phase.actual_seconds),
    )


def balance_apart(roles: list[str]) -> str:
    """The label before the balance without the roles that speak long by design."""
    # Translators: {roles} names roles such as "case giver"; the balance follows
    return _("Without the {roles}, whose speaking is long by design:").format(
        roles=", ".join(role.lower() for role in roles)
    )


def balance_figure(balance: Balance) -> str:
    """The number behind the words."""
    # Translators: the Gini coefficient measures how evenly the speaking time was shared
    figure = _("Gini coefficient {gini} (0 = all equal, 1 = one voice)")
    return figure.format(gini=decimal(balance.gini))


def spent(seconds: float) -> str:
    """A duration that was used, like a stopwatch (rounded down)."""
    return format_seconds(seconds, round_up=False)


def extras(owner: str | None, due: str | None, agreed_at: datetime | None = None) -> str:
    """`agreed …; owner: …; due: …` for an agreement, or an empty string."""
    # Translators: when an agreement was made: "agreed 2026-11-18"
    parts = [] if agreed_at is None else [_("agreed {date}").format(date=when(agreed_at, "date"))]
    if owner:
        # Translators: who took an agreement on: "owner: Cai"
        parts.append(_("owner: {owner}").format(owner=owner))
    if due:
        # Translators: when an agreement is due: "due: 2026-12-02"
        parts.append(_("due: {due}").format(due=due))
    return "; ".join(parts)


def follow_up_status(status: FollowUpStatus | None) -> str:
    """A follow-up's status with its mark, e.g. `✓ done`."""
    return f"{STATUS_MARK[status]} {_(STATUS[status])}"


# Translators: heading of a rehearsal's debrief: the moments the personas made
DEBRIEF = N_("Debrief: the moments of this rehearsal")
DEBRIEF_COLUMNS = (
    # Translators: debrief column: what happened (runs over, gives advice, ...)
    N_("Moment"),
    N_("Who"),
    N_("Phase"),
    # Translators: debrief column: when the moment came
    N_("At"),
    # Translators: debrief column: how long the trainee took to answer
    N_("Answered after"),
    # Translators: debrief column: how the trainee answered
    N_("With"),
)
ANSWERS = {
    # Translators: how a trainee answered a moment of a rehearsal
    "give-word": N_("the word to the next"),
    "choose-speaker": N_("the word to someone"),
    "wall": N_("a reminder on the wall"),
    "less-time": N_("less time"),
    "next-phase": N_("the next phase"),
    "join": N_("let in"),
}


PERSONAS = {
    # Translators: a rehearsal's persona: runs over, takes the word back
    "dominant": N_("dominant"),
    # Translators: a rehearsal's persona: passes, says little
    "silent": N_("silent"),
    # Translators: a rehearsal's persona: gives advice where questions are asked
    "adviser": N_("adviser"),
    # Translators: a rehearsal's persona: the case giver who argues back
    "defender": N_("defender"),
    # Translators: a rehearsal's persona: arrives after the check-in
    "latecomer": N_("latecomer"),
}


def personas_line(summary: Summary) -> str:
    """`Personas: Ane (dominant), Bo (silent).`"""
    debrief = summary.debrief
    cast = debrief.personas if debrief is not None else {}
    named = ", ".join(
        f"{name} ({_(PERSONAS[persona]) if persona in PERSONAS else persona})"
        for name, persona in cast.items()
    )
    # Translators: in a rehearsal's debrief; {cast} lists names with their personas
    return _("Personas: {cast}.").format(cast=named)


def debrief_speed(summary: Summary) -> str | None:
    """At a rehearsal's speed, how the debrief's times read (None at real time)."""
    debrief = summary.debrief
    if debrief is None or debrief.speed == 1:
        return None
    # Translators: in a rehearsal's debrief; {speed} is how much faster the clock ran ("10")
    said = _(
        "Times are on the circle's clock: at ×{speed}, each of your seconds was {speed} "
        "seconds of the circle."
    )
    speed = debrief.speed
    return said.format(speed=str(int(speed)) if speed.is_integer() else decimal(speed, 1))


def debrief_let_in(summary: Summary) -> str | None:
    """Who was let in late: the run without intervention has them not at all."""
    debrief = summary.debrief
    if debrief is None:
        return None
    late = [m.person for m in debrief.moments if m.kind == "at-the-door" and m.answer]
    if not late:
        return None
    # Translators: in a rehearsal's debrief; {names} were let in after the start
    said = ngettext(
        "{names} was let in: the run without intervention has one person fewer.",
        "{names} were let in: the run without intervention has {n} people fewer.",
        len(late),
    )
    return said.format(names=", ".join(late), n=len(late))


def debrief_rows(summary: Summary) -> list[list[str]]:
    """One row per moment: what, who, phase, when, answered after, with what."""
    from circle_tui.core.formats import MomentKind
    from circle_tui.core.personas import kind_name

    debrief = summary.debrief
    if debrief is None:
        return []
    rows = []
    for moment in debrief.moments:
        after = moment.answered_after_seconds
        # Translators: a moment of a rehearsal nobody answered
        answered = _("not answered") if after is None else spent(after)
        how = _(ANSWERS[moment.answer]) if moment.answer in ANSWERS else "—"
        rows.append(
            [
                kind_name(MomentKind(moment.kind)),
                moment.person,
                moment.phase,
                when(moment.at, "time"),
                answered,
                how,
            ]
        )
    return rows


def debrief_comparison(summary: Summary) -> tuple[list[str], list[list[str]]]:
    """The rehearsal beside the same seed with no intervention: headings and rows."""
    debrief = summary.debrief
    if debrief is None:
        return [], []
    runs = (debrief.rehearsal, debrief.no_intervention)
    heads = [
        "",
        # Translators: debrief column: the rehearsal as the trainee ran it
        _("This rehearsal"),
        # Translators: debrief column: the same session run by itself, nobody answering
        _("No intervention, same seed"),
    ]
    rows = [
        # Translators: debrief row: how long the circle took
        [_("Length")] + [spent(run.length_seconds) for run in runs],
        # Translators: debrief row: the Gini coefficient of speaking time
        [_("Fairness (Gini, 0 = even)")] + [decimal(run.gini) for run in runs],
        # Translators: debrief row: how many moments the personas made
        [_("Moments")] + [str(run.moments) for run in runs],
        # Translators: debrief row: how many of them the trainee answered
        [_("Moments answered")] + [str(run.answered) for run in runs],
    ]
    return heads, rows
