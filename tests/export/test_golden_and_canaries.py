"""What leaves the room, byte for byte: golden exports and canaries.

The golden files are the exports of the fictional example session that meets
for the second time (`sessions/example-reflection-circle-2`). After a
deliberate change: `UPDATE_GOLDEN=1 scripts/test tests/export`, then read the
diff.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import stat
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from circle_tui.app.live import start_session
from circle_tui.app.report import TARGETS, render, session_summary
from circle_tui.cli import main
from circle_tui.core.decide import GiveWord, NextPhase
from circle_tui.core.formats import PhaseKind
from circle_tui.core.items import parse_item
from circle_tui.core.plan import parse_participants
from circle_tui.core.timing import FakeClock
from circle_tui.store.format_files import find_format
from devtools.schema import schema_text, summary_schema

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "sessions" / "example-reflection-circle-2"
GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "summary.md": ("md", False, False),
    "summary.json": ("json", False, False),
    "summary.html": ("html", False, False),
    "pseudonymized.md": ("md", True, False),
    "pseudonymized.json": ("json", True, False),
    "private.md": ("md", False, True),
}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    copy = tmp_path / EXAMPLE.name
    shutil.copytree(EXAMPLE, copy)  # tests never touch the repo's files
    return copy


@pytest.mark.parametrize("name", list(CASES))
def test_golden_export(example: Path, name: str) -> None:
    to, pseudonymize, private = CASES[name]
    text = render(session_summary(example, pseudonymize=pseudonymize, include_private=private), to)  # type: ignore[arg-type]
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_the_session_folder_holds_the_golden_markdown() -> None:
    written = (EXAMPLE / "summary.md").read_text(encoding="utf-8")
    assert written == (GOLDEN / "summary.md").read_text(encoding="utf-8")


def test_published_schema_is_current_and_the_json_follows_it() -> None:
    shipped = REPO / "schemas" / "summary.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(), (
        "regenerate with: .venv/bin/python -m devtools.schema"
    )
    schema = summary_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for name in ("summary.json", "pseudonymized.json"):
        document = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    broken = json.loads((GOLDEN / "summary.json").read_text(encoding="utf-8"))
    broken["airtime"][0]["seconds"] = "a lot"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft202012Validator)


# -- canaries -------------------------------------------------------------------

NOTE = "Zqx-CANARY Ærø naïve 7f3a1c: überlegt lange, whether the long note wraps over lines"
NAMES = ["Quillonia", "Brevard Ostergaard", "Ysolde"]


def forms(text: str) -> list[str]:
    """The canary as it might leak: as is, casefolded, normalised, without whitespace."""
    squeezed = re.sub(r"\s+", "", text)
    found = [text, text.casefold(), squeezed, squeezed.casefold()]
    found += [unicodedata.normalize(f, t) for f in ("NFC", "NFD", "NFKC", "NFKD") for t in found]
    return found


def leaks(output: str, secret: str) -> bool:
    unescaped = html.unescape(output)
    views = [output, unescaped, re.sub(r"\s+", "", unescaped), unescaped.casefold()]
    views += [re.sub(r"\s+", "", v).casefold() for v in views]
    views += [unicodedata.normalize("NFKC", v) for v in views]
    return any(form in view for form in forms(secret) for view in views)


@pytest.fixture
def canary_session(sessions: Path) -> Path:
    clock = FakeClock(start=1_790_000_000.0)
    live = start_session(
        sessions,
        find_format("reflection-circle"),
        parse_participants(",".join(NAMES)),
        clock,
        group="Canary group",
    )
    live.execute(parse_item("how Quillonia and brevard plan the week", PhaseKind.CONTRACT))
    live.add_note(NOTE)
    live.execute(NextPhase(confirmed=True))
    live.execute(GiveWord())
    for _ in NAMES:
        clock.advance(30)
        live.add_note(NOTE.upper())
        live.execute(GiveWord())
    live.execute(parse_item("ask YSOLDE about it @Ysolde by 2026-12-01", PhaseKind.ROUND))
    live.close()
    return live.folder.path


@pytest.mark.parametrize("to", TARGETS)
@pytest.mark.parametrize("pseudonymize", [False, True])
def test_private_notes_never_leave_without_include_private(
    canary_session: Path, tmp_path: Path, to: str, pseudonymize: bool
) -> None:
    out = tmp_path / f"out.{to}"
    args = ["summary", str(canary_session), "--to", to, "-o", str(out)]
    assert main([*args, *(["--pseudonymize"] if pseudonymize else [])]) == 0
    text = out.read_text(encoding="utf-8")
    assert not leaks(text, NOTE)
    assert not leaks(text, "7f3a1c")
    assert "PRIVATE" not in text
    if pseudonymize:
        for name in (*NAMES, "Brevard", "Ostergaard"):
            assert not leaks(text, name), name
        assert "P1" in text and "P3" in text
    else:
        assert "Quillonia" in text  # a positive control: the names are there without it


@pytest.mark.parametrize("to", TARGETS)
@pytest.mark.parametrize("pseudonymize", [False, True])
def test_a_private_report_is_titled_private_and_readable_only_by_its_owner(
    canary_session: Path, tmp_path: Path, to: str, pseudonymize: bool
) -> None:
    out = tmp_path / f"private.{to}"
    args = ["summary", str(canary_session), "--to", to, "--include-private", "-o", str(out)]
    assert main([*args, *(["--pseudonymize"] if pseudonymize else [])]) == 0
    text = out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "7f3a1c" in text  # the notes are in it, as asked
    assert "PRIVATE" in text or '"private_notes": [' in text
    if pseudonymize:
        for name in NAMES:
            assert not leaks(text, name), name


def test_the_session_folder_summary_has_no_private_notes(canary_session: Path) -> None:
    for path in canary_session.iterdir():
        if path.suffix in (".md", ".html", ".json"):
            assert not leaks(path.read_text(encoding="utf-8"), NOTE)


def test_include_private_refuses_a_pipe(
    canary_session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", str(canary_session), "--include-private"]) == 1
    captured = capsys.readouterr()
    assert "7f3a1c" not in captured.out + captured.err
    assert "-o FILE" in captured.err
