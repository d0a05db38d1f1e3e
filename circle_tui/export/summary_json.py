"""Reading a JSON summary back: version 2, and version 1 as older versions wrote it.

Version 2 (`schema_version: 2`, `schemas/summary.schema.json`) writes every
time as ISO 8601 with the offset of the session's time zone. Version 1
(`schemas/summary.v1.schema.json`, no `schema_version`) wrote epoch seconds
and no zone: its times are read as the same moments in the zone given
(UTC unless said otherwise), marked as assumed, and it says nothing about
when the contract was agreed.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo
from typing import Any

from circle_tui.core.summary import SCHEMA_VERSION, Summary


def _iso(value: Any, zone: tzinfo) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, zone).isoformat()
    return value


def upgrade_v1(data: dict[str, Any], zone: tzinfo = UTC) -> dict[str, Any]:
    """A version 1 summary as version 2 data: epoch seconds become moments in `zone`."""
    new = dict(data)
    for key in ("started_at", "closed_at"):
        new[key] = _iso(new.get(key), zone)
    nested = {"phases": ("started_at", "ended_at"), "follow_ups": ("agreed_at",)}
    nested["private_notes"] = ("at",)
    for field, keys in nested.items():
        if isinstance(new.get(field), list):
            new[field] = [
                {**entry, **{key: _iso(entry.get(key), zone) for key in keys if key in entry}}
                for entry in new[field]
            ]
    return {
        "schema_version": SCHEMA_VERSION,
        **new,
        "time_zone": str(zone),
        "time_zone_assumed": True,
        "contract_agreed_at": None,
    }


def read_summary(text: str | bytes, zone: tzinfo = UTC) -> Summary:
    """A JSON summary of either version (raises `ValueError` for anything else).

    `zone` is the time zone a version 1 summary is read in.
    """
    data = json.loads(text)
    if isinstance(data, dict) and "schema_version" not in data:
        data = upgrade_v1(data, zone)
    if isinstance(data, dict):
        data = _with_shares(data)
    return Summary.model_validate(data)


def _with_shares(data: dict[str, Any]) -> dict[str, Any]:
    """A summary written before the balance gave its share and its unheard: both from airtime."""
    figure, people = data.get("balance"), data.get("airtime")
    if not isinstance(figure, dict) or "half_share" in figure or not isinstance(people, list):
        return data
    try:
        times = sorted((float(p["seconds"]) for p in people), reverse=True)
        top = int(figure.get("half_by", 0))
    except (KeyError, TypeError, ValueError):
        return data  # the model says what is wrong
    total = sum(times)
    share = round(sum(times[:top]) / total, 4) if total > 0 else 0.0
    unheard = sum(1 for t in times if t <= 0)
    return {**data, "balance": {**figure, "half_share": share, "unheard": unheard}}
