"""The session summary as Markdown: what the group agreed may leave the room."""

from __future__ import annotations

import re
from datetime import datetime

from circle_tui.core.i18n import _
from circle_tui.core.summary import Summary
from circle_tui.core.timing import format_seconds
from circle_tui.export import words
from circle_tui.languages import percent

_BAR_WIDTH = 20


def _bar(share: float) -> str:
    filled = round(share * _BAR_WIDTH)
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


_SPECIAL = re.compile(r"([\\`*_\[\]<>&|~#$])")
"""Characters that could make typed text markup: emphasis, code, links, raw HTML,
entities (`&amp;`), table cells, strike-through and maths (GitHub), headings."""
_LIST_START = re.compile(r"^(\d{1,9})([.)])")


def typed(text: str) -> str:
    """Text as typed, safe anywhere in a line: it renders as the same text.

    Runs of whitespace become one space (a typed line break must not end the
    list item); markup characters are escaped with a backslash, and so is a
    start that would open a list or a heading (`1.`, `-`, `+`, `=`).
    """
    one = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    if found := _LIST_START.match(one):
        return f"{found.group(1)}\\{found.group(2)}{one[found.end() :]}"
    return f"\\{one}" if one[:1] in ("-", "+", "=") else one


def cell(text: str) -> str:
    """Text as typed, safe in a table cell (a cell cannot start a list or a heading)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _row(cells: list[str]) -> str:
    """A Markdown table row of headings or cells (already safe)."""
    return "| " + " | ".join(cells) + " |"


def _spent(seconds: float) -> str:
    return words.spent(seconds)


def _extras(owner: str | None, due: str | None, agreed_at: datetime | None = None) -> str:
    found = words.extras(owner, due, agreed_at)
    return f" ({typed(found)})" if found else ""


def _label(label: str, value: str) -> str:
    """A list entry with its label in bold: `- **Group:** Team Nord`."""
    return f"- **{label}** {value}"


def render_markdown(summary: Summary) -> str:
    """The summary as a Markdown document (in the current language)."""
    out: list[str] = [f"# {typed(words.title(summary))}", ""]
    if summary.private_notes is not None:
        out += [f"> **{_(words.PRIVATE_WARNING)}**", ""]
    if summary.rehearsal:
        out += [f"> **{_(words.REHEARSAL)}**", ""]
    # Translators: label before the format's name in a summary
    out.append(_label(_("Format:"), f"{typed(summary.format_name)} (`{summary.format_id}`)"))
    if summary.group:
        # Translators: label before the group's name in a summary
        out.append(_label(_("Group:"), typed(summary.group)))
    date = f"{words.when(summary.started_at)} – {words.when(summary.closed_at, 'time')}"
    date += f" ({words.zone(summary)})"
    # Translators: label before when the session took place
    out.append(_label(_("Date:"), typed(date)))
    out.append(_label(_("Participants:"), typed(", ".join(summary.participants))))
    if (came := words.attendance(summary)) is not None:
        # Translators: label before who came late, was absent or left early
        out.append(_label(_("Attendance:"), typed(came)))
    # Translators: label before the session's id (its folder name)
    out.append(_label(_("Session:"), f"`{summary.session_id}`"))
    out.append("")
    if summary.pseudonymized:
        out += [f"_{_(words.PSEUDONYMIZED)}_", ""]

    out += _contract(summary)
    out += _follow_ups(summary)
    out += _phases(summary)
    for kind, heading in words.SECTIONS:
        items = [item for item in summary.items if item.kind is kind]
        if not items:
            continue
        out += [f"## {_(heading)}", ""]
        for item in items:
            text = typed(item.text)
            if item.level:
                text = f"**{words.level(item.level)}:** {text}"
            out.append(f"- {text}{_extras(item.owner, item.due)}")
        out.append("")
    out += _airtime(summary)
    out += _debrief(summary)
    if summary.private_notes is not None:
        out += _private_notes(summary)
    return "\n".join(out)


def _debrief(summary: Summary) -> list[str]:
    """A persona rehearsal's moments, and its figures beside no intervention."""
    if summary.debrief is None:
        return []
    out = ["## " + _(words.DEBRIEF), "", typed(words.personas_line(summary)), ""]
    rows = words.debrief_rows(summary)
    if rows:
        out += [_row(words.columns(words.DEBRIEF_COLUMNS)), "|---|---|---|---|---:|---|"]
        out += [_row([cell(text) for text in row]) for row in rows]
    else:
        # Translators: a rehearsal's debrief with no moments in it
        out.append(_("No moments came up."))
    for said in (words.debrief_speed(summary), words.debrief_let_in(summary)):
        if said is not None:
            out += ["", typed(said)]
    heads, compare = words.debrief_comparison(summary)
    out += ["", _row([cell(text) for text in heads]), "|---|---:|---:|"]
    out += [_row([cell(text) for text in row]) for row in compare]
    out.append("")
    return out


def _contract(summary: Summary) -> list[str]:
    out = [f"## {_(words.CONTRACT if summary.has_contract else words.NO_CONTRACT)}", ""]
    if summary.has_contract and not summary.contract_agreed:
        out += [f"_{_(words.NOT_AGREED)}_", ""]
    if agreed := words.contract_agreed(summary):
        out += [agreed, ""]
    out += [words.notes_consent(summary), ""]
    # Translators: label before the group's focus for the session
    focus = _("Focus:")
    out += [f"**{focus}** {typed(summary.focus) or '—'}", ""]
    if summary.ground_rules:
        rules = _("Ground rules:")
        out += [f"**{rules}**", ""]
        out += [f"- {typed(rule)}" for rule in summary.ground_rules]
        out.append("")
    return out


def _follow_ups(summary: Summary) -> list[str]:
    if not summary.follow_ups:
        return []
    out = ["## " + _("Agreements from last time"), ""]
    for follow_up in summary.follow_ups:
        status = words.follow_up_status(follow_up.status)
        extras = _extras(follow_up.owner, follow_up.due, follow_up.agreed_at)
        out.append(f"- {status}: {typed(follow_up.text)}{extras}")
    out.append("")
    return out


def _phases(summary: Summary) -> list[str]:
    out = [
        "## " + _("Phases"),
        "",
        _row(words.columns(words.PHASE_COLUMNS)),
        "|---|---|---:|---:|---|---|",
    ]
    for phase in summary.phases:
        actual = _spent(phase.actual_seconds) if phase.visits else "—"
        out.append(
            f"| {phase.index + 1} | {typed(phase.title)} | {format_seconds(phase.planned_seconds)}"
            f" | {actual} | {words.when(phase.started_at, 'seconds')}"
            f" | {words.when(phase.ended_at, 'seconds')} |"
        )
    out.append("")
    questions = [p for p in summary.phases if p.prompt and p.visits]
    if questions:
        # Translators: label before the questions (prompts) of the phases that were held
        asked = _("Questions asked:")
        out += [f"**{asked}**", ""]
        out += [f"- {typed(p.title)}: {typed(p.prompt)}" for p in questions]
        out.append("")
    return out


def _airtime(summary: Summary) -> list[str]:
    heads = words.columns(words.AIRTIME_COLUMNS)
    out = [
        "## " + _("Speaking time"),
        "",
        f"**{words.balance_words(summary.balance)}** {words.balance_figure(summary.balance)}.",
        "",
        *_apart(summary),
        f"| {' | '.join(heads[:3])} | | {' | '.join(heads[3:])} |",  # no heading over the bars
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for person in summary.airtime:
        out.append(
            f"| {typed(person.name)} | {_spent(person.seconds)}"
            f" | {percent(person.share)} | `{_bar(person.share)}`"
            f" | {person.turns} | {person.passes}"
            f" | {_spent(person.overtime_seconds)} |"
        )
    total = _("Total speaking time: {time}.").format(time=_spent(summary.speaking_seconds))
    out += ["", total, ""]
    for phase in summary.phases:
        for said in (words.position_times(phase), words.other_side(phase), words.measured(phase)):
            if said is not None:
                out += [typed(said), ""]
    spoken_in = [
        phase.index
        for phase in summary.phases
        if any(person.phases[phase.index] for person in summary.airtime)
    ]
    if len(spoken_in) > 1:
        titles = [typed(summary.phases[i].title) for i in spoken_in]
        # Translators: label before the table of speaking time in each phase
        per_phase = _("Per phase:")
        out += [
            f"**{per_phase}**",
            "",
            _row([heads[0], *titles]),
            "|---|" + "---:|" * len(titles),
        ]
        for person in summary.airtime:
            cells = " | ".join(_spent(person.phases[i]) for i in spoken_in)
            out.append(f"| {typed(person.name)} | {cells} |")
        out.append("")
    return out


def _apart(summary: Summary) -> list[str]:
    """The balance without the roles that speak long by design, when there are any."""
    apart = summary.balance_without
    if apart is None:
        return []
    label = words.balance_apart(summary.long_roles)
    return [
        f"{typed(label)} **{words.balance_words(apart)}** {words.balance_figure(apart)}.",
        "",
    ]


def _private_notes(summary: Summary) -> list[str]:
    notes = summary.private_notes or []
    out = ["## " + _("Private notes"), ""]
    if not notes:
        none = _("No private notes.")
        return [*out, f"_{none}_", ""]
    for note in notes:
        where = " · ".join(part for part in (note.phase, note.speaker) if part)
        stamp = words.when(note.at, "seconds")
        out.append(f"- **{stamp}**{f' ({typed(where)})' if where else ''}: {typed(note.text)}")
    out.append("")
    return out
