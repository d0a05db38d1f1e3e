"""`circle-tui formats simulate`: how a format really runs, from many seeded runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from circle_tui.app.formats import find_format
from circle_tui.app.places import atomic_write
from circle_tui.core.format_runs import simulate_format
from circle_tui.core.i18n import _, language
from circle_tui.export.simulation_text import render_runs_text

MOST_RUNS = 100_000


def simulate(args: argparse.Namespace) -> int | str:
    """Run the format (and the one to compare) and print or write the figures."""
    from pydantic import ValidationError

    from circle_tui.core.errors import one_line

    if not 1 <= args.runs <= MOST_RUNS:
        problem = _("give a number from 1 to {most}").format(most=f"{MOST_RUNS:,}")
        return f"--runs: {problem}"
    if args.people is not None and not 1 <= args.people <= 40:
        return "--people: " + _("give a number from 1 to 40")
    found = [find_format(args.id)] + ([find_format(args.compare)] if args.compare else [])
    results = []
    for fmt in found:
        fmt = fmt.in_language(language())  # in the words of whoever reads it
        people = args.people or fmt.typical_people()
        try:
            results.append(simulate_format(fmt, people, args.runs, args.seed))
        except ValidationError as exc:  # too few people for the roles the format needs
            return f"--people: {one_line(exc)}"
    if args.to == "html":
        from circle_tui.export.simulation_html import render_runs_html

        text = render_runs_html(results)
    else:
        text = render_runs_text(results)
    if args.output:
        atomic_write(Path(args.output), text)
        print(_("Wrote {path}").format(path=args.output))
    else:
        print(text, end="")
    return 0
