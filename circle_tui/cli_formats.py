"""`circle-tui formats`: list, show as a timeline, validate like a compiler, start your own."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from circle_tui.core.formats import DEFAULT_ROLE, EVERYONE, CircleFormat, PhaseKind, Timing
from circle_tui.core.plan import SessionPlan, Step
from circle_tui.core.rehearsal import cast_plan, planned_total
from circle_tui.core.timing import format_seconds
from circle_tui.store.files import StoreError, atomic_write
from circle_tui.store.format_files import (
    FormatError,
    check_format,
    check_format_file,
    find_format,
    format_paths,
    list_formats,
)
from circle_tui.store.locations import builtin_formats_dir, user_formats_dir
from circle_tui.store.toml_files import FileError, read_text

SCHEMA_FILE = builtin_formats_dir() / "format.schema.json"
"""The JSON Schema of a format file, shipped beside the built-in formats."""
BAR_WIDTH = 24
"""Columns of the timeline's bar."""
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_GROUPS = {1: "alone, in silence", 2: "in pairs", 3: "in threes", 4: "in fours"}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = sub.add_parser("formats", help="list, show, check and start circle formats")
    fsub = formats.add_subparsers(dest="formats_command", required=True)
    fsub.add_parser("list", help="all known formats")
    show = fsub.add_parser("show", help="a format's plan as a timeline")
    show.add_argument("id", help="format id or path of a TOML file")
    show.add_argument("--people", type=int, help="how many people sit in the circle")
    validate = fsub.add_parser("validate", help="check format files: every problem, with its line")
    validate.add_argument("paths", nargs="*", help="files or ids (default: every known format)")
    validate.add_argument("--strict", action="store_true", help="warnings count as errors")
    new = fsub.add_parser("new", help="start your own format from a built-in one")
    new.add_argument("name", help="the new format's id, e.g. team-nord-circle")
    new.add_argument("--from", dest="source", default="reflection-circle", help="format to copy")


def formats(args: argparse.Namespace) -> int | str:
    """Run a `formats` command; a string is a one-line error."""
    match args.formats_command:
        case "list":
            return _list()
        case "show":
            return _show(find_format(args.id), args.people)
        case "validate":
            return _validate(args.paths, strict=args.strict)
        case _:
            return _new(args.name, args.source)


def _list() -> int:
    loaded, broken = list_formats()
    for _path, fmt in loaded:
        people = fmt.typical_people()
        minutes = round(planned_total(fmt, people) / 60)
        print(f"{fmt.id:<22} {fmt.name:<34} {_people(fmt):>11}  ~{minutes} min with {people}")
    for error in broken:
        print(f"circle-tui: {error}", file=sys.stderr)
    return 1 if broken else 0


def _people(fmt: CircleFormat) -> str:
    if fmt.min_people == fmt.max_people:
        return f"{fmt.min_people} people"
    return f"{fmt.min_people}-{fmt.max_people} people"


def _show(fmt: CircleFormat, people: int | None) -> int | str:
    if people is not None and not 1 <= people <= 40:
        return "--people: give a number from 1 to 40"
    count = people or fmt.typical_people()
    plan = cast_plan(fmt, count)
    total = sum(plan.planned_seconds)
    meant = f" · meant for {fmt.minutes} min" if fmt.minutes else ""
    print(f"{fmt.name}  ({fmt.id} · {fmt.language} · {_people(fmt)}{meant})")
    if fmt.description:
        print(fmt.description)
    print(f"\nWith {count} people: {len(plan.steps)} steps, {format_seconds(total)} planned\n")
    start = 0
    shown: set[int] = set()
    for index, step in enumerate(plan.steps):
        length = plan.planned_seconds[index]
        a = round(start / max(total, 1) * BAR_WIDTH)
        b = max(a + 1, round((start + length) / max(total, 1) * BAR_WIDTH))
        bar = " " * a + "█" * (b - a) + " " * (BAR_WIDTH - b)
        print(f"{format_seconds(start):>7} │{bar}│ {index + 1:>2}. {step.phase.title}")
        print(f"{'':>7} │{'':{BAR_WIDTH}}│     {_what(plan, index, step)}")
        if step.phase.prompt and step.source not in shown:
            print(f"{'':>7} │{'':{BAR_WIDTH}}│     “{step.phase.prompt}”")
        shown.add(step.source)
        start += length
    print(f"{format_seconds(start):>7} └{'─' * BAR_WIDTH}┘ end")
    if fmt.roles:
        print("\nRoles:")
        for role in fmt.roles:
            moves = " (goes to each person in turn)" if role.id in fmt.rotating else ""
            print(f"  {role.name}{moves}: {role.description}".rstrip(": "))
    return 0


def _what(plan: SessionPlan, index: int, step: Step) -> str:
    """One line on how a step runs: its kind, its time box, who speaks, who listens."""
    phase, fmt = step.phase, plan.format
    turn = format_seconds(phase.turn_seconds or 0)
    match phase.kind:
        case PhaseKind.WRITTEN:
            write = format_seconds(phase.write_seconds or 0)
            box = f"write {write}, then read out, {turn} per speaker"
        case PhaseKind.GROUPS:
            box = f"{_GROUPS.get(phase.size, f'in groups of {phase.size}')}, {_length(plan, index)}"
        case _ if phase.one_contribution:
            box = f"one contribution each (up to {turn}), round again for {_length(plan, index)}"
        case _ if phase.kind.has_turns:
            box = f"{turn} per speaker"
        case _:
            box = _length(plan, index)
    parts = [phase.kind.value, box]
    if phase.timing is Timing.HARD:
        parts.append("hard stop")
    speakers = [fmt.role_name(r) for r in phase.speakers if r != EVERYONE]
    if speakers:
        plural = len(speakers) > 1 or EVERYONE in phase.speakers or DEFAULT_ROLE in phase.speakers
        parts.append(f"{' and '.join(speakers)} {'speak' if plural else 'speaks'}")
    parts += [f"{fmt.role_name(r)} listens" for r in phase.silent]
    parts += [f"{fmt.role_name(r)} turns away" for r in phase.away]
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
            note = f", {sum(p.warning for p in found)} warning(s)" if found else ""
            people = fmt.typical_people()
            minutes = round(planned_total(fmt, people) / 60)
            shape = f"{len(fmt.phases)} phases, {minutes} min with {people}"
            print(f"{path}: ok ({fmt.id}: {shape}{note})")
    if len(paths) > 1 or errors or warnings:
        print(f"{len(paths)} file(s): {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (strict and warnings) else 0


def _as_path(item: str) -> Path:
    known = format_paths()
    return known[item] if item in known and not item.endswith(".toml") else Path(item)


def _new(name: str, source: str) -> int | str:
    if not _ID.fullmatch(name) or len(name) > 64:
        return f"{name!r}: a format id is lower-case letters, digits and dashes (my-circle)"
    known = format_paths()
    if source not in known:
        return f"--from: no format with id {source!r} (known: {', '.join(sorted(known))})"
    target = user_formats_dir() / f"{name}.toml"
    if target.exists() or name in known:
        where = target if target.exists() else known[name]
        return f"{where}: a format called {name!r} exists already; choose another name"
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
        return f"{target}: cannot be written ({exc})"
    print(f"Wrote {target}")
    print(f"Edit it, then: circle-tui formats validate {name}  ·  circle-tui run --format {name}")
    return 0


def _renamed(text: str, name: str) -> str:
    """The source file with the new id and name, and the schema for editors on top."""
    title = name.replace("-", " ").capitalize()
    text = re.sub(r'(?m)^id\s*=\s*"[^"\n]*"', f'id = "{name}"', text, count=1)
    text = re.sub(r'(?m)^name\s*=\s*"[^"\n]*"', f'name = "{title}"', text, count=1)
    return f"#:schema {SCHEMA_FILE.as_uri()}\n{text}"
