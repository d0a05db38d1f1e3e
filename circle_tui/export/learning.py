"""The report across facilitators as Markdown or as one self-contained HTML page.

For whoever looks after learning across sites: how many circles, which
formats, the follow-through rate (overall and per group), the spread of
the fairness figure, and the organisation's take-aways by theme. It holds
no names: only pseudonymized summaries go in (`app.learning`).
"""

from __future__ import annotations

from html import escape

from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.core.learning import LearningReport
from circle_tui.export import words
from circle_tui.export.html import PAGE_END, html_table, page_start
from circle_tui.export.markdown import cell, typed
from circle_tui.languages import decimal, percent

# Translators: the title of the report over many circles, for whoever looks after learning
TITLE = N_("What our circles learned")
# Translators: heading: which circle formats were used, and how often
FORMATS = N_("Formats")
# Translators: heading: how often agreements were carried out, overall and per group
FOLLOW_THROUGH = N_("Follow-through")
# Translators: heading: the spread of the Gini coefficient of speaking time over the circles
FAIRNESS = N_("How evenly the word was shared")
# Translators: heading: the take-aways for the organisation, grouped by theme
ORG = N_("For the organisation, by theme")
# Translators: the theme of take-aways that share no word with the others
OTHER = N_("other")
GROUP_COLUMNS = (
    # Translators: column heading: a group's name
    N_("Group"),
    # Translators: column heading: how many circles a group held
    N_("Circles"),
    # Translators: column heading: agreements reviewed at a later circle, and how many were done
    N_("Done of reviewed"),
)
_BINS = 10
"""The Gini histogram's bars: 0.0-0.1, 0.1-0.2, ... (an even share is on the left)."""


def circles(report: LearningReport) -> str:
    n = ngettext("{n} circle", "{n} circles", report.circles).format(n=report.circles)
    if report.first is not None and report.last is not None:
        # Translators: {circles} is "12 circles"; {first} and {last} are dates
        return _("{circles}, from {first} to {last}").format(
            circles=n, first=words.when(report.first, "date"), last=words.when(report.last, "date")
        )
    return n


def rate(done: int, reviewed: int) -> str:
    if not reviewed:
        return _("no agreement reviewed yet")
    # Translators: {done} of {reviewed} agreements were done; {rate} is a percentage
    return _("{done} of {reviewed} ({rate})").format(
        done=done, reviewed=reviewed, rate=percent(done / reviewed)
    )


def spread(report: LearningReport) -> str:
    """The Gini coefficients' lowest, median and highest, in one line."""
    low, mid, high = (report.gini_quantile(q) for q in (0.0, 0.5, 1.0))
    if low is None or mid is None or high is None:
        return _("Nobody spoke in these circles.")
    # Translators: the spread of the Gini coefficient (0: an even share of speaking time)
    line = _("Gini coefficient: lowest {low}, median {median}, highest {high} (0 is an even share)")
    return line.format(low=decimal(low), median=decimal(mid), high=decimal(high))


def histogram(report: LearningReport) -> list[int]:
    counts = [0] * _BINS
    for gini in report.ginis:
        counts[min(_BINS - 1, int(gini * _BINS))] += 1
    return counts


def theme_name(name: str) -> str:
    return name if name else _(OTHER)


def render_learning_markdown(report: LearningReport) -> str:
    out = [f"# {_(TITLE)}", "", circles(report), ""]
    out += [f"## {_(FORMATS)}", ""]
    out += [f"- {typed(name)}: {n}" for name, n in report.formats] or ["—"]
    out += ["", f"## {_(FOLLOW_THROUGH)}", "", rate(report.done, report.reviewed), ""]
    out += ["| " + " | ".join(words.columns(GROUP_COLUMNS)) + " |", "|---|---|---|"]
    out += [
        f"| {cell(g.group or '—')} | {g.circles} | {rate(g.done, g.reviewed)} |"
        for g in report.groups
    ]
    bars = "".join(
        "▁▂▃▄▅▆▇█"[min(7, n * 8 // max(1, max(histogram(report))))] for n in histogram(report)
    )
    out += ["", f"## {_(FAIRNESS)}", "", spread(report), "", f"`0 {bars} 1`", ""]
    out += [f"## {_(ORG)}"]
    for theme in report.themes:
        out += ["", f"### {typed(theme_name(theme.name))} ({len(theme.takeaways)})", ""]
        out += [
            f"- {typed(t.text)} ({typed(t.group or '—')}, {words.when(t.started_at, 'date')})"
            for t in theme.takeaways
        ]
    return "\n".join([*out, ""])


def _esc(text: str) -> str:
    return escape(" ".join(text.split()))


def _histogram_svg(report: LearningReport) -> list[str]:
    counts = histogram(report)
    if not any(counts):
        return []
    width, height, bottom = 640, 180, 28
    tallest, bar = max(counts), width / _BINS
    label = _esc(spread(report))
    out = [
        "<figure>",
        f'<svg class="chart" role="img" aria-label="{label}" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}">',
        f"<title>{label}</title>",
    ]
    for index, n in enumerate(counts):
        h = round(n / tallest * (height - bottom - 16), 1)
        x = round(index * bar + 2, 1)
        low, high = index / _BINS, (index + 1) / _BINS
        tip = _esc(f"{decimal(low, 1)}–{decimal(high, 1)}: {n}")
        out.append(
            f'<rect class="bar" x="{x}" y="{height - bottom - h}" width="{round(bar - 4, 1)}"'
            f' height="{h}" fill="#2f5f8f"><title>{tip}</title></rect>'
        )
        out.append(
            f'<text x="{round(x + bar / 2 - 2, 1)}" y="{height - 10}"'
            f' text-anchor="middle">{decimal(low, 1)}</text>'
        )
    return [*out, "</svg>", "</figure>"]


def render_learning_html(report: LearningReport, language: str) -> str:
    title = _esc(_(TITLE))
    out = [
        *page_start(title, language),
        f"<header><h1>{title}</h1></header>",
        f"<p>{_esc(circles(report))}</p>",
        f"<h2>{_esc(_(FORMATS))}</h2>",
        "<ul>",
        *(f"<li>{_esc(name)}: {n}</li>" for name, n in report.formats),
        "</ul>",
        f"<h2>{_esc(_(FOLLOW_THROUGH))}</h2>",
        f"<p>{_esc(rate(report.done, report.reviewed))}</p>",
    ]
    rows = [
        [_esc(g.group or "—"), str(g.circles), _esc(rate(g.done, g.reviewed))]
        for g in report.groups
    ]
    out += html_table(words.columns(GROUP_COLUMNS), rows, {1})
    out += [f"<h2>{_esc(_(FAIRNESS))}</h2>", f"<p>{_esc(spread(report))}</p>"]
    out += _histogram_svg(report)
    out.append(f"<h2>{_esc(_(ORG))}</h2>")
    for theme in report.themes:
        out.append(f"<h3>{_esc(theme_name(theme.name))} ({len(theme.takeaways)})</h3>")
        out.append("<ul>")
        out += [
            f"<li>{_esc(t.text)} ({_esc(t.group or '—')}, {_esc(words.when(t.started_at, 'date'))})"
            "</li>"
            for t in theme.takeaways
        ]
        out.append("</ul>")
    out += PAGE_END
    return "\n".join(out)
