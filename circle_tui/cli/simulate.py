"""`circle-tui formats simulate`: how a format really runs, from many seeded runs."""

from __future__ import annotations

import argparse
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from circle_tui.app.formats import find_format
from circle_tui.app.places import atomic_write
from circle_tui.core.format_runs import FormatRuns, one_run, simulate_format
from circle_tui.core.formats import CircleFormat
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
            results.append(_simulated(fmt, people, args.runs, args.seed, args.personas))
        except ValidationError as exc:  # too few people for the roles the format needs
            return f"--people: {one_line(exc)}"
        except ValueError as exc:  # a persona that is none, or no seat for it
            return f"--personas: {exc}"
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


SPREAD_FROM = 200
"""From this many runs on, they are spread over the machine's cores."""


def _simulated(
    fmt: CircleFormat, people: int, runs: int, seed: int, personas: str = ""
) -> FormatRuns:
    """The runs, over every core when there are many (in order: the same figures either way).

    A first run in this process checks the plan (a format that lacks people is
    one line, not a traceback from a worker).
    """
    one_run(fmt, people, seed, 0, personas=personas)
    cores = min(4, os.cpu_count() or 1)
    if runs < SPREAD_FROM or cores < 2:
        return simulate_format(fmt, people, runs, seed, personas=personas)
    try:
        with ProcessPoolExecutor(max_workers=cores) as pool:
            chunk = max(1, runs // (cores * 8))
            return simulate_format(
                fmt,
                people,
                runs,
                seed,
                personas=personas,
                map_runs=lambda each, numbers: pool.map(each, numbers, chunksize=chunk),
            )
    except (OSError, BrokenProcessPool):  # no processes to be had here: one core it is
        return simulate_format(fmt, people, runs, seed, personas=personas)
