"""The published JSON Schema of `circle-tui summary --to json`.

`schemas/summary.schema.json` in the repository is this schema, written by
`python -m circle_tui.export.schema`; a test keeps the two the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from circle_tui.core.summary import Summary

SCHEMA_ID = "https://circle-tui.invalid/schemas/summary.schema.json"
"""A stable identifier, not a place to download from (the schema ships in the repo)."""


def summary_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON summary, generated from the model."""
    schema = Summary.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "description": "A circle-tui session summary: what the group agreed may leave the room.",
    }


def schema_text() -> str:
    """The schema as it is written to the repository."""
    return json.dumps(summary_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas/summary.schema.json")
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
