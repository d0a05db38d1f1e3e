"""`circle-tui report`: one report over the summaries facilitators handed in, and only those
without names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from circle_tui.app.learning import read_handed_in
from circle_tui.app.report import render, session_summary
from circle_tui.cli import main
from circle_tui.core.events import ItemKind
from circle_tui.core.learning import OrgTakeaway, learning_report, themes_of
from circle_tui.core.summary import ItemReport, Summary

EXAMPLES = Path(__file__).resolve().parents[2] / "sessions"
V1 = Path(__file__).resolve().parents[1] / "export" / "golden" / "v1" / "summary.json"


@pytest.fixture
def handed_in(tmp_path: Path) -> Path:
    """The fictional sessions' summaries as facilitators hand them in (pseudonymized JSON)."""
    folder = tmp_path / "handed-in"
    folder.mkdir()
    for session in sorted(EXAMPLES.glob("example-reflection-circle*")):
        copy = tmp_path / session.name
        shutil.copytree(session, copy)
        text = render(session_summary(copy, pseudonymize=True), "json")
        (folder / f"{session.name}.json").write_text(text, encoding="utf-8")
    return folder


def test_a_report_over_the_handed_in_summaries(
    handed_in: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(handed_in)]) == 0
    text = capsys.readouterr().out
    assert "5 circles, from 2026-11-18 to 2027-01-06" in text
    assert "- Reflection circle: 4" in text
    # The agreement reviewed twice (ongoing, then done) counts once, as the group page does.
    assert "| Team Nord (fictional) | 4 | 3 of 5 (60%) |" in text
    assert "Gini coefficient: lowest 0.01" in text
    assert "the log template has no field for open questions" in text
    for name in ("Ane", "Cai", "Dina", "Fenja"):
        assert name not in text


@pytest.mark.parametrize("kind", ["names", "private", "v1 with names", "not json"])
def test_a_file_that_cannot_go_in_is_named_and_nothing_is_written(
    handed_in: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    bad = handed_in / "zz-bad.json"
    session = tmp_path / "example-reflection-circle"
    if kind == "names":
        bad.write_text(render(session_summary(session), "json"), encoding="utf-8")
    elif kind == "private":
        summary = session_summary(session, include_private=True, pseudonymize=True)
        bad.write_text(render(summary, "json"), encoding="utf-8")
    elif kind == "v1 with names":
        shutil.copy(V1, bad)
    else:
        bad.write_text("{ not json", encoding="utf-8")
    out = tmp_path / "report.md"
    assert main(["report", str(handed_in), "-o", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and str(bad) in error, error
    assert not out.exists()
    assert "Fictional private note" not in error


def test_a_pseudonymized_version_1_summary_is_read(tmp_path: Path) -> None:
    old = json.loads(V1.read_text(encoding="utf-8"))
    names = {name: f"P{i}" for i, name in enumerate(old["participants"], 1)}
    old["participants"] = list(names.values())
    for person in old["airtime"]:
        person["name"] = names[person["name"]]
    for item in old["items"] + old["follow_ups"]:
        item["owner"] = names.get(item.get("owner") or "")
    old["pseudonymized"] = True
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    assert read_handed_in(path).time_zone_assumed


def test_themes_by_tag_and_by_a_shared_word() -> None:
    def take(text: str) -> tuple[OrgTakeaway, str]:
        return OrgTakeaway(text=text, group="g", started_at=None), "en"

    themes = themes_of(
        [
            take("The rota leaves no time for supervision"),
            take("Supervision should be paid time"),
            take("Nobody answers the #intranet form"),
            take("The #Intranet search finds nothing"),
            take("Parking is impossible"),
        ]
    )
    assert [(t.name, len(t.takeaways)) for t in themes] == [
        ("intranet", 2),
        ("supervision", 2),
        ("", 1),
    ]


def test_a_thousand_summaries(handed_in: Path, tmp_path: Path) -> None:
    base = read_handed_in(handed_in / "example-reflection-circle.json")
    many = tmp_path / "many"
    many.mkdir()
    for n in range(1000):
        variant = base.model_copy(
            update={
                "session_id": f"s{n:04d}",
                "group": f"Site {n % 20}",
                "items": [
                    *base.items,
                    ItemReport(
                        kind=ItemKind.TAKEAWAY,
                        text="the rota leaves no time for supervision",
                        phase="Closing",
                        level="org",
                    ),
                ],
            }
        )
        (many / f"s{n:04d}.json").write_text(variant.model_dump_json(), encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(many), "--to", "html", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "1000 circles" in text and "<svg" in text
    report = learning_report(
        Summary.model_validate_json((many / f"s{n:04d}.json").read_text()) for n in range(50)
    )
    assert report.circles == 50
    by_name = {theme.name: len(theme.takeaways) for theme in report.themes}
    assert by_name["supervision"] == 50  # one theme, however many sites say it
