"""`circle-tui formats`: list, show as a timeline, validate like a compiler, start your own."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from circle_tui.app.errors import FileError, FormatError, StoreError
from circle_tui.app.formats import (
    check_format,
    check_format_file,
    find_format,
    format_paths,
    list_formats,
)
from circle_tui.app.places import atomic_write, builtin_formats_dir, read_text, user_formats_dir
from circle_tui.cli.common import paragraph, printable
from circle_tui.core.casting import cast_plan, planned_total
from circle_tui.core.formats import DEFAULT_ROLE, EVERYONE, CircleFormat, PhaseKind, Timing
from circle_tui.core.i18n import N_, _, language, ngettext
from circle_tui.core.plan import SessionPlan, Step
from circle_tui.core.seating import group_words
from circle_tui.core.timing import format_seconds

SCHEMA_FILE = builtin_formats_dir() / "format.schema.json"
"""The JSON Schema of a format file, shipped beside the built-in formats."""
BAR_WIDTH = 24
"""Columns of the timeline's bar."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KINDS = {
    # Translators: kind of phase (formats show): agree on focus and ground rules
    PhaseKind.CONTRACT: N_("contract"),
    # Translators: kind of phase (formats show): a short round on how each person arrives
    PhaseKind.CHECKIN: N_("checkin"),
    # Translators: kind of phase (formats show): a question goes around the circle
    PhaseKind.ROUND: N_("round"),
    # Translators: kind of phase (formats show): open dialogue
    PhaseKind.OPEN: N_("open"),
    # Translators: kind of phase (formats show): points of disagreement, each position in turn
    PhaseKind.DISAGREEMENT: N_("disagreement"),
    # Translators: kind of phase (formats show): the last round, take-aways and agreements
    PhaseKind.CLOSING: N_("closing"),
    # Translators: kind of phase (formats show): one role has the word, e.g. a case is presented
    PhaseKind.PRESENT: N_("present"),
    # Translators: kind of phase (formats show): everyone writes, then reads out
    PhaseKind.WRITTEN: N_("written"),
    # Translators: kind of phase (formats show): pairs or small groups talk at the same time
    PhaseKind.GROUPS: N_("groups"),
    # Translators: kind of phase (formats show): going through what was agreed last time
    PhaseKind.REVIEW: N_("review"),
}
"""Each kind of phase as `formats show` names it (translated where shown)."""


def formats(args: argparse.Namespace) -> int | str:
    """Run a `formats` command; a string is a one-line error."""
    match args.formats_command:
        case "list":
            return _list()
        case "show":
            return _show(find_format(args.id), args.people)
        case "validate":
            return _validate(args.paths, strict=args.strict)
        case "simulate":
            from circle_tui.cli.simulate import simulate

            return simulate(args)
        case _:
            return _new(args.name, args.source)


def _list() -> int:
    loaded, broken = list_formats()
    for _path, fmt in loaded:
        people = fmt.typical_people()
        minutes = round(planned_total(fmt, people) / 60)
        # Translators: formats list: about {minutes} minutes with {people} people in the circle
        length = _("~{minutes} min with {people}").format(minutes=minutes, people=people)
        name = fmt.in_language(language()).name
        print(f"{fmt.id:<22} {name:<34} {_people(fmt):>11}  {length}")
    for error in broken:
        print(f"circle-tui: {error}", file=sys.stderr)
    return 1 if broken else 0


def _people(fmt: CircleFormat) -> str:
    if fmt.min_people == fmt.max_people:
        # Translators: how many people a format is for
        return ngettext("{n} person", "{n} people", fmt.min_people).format(n=fmt.min_people)
    # Translators: how many people a format is for: from {low} to {high}
    return _("{low}-{high} people").format(low=fmt.min_people, high=fmt.max_people)


def _show(fmt: CircleFormat, people: int | None) -> int | str:
    if people is not None and not 1 <= people <= 40:
        problem = _("give a number from 1 to 40")
        return f"--people: {problem}"
    languages = "/".join(fmt.languages)
    fmt = fmt.in_language(language())  # in the words of whoever reads it
    count = people or fmt.typical_people()
    plan = cast_plan(fmt, count)
    total = sum(plan.planned_seconds)
    about = [fmt.id, languages, _people(fmt)]
    if fmt.minutes:
        # Translators: formats show: how long the format says it takes
        about.append(_("meant for {minutes} min").format(minutes=fmt.minutes))
    print(f"{printable(fmt.name)}  ({' · '.join(about)})")
    if fmt.description:
        print(paragraph(fmt.description))
    # Translators: a number of steps, for {steps} below
    steps = ngettext("{n} step", "{n} steps", len(plan.steps)).format(n=len(plan.steps))
    # Translators: {steps} is "{n} steps", {total} a time such as 1:05:00
    heading = ngettext(
        "With {n} person: {steps}, {total} planned",
        "With {n} people: {steps}, {total} planned",
        count,
    )
    print("\n" + heading.format(n=count, steps=steps, total=format_seconds(total)))
    outside = fmt.outside_range(count)
    if outside:
        # Translators: formats show: before a warning such as "X is meant for 3-4 people"
        print(_("Warning: {warning}").format(warning=outside))
    print()
    start = 0
    shown: set[int] = set()
    for index, step in enumerate(plan.steps):
        length = plan.planned_seconds[index]
        a = round(start / max(total, 1) * BAR_WIDTH)
        b = max(a + 1, round((start + length) / max(total, 1) * BAR_WIDTH))
        bar = " " * a + "█" * (b - a) + " " * (BAR_WIDTH - b)
        print(f"{format_seconds(start):>7} │{bar}│ {index + 1:>2}. {printable(step.phase.title)}")
        print(f"{'':>7} │{'':{BAR_WIDTH}}│     {printable(_what(plan, index, step))}")
        if step.phase.prompt and step.source not in shown:
            # Translators: formats show: a phase's question, in the language's quotation marks
            quoted = _("“{prompt}”").format(prompt=step.phase.prompt)
            print(paragraph(quoted, f"{'':>7} │{'':{BAR_WIDTH}}│     ", width=100))
        shown.add(step.source)
        start += length
    # Translators: formats show: the end of the timeline
    end = _("end")
    print(f"{format_seconds(start):>7} └{'─' * BAR_WIDTH}┘ {end}")
    if fmt.roles:
        # Translators: formats show: heading of the list of roles
        print("\n" + _("Roles:"))
        for role in fmt.roles:
            name = role.name
            if role.id in fmt.rotating:
                # Translators: formats show: a role that moves round the circle
                name = _("{role} (goes to each person in turn)").format(role=role.name)
            print(paragraph(f"{name}: {role.description}".rstrip(": "), "  "))
    return 0


def _what(plan: SessionPlan, index: int, step: Step) -> str:
    """One line on how a step runs: its kind, its time box, who speaks, who listens."""
    phase, fmt = step.phase, plan.format
    turn, length = format_seconds(phase.turn_seconds or 0), _length(plan, index)
    match phase.kind:
        case PhaseKind.WRITTEN:
            write = format_seconds(phase.write_seconds or 0)
            # Translators: formats show; {write} and {turn} are times such as 3:00
            box = _("write {write}, then read out, {turn} per speaker")
            box = box.format(write=write, turn=turn)
        case PhaseKind.GROUPS:
            size = phase.size
            # Translators: how a groups phase runs (formats show), for {size} above four
            box = f"{group_words(size)}, {length}"
        case _ if phase.one_contribution:
            # Translators: formats show; {turn} and {length} are times such as 3:00
            box = _("one contribution each (up to {turn}), round again for {length}")
            box = box.format(turn=turn, length=length)
        case _ if phase.kind.has_turns:
            # Translators: formats show; {turn} is a time such as 3:00
            box = _("{turn} per speaker").format(turn=turn)
        case _:
            box = length
    parts = [_(_KINDS[phase.kind]), box]
    if phase.timing is Timing.HARD:
        # Translators: formats show: the phase ends when its time is up
        parts.append(_("hard stop"))
    speakers = [fmt.role_name(r) for r in phase.speakers if r != EVERYONE]
    if speakers:
        plural = len(speakers) > 1 or EVERYONE in phase.speakers or DEFAULT_ROLE in phase.speakers
        names = speakers[0]
        for more in speakers[1:]:
            # Translators: formats show: two role names (or a list and one more) in a row
            names = _("{first} and {second}").format(first=names, second=more)
        # Translators: formats show: {roles} are role names; "speak" for several, "speaks" for one
        said = _("{roles} speak") if plural else _("{roles} speaks")
        parts.append(said.format(roles=names))
    parts += [
        # Translators: formats show: the role stays silent in this phase; "listen" for the
        # participants (everyone without a role), "listens" for one role
        ngettext("{role} listens", "{role} listen", 2 if r == DEFAULT_ROLE else 1).format(
            role=fmt.role_name(r)
        )
        for r in phase.silent
    ]
    parts += [
        # Translators: formats show: the role turns away while the others talk ("turn away"
        # for the participants, everyone without a role)
        ngettext("{role} turns away", "{role} turn away", 2 if r == DEFAULT_ROLE else 1).format(
            role=fmt.role_name(r)
        )
        for r in phase.away
    ]
    if step.holder is not None and phase.rotate:
        parts.append(f"{fmt.role_name(phase.rotate)}: {plan.participants[step.holder].name}")
    return " · ".join(parts)


def _length(plan: SessionPlan, index: int) -> str:
    return format_seconds(plan.planned_seconds[index])


def _validate(raw: list[str], *, strict: bool) -> int:
    paths = [_as_path(item) for item in raw] if raw else list(format_paths().values())
    errors = warnings = 0
    for path in paths:
        fmt, found = check_format_file(path)
        for problem in found:
            print(problem, file=sys.stderr)
        errors += sum(1 for p in found if not p.warning)
        warnings += sum(1 for p in found if p.warning)
        if fmt is not None:
            print(f"{path}: {_valid(fmt, sum(p.warning for p in found))}")
    if len(paths) > 1 or errors or warnings:
        # Translators: formats validate, in "{files}: {errors}, {warnings}"
        files = ngettext("{n} file", "{n} files", len(paths)).format(n=len(paths))
        # Translators: formats validate: how many errors were found
        errs = ngettext("{n} error", "{n} errors", errors).format(n=errors)
        print(f"{files}: {errs}, {_warnings(warnings)}", file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _valid(fmt: CircleFormat, warned: int) -> str:
    """What `formats validate` says of a format that loads: its shape, and any warnings."""
    people = fmt.typical_people()
    minutes = round(planned_total(fmt, people) / 60)
    n = len(fmt.phases)
    # Translators: formats validate: {minutes} minutes with {people} people
    shape = ngettext(
        "{n} phase, {minutes} min with {people}", "{n} phases, {minutes} min with {people}", n
    ).format(n=n, minutes=minutes, people=people)
    if not warned:
        # Translators: formats validate: the file is fine; {shape} says what is in it
        return _("ok ({id}: {shape})").format(id=fmt.id, shape=shape)
    # Translators: formats validate: the file works; {warnings} is "{n} warning(s)"
    return _("ok ({id}: {shape}, {warnings})").format(
        id=fmt.id, shape=shape, warnings=_warnings(warned)
    )


def _warnings(n: int) -> str:
    # Translators: formats validate: how many warnings were found
    return ngettext("{n} warning", "{n} warnings", n).format(n=n)


def _as_path(item: str) -> Path:
    known = format_paths()
    return known[item] if item in known and not item.endswith(".toml") else Path(item)


def _new(name: str, source: str) -> int | str:
    if not _ID.fullmatch(name) or len(name) > 64:
        # Translators: keep the example id (my-circle)
        problem = _("a format id is lower-case letters, digits and dashes (my-circle)")
        return f"{name!r}: {problem}"
    known = format_paths()
    if source not in known:
        problem = _("no format with id {id} (known: {known})")
        return "--from: " + problem.format(id=repr(source), known=", ".join(sorted(known)))
    target = user_formats_dir() / f"{name}.toml"
    if target.exists() or name in known:
        where = target if target.exists() else known[name]
        problem = _("a format called {name} exists already; choose another name")
        return f"{where}: {problem.format(name=repr(name))}"
    try:
        text = read_text(known[source])
    except FileError as exc:
        raise FormatError(exc.problems) from None
    text = _renamed(text, name)
    fmt, found = check_format(text, target)
    if fmt is None:  # cannot happen for a format that loads; say so rather than write junk
        return str(found[0])
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text)
    except (OSError, StoreError) as exc:
        problem = _("cannot be written ({reason})").format(reason=exc)
        return f"{target}: {problem}"
    print(_("Wrote {path}").format(path=target))
    validate, run = f"circle-tui formats validate {name}", f"circle-tui run --format {name}"
    # Translators: {validate} and {run} are the commands to type next
    print(_("Edit it, then: {validate}  ·  {run}").format(validate=validate, run=run))
    return 0


def _renamed(text: str, name: str) -> str:
    """The source file with the new id and name, and the schema for editors on top."""
    title = name.replace("-", " ").capitalize()
    text = re.sub(r'(?m)^id\s*=\s*"[^"\n]*"', f'id = "{name}"', text, count=1)
    text = re.sub(r'(?m)^name\s*=\s*"[^"\n]*"', f'name = "{title}"', text, count=1)
    # The copy's name in every language the source speaks, not only in English: else a
    # Danish `formats list` shows the source's Danish name twice.
    text = re.sub(
        r'(?ms)^(\[translations\.[a-z]{2}\]\n(?:(?!^\[)[^\n]*\n)*?)name\s*=\s*"[^"\n]*"',
        lambda m: f'{m.group(1)}name = "{title}"',
        text,
    )
    return f"#:schema {SCHEMA_FILE.as_uri()}\n{text}"
