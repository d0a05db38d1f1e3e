"""A group that met four times (the fictional Team Nord in sessions/): its page, byte for byte.

The golden files change only with a deliberate change:
`UPDATE_GOLDEN=1 scripts/test tests/app`, then read the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from circle_tui.app.groups import group_pseudonyms, read_group, render_group
from circle_tui.cli import main
from circle_tui.core.events import FollowUpStatus
from circle_tui.ui.start import StartApp
from tests.ui.test_snapshots import Snap

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
GOLDEN = Path(__file__).parent / "golden"
GROUP = "Team Nord (fictional)"
NAMES = ("Ane", "Bo", "Cai", "Dina", "Eik", "Fenja")


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    root = tmp_path / "sessions"
    root.mkdir(mode=0o700)
    for folder in EXAMPLES.glob("example-reflection-circle*"):
        shutil.copytree(folder, root / folder.name)  # tests never touch the repo's files
    return root


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_page_counts_what_the_group_did(sessions: Path) -> None:
    page = read_group(sessions, "team nord (FICTIONAL)").page  # the name, in any case
    assert page.group == GROUP
    assert [s.people for s in page.sessions] == [5, 5, 4, 6]
    assert [a.status for a in page.agreements] == [
        FollowUpStatus.DONE,  # drafted, marked done at the second session
        FollowUpStatus.DONE,  # ongoing at the second, done at the third: the last word counts
        FollowUpStatus.DROPPED,
        FollowUpStatus.DONE,
        FollowUpStatus.ONGOING,
        None,  # agreed at the last session: nobody has reviewed it yet
    ]
    assert (page.done, page.reviewed) == (3, 5)
    assert {t.level for t in page.takeaways} == {"we", "org"}  # "for myself" stays out
    cai = next(p for p in page.people if p.name == "Cai")
    assert cai.sessions == 4


@pytest.mark.parametrize(
    ("name", "to", "pseudonymized"),
    [("group.txt", "text", False), ("group.md", "md", True), ("group.html", "html", True)],
)
def test_golden_group_page(sessions: Path, name: str, to: str, pseudonymized: bool) -> None:
    read = read_group(sessions, GROUP, pseudonymized=pseudonymized)
    text = render_group(read.page, to)  # type: ignore[arg-type]  # one of the three targets
    golden(name, text)
    if pseudonymized:
        assert not any(re.search(rf"\b{name}\b", text) for name in NAMES), text
        assert "on this screen only" not in text  # per-person figures stay on the screen


def test_a_person_keeps_one_pseudonym_across_the_sessions(sessions: Path) -> None:
    read = read_group(sessions, GROUP, pseudonymized=True)
    owners = {a.text: a.owner for a in read.page.agreements}
    # Cai drafted the checklist in the first session and is P-something in every one of them.
    cai = owners["Draft a two-line hand-over checklist"]
    assert cai is not None and re.fullmatch(r"P\d", cai)
    for summary in read.summaries:
        assert sorted(summary.participants) == sorted(set(summary.participants))
    mapping = group_pseudonyms([["A", "B", "C"], ["C", "B", "A", "D"]], ["x", "y"])
    assert mapping["D"] == "P4"  # a newcomer gets the next number
    assert sorted(mapping.values()) == ["P1", "P2", "P3", "P4"]
    again = group_pseudonyms([["A", "B", "C"]], ["x"])
    assert {name: again[name] for name in "ABC"} == {name: mapping[name] for name in "ABC"}


def test_the_page_leaves_the_screen_without_names(
    sessions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nord.html"
    assert (
        main(
            [
                "groups",
                "show",
                GROUP,
                "--to",
                "html",
                "-o",
                str(out),
                "--sessions-dir",
                str(sessions),
            ]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and "P1" in text
    assert not any(re.search(rf"\b{name}\b", text) for name in NAMES)
    assert out.stat().st_mode & 0o777 == 0o600
    # Printed to a pipe (not the screen): pseudonymized as well, unless --names.
    assert main(["groups", "show", GROUP, "--sessions-dir", str(sessions)]) == 0
    assert "Cai" not in capsys.readouterr().out
    assert main(["groups", "show", GROUP, "--names", "--sessions-dir", str(sessions)]) == 0
    assert "Cai" in capsys.readouterr().out


def test_groups_list_and_an_unknown_group(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["groups", "list", "--sessions-dir", str(sessions)]) == 0
    listed = capsys.readouterr().out
    assert "Team Nord (fictional)  4 sessions" in listed
    assert "Team Syd (fiktivt)" in listed
    assert main(["groups", "show", "Team Vest", "--sessions-dir", str(sessions)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "Team Vest" in error and "no group" in error


def test_a_damaged_session_is_named_and_left_out(
    sessions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = sqlite3.connect(sessions / "example-reflection-circle-3" / "journal.db")
    with db:
        db.execute("UPDATE events SET payload = '{' WHERE seq = 3")
    db.close()
    assert main(["groups", "show", GROUP, "--names", "--sessions-dir", str(sessions)]) == 0
    captured = capsys.readouterr()
    assert "left out:" in captured.err and "example-reflection-circle-3" in captured.err
    assert "2026-12-16  Reflection circle" not in captured.out  # the damaged session's row
    assert "2027-01-06  Reflection circle" in captured.out


def test_the_start_screen_remembers_the_group(snap_compare: Snap, sessions: Path) -> None:
    async def type_the_group(pilot: Pilot[object]) -> None:
        await pilot.pause()  # the screen has focused the participants field
        await pilot.click("#group")
        await pilot.press(*GROUP)

    app = StartApp(sessions)
    assert snap_compare(app, run_before=type_the_group, terminal_size=(100, 40))
