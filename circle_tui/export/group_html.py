"""A group's page as one self-contained HTML document, with its trends as inline SVG charts.

The same sections and words as the Markdown page (`export.group_page`), the
same style as a session's summary (`export.html`): no scripts, nothing
fetched, it opens offline and prints as it looks. Two charts: how evenly the
word was shared in each session (the Gini coefficient, low is even), and
where the agreements ended (done, ongoing, dropped, not reviewed yet).
"""

from __future__ import annotations

from html import escape

from circle_tui.core.events import FollowUpStatus
from circle_tui.core.group import GroupPage
from circle_tui.core.i18n import _
from circle_tui.export import group_page as text
from circle_tui.export import words
from circle_tui.export.html import PAGE_END, html_table, page_start

_WIDTH, _HEIGHT, _LEFT, _BOTTOM, _TOP = 640, 200, 40, 34, 12
"""The trend chart's geometry in SVG user units (it scales to the page width)."""
_STATUS_FILL = {
    FollowUpStatus.DONE: "#2f6f3f",
    FollowUpStatus.ONGOING: "#2f5f8f",
    FollowUpStatus.DROPPED: "#8f2f2f",
    None: "#9a9a9a",
}
_EXTRA_STYLE = """\
.trend { fill: none; stroke: #2f5f8f; stroke-width: 2; }
.dot { fill: #2f5f8f; }
.grid { stroke: #ccc; stroke-width: 1; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .35em;
  vertical-align: -.1em; }
@media print { .trend { stroke: #000; } .dot { fill: #000; } }
"""


def _esc(value: str) -> str:
    return escape(" ".join(value.split()))


def balance_chart(page: GroupPage) -> list[str]:
    """The Gini coefficient per session as a line over time (0 even, 1 one voice)."""
    points = [(i, s.gini) for i, s in enumerate(page.sessions) if s.gini is not None]
    if not points:
        return []
    n = max(len(page.sessions) - 1, 1)
    plot_w, plot_h = _WIDTH - _LEFT - 16, _HEIGHT - _TOP - _BOTTOM

    def x(index: int) -> float:  # room on both sides for a date centred under its point
        return round(_LEFT + 40 + index / n * (plot_w - 80), 1)

    def y(gini: float) -> float:
        return round(_TOP + (1 - min(max(gini, 0.0), 1.0)) * plot_h, 1)

    label = _esc(_("How evenly the word was shared in each session: Gini coefficient, low is even"))
    out = [
        "<figure>",
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {_WIDTH} {_HEIGHT}"'
        f' width="{_WIDTH}" height="{_HEIGHT}">',
        f"<title>{label}</title>",
    ]
    for tick in (0.0, 0.5, 1.0):
        out += [
            f'<line class="grid" x1="{_LEFT}" y1="{y(tick)}" x2="{_WIDTH - 16}" y2="{y(tick)}"'
            ' stroke="#ccc"/>',
            f'<text x="{_LEFT - 6}" y="{y(tick) + 4.5}" text-anchor="end">{tick:.1f}</text>',
        ]
    path = " ".join(f"{'M' if k == 0 else 'L'}{x(i)},{y(g)}" for k, (i, g) in enumerate(points))
    out.append(f'<path class="trend" d="{path}" fill="none" stroke="#2f5f8f"/>')
    for index, gini in points:
        row = page.sessions[index]
        tip = f"{words.when(row.started_at, 'date')}: {text.session_cells(row)[4]}"
        out.append(
            f'<circle class="dot" cx="{x(index)}" cy="{y(gini)}" r="4" fill="#2f5f8f">'
            f"<title>{_esc(tip)}</title></circle>"
        )
    for index, row in enumerate(page.sessions):
        day = _esc(words.when(row.started_at, "date"))
        out.append(f'<text x="{x(index)}" y="{_HEIGHT - 12}" text-anchor="middle">{day}</text>')
    return [*out, "</svg>", "</figure>"]


def follow_through_chart(page: GroupPage) -> list[str]:
    """One bar split by where the agreements ended, with a legend that says the numbers."""
    if not page.agreements:
        return []
    counts = {status: 0 for status in _STATUS_FILL}
    for agreement in page.agreements:
        counts[agreement.status] += 1
    total = len(page.agreements)
    label = _esc(text.follow_through(page))
    out = [
        "<figure>",
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {_WIDTH} 36"'
        f' width="{_WIDTH}" height="36">',
        f"<title>{label}</title>",
    ]
    left = 0.0
    for status, n in counts.items():
        if not n:
            continue
        width = round(n / total * _WIDTH, 1)
        tip = _esc(f"{words.follow_up_status(status)}: {n}")
        out.append(
            f'<rect x="{round(left, 1)}" y="4" width="{width}" height="28"'
            f' fill="{_STATUS_FILL[status]}"><title>{tip}</title></rect>'
        )
        left += width
    out += ["</svg>", '<figcaption><ul class="legend">']
    for status, n in counts.items():
        if n:
            out.append(
                f'<li><span class="swatch" style="background:{_STATUS_FILL[status]}"></span>'
                f"{_esc(words.follow_up_status(status))}: {n}</li>"
            )
    return [*out, "</ul></figcaption>", "</figure>"]


def render_group_html(page: GroupPage) -> str:
    """The page as a self-contained HTML document (in the current language)."""
    title = _esc(text.title(page))
    out = [
        *page_start(title, page.language, _EXTRA_STYLE),
        f"<header><h1>{title}</h1></header>",
        f"<p>{_esc(text.overview(page))}</p>",
    ]
    if page.pseudonymized:
        out.append(f"<p><em>{_esc(_(text.PSEUDONYMIZED))}</em></p>")
    out.append(f"<h2>{_esc(_(text.SESSIONS))}</h2>")
    rows = [[_esc(cell) for cell in text.session_cells(s)] for s in page.sessions]
    out += html_table(words.columns(text.SESSION_COLUMNS), rows, {2, 3, 4})
    out += [f"<h2>{_esc(_(text.BALANCE))}</h2>", *balance_chart(page)]
    out += [f"<h2>{_esc(_(text.AGREEMENTS))}</h2>", f"<p>{_esc(text.follow_through(page))}</p>"]
    out += follow_through_chart(page)
    if page.agreements:
        out += ["<ul>", *(f"<li>{_esc(text.agreement_line(a))}</li>" for a in page.agreements)]
        out.append("</ul>")
    for level, heading in text.TAKEAWAY_HEADINGS.items():
        found = [t for t in page.takeaways if t.level == level]
        if found:
            out += [f"<h2>{_esc(_(heading))}</h2>", "<ul>"]
            out += [f"<li>{_esc(text.takeaway_line(t))}</li>" for t in found]
            out.append("</ul>")
    if page.people:  # the facilitator's own file (`--names`): never in a page that leaves
        out.append(f"<h2>{_esc(_(text.PEOPLE))}</h2>")
        cells = [
            [_esc(cell) for cell in text.person_cells(p, page.role_names)] for p in page.people
        ]
        out += html_table(words.columns(text.PEOPLE_COLUMNS), cells, {1, 3})
    out += PAGE_END
    return "\n".join(out)
