"""The session summary as one self-contained HTML page, for the screen and for A4 paper.

The same sections, in the same order and words, as the Markdown summary; the
speaking time also as an inline SVG bar chart. No scripts, no links to
anything outside the file: it opens offline and prints as it looks.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from circle_tui.core.airtime import Airtime
from circle_tui.core.i18n import _
from circle_tui.core.summary import ItemReport, Summary
from circle_tui.core.timing import format_seconds
from circle_tui.export import words
from circle_tui.languages import percent

STYLE = """\
@page { size: A4; margin: 18mm 16mm; }
:root { color-scheme: light; }
body { margin: 0; padding: 2rem 1rem; color: #1a1a1a; background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, sans-serif; }
main { max-width: 48rem; margin: 0 auto; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #999; }
h1, h2 { break-after: avoid; page-break-after: avoid; }
ul { padding-left: 1.4rem; }
.meta { list-style: none; padding: 0; }
.alert { border: 3px solid #9b0000; color: #7a0000; padding: .75rem 1rem; margin-bottom: 1.5rem; }
.alert h1 { margin-bottom: .5rem; } .alert p { margin: 0; }
.note { border-left: 4px solid #555; padding-left: .75rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem;
  font-variant-numeric: tabular-nums; }
thead { display: table-header-group; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #bbb; }
th { border-bottom: 2px solid #444; } td { vertical-align: top; }
.num { text-align: right; white-space: nowrap; }
table, tr, figure, .alert { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 1rem 0; }
figure svg { display: block; width: 100%; height: auto; }
svg text { font-size: 13px; fill: #1a1a1a; }
.bar { fill: #2f5f8f; }
.axis { stroke: #444; stroke-width: 1; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
@media print {
  body { padding: 0; font-size: 11pt; color: #000; }
  main { max-width: none; }
  .alert { color: #000; border-color: #000; }
  h2 { border-color: #000; }
  .bar { fill: #333; }
}
"""

# The bar chart's geometry, in SVG user units (the chart scales to the page width).
_CHART_WIDTH = 640
_NAME_END = 176
"""Names are right-aligned up to here."""
_BAR_X = 184
_BAR_MAX = 330
"""Width of the longest bar: the others are shorter in proportion to their share."""
_ROW, _PAD = 22, 8
_NAME_CHARS = 20
"""Longer names are shortened in the chart (the table below has them whole)."""


def _text(text: str) -> str:
    """User text, escaped, on one line (like the Markdown's list items)."""
    return escape(" ".join(text.split()))


def _spent(seconds: float) -> str:
    return words.spent(seconds)


def _extras(owner: str | None, due: str | None, agreed_at: datetime | None = None) -> str:
    found = words.extras(owner, due, agreed_at)
    return f" ({_text(found)})" if found else ""


def _list(entries: list[str], cls: str = "") -> list[str]:
    """A `<ul>` of already escaped entries."""
    attr = f' class="{cls}"' if cls else ""
    return [f"<ul{attr}>", *(f"<li>{entry}</li>" for entry in entries), "</ul>"]


def html_table(head: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    """A table of already escaped cells; columns in `numeric` are right-aligned."""

    def cells(tag: str, row: list[str]) -> str:
        scope = ' scope="col"' if tag == "th" else ""
        num = ' class="num"'
        return "".join(
            f"<{tag}{scope}{num if i in numeric else ''}>{cell}</{tag}>"
            for i, cell in enumerate(row)
        )

    out = ["<table>", f"<thead><tr>{cells('th', head)}</tr></thead>", "<tbody>"]
    out += [f"<tr>{cells('td', row)}</tr>" for row in rows]
    return [*out, "</tbody>", "</table>"]


def page_start(title: str, language: str, style: str = "") -> list[str]:
    """The start of a self-contained page, up to `<main>`: `title` already escaped."""
    return [
        "<!DOCTYPE html>",
        f'<html lang="{escape(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}{style}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]


PAGE_END = ["</main>", "</body>", "</html>", ""]


def render_html(summary: Summary) -> str:
    """The summary as a self-contained HTML document (in the current language)."""
    title = _text(words.title(summary))
    out = page_start(title, summary.language)
    if summary.private_notes is not None:
        out += [
            '<header class="alert">',
            f"<h1>{title}</h1>",
            f"<p><strong>{escape(_(words.PRIVATE_WARNING))}</strong></p>",
            "</header>",
        ]
    else:
        out.append(f"<header><h1>{title}</h1></header>")
    if summary.rehearsal:
        out.append(f'<p class="note"><strong>{escape(_(words.REHEARSAL))}</strong></p>')
    out += _meta(summary)
    if summary.pseudonymized:
        out.append(_em_p(_(words.PSEUDONYMIZED)))
    out += _contract(summary)
    out += _follow_ups(summary)
    out += _phases(summary)
    for kind, heading in words.SECTIONS:
        items = [item for item in summary.items if item.kind is kind]
        if items:
            out += [_h2(_(heading)), *_list([_item(item) for item in items])]
    out += _airtime(summary)
    out += _debrief(summary)
    if summary.private_notes is not None:
        out += _private_notes(summary)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _debrief(summary: Summary) -> list[str]:
    """A persona rehearsal's moments, and its figures beside no intervention."""
    if summary.debrief is None:
        return []
    out = [_h2(_(words.DEBRIEF)), f"<p>{_text(words.personas_line(summary))}</p>"]
    rows = words.debrief_rows(summary)
    if rows:
        body = [[_text(cell) for cell in row] for row in rows]
        heads = [_text(head) for head in words.columns(words.DEBRIEF_COLUMNS)]
        out += html_table(heads, body, {4})
    else:
        out.append(f"<p>{_text(_('No moments came up.'))}</p>")
    for said in (words.debrief_speed(summary), words.debrief_let_in(summary)):
        if said is not None:
            out.append(f"<p>{_text(said)}</p>")
    heads, compare = words.debrief_comparison(summary)
    escaped = [[_text(text) for text in row] for row in compare]
    out += html_table([_text(head) for head in heads], escaped, {1, 2})
    return out


def _h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _strong_p(text: str) -> str:
    return f"<p><strong>{escape(text)}</strong></p>"


def _em_p(text: str) -> str:
    return f"<p><em>{escape(text)}</em></p>"


def _label(label: str, value: str) -> str:
    """A label in bold before its (already escaped) value."""
    return f"<strong>{escape(label)}</strong> {value}"


def _meta(summary: Summary) -> list[str]:
    date = f"{words.when(summary.started_at)} – {words.when(summary.closed_at, 'time')}"
    date += f" ({words.zone(summary)})"
    format_id = f"<code>{_text(summary.format_id)}</code>"
    # Translators: label before the format's name in a summary
    entries = [_label(_("Format:"), f"{_text(summary.format_name)} ({format_id})")]
    if summary.group:
        # Translators: label before the group's name in a summary
        entries.append(_label(_("Group:"), _text(summary.group)))
    entries += [
        # Translators: label before when the session took place
        _label(_("Date:"), escape(date)),
        _label(_("Participants:"), _text(", ".join(summary.participants))),
    ]
    if (came := words.attendance(summary)) is not None:
        # Translators: label before who came late, was absent or left early
        entries.append(_label(_("Attendance:"), _text(came)))
    # Translators: label before the session's id (its folder name)
    entries.append(_label(_("Session:"), f"<code>{_text(summary.session_id)}</code>"))
    return _list(entries, "meta")


def _item(item: ItemReport) -> str:
    text = _text(item.text)
    if item.level:
        text = f"<strong>{_text(words.level(item.level))}:</strong> {text}"
    return text + _extras(item.owner, item.due)


def _contract(summary: Summary) -> list[str]:
    heading = _(words.CONTRACT if summary.has_contract else words.NO_CONTRACT)
    out = [_h2(heading)]
    if summary.has_contract and not summary.contract_agreed:
        out.append(_em_p(_(words.NOT_AGREED)))
    if agreed := words.contract_agreed(summary):
        out.append(f"<p>{escape(agreed)}</p>")
    out.append(f"<p>{escape(words.notes_consent(summary))}</p>")
    # Translators: label before the group's focus for the session
    focus = _label(_("Focus:"), _text(summary.focus) or "—")
    out.append(f"<p>{focus}</p>")
    if summary.ground_rules:
        out.append(_strong_p(_("Ground rules:")))
        out += _list([_text(rule) for rule in summary.ground_rules])
    return out


def _follow_ups(summary: Summary) -> list[str]:
    if not summary.follow_ups:
        return []
    entries = [
        f"{escape(words.follow_up_status(f.status))}: {_text(f.text)}"
        f"{_extras(f.owner, f.due, f.agreed_at)}"
        for f in summary.follow_ups
    ]
    return [_h2(_("Agreements from last time")), *_list(entries)]


def _phases(summary: Summary) -> list[str]:
    rows = [
        [
            str(phase.index + 1),
            _text(phase.title),
            format_seconds(phase.planned_seconds),
            _spent(phase.actual_seconds) if phase.visits else "—",
            words.when(phase.started_at, "seconds"),
            words.when(phase.ended_at, "seconds"),
        ]
        for phase in summary.phases
    ]
    head = [escape(heading) for heading in words.columns(words.PHASE_COLUMNS)]
    out = [_h2(_("Phases")), *html_table(head, rows, {0, 2, 3})]
    questions = [p for p in summary.phases if p.prompt and p.visits]
    if questions:
        # Translators: label before the questions (prompts) of the phases that were held
        out.append(_strong_p(_("Questions asked:")))
        out += _list([f"{_text(p.title)}: {_text(p.prompt)}" for p in questions])
    return out


def _airtime(summary: Summary) -> list[str]:
    balance = summary.balance
    out = [
        _h2(_("Speaking time")),
        f"<p><strong>{escape(words.balance_words(balance))}</strong>"
        f" {escape(words.balance_figure(balance))}.</p>",
        *_apart(summary),
        *_chart(summary.airtime),
    ]
    rows = [
        [
            _text(p.name),
            _spent(p.seconds),
            percent(p.share),
            str(p.turns),
            str(p.passes),
            _spent(p.overtime_seconds),
        ]
        for p in summary.airtime
    ]
    heads = [escape(heading) for heading in words.columns(words.AIRTIME_COLUMNS)]
    out += html_table(heads, rows, {1, 2, 3, 4, 5})
    total = _("Total speaking time: {time}.").format(time=_spent(summary.speaking_seconds))
    out.append(f"<p>{escape(total)}</p>")
    for phase in summary.phases:
        for said in (words.position_times(phase), words.other_side(phase), words.measured(phase)):
            if said is not None:
                out.append(f"<p>{_text(said)}</p>")
    spoken_in = [
        phase.index
        for phase in summary.phases
        if any(person.phases[phase.index] for person in summary.airtime)
    ]
    if len(spoken_in) > 1:
        head = [heads[0], *(_text(summary.phases[i].title) for i in spoken_in)]
        per_phase = [
            [_text(p.name), *(_spent(p.phases[i]) for i in spoken_in)] for p in summary.airtime
        ]
        # Translators: label before the table of speaking time in each phase
        out.append(_strong_p(_("Per phase:")))
        out += html_table(head, per_phase, set(range(1, len(head))))
    return out


def _apart(summary: Summary) -> list[str]:
    """The balance without the roles that speak long by design, when there are any."""
    apart = summary.balance_without
    if apart is None:
        return []
    return [
        f"<p>{escape(words.balance_apart(summary.long_roles))}"
        f" <strong>{escape(words.balance_words(apart))}</strong>"
        f" {escape(words.balance_figure(apart))}.</p>"
    ]


def _short(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= _NAME_CHARS else name[: _NAME_CHARS - 1] + "…"


def _chart(people: list[Airtime]) -> list[str]:
    """Speaking time as horizontal bars: one row per participant, length by share."""
    if not people:
        return []
    height = 2 * _PAD + _ROW * len(people)
    longest = max(max(person.share for person in people), 1e-9)
    label = escape(_("Speaking time per participant, as a share of all speaking time"))
    out = [
        "<figure>",
        f'<svg class="chart" role="img" aria-label="{label}"'
        f' viewBox="0 0 {_CHART_WIDTH} {height}" width="{_CHART_WIDTH}" height="{height}">',
        f"<title>{label}</title>",
        f'<line class="axis" x1="{_BAR_X}" y1="{_PAD}" x2="{_BAR_X}" y2="{height - _PAD}"'
        ' stroke="#444"/>',
    ]
    for row, person in enumerate(people):
        top = _PAD + row * _ROW
        width = round(max(0.0, person.share) / longest * _BAR_MAX, 1)
        figure = f"{_spent(person.seconds)} · {percent(person.share)}"
        baseline = top + _ROW / 2 + 4.5
        out += [
            "<g>",
            f"<title>{_text(person.name)}: {figure}</title>",
            f'<text x="{_NAME_END}" y="{baseline}" text-anchor="end">'
            f"{escape(_short(person.name))}</text>",
            f'<rect class="bar" x="{_BAR_X}" y="{top + 3}" width="{width}"'
            f' height="{_ROW - 6}" fill="#2f5f8f"/>',
            f'<text x="{_BAR_X + width + 6}" y="{baseline}">{figure}</text>',
            "</g>",
        ]
    return [*out, "</svg>", "</figure>"]


def _private_notes(summary: Summary) -> list[str]:
    notes = summary.private_notes or []
    out = [_h2(_("Private notes"))]
    if not notes:
        return [*out, _em_p(_("No private notes."))]
    entries = []
    for note in notes:
        where = " · ".join(part for part in (note.phase, note.speaker) if part)
        stamp = words.when(note.at, "seconds")
        place = f" ({_text(where)})" if where else ""
        entries.append(f"<strong>{stamp}</strong>{place}: {_text(note.text)}")
    return [*out, *_list(entries)]
