"""`circle-tui formats`: validate like a compiler, show a timeline, start your own;
and the shipped JSON Schema of the format file."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from circle_tui.store.format_files import format_paths, load_format_file
from devtools.schema import FORMAT_SCHEMA_PATH, format_schema, schema_text
from tests.cli.test_cli import assert_clean_error, cli

SCRIPT = Path(sys.executable).parent / "circle-tui"

BUILTINS = sorted(format_paths())


def test_the_library_has_the_methods_of_the_field() -> None:
    assert {
        "reflection-circle",
        "check-in-check-out",
        "collegial-sparring",
        "group-guidance",
        "intervision-incident",
        "reflecting-team",
        "troika-consulting",
        "one-two-four-all",
        "conversation-cafe",
    } <= set(BUILTINS)


def test_validate_with_no_paths_checks_every_format_and_passes_strict() -> None:
    result = cli("formats", "validate", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok (") == len(BUILTINS)
    assert f"{len(BUILTINS)} files: 0 errors, 0 warnings" in result.stderr


def test_validate_prints_every_problem_like_a_compiler_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "bad"\nname = "Bad"\n\n[[phases]]\nkind = "open"\ntitle = "Talk"\n\n'
        '[[phases]]\nkind = "round"\ntitle = "Round"\nspeakers = ["adviser"]\n',
        encoding="utf-8",
    )
    result = cli("formats", "validate", str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:4: phases[0]: no time box: an open phase needs phase_seconds",
        f"{bad}:8: phases[1]: a round phase needs turn_seconds",
        f"{bad}:11: phases[1].speakers: role 'adviser' is not declared in [[roles]]",
        "1 file: 3 errors, 0 warnings",
    ]
    assert "Traceback" not in result.stderr


def test_field_and_cross_field_problems_come_in_one_run(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'id = "bad"\nname = "Bad"\nmin_people = 6\nmax_people = 3\n'
        '[[roles]]\nid = "case-giver"\nname = "Case giver"\nat_least = 2\nat_most = 1\n'
        'colour = "red"\n'
        '[[phases]]\nkind = "round"\ntitle = "Round"\nturn_seconds = -5\nspeakers = ["obsever"]\n'
        '[[phases]]\nkind = "open"\ntitel = "Open"\nphase_seconds = 300\n',
        encoding="utf-8",
    )
    result = cli("formats", "validate", str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:4: max_people: 3 is below min_people (6)",
        f"{bad}:9: roles[0].at_most: 1 is below at_least (2)",
        f"{bad}:10: roles[0].colour: unknown field (a typo?)",
        f"{bad}:14: phases[0].turn_seconds: should be more than 0",
        f"{bad}:15: phases[0].speakers: role 'obsever' is not declared in [[roles]]",
        f"{bad}:18: phases[1].titel: unknown field; did you mean 'title'?",
        "1 file: 6 errors, 0 warnings",
    ]


def test_a_warning_passes_unless_strict(tmp_path: Path) -> None:
    text = (Path(format_paths()["check-in-check-out"])).read_text(encoding="utf-8")
    late = tmp_path / "late.toml"
    late.write_text(text.replace("\nminutes = ", "\nminutes = 400 #"), encoding="utf-8")
    assert cli("formats", "validate", str(late)).returncode == 0
    strict = cli("formats", "validate", "--strict", str(late))
    assert strict.returncode == 1 and ": warning: minutes: the phases take" in strict.stderr


def test_show_prints_the_plan_as_a_timeline_with_rotating_roles() -> None:
    result = cli("formats", "show", "troika-consulting", "--people", "3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "With 3 people:" in out and "└" in out
    for cycle in ("(1/3)", "(2/3)", "(3/3)"):
        assert cycle in out
    assert "Client turns away · Client: Bo" in out  # the second cycle: Bo is the client
    assert "Client speaks" in out and "Participants speak" in out
    assert "goes to each person in turn" in out
    assert any(line.lstrip().startswith("0:00 │█") for line in out.splitlines())


def test_show_prints_only_what_a_terminal_shows_in_bounded_lines(tmp_path: Path) -> None:
    # A byte-order mark or a zero-width space pasted into a description reached
    # the terminal as a garbage cell (scripts/fuzz found it); a long
    # description ran as one line.
    text = (Path(format_paths()["check-in-check-out"])).read_text(encoding="utf-8")
    long = "\\ufeffBOM\\u200b " + "and on " * 40
    pasted = tmp_path / "pasted.toml"
    pasted.write_text(
        text.replace('description = "', f'description = "{long}', 1), encoding="utf-8"
    )
    result = cli("formats", "show", str(pasted))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("BOM and on and on")
    for line in lines:
        assert all(ch.isprintable() for ch in line), repr(line)
        assert len(line) <= 100, line


def test_show_warns_of_a_circle_the_format_is_not_meant_for() -> None:
    out = cli("formats", "show", "troika-consulting", "--people", "6").stdout
    assert "Warning: Troika consulting is meant for 3-4 people; this circle has 6." in out
    assert "Warning" not in cli("formats", "show", "troika-consulting", "--people", "4").stdout


def test_new_starts_a_user_format_from_a_builtin_and_it_validates() -> None:
    result = cli("formats", "new", "team-nord", "--from", "group-guidance")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.split()[1])
    assert path.name == "team-nord.toml" and path.parent.is_dir()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#:schema file://") and text.splitlines()[0].endswith(
        "format.schema.json"
    )
    fmt = load_format_file(path)
    assert (fmt.id, fmt.name) == ("team-nord", "Team nord")
    assert fmt.phases == load_format_file(format_paths()["group-guidance"]).phases
    assert "team-nord" in cli("formats", "list").stdout
    assert_clean_error(cli("formats", "new", "team-nord"), "exists already")
    assert_clean_error(cli("formats", "new", "Team Nord"), "lower-case")
    assert_clean_error(cli("formats", "new", "x", "--from", "nope"), "--from", "group-guidance")


def test_the_shipped_format_schema_is_current_and_every_builtin_follows_it() -> None:
    assert FORMAT_SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(format_schema()), (
        "regenerate with: .venv/bin/python -m devtools.schema"
    )
    schema = json.loads(FORMAT_SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in format_paths().values():
        jsonschema.validate(
            tomllib.loads(path.read_text(encoding="utf-8")),
            schema,
            cls=jsonschema.Draft202012Validator,
        )
    with pytest.raises(jsonschema.ValidationError):  # an editor would underline these
        jsonschema.validate(
            {"id": "x", "name": "X", "phases": [{"kind": "round", "title": "R", "titel": "R"}]},
            schema,
            cls=jsonschema.Draft202012Validator,
        )


def test_a_reader_that_leaves_early_gets_no_traceback() -> None:
    """`circle-tui formats show ID | head -3`: the pipe closes before the output ends."""
    process = subprocess.Popen(
        [str(SCRIPT), "formats", "show", "troika-consulting"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `head`, gone before anything is read
    errors = process.stderr.read().decode()
    assert process.wait(timeout=30) == 0
    assert errors == ""


def test_the_readme_example_is_the_checked_file_and_passes_strict() -> None:
    """The example a trainer copies from the README is complete and free of warnings."""
    root = Path(__file__).parents[2]
    example = root / "docs" / "formats" / "short-intervision.toml"
    text = example.read_text(encoding="utf-8")
    assert f"```toml\n{text}```" in (root / "README.md").read_text(encoding="utf-8")
    result = cli("formats", "validate", "--strict", str(example))
    assert result.returncode == 0, result.stderr
    assert "ok (short-intervision: 8 phases" in result.stdout
    schema = json.loads(FORMAT_SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(tomllib.loads(text), schema, cls=jsonschema.Draft202012Validator)


def test_simulate_prints_how_a_format_really_runs_the_same_for_a_seed() -> None:
    args = ("formats", "simulate", "reflection-circle", "--people", "8", "--runs", "30")
    first, again = cli(*args, "--seed", "5"), cli(*args, "--seed", "5")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout  # seeded: the same figures
    out = first.stdout
    assert out.startswith("30 runs with 8 people, seed 5")
    for row in ("length, median", "length, 90th percentile", "runs over by more than 10 %"):
        assert row in out
    assert "fairness (Gini, 0 = even)" in out and "runs over most often" in out
    assert cli(*args, "--seed", "6").stdout != out


def test_simulate_refuses_a_latecomer_in_troika_in_one_line() -> None:
    done = cli("formats", "simulate", "troika-consulting", "--runs", "5", "--personas", "latecomer")
    assert_clean_error(done, "--personas: Troika consulting repeats its steps once for each")


def test_simulate_with_personas_is_seeded_and_says_the_mix() -> None:
    args = ("formats", "simulate", "reflection-circle", "--people", "8", "--runs", "40")
    mixed = cli(*args, "--personas", "dominant=1,silent=1")
    assert mixed.returncode == 0, mixed.stderr
    assert mixed.stdout == cli(*args, "--personas", "dominant=1,silent=1").stdout
    assert "Personas in every run: dominant=1,silent=1" in mixed.stdout
    plain = cli(*args).stdout
    assert "Personas" not in plain

    def gini(out: str) -> float:
        line = next(row for row in out.splitlines() if row.startswith("fairness"))
        return float(line.split()[-1])  # the highest run's

    assert gini(mixed.stdout) > gini(plain)  # a dominant and a silent person: less even


def test_simulate_compares_two_formats_and_draws_them(tmp_path: Path) -> None:
    page = tmp_path / "runs.html"
    done = cli(
        "formats", "simulate", "troika-consulting", "--runs", "20",
        "--compare", "group-guidance", "--to", "html", "-o", str(page),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    assert "Troika consulting" in html and "Group guidance" in html
    assert html.count('<svg class="chart"') == 4  # lengths and fairness, for each
    assert "<script" not in html and "https://" not in html
    table = cli(
        "formats", "simulate", "troika-consulting", "--runs", "20", "--compare", "group-guidance"
    )
    header = table.stdout.splitlines()[2]
    assert "Troika consulting" in header and "Group guidance" in header


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--runs", "0"], "--runs: give a number from 1 to 100,000"),
        (["--people", "99"], "--people: give a number from 1 to 40"),
        (["--personas", "grumpy=1"], "--personas: 'grumpy': no persona of that name"),
        (["--personas", "defender"], "--personas: Reflection circle has nobody who brings a case"),
    ],
)
def test_simulate_refuses_in_one_line(args: list[str], needle: str) -> None:
    done = cli("formats", "simulate", "reflection-circle", *args)
    assert_clean_error(done, needle)


def test_the_readme_shows_what_simulate_prints() -> None:
    """The figures in the README are the command's own (seeded, so they stay)."""
    done = cli("formats", "simulate", "reflection-circle", "--people", "8", "--runs", "1000")
    assert done.returncode == 0, done.stderr
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"```\n{done.stdout}```" in readme
