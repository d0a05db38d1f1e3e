"""A session's summary as it leaves the machine: read, pseudonymize, render.

The private notes are read from the journal only when a private report is
asked for; every other path builds the summary from the public state alone.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import Literal

from circle_tui.app.reading import read_session
from circle_tui.app.timezones import session_zone
from circle_tui.core.pseudonym import pseudonymize as pseudonymized
from circle_tui.core.state import SessionState
from circle_tui.core.summary import PrivateNote, Summary, build_summary, moment
from circle_tui.store.journal import Note

Target = Literal["md", "json", "html"]
TARGETS: tuple[Target, ...] = ("md", "json", "html")


def summary_of(
    state: SessionState, now: float, private: list[PrivateNote] | None = None
) -> Summary:
    """The summary of a session's state as of `now`, in the session's time zone."""
    zone, assumed = session_zone(state.plan.time_zone)
    return build_summary(state, now, private, zone=zone, zone_assumed=assumed)


def private_notes(state: SessionState, notes: list[Note], zone: tzinfo) -> list[PrivateNote]:
    """The journal's notes, stamped with the phase's title and the speaker's name."""
    phases = state.plan.phases
    people = state.plan.participants

    def title(index: int | None) -> str | None:
        return phases[index].title if index is not None and 0 <= index < len(phases) else None

    def name(index: int | None) -> str | None:
        return people[index].name if index is not None and 0 <= index < len(people) else None

    return [
        PrivateNote(
            at=moment(note.at, zone),
            phase=title(note.phase),
            speaker=name(note.speaker),
            text=note.body.reveal(),
        )
        for note in notes
    ]


def session_summary(
    path: Path,
    *,
    include_private: bool = False,
    pseudonymize: bool = False,
    passphrase: str | None = None,
) -> Summary:
    """The summary of the session in `path`, as it stood at its last event."""
    state, notes = read_session(path, with_notes=include_private, passphrase=passphrase)
    plan = state.plan
    # Read back from disk, a session knows nothing after its last event: an
    # unfinished one is summarised as it stood then.
    zone, _assumed = session_zone(plan.time_zone)
    private = None if notes is None else private_notes(state, notes, zone)
    summary = summary_of(state, state.last_at or plan.created_at, private)
    return pseudonymized(summary, plan.pseudonym_seed, plan.format) if pseudonymize else summary


def render(summary: Summary, to: Target) -> str:
    """The summary as Markdown, JSON or HTML text, in the session's language."""
    from circle_tui.languages import speaking

    with speaking(summary.language):
        return _render(summary, to)


def _render(summary: Summary, to: Target) -> str:
    match to:
        case "md":
            from circle_tui.export.markdown import render_markdown

            return render_markdown(summary)
        case "json":
            return summary.model_dump_json(indent=2) + "\n"
        case "html":
            from circle_tui.export.html import render_html

            return render_html(summary)
