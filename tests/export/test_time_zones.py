"""Exports say what was agreed, and when, in the session's own time zone (issue 19, point 7)."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from circle_tui.app.live import start_session
from circle_tui.app.report import TARGETS, render, session_summary
from circle_tui.app.timezones import local_zone_name, zone_named
from circle_tui.cli import main
from circle_tui.core.decide import AgreeContract, DecideNotes, GiveWord, NextPhase
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.export.summary_json import read_summary
from circle_tui.store.format_files import find_format
from circle_tui.store.sessions import read_plan
from devtools.schema import SUMMARY_V1_SCHEMA_PATH, summary_schema

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = REPO / "sessions" / "example-reflection-circle-2"
DECEMBER = 1_796_209_600.0  # 2026-12-02 11:06:40 UTC: Oslo is at +01:00


def in_zone(monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()


def date_times() -> jsonschema.FormatChecker:
    """`format: date-time`, checked: ISO 8601 with an offset."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def _offset(value: object) -> bool:
        return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None

    return checker


def validate(document: object) -> None:
    jsonschema.validate(
        document,
        summary_schema(),
        cls=jsonschema.Draft202012Validator,
        format_checker=date_times(),
    )


@pytest.fixture
def oslo_session(sessions: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A circle run in Oslo, with the contract agreed and notes not allowed."""
    in_zone(monkeypatch, "Europe/Oslo")
    clock = FakeClock(start=DECEMBER)
    fmt = find_format("reflection-circle")
    live = start_session(sessions, fmt, parse_participants("Ane,Bo,Cai,Dina"), clock)
    clock.advance(95)
    live.execute(AgreeContract("How we hand over", fmt.ground_rules, notes_allowed=False))
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    for _ in range(4):
        clock.advance(47.5)
        live.execute(GiveWord())
    live.close()
    return live.folder.path


def exports(folder: Path, tmp_path: Path, tag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for to in TARGETS:
        out = tmp_path / f"{tag}.{to}"
        assert main(["summary", str(folder), "--to", to, "-o", str(out)]) == 0
        found[to] = out.read_text(encoding="utf-8")
    return found


def as_read(text: str, to: str) -> str:
    return html.unescape(text) if to == "html" else text


def test_the_session_records_its_time_zone_at_the_start(oslo_session: Path) -> None:
    assert read_plan(oslo_session).time_zone == "Europe/Oslo"
    assert 'time_zone = "Europe/Oslo"' in (oslo_session / "session.toml").read_text()


def test_times_agree_in_all_formats_whatever_the_renderers_zone(
    oslo_session: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_zone(monkeypatch, "America/New_York")
    west = exports(oslo_session, tmp_path, "west")
    in_zone(monkeypatch, "Asia/Tokyo")
    east = exports(oslo_session, tmp_path, "east")
    assert west == east
    document = json.loads(east["json"])
    validate(document)
    assert document["time_zone"] == "Europe/Oslo" and not document["time_zone_assumed"]
    assert document["started_at"] == "2026-12-02T12:06:40+01:00"
    assert document["contract_agreed_at"] == "2026-12-02T12:08:15+01:00"
    clock_times = []
    for phase in document["phases"]:
        for key in ("started_at", "ended_at"):
            if phase[key] is not None:
                moment = datetime.fromisoformat(phase[key])
                offset = moment.utcoffset()
                assert offset is not None and offset.total_seconds() == 3600
                clock_times.append(moment.strftime("%H:%M:%S"))
    assert clock_times[:3] == ["12:06:40", "12:08:15", "12:08:15"]
    for to in ("md", "html"):
        shown = re.findall(r"\b\d\d:\d\d:\d\d\b", east[to])
        assert shown[: len(clock_times)] == clock_times, to
        assert "2026-12-02 12:06" in east[to] and "times in Europe/Oslo" in east[to]
        assert "Agreed by the group at 2026-12-02 12:08." in east[to]
        assert "The facilitator's notes: not allowed by the group." in as_read(east[to], to)
    assert document["notes_allowed"] is False


def test_a_session_without_a_contract_says_notes_were_not_asked(
    sessions: Path, tmp_path: Path
) -> None:
    clock = FakeClock(start=DECEMBER)
    troika = find_format("troika-consulting")
    people = parse_participants("Ane,Bo,Cai")
    live = start_session(sessions, troika, people, clock)
    live.close()
    found = exports(live.folder.path, tmp_path, "troika")
    for to in ("md", "html"):
        assert "The facilitator's notes: the group was not asked." in as_read(found[to], to)
        assert "Agreed by the group" not in found[to]
    document = json.loads(found["json"])
    validate(document)
    assert document["notes_allowed"] is None and document["contract_agreed_at"] is None


def test_consent_asked_outside_a_contract_is_in_every_format(
    sessions: Path, tmp_path: Path
) -> None:
    live = start_session(
        sessions,
        find_format("troika-consulting"),
        parse_participants("Ane,Bo,Cai"),
        FakeClock(DECEMBER),
    )
    live.execute(DecideNotes(allowed=True))
    live.close()
    found = exports(live.folder.path, tmp_path, "asked")
    for to in ("md", "html"):
        assert "The facilitator's notes: allowed by the group." in as_read(found[to], to)
    assert json.loads(found["json"])["notes_allowed"] is True


def old_session(tmp_path: Path) -> Path:
    """The example as an older version wrote it: no time zone in its plan."""
    copy = tmp_path / "old"
    shutil.copytree(EXAMPLE, copy)
    plan = copy / "session.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r'(?m)^time_zone = ".*"\n', "", text), encoding="utf-8")
    assert read_plan(copy).time_zone is None
    return copy


def test_an_old_session_is_read_in_the_computers_zone_as_it_was_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = old_session(tmp_path)
    assert render(session_summary(folder), "md") == (GOLDEN / "summary.md").read_text().replace(
        "(times in UTC)",
        "(times in UTC: the session's own time zone is not known here)",
    )
    in_zone(monkeypatch, "Europe/Oslo")
    summary = session_summary(folder)
    assert summary.time_zone == "Europe/Oslo" and summary.time_zone_assumed
    markdown = render(summary, "md")
    assert "2026-12-02 12:06 – 12:41 (times in Europe/Oslo: the session's own time zone" in markdown
    document = json.loads(render(summary, "json"))
    validate(document)
    assert document["started_at"] == "2026-12-02T12:06:40+01:00"


def test_a_zone_this_computer_does_not_know_is_read_as_utc_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "elsewhere"
    shutil.copytree(EXAMPLE, folder)
    plan = folder / "session.toml"
    plan.write_text(plan.read_text().replace('time_zone = "UTC"', 'time_zone = "Mars/Olympus"'))
    in_zone(monkeypatch, "Asia/Tokyo")  # not this computer's zone either: UTC
    summary = session_summary(folder)
    assert summary.time_zone == "UTC" and summary.time_zone_assumed
    markdown = render(summary, "md")
    assert "2026-12-02 11:06 – 11:41 (times in UTC: the session's own time zone is not" in markdown


@pytest.mark.parametrize("name", ["summary.json", "pseudonymized.json"])
def test_json_exports_validate_and_times_need_an_offset(name: str) -> None:
    document = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    validate(document)
    for broken in (1796209600.0, "2026-12-02T11:06:40", "at eleven"):
        with pytest.raises(jsonschema.ValidationError):
            validate({**document, "started_at": broken})


def test_a_version_1_summary_is_still_read(tmp_path: Path) -> None:
    old = json.loads((GOLDEN / "v1" / "summary.json").read_text(encoding="utf-8"))
    v1_schema = json.loads(SUMMARY_V1_SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(old, v1_schema, cls=jsonschema.Draft202012Validator)
    with pytest.raises(jsonschema.ValidationError):
        validate(old)  # version 2 does not take epoch seconds
    read = read_summary(json.dumps(old))
    now = read_summary((GOLDEN / "summary.json").read_text(encoding="utf-8"))
    assert read.time_zone == "UTC" and read.time_zone_assumed
    assert read.started_at == now.started_at and read.closed_at == now.closed_at
    assert [(p.started_at, p.ended_at) for p in read.phases] == [
        (p.started_at, p.ended_at) for p in now.phases
    ]
    assert [f.agreed_at for f in read.follow_ups] == [f.agreed_at for f in now.follow_ups]
    validate(json.loads(read.model_dump_json()))
    newer: Any = {  # what version 1 could not know: left out of the comparison
        "time_zone_assumed": True,
        "contract_agreed_at": True,
        "phases": {"__all__": {"measured_seconds"}},
    }
    assert read.model_dump(exclude=newer) == now.model_dump(exclude=newer)
    assert all(p.measured_seconds is None for p in read.phases)  # unknown, not zero


def test_the_zone_a_machine_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert local_zone_name({"TZ": "Europe/Oslo"}) == "Europe/Oslo"
    assert local_zone_name({"TZ": ":Europe/Copenhagen"}) == "Europe/Copenhagen"
    assert local_zone_name({"TZ": ":/usr/share/zoneinfo/Europe/Amsterdam"}) == "Europe/Amsterdam"
    in_zone(monkeypatch, "CET-1")  # a POSIX rule with no name to record: its offset
    assert local_zone_name({"TZ": "CET-1"}) == "+01:00"
    one_hour_west = zone_named("-01:00")
    assert one_hour_west is not None and one_hour_west.utcoffset(None) == timedelta(hours=-1)
    assert zone_named("Mars/Olympus") is None
