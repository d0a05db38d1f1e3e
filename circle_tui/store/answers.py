"""`answers.toml` in the sessions dir: the organisation's answers to what groups asked of it.

Kept beside the sessions (mode 0600, written whole or not at all), read with
the one-line error every damaged file gets (file, line and field).
"""

from __future__ import annotations

from pathlib import Path

import tomli_w
from pydantic import ValidationError

from circle_tui.core.errors import problems
from circle_tui.core.i18n import _
from circle_tui.core.letter import Answer
from circle_tui.store.files import StoreError, atomic_write, private_dir
from circle_tui.store.toml_files import FileError, located, parse_toml, read_text

ANSWERS_FILE = "answers.toml"


def read_answers(root: Path) -> list[Answer]:
    """Every recorded answer (none if the file is not there yet)."""
    path = root / ANSWERS_FILE
    if not path.is_file():
        return []
    try:
        text = read_text(path)
        data = parse_toml(text, path)
    except FileError as exc:
        raise StoreError(str(exc)) from None
    entries = data.get("answer", [])
    if not isinstance(entries, list):
        raise StoreError(f"{path}: answer: " + _("should be a list of [[answer]] tables"))
    found = []
    for index, entry in enumerate(entries):
        try:
            found.append(Answer.model_validate(entry))
        except ValidationError as exc:
            found_problems = [(("answer", index, *loc), msg) for loc, msg in problems(exc)]
            raise StoreError(str(located(path, text, found_problems)[0])) from None
    return found


def record_answer(root: Path, answer: Answer) -> Path:
    """Add `answer` (replacing an earlier answer to the same take-away)."""
    private_dir(root)
    kept = [a for a in read_answers(root) if a.id != answer.id]
    data = {"answer": [a.model_dump(mode="json") for a in [*kept, answer]]}
    path = root / ANSWERS_FILE
    atomic_write(path, tomli_w.dumps(data))
    return path
