"""Fuzzing what a user can damage: format files and session journals (hypothesis).

Whatever is in these files, circle-tui either loads them or says which file
(and, where it can be known, which line or event) is wrong. A traceback is a
bug: the facilitator sees a crash instead of a message they can act on.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from circle_tui.app.live import load_session, start_session
from circle_tui.app.reading import read_session
from circle_tui.app.report import TARGETS, render, session_summary
from circle_tui.core.decide import GiveWord, NextPhase, PassTurn, RecordItem, ResumeAfterBreak
from circle_tui.core.events import ItemKind
from circle_tui.core.formats import CircleFormat, Phase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock, phase_clock, turn_clock
from circle_tui.store.files import StoreError
from circle_tui.store.format_files import load_format_file
from circle_tui.store.journal import Journal
from circle_tui.store.locations import builtin_formats_dir
from circle_tui.store.toml_files import FileError

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BUILTINS = sorted(builtin_formats_dir().glob("*.toml"))
KEYS = sorted({*CircleFormat.model_fields, *Phase.model_fields})
PHASE = 'id = "x"\nname = "X"\n[[phases]]\nkind = "open"\n'  # a format short of a title

# -- format files ----------------------------------------------------------------

toml_scalars = st.one_of(
    st.integers().map(str),
    st.floats().map(repr),  # nan, inf, -inf and 1e+300 are TOML too
    st.booleans().map(lambda b: str(b).lower()),
    st.text(max_size=20).map(json.dumps),
    st.sampled_from(["1979-05-27", "07:32:00", "[]", "{}", '[1, "a"]', '["nobody"]', "{ x = 1 }"]),
)
keys = st.sampled_from(KEYS) | st.from_regex(r"[a-z_]{1,12}", fullmatch=True)
unicode = st.text(min_size=1, max_size=4) | st.sampled_from(["\u2028", "\x85", "\ufeff", "\r"])
EDITS = ["delete", "double", "swap", "retype a value", "rename a key", "cut", "insert unicode"]


@st.composite
def mutated_formats(draw: st.DrawFn) -> str:
    """A built-in format file with one to three edits a hurried hand could make."""
    text = draw(st.sampled_from(BUILTINS)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        lines = text.split("\n")
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        key, eq, value = lines[i].partition("=")
        at = draw(st.integers(0, len(text)))
        match draw(st.sampled_from(EDITS)):
            case "delete":
                del lines[i]
            case "double":
                lines.insert(i, lines[i])
            case "swap":
                lines[i], lines[j] = lines[j], lines[i]
            case "retype a value" if eq:  # a TOML scalar, most likely of another type
                lines[i] = f"{key}= {draw(toml_scalars)}"
            case "rename a key" if eq:
                lines[i] = f"{draw(keys)} ={value}"
            case "cut":
                lines = text[:at].split("\n")
            case "insert unicode":
                lines = (text[:at] + draw(unicode) + text[at:]).split("\n")
        text = "\n".join(lines)
    return text


def assert_loads_or_names_the_line(path: Path) -> None:
    """Loaded, or every problem is `path:LINE: ...` on a line that mentions the field."""
    raw = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    lines = raw.decode("utf-8", "replace").split("\n")
    try:
        load_format_file(path)
    except FileError as exc:  # FormatError is one
        assert exc.problems
        for problem in exc.problems:
            message = str(problem)
            assert message.startswith(f"{path}:") and "\n" not in message, message
            if problem.line is None:  # only a top-level field can be on no line ("id: missing")
                assert problem.field and not re.search(r"[.\[]", problem.field), message
                continue
            assert message.startswith(f"{path}:{problem.line}: "), message
            assert 1 <= problem.line <= len(lines), message
            names = re.findall(r"[A-Za-z_]\w*", problem.field)
            assert not names or any(n in lines[problem.line - 1] for n in names), message


@st.composite
def spliced(draw: st.DrawFn) -> bytes:
    """A built-in format with a few bytes put in: saved as Latin-1, a binary paste."""
    raw = draw(st.sampled_from(BUILTINS)).read_bytes()
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]


@FUZZ
@given(raw=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode) | spliced())
def test_random_bytes_are_refused_with_the_file_and_line(raw: bytes) -> None:
    """A binary or garbled file gives `file:line: ...`, never a traceback."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mine.toml"
        path.write_bytes(raw)
        assert_loads_or_names_the_line(path)


@FUZZ
@example(text="# a\u2028b\n" + PHASE + 'title = ""')  # not a line break in TOML
@example(text=PHASE + 'title = "T"\nspeakers = ["nobody"]')  # a check of the whole format
@given(text=mutated_formats())
def test_an_edited_builtin_format_loads_or_names_line_and_field(text: str) -> None:
    """Deleted, doubled, swapped, retyped or cut lines: each problem points at its line."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mine.toml"
        path.write_text(text, encoding="utf-8")
        assert_loads_or_names_the_line(path)


# -- session journals --------------------------------------------------------------

START = 1_790_000_000.0
LATER = START + 3600
Row = tuple[object, object, bool]  # (type, payload, tampered) of a row of the events table


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real session folder: a check-in under way, a pass, a turn running, an item."""
    fmt = load_format_file(builtin_formats_dir() / "reflection-circle.toml")
    clock = FakeClock(START)
    root = tmp_path_factory.mktemp("fuzz-sessions")
    live = start_session(root, fmt, parse_participants("Ane,Bo,Cai"), clock)
    live.execute(NextPhase(confirmed=True))
    for step in (GiveWord(), PassTurn(), GiveWord(), RecordItem(ItemKind.AGREEMENT, "Tea")):
        clock.advance(20)
        live.execute(step)
    live.close()
    return live.folder.path


@contextlib.contextmanager
def copy_of(template: Path) -> Iterator[Path]:
    """A throw-away copy of the template session, to damage at will."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(shutil.copytree(template, Path(tmp) / template.name))


def write_events(folder: Path, rows: list[Row]) -> None:
    """Replace the journal's events by `rows`, numbered 1, 2, 3..."""
    with contextlib.closing(sqlite3.connect(folder / "journal.db")) as db, db:
        db.execute("DELETE FROM events")
        db.executemany(
            "INSERT INTO events(seq, at, type, payload) VALUES (?, 0, ?, ?)",
            [(seq, kind, payload) for seq, (kind, payload, _) in enumerate(rows, start=1)],
        )


EVENTS = [  # each valid on its own, in the template's session
    {"type": "phase_started", "phase": 1, "order": [2, 0, 1]},
    {"type": "phase_ended", "phase": 1},
    {"type": "contract_agreed", "focus": "Work", "ground_rules": ["Listen"]},
    {"type": "turn_started", "speaker": 0},
    {"type": "turn_ended", "speaker": 0, "outcome": "passed"},
    {"type": "paused"},
    {"type": "resumed"},
    {"type": "time_adjusted", "speaker": 1, "seconds": 60},
    {"type": "item_recorded", "kind": "takeaway", "text": "x", "phase": 4, "level": "we"},
    {"type": "item_withdrawn", "item": 0},
    {"type": "follow_up_marked", "item": 0, "status": "done"},
    {"type": "session_closed"},
]
odd_values: st.SearchStrategy[object] = st.sampled_from(
    [99, 42, -1, 10**30, 1e308, math.nan, math.inf, -math.inf, None, "", "x", [], {}, True, [99]]
) | st.one_of(st.integers(), st.floats(), st.text(max_size=8))
odd_times = st.sampled_from([0.0, -1.0, START - 86400, 1e12, 1e30]) | st.floats()


@st.composite
def tampered_rows(draw: st.DrawFn) -> tuple[str, str]:
    """A row as a bug, or a hand with sqlite3, could leave it."""
    if draw(st.integers(0, 5)) == 0:  # not an event at all
        return draw(st.text(max_size=20)), draw(st.text(max_size=60))
    event: dict[str, object] = {"v": 1, "at": LATER, **draw(st.sampled_from(EVENTS))}
    fields = sorted(k for k in event if k != "type")
    match draw(st.sampled_from(["as it is", "drop", "odd", "time"])):
        case "drop":  # a field removed
            del event[draw(st.sampled_from(fields))]
        case "odd":  # a wrong type, an index out of range, NaN, a huge number
            event[draw(st.sampled_from(fields))] = draw(odd_values)
        case "time":  # before the session, going backwards, far in the future
            event["at"] = draw(odd_times)
    return str(event.get("type", "")), json.dumps(event)


Edit = tuple[str, int, "tuple[str, str] | int"]  # (insert|replace, at, row), (move, from, to)

edits = st.lists(
    st.tuples(st.sampled_from(["insert", "replace"]), st.integers(0, 30), tampered_rows())
    | st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 30)),
    min_size=1,
    max_size=4,
)


def tampered(template: Path, changes: list[Edit]) -> list[Row]:
    """The template's rows with the edits made, each touched row marked as tampered."""
    with contextlib.closing(sqlite3.connect(template / "journal.db")) as db:
        rows = db.execute("SELECT type, payload FROM events ORDER BY seq").fetchall()
    out: list[Row] = [(kind, payload, False) for kind, payload in rows]
    for what, where, arg in changes:
        if isinstance(arg, int):  # a move: valid events in an order that cannot happen
            kind, payload, _ = out.pop(where % len(out))
            out.insert(arg % (len(out) + 1), (kind, payload, True))
        else:
            kind, payload = arg
            at = where % (len(out) + 1)
            out[at : at + (what == "replace")] = [(kind, payload, True)]
    return out


def assert_names_a_tampered_event(exc: StoreError, folder: Path, rows: list[Row]) -> None:
    message = str(exc)
    assert str(folder / "journal.db") in message, message
    seq = re.search(r"\bevent (\d+)\b", message)
    assert seq, f"no event number in: {message}"
    assert rows[int(seq.group(1)) - 1][2], f"names an untouched event: {message}"


@FUZZ
@given(changes=edits)
def test_a_tampered_journal_loads_or_names_the_damaged_event(
    template: Path, changes: list[Edit]
) -> None:
    """Odd rows in the events table: the session opens, or the error names file and event."""
    rows = tampered(template, changes)
    with copy_of(template) as folder:
        write_events(folder, rows)
        for load in (read_session, lambda f: load_session(f, FakeClock(LATER)).close()):
            try:
                load(folder)
            except StoreError as exc:  # JournalError is one
                assert_names_a_tampered_event(exc, folder, rows)


def use_like_a_facilitator(folder: Path) -> None:
    """`circle-tui summary` in every format, then `resume` as the console shows it."""
    summary = session_summary(folder)
    for target in TARGETS:
        render(summary, target)
    live = load_session(folder, FakeClock(LATER))
    try:
        live.execute(ResumeAfterBreak())
        live.tick()
        state, now = live.state, live.clock.now()
        _ = state.current_phase, turn_clock(state, now), phase_clock(state, now)
        _ = [state.status_of(p) for p in range(len(state.plan.participants))]
        render(live.summary(), "md")
    finally:
        live.close()


def _event(**fields: object) -> tuple[str, str]:
    return str(fields["type"]), json.dumps({"v": 1, "at": LATER} | fields)


KNOWN_CRASHES = {  # rows that once loaded and then stopped `summary` or `resume` later
    "item of phase 99 (summary.py)": (
        IndexError,
        _event(type="item_recorded", kind="agreement", text="x", phase=99),
    ),
    "phase 42 (state.current_phase)": (IndexError, _event(type="phase_started", phase=42)),
    "NaN (words.when)": (ValueError, _event(type="phase_ended", phase=1, at=math.nan)),
    "inf (timing.format_seconds)": (ValueError, _event(type="phase_ended", phase=1, at=math.inf)),
    "1e30 (words.when)": (OverflowError, _event(type="session_closed", at=1e30)),
    "-1e12, year -29719 (words.when)": (ValueError, _event(type="phase_ended", phase=1, at=-1e12)),
}


@pytest.mark.parametrize(
    "row",
    [pytest.param(row, id=name) for name, (_error, row) in KNOWN_CRASHES.items()],
)
def test_a_known_damaged_row_is_refused_or_harmless(template: Path, row: tuple[str, str]) -> None:
    """Each row is refused with a located error, or the session works on: never a traceback."""
    with copy_of(template) as folder:
        write_events(folder, [*tampered(template, []), (*row, True)])
        with contextlib.suppress(StoreError):
            read_session(folder)
            use_like_a_facilitator(folder)


@FUZZ
@example(changes=[("insert", 30, KNOWN_CRASHES["item of phase 99 (summary.py)"][1])])
@given(changes=edits)
def test_a_tampered_session_that_loads_can_be_summarised_and_resumed(
    template: Path, changes: list[Edit]
) -> None:
    """If a damaged journal loads at all, its summary and the console work too."""
    with copy_of(template) as folder:
        write_events(folder, tampered(template, changes))
        with contextlib.suppress(StoreError):
            read_session(folder)
            use_like_a_facilitator(folder)


# -- damaged journal files ----------------------------------------------------------


def assert_opens_or_names_the_file(folder: Path) -> None:
    """Every way in to the journal works, or gives a StoreError naming journal.db."""
    path = folder / "journal.db"
    for way in (
        lambda: Journal.open(path, readonly=True).close(),
        lambda: Journal.open(path).close(),
        lambda: read_session(folder),
        lambda: load_session(folder, FakeClock(LATER)).close(),
    ):
        try:
            way()
        except StoreError as exc:
            assert str(path) in str(exc), str(exc)


@FUZZ
@given(keep=st.integers(0, 10**6))
def test_a_journal_cut_short_is_refused_naming_the_file(template: Path, keep: int) -> None:
    """A journal truncated at any byte (a full disk, a bad copy): opens, or names the file."""
    with copy_of(template) as folder:
        raw = (folder / "journal.db").read_bytes()
        (folder / "journal.db").write_bytes(raw[: keep % (len(raw) + 1)])
        assert_opens_or_names_the_file(folder)


@FUZZ
@example(in_schema=True, at=2, junk=b"\xfb")  # CR\xfbATE TABLE meta
@given(in_schema=st.booleans(), at=st.integers(0, 10**6), junk=st.binary(min_size=1, max_size=64))
def test_a_journal_with_bytes_overwritten_is_refused_naming_the_file(
    template: Path, in_schema: bool, at: int, junk: bytes
) -> None:
    """Random bytes over the middle of the file (or its table definitions): no traceback."""
    with copy_of(template) as folder:
        raw = bytearray((folder / "journal.db").read_bytes())
        schema = raw.find(b"CREATE TABLE meta")
        at = schema + at % 200 if in_schema else at % len(raw)
        raw[at : at + len(junk)] = junk
        (folder / "journal.db").write_bytes(raw)
        assert_opens_or_names_the_file(folder)


META = "CREATE TABLE meta(key TEXT, value TEXT);"
NOT_A_JOURNAL: dict[str, bytes | str] = {  # bytes, or the SQL that makes another database
    "an empty file": b"",
    "random bytes": bytes(range(256)) * 20,
    "sqlite without meta": "CREATE TABLE events(x);",
    "sqlite with an empty meta": META,
    "another app's db": META + "INSERT INTO meta VALUES ('app', 'other');",
    "a newer schema": META + "INSERT INTO meta VALUES ('app', 'circle-tui'), ('schema', '2');",
    "another session's": META
    + "INSERT INTO meta VALUES ('app', 'circle-tui'), ('schema', '1'), ('session', 'x');",
}


@pytest.mark.parametrize("content", NOT_A_JOURNAL.values(), ids=NOT_A_JOURNAL.keys())
def test_a_file_that_is_not_this_sessions_journal_is_refused_naming_it(
    template: Path, content: bytes | str
) -> None:
    """Another program's database (or nothing) in place of journal.db: a message, no traceback."""
    with copy_of(template) as folder:
        path = folder / "journal.db"
        path.write_bytes(content if isinstance(content, bytes) else b"")
        if isinstance(content, str):
            with contextlib.closing(sqlite3.connect(path)) as db:
                db.executescript(content)
        for way in (lambda: Journal.open(path, folder.name), lambda: read_session(folder)):
            with pytest.raises(StoreError) as caught:
                way()
            assert str(path) in str(caught.value)
