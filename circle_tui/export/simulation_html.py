"""`formats simulate --to html`: the figures as a page, the distributions drawn as SVG.

A self-contained page like the summary's (no script, nothing fetched): a
table with one column per format, then for each format a histogram of the
runs' lengths (with the length the format says it takes marked) and one of
the fairness figure.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from circle_tui.core.format_runs import FormatRuns, histogram
from circle_tui.core.i18n import _, language
from circle_tui.core.timing import format_seconds
from circle_tui.export.html import PAGE_END, html_table, page_start
from circle_tui.export.simulation_text import rows

BINS = 24
WIDTH, HEIGHT, FOOT = 480, 140, 22
CHART_STYLE = """\
figure { margin: 1.5em 0; }
svg.chart { max-width: 100%; height: auto; }
svg.chart rect.bar { fill: #2f5f8f; }
svg.chart line.meant { stroke: #b03030; stroke-width: 2; }
svg.chart text { font-size: 12px; fill: currentColor; }
"""


def render_runs_html(results: list[FormatRuns]) -> str:
    """The page for one format's runs, or two side by side."""
    names = [escape(r.name) for r in results]
    # Translators: formats simulate --to html: the page's title; {names} the formats
    title = _("How it really runs: {names}").format(names=" · ".join(names))
    out = page_start(title, language(), CHART_STYLE)
    out.append(f"<h1>{title}</h1>")
    first = results[0]
    # Translators: formats simulate --to html: under the title
    said = _("{runs} simulated runs each, {people} people, seed {seed}.")
    out.append(
        f"<p>{escape(said.format(runs=first.runs, people=first.people, seed=first.seed))}</p>"
    )
    if first.personas:
        mix = _("Personas in every run: {mix}").format(mix=first.personas)
        out.append(f"<p>{escape(mix)}</p>")
    table = [rows(r) for r in results]
    body = [
        [escape(label)] + [escape(t[i][1]) for t in table] for i, (label, _v) in enumerate(table[0])
    ]
    out += html_table(["", *names], body, numeric=set(range(1, len(results) + 1)))
    for result in results:
        out.append(f"<h2>{escape(result.name)}</h2>")
        # Translators: formats simulate --to html: a chart's caption
        out += _chart(result.lengths, result.meant, _("Length of each run"), format_seconds)
        # Translators: formats simulate --to html: a chart's caption (0 is perfectly even)
        caption = _("Fairness figure of each run (Gini, 0 = even)")
        out += _chart(result.ginis, None, caption, lambda g: f"{g:.2f}")
    return "\n".join(out + PAGE_END)


def _chart(
    values: tuple[float, ...], meant: float | None, caption: str, label: Callable[[float], str]
) -> list[str]:
    counts = histogram(values, BINS)
    low, high = min(values), max(values)
    top = max(counts) or 1
    step = WIDTH / BINS
    out = [
        "<figure>",
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + FOOT}" role="img"'
        f' aria-label="{escape(caption)}">',
    ]
    for index, count in enumerate(counts):
        tall = HEIGHT * count / top
        out.append(
            f'<rect class="bar" x="{index * step + 1:.1f}" y="{HEIGHT - tall:.1f}"'
            f' width="{step - 2:.1f}" height="{tall:.1f}"><title>{count}</title></rect>'
        )
    if meant is not None and high > low and low <= meant <= high:
        x = (meant - low) / (high - low) * WIDTH
        out.append(f'<line class="meant" x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{HEIGHT}"/>')
    out.append(f'<text x="0" y="{HEIGHT + 16}">{escape(label(low))}</text>')
    out.append(
        f'<text x="{WIDTH}" y="{HEIGHT + 16}" text-anchor="end">{escape(label(high))}</text>'
    )
    out += ["</svg>", f"<figcaption>{escape(caption)}</figcaption>", "</figure>"]
    return out
