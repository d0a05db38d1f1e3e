"""The published JSON Schemas: the JSON summary, and the format file.

`schemas/summary.schema.json` (what `circle-tui summary --to json` writes) and
`circle_tui/formats/format.schema.json` (what a format file may hold, for
editors that complete and check TOML, e.g. with a `#:schema` line on top) are
these schemas, written by `python -m devtools.schema`; a test keeps
them the same. `schemas/summary.v1.schema.json` is version 1 of the summary's,
kept as it was for summaries older versions wrote (`export.summary_json`
reads both).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls

from circle_tui.core.formats import CircleFormat
from circle_tui.core.summary import Summary

SCHEMA_ID = "https://circle-tui.invalid/schemas/summary.schema.json"
"""A stable identifier, not a place to download from (the schema ships in the repo)."""
FORMAT_SCHEMA_ID = "https://circle-tui.invalid/schemas/format.schema.json"
ROOT = Path(__file__).resolve().parent.parent
SUMMARY_SCHEMA_PATH = ROOT / "schemas" / "summary.schema.json"
SUMMARY_V1_SCHEMA_PATH = ROOT / "schemas" / "summary.v1.schema.json"
"""Version 1 (epoch seconds, no time zone): not generated any more."""
FORMAT_SCHEMA_PATH = ROOT / "circle_tui" / "formats" / "format.schema.json"


def _models(model: type[BaseModel], found: dict[str, type[BaseModel]]) -> None:
    """`model` and every model its fields hold, by the name the schema's `$defs` use."""
    if found.get(model.__name__) is model:
        return
    found[model.__name__] = model
    for field in model.model_fields.values():
        for nested in _models_in(field.annotation):
            _models(nested, found)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _models_in(arg)]


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(extract_docstrings_from_cls(cls, use_inspect=True))
    return docs


def _described(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Each field's attribute docstring as its description, where it has none.

    What pydantic's `use_attribute_docstrings` does, done only here: with it on,
    every start of the app read the source of the models (issue 23).
    """
    found: dict[str, type[BaseModel]] = {}
    _models(model, found)
    for name, each in found.items():
        target = schema if each is model else schema.get("$defs", {}).get(name)
        if not isinstance(target, dict):
            continue
        properties = target.get("properties", {})
        for field, doc in _attribute_docs(each).items():
            prop = properties.get(field)
            if isinstance(prop, dict) and "description" not in prop:
                properties[field] = dict(sorted({**prop, "description": doc}.items()))


def _schema(model: type[BaseModel], mode: str, schema_id: str, about: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode=mode)  # type: ignore[arg-type]
    _described(schema, model)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **schema,
        "description": about,
    }


def summary_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON summary, generated from the model."""
    about = (
        "A circle-tui session summary: what the group agreed may leave the room. "
        "Version 2: times are ISO 8601 with the offset of the session's time zone; "
        "durations are in seconds."
    )
    return _schema(Summary, "serialization", SCHEMA_ID, about)


def format_schema() -> dict[str, Any]:
    """The JSON Schema of a circle format file (TOML read as JSON), from the model."""
    about = (
        "A circle-tui format: roles, ground rules and phases of a circle. "
        "`circle-tui formats validate` also checks that the fields make sense together."
    )
    return _schema(CircleFormat, "validation", FORMAT_SCHEMA_ID, about)


def schema_text(schema: dict[str, Any] | None = None) -> str:
    """A schema as it is written to the repository (the summary's by default)."""
    return json.dumps(schema or summary_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for path, schema in (
        (SUMMARY_SCHEMA_PATH, summary_schema()),
        (FORMAT_SCHEMA_PATH, format_schema()),
    ):
        path.write_text(schema_text(schema), encoding="utf-8")
        print(f"wrote {path}")
