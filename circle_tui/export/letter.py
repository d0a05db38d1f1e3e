"""The organisation letter as Markdown or as one self-contained HTML page, with no names."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from circle_tui.core.i18n import N_, _
from circle_tui.core.letter import LetterItem
from circle_tui.export.html import PAGE_END, page_start
from circle_tui.export.markdown import typed
from circle_tui.languages import format_date

# Translators: the title of the letter of take-aways the groups sent to the organisation
TITLE = N_("What our groups ask of the organisation")
INTRO = N_(
    "Take-aways the groups named for the organisation, with no names. Please answer each by "
    "its id: the group hears the answer at its next check-in."
)
# Translators: heading: take-aways the organisation has not answered yet
OPEN = N_("Waiting for an answer")
# Translators: heading: take-aways the organisation answered
ANSWERED = N_("Answered")


def _day(epoch: float) -> str:
    return format_date(datetime.fromtimestamp(epoch, UTC).date(), "medium")


def line(item: LetterItem) -> str:
    # Translators: one take-away in the letter: {group}, the day it was asked, and its text
    return _("{group}, {date}: {text}").format(
        group=item.group or "—", date=_day(item.asked_at), text=item.text
    )


def answer_line(item: LetterItem) -> str:
    assert item.answer is not None
    # Translators: the organisation's answer in the letter; {date} is when it answered
    return _("answer ({date}): {answer}").format(
        date=_day(item.answer.answered_at), answer=item.answer.answer
    )


def render_letter_markdown(items: list[LetterItem]) -> str:
    out = [f"# {_(TITLE)}", "", _(INTRO)]
    for heading, part in ((OPEN, False), (ANSWERED, True)):
        found = [item for item in items if (item.answer is not None) is part]
        if found:
            out += ["", f"## {_(heading)}", ""]
            for item in found:
                out.append(f"- `{item.id}` {typed(line(item))}")
                if item.answer is not None:
                    out.append(f"  - {typed(answer_line(item))}")
    if not items:
        out += ["", _("No take-aways for the organisation yet.")]
    return "\n".join([*out, ""])


def render_letter_html(items: list[LetterItem], language: str) -> str:
    def esc(text: str) -> str:
        return escape(" ".join(text.split()))

    title = esc(_(TITLE))
    out = [
        *page_start(title, language),
        f"<header><h1>{title}</h1></header>",
        f"<p>{esc(_(INTRO))}</p>",
    ]
    for heading, part in ((OPEN, False), (ANSWERED, True)):
        found = [item for item in items if (item.answer is not None) is part]
        if found:
            out += [f"<h2>{esc(_(heading))}</h2>", "<ul>"]
            for item in found:
                answered = f"<br><em>{esc(answer_line(item))}</em>" if item.answer else ""
                out.append(f"<li><code>{item.id}</code> {esc(line(item))}{answered}</li>")
            out.append("</ul>")
    if not items:
        out.append(f"<p>{esc(_('No take-aways for the organisation yet.'))}</p>")
    out += PAGE_END
    return "\n".join(out)
