"""The time zone a session keeps, and the clock times its exports write.

A session records the time zone of the machine it starts on (`time_zone` in
`session.toml`): an IANA name such as `Europe/Oslo` when the machine has one
(`$TZ`, else `/etc/localtime`, else `/etc/timezone`), else the offset of the
moment, such as `+01:00`. Every export writes its times in that zone, so a
summary reads the same wherever and by whomever it is rendered.

A session from before zones were recorded has none: its times are written in
the zone of the computer that renders it, as they always were, and the export
says so. A recorded zone this computer does not know (a Windows machine
without time zone data) is read as UTC, and the export says that too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")
UTC = UTC


@cache
def _zone(key: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _key_of(path: str) -> str | None:
    """`Europe/Oslo` of `/usr/share/zoneinfo/Europe/Oslo` (None if it is no zone file)."""
    _before, found, key = path.partition("zoneinfo/")
    return key if found and _zone(key) is not None else None


def offset_name(offset: timedelta | None) -> str:
    """`+01:00` for an offset of one hour east of UTC."""
    minutes = round((offset or timedelta()).total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def local_zone_name(env: Mapping[str, str] | None = None) -> str:
    """The name of this machine's time zone, as a session records it at its start."""
    env = os.environ if env is None else env
    wanted = env.get("TZ")
    if wanted is not None:
        key = wanted.removeprefix(":")
        if key and _zone(key) is not None and not key.startswith("/"):
            return key
        if found := _key_of(key):
            return found
    else:
        try:
            if found := _key_of(os.readlink("/etc/localtime")):
                return found
        except OSError:
            pass
        try:
            key = Path("/etc/timezone").read_text(encoding="utf-8").strip()
            if key and _zone(key) is not None:
                return key
        except (OSError, UnicodeDecodeError):
            pass
    return offset_name(datetime.now().astimezone().utcoffset())


def zone_named(name: str) -> tzinfo | None:
    """The zone a recorded name stands for; None if this computer does not know it."""
    if found := _OFFSET.match(name):
        sign = -1 if found.group(1) == "-" else 1
        offset = timedelta(hours=int(found.group(2)), minutes=int(found.group(3)))
        return timezone(sign * offset, name)
    return _zone(name)


def session_zone(recorded: str | None) -> tuple[tzinfo, bool]:
    """The zone a session's times are written in, and whether it was assumed.

    A recorded zone is used as it is. A session that recorded none (older
    versions) is read in this computer's zone, as it was written then; a zone
    this computer does not know is read as UTC.
    """
    if recorded is not None:
        zone = zone_named(recorded)
        return (zone, False) if zone is not None else (UTC, True)
    local = local_zone_name()
    return zone_named(local) or UTC, True
