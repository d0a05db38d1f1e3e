"""The session summary as Markdown: what the group agreed may leave the room."""

from __future__ import annotations

from datetime import datetime

from circle_tui.core.events import ItemKind
from circle_tui.core.summary import Summary
from circle_tui.core.timing import format_seconds

_LEVELS = {"i": "I", "we": "We", "org": "Organisation"}
_BAR_WIDTH = 20


def _when(epoch: float | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "—" if epoch is None else datetime.fromtimestamp(epoch).strftime(fmt)


def _bar(share: float) -> str:
    filled = round(share * _BAR_WIDTH)
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(summary: Summary) -> str:
    """The summary as a Markdown document."""
    out: list[str] = []
    title = summary.group or summary.format_name
    out.append(f"# {_cell(title)}: session summary")
    out.append("")
    if summary.rehearsal:
        out.append("> **Rehearsal** — not a real session.")
        out.append("")
    out.append(f"- **Format:** {summary.format_name} (`{summary.format_id}`)")
    if summary.group:
        out.append(f"- **Group:** {summary.group}")
    out.append(f"- **Date:** {_when(summary.started_at)} – {_when(summary.closed_at, '%H:%M')}")
    out.append(f"- **Participants:** {', '.join(summary.participants)}")
    out.append(f"- **Session:** `{summary.session_id}`")
    out.append("")

    out.append("## Contract")
    out.append("")
    if not summary.contract_agreed:
        out.append("_The contract was not recorded as agreed._")
        out.append("")
    out.append(f"**Focus:** {summary.focus or '—'}")
    out.append("")
    if summary.ground_rules:
        out.append("**Ground rules:**")
        out.append("")
        out.extend(f"- {rule}" for rule in summary.ground_rules)
        out.append("")

    out.append("## Phases")
    out.append("")
    out.append("| # | Phase | Planned | Actual | Started | Ended |")
    out.append("|---|---|---:|---:|---|---|")
    for phase in summary.phases:
        actual = format_seconds(phase.actual_seconds, round_up=False) if phase.visits else "—"
        out.append(
            f"| {phase.index + 1} | {_cell(phase.title)} | {format_seconds(phase.planned_seconds)}"
            f" | {actual} | {_when(phase.started_at, '%H:%M:%S')}"
            f" | {_when(phase.ended_at, '%H:%M:%S')} |"
        )
    out.append("")
    questions = [p for p in summary.phases if p.prompt and p.visits]
    if questions:
        out.append("**Questions asked:**")
        out.append("")
        out.extend(f"- {p.title}: {p.prompt}" for p in questions)
        out.append("")

    sections = [
        (ItemKind.DISAGREEMENT, "What we disagree about"),
        (ItemKind.LEARNING, "What we learned from the disagreement"),
        (ItemKind.TAKEAWAY, "Take-aways"),
        (ItemKind.AGREEMENT, "Agreements"),
    ]
    for kind, heading in sections:
        items = [item for item in summary.items if item.kind is kind]
        if not items:
            continue
        out.append(f"## {heading}")
        out.append("")
        for item in items:
            line = f"- {item.text}"
            if kind is ItemKind.TAKEAWAY and item.level:
                line = f"- **{_LEVELS.get(item.level, item.level)}:** {item.text}"
            extras = []
            if item.owner:
                extras.append(f"owner: {item.owner}")
            if item.due:
                extras.append(f"due: {item.due}")
            if extras:
                line += f" ({'; '.join(extras)})"
            out.append(line)
        out.append("")

    out.append("## Speaking time")
    out.append("")
    out.append("| Participant | Time | Share | | Turns | Passes | Overtime |")
    out.append("|---|---:|---:|---|---:|---:|---:|")
    for person in summary.airtime:
        out.append(
            f"| {_cell(person.name)} | {format_seconds(person.seconds, round_up=False)}"
            f" | {person.share:.0%} | `{_bar(person.share)}` | {person.turns} | {person.passes}"
            f" | {format_seconds(person.overtime_seconds, round_up=False)} |"
        )
    out.append("")
    out.append(f"Total speaking time: {format_seconds(summary.speaking_seconds, round_up=False)}.")
    out.append("")
    return "\n".join(out)
