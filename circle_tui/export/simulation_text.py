"""`formats simulate`: the figures of a format's runs, as a table in words.

The text table and the HTML page (`simulation_html`) name the same figures
(`rows`), in the reader's language.
"""

from __future__ import annotations

import statistics

from circle_tui.core.format_runs import FormatRuns
from circle_tui.core.i18n import _, ngettext
from circle_tui.core.shown_text import visible
from circle_tui.core.timing import format_seconds
from circle_tui.languages import decimal, percent


def rows(result: FormatRuns) -> list[tuple[str, str]]:
    """Each figure of one format's runs, named, as the table shows it."""
    lengths, ginis = result.lengths, result.ginis
    spread = f"{format_seconds(min(lengths))} – {format_seconds(max(lengths))}"
    fairness = " – ".join(decimal(g) for g in (min(ginis), statistics.median(ginis), max(ginis)))
    worst = result.worst_phase
    if worst is None:
        # Translators: formats simulate: no phase ever ran over its plan by more than 10 %
        over = _("none")
    else:
        # Translators: formats simulate: {phase} ran over its plan in {share} of the runs
        over = _("{phase} ({share} of runs)").format(
            phase=visible(worst.title), share=_share(worst.over_share)
        )
    return [
        # Translators: formats simulate: the length the plan adds up to
        (_("planned"), format_seconds(result.planned)),
        # Translators: formats simulate: the length the format says it takes
        (_("meant to take"), format_seconds(result.meant)),
        # Translators: formats simulate: the length of the middle run
        (_("length, median"), format_seconds(result.median)),
        # Translators: formats simulate: 9 in 10 runs took at most this long
        (_("length, 90th percentile"), format_seconds(result.p90)),
        # Translators: formats simulate: the shortest and the longest run
        (_("shortest – longest"), spread),
        # Translators: formats simulate: share of runs that took over 10 % more than meant
        (_("runs over by more than 10 %"), _share(result.overrun_share)),
        # Translators: formats simulate: the fairness figure, lowest – median – highest
        (_("fairness (Gini, 0 = even)"), fairness),
        # Translators: formats simulate: the phase that runs over its plan most often
        (_("runs over most often"), over),
    ]


def _share(share: float) -> str:
    """A share in whole percent; one that rounds to 0 but is not 0 reads "< 1 %"."""
    return f"< {percent(0.01)}" if 0 < share < 0.005 else percent(share)


def render_runs_text(results: list[FormatRuns]) -> str:
    """The figures as a table, one column per format."""
    first = results[0]
    runs = ngettext("{n} run", "{n} runs", first.runs).format(n=f"{first.runs:,}")
    people = ngettext("{n} person", "{n} people", first.people).format(n=first.people)
    # Translators: formats simulate: the heading; {runs} "1,000 runs", {people} "8 people"
    lines = [
        _("{runs} with {people}, seed {seed}").format(runs=runs, people=people, seed=first.seed)
    ]
    if first.personas:
        # Translators: formats simulate --personas: under the heading; {mix} as given
        lines.append(_("Personas in every run: {mix}").format(mix=visible(first.personas)))
    table = [[""] + [visible(r.name) for r in results]]
    named = [rows(r) for r in results]
    for index, (label, _value) in enumerate(named[0]):
        table.append([label] + [figures[index][1] for figures in named])
    widths = [max(len(row[col]) for row in table) for col in range(len(table[0]))]
    lines.append("")
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            cell.ljust(widths[col + 1]) for col, cell in enumerate(row[1:])
        ]
        lines.append("  ".join(cells).rstrip())
    if len({r.people for r in results}) > 1:
        each = ", ".join(f"{visible(r.name)}: {r.people}" for r in results)
        # Translators: formats simulate --compare: how many people each format was run with
        lines.append("\n" + _("People: {each}").format(each=each))
    return "\n".join(lines) + "\n"
