"""Words and figures the summary renderers share (Markdown, HTML, the console).

One place for the phrases, so the exports say the same thing, and so that the
translation of the summary (issue 8) has one file to cover.
"""

from __future__ import annotations

from datetime import datetime

from circle_tui.core.airtime import Balance, Reading
from circle_tui.core.events import FollowUpStatus, ItemKind
from circle_tui.core.summary import Summary
from circle_tui.core.timing import format_seconds

TITLE = "{title}: session summary"
PRIVATE_TITLE = "PRIVATE: {title}, the facilitator's notes included"
PRIVATE_WARNING = (
    "This report holds the facilitator's private notes. It is for the facilitator "
    "only: do not share, print for others, or upload it."
)
PSEUDONYMIZED = "Names are replaced by P1..Pn, numbered in a random order."
REHEARSAL = "Rehearsal: not a real session."
NOT_AGREED = "The contract was not recorded as agreed."
CONTRACT = "Contract"
NO_CONTRACT = "Focus and ground rules"
"""The heading for a format without a contract phase: nothing was to be agreed."""

LEVELS = {"i": "For myself", "we": "For us", "org": "For the organisation"}
"""Take-away levels, as the closing names them."""

SECTIONS: list[tuple[ItemKind, str]] = [
    (ItemKind.DISAGREEMENT, "What we disagree about"),
    (ItemKind.LEARNING, "What we learned from the disagreement"),
    (ItemKind.TAKEAWAY, "Take-aways"),
    (ItemKind.AGREEMENT, "Agreements"),
]
"""The shared items, in the order the summary shows them."""

STATUS = {
    FollowUpStatus.DONE: "done",
    FollowUpStatus.ONGOING: "ongoing",
    FollowUpStatus.DROPPED: "dropped",
    None: "not reviewed",
}
STATUS_MARK = {
    FollowUpStatus.DONE: "✓",
    FollowUpStatus.ONGOING: "↻",
    FollowUpStatus.DROPPED: "✗",
    None: "·",
}

_COUNT = ("zero", "one", "two", "three", "four", "five", "six")


def count(n: int) -> str:
    """A small number in words, a larger one in digits."""
    return _COUNT[n] if 0 <= n < len(_COUNT) else str(n)


def when(epoch: float | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A time in the machine's local time zone, or a dash."""
    return "—" if epoch is None else datetime.fromtimestamp(epoch).strftime(fmt)


def title(summary: Summary) -> str:
    """The summary's title (the group, else the format)."""
    name = summary.group or summary.format_name
    if summary.private_notes is not None:
        return PRIVATE_TITLE.format(title=name)
    return TITLE.format(title=name)


def balance_words(balance: Balance) -> str:
    """The balance of speaking time in plain words."""
    if balance.reading is Reading.SILENT:
        return "Nobody has spoken yet."
    if balance.reading is Reading.BALANCED:
        return "Balanced: everyone had a similar share."
    if balance.half_by == 1:
        half = f"one voice of {count(balance.voices)} took half of the speaking time"
    else:
        half = (
            f"{count(balance.half_by)} of {count(balance.voices)} voices "
            "took half of the speaking time"
        )
    if balance.reading is Reading.SOMEWHAT_UNEVEN:
        return f"Somewhat uneven: {half}."
    return f"Uneven: {half}."


def balance_figure(balance: Balance) -> str:
    """The number behind the words."""
    return f"Gini coefficient {balance.gini:.2f} (0 = all equal, 1 = one voice)"


def spent(seconds: float) -> str:
    """A duration that was used, like a stopwatch (rounded down)."""
    return format_seconds(seconds, round_up=False)


def extras(owner: str | None, due: str | None, agreed_at: float | None = None) -> str:
    """`agreed …; owner: …; due: …` for an agreement, or an empty string."""
    parts = [] if agreed_at is None else [f"agreed {when(agreed_at, '%Y-%m-%d')}"]
    if owner:
        parts.append(f"owner: {owner}")
    if due:
        parts.append(f"due: {due}")
    return "; ".join(parts)


def follow_up_status(status: FollowUpStatus | None) -> str:
    """A follow-up's status with its mark, e.g. `✓ done`."""
    return f"{STATUS_MARK[status]} {STATUS[status]}"
