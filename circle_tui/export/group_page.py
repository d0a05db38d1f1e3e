"""A group's page as text: Markdown for a file, plain text with a small chart for the terminal.

The same sections in the same order and words as the HTML page
(`export.group_html`): the sessions, how evenly the word was shared over
time, the agreements and where they ended, the take-aways for us and for the
organisation. Per-person figures are only in the terminal's text, and only
when the page has them (a page that leaves the machine does not).
"""

from __future__ import annotations

from circle_tui.core.airtime import Reading
from circle_tui.core.group import AgreementRow, GroupPage, PersonRow, SessionRow, TakeawayRow
from circle_tui.core.i18n import N_, _, ngettext
from circle_tui.export import words
from circle_tui.export.markdown import cell, typed
from circle_tui.languages import decimal, percent

# Translators: the title of a group's page; {group} is the group's name
TITLE = N_("{group}: the group's page")
# Translators: heading: the group's sessions, one row each
SESSIONS = N_("Sessions")
# Translators: heading: how evenly the speaking time was shared, session by session
BALANCE = N_("How evenly the word was shared")
# Translators: heading: the group's agreements across its sessions and where each ended
AGREEMENTS = N_("Agreements and follow-through")
TAKEAWAY_HEADINGS = {
    # Translators: heading: the take-aways the group named for itself, over time
    "we": N_("Take-aways for us"),
    # Translators: heading: the take-aways the group named for the organisation, over time
    "org": N_("Take-aways for the organisation"),
}
# Translators: heading: per-person figures, shown on the facilitator's own screen only
PEOPLE = N_("People (on this screen only)")
# Translators: a group's page made from pseudonymized summaries
PSEUDONYMIZED = N_("Names are replaced by P1..Pn, the same number for the same person throughout.")

SESSION_COLUMNS = (
    # Translators: column heading: the day a session took place
    N_("Date"),
    # Translators: column heading: the circle format of a session
    N_("Format"),
    # Translators: column heading: how many people took part
    N_("People"),
    # Translators: column heading: how long a session took
    N_("Length"),
    # Translators: column heading: the Gini coefficient of speaking time (0 is even)
    N_("Gini"),
    # Translators: column heading: the balance of speaking time in words
    N_("Balance"),
)
PEOPLE_COLUMNS = (
    # Translators: column heading: a participant's name
    N_("Participant"),
    # Translators: column heading: how many of the group's sessions a person came to
    N_("Sessions"),
    # Translators: column heading: the roles a person held, and how often
    N_("Roles"),
    # Translators: column heading: a person's mean share of the speaking time
    N_("Mean share"),
)
READINGS = {
    # Translators: the balance of speaking time in a session, one or two words
    Reading.SILENT: N_("nobody spoke"),
    Reading.BALANCED: N_("balanced"),
    Reading.SOMEWHAT_UNEVEN: N_("somewhat uneven"),
    Reading.UNEVEN: N_("uneven"),
}
SPARKS = "▁▂▃▄▅▆▇█"


def title(page: GroupPage) -> str:
    return _(TITLE).format(group=page.group)


def overview(page: GroupPage) -> str:
    """How often the group met, and from when to when."""
    n = len(page.sessions)
    dated = [s.started_at for s in page.sessions if s.started_at is not None]
    met = ngettext("{n} session", "{n} sessions", n).format(n=n)
    if len(dated) >= 2:
        # Translators: {sessions} is "4 sessions"; {first} and {last} are dates
        return _("{sessions}, from {first} to {last}").format(
            sessions=met, first=words.when(dated[0], "date"), last=words.when(dated[-1], "date")
        )
    return met


def follow_through(page: GroupPage) -> str:
    """The follow-through rate in one sentence."""
    if not page.agreements:
        return _("No agreements yet.")
    if page.follow_through is None:
        return _("No agreement has been reviewed yet (the next session reviews them).")
    # Translators: {done} of {reviewed} agreements; {rate} is a percentage
    sentence = ngettext(
        "Follow-through: {done} of {reviewed} reviewed agreement done ({rate}).",
        "Follow-through: {done} of {reviewed} reviewed agreements done ({rate}).",
        page.reviewed,
    )
    return sentence.format(
        done=page.done, reviewed=page.reviewed, rate=percent(page.follow_through)
    )


def session_cells(row: SessionRow) -> list[str]:
    return [
        words.when(row.started_at, "date"),
        row.format_name,
        str(row.people),
        words.spent(row.seconds),
        "—" if row.gini is None else decimal(row.gini),
        _(READINGS[row.reading]),
    ]


def agreement_line(row: AgreementRow) -> str:
    extras = words.extras(row.owner, row.due)
    agreed = words.when(row.agreed_at, "date")
    status = words.follow_up_status(row.status)
    return f"{status} · {row.text}" + (f" ({extras})" if extras else "") + f" · {agreed}"


def takeaway_line(row: TakeawayRow) -> str:
    return f"{words.when(row.started_at, 'date')} · {row.text}"


def sparkline(page: GroupPage) -> str:
    """The Gini trend in block characters (low: even), oldest first; `·` where nobody spoke."""
    return "".join(
        "·" if s.gini is None else SPARKS[min(len(SPARKS) - 1, int(s.gini * len(SPARKS)))]
        for s in page.sessions
    )


def person_cells(row: PersonRow, names: dict[str, str]) -> list[str]:
    """A person's row; only the named roles (a case giver), by the name the formats give them."""
    held = sorted((names.get(role, role), n) for role, n in row.roles.items() if role in names)
    roles = ", ".join(f"{name} ×{n}" for name, n in held) or "—"
    return [row.name, str(row.sessions), roles, percent(row.share)]


def _md_table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return out + ["| " + " | ".join(cell(text) for text in row) + " |" for row in rows]


def render_group_markdown(page: GroupPage) -> str:
    """The page as Markdown (in the current language)."""
    out = [f"# {typed(title(page))}", "", overview(page), "", follow_through(page), ""]
    if page.pseudonymized:
        out += [f"*{_(PSEUDONYMIZED)}*", ""]
    out += [f"## {_(SESSIONS)}", ""]
    out += _md_table(words.columns(SESSION_COLUMNS), [session_cells(s) for s in page.sessions])
    out += ["", f"## {_(BALANCE)}", "", f"`{sparkline(page)}`", ""]
    out += [f"## {_(AGREEMENTS)}", ""]
    out += [f"- {typed(agreement_line(a))}" for a in page.agreements] or ["—"]
    for level, heading in TAKEAWAY_HEADINGS.items():
        rows = [t for t in page.takeaways if t.level == level]
        if rows:
            out += ["", f"## {_(heading)}", ""]
            out += [f"- {typed(takeaway_line(t))}" for t in rows]
    return "\n".join([*out, ""])


def _text_table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(head, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    return [line(head).rstrip(), *(line(row).rstrip() for row in rows)]


def render_group_text(page: GroupPage) -> str:
    """The page for the terminal: plain text, a small chart, per-person figures if it has them."""
    out = [title(page), "", overview(page), follow_through(page), ""]
    if page.pseudonymized:
        out += [_(PSEUDONYMIZED), ""]
    out += [_(SESSIONS)]
    out += _text_table(words.columns(SESSION_COLUMNS), [session_cells(s) for s in page.sessions])
    # Translators: the Gini trend drawn in small bars; low bars are an even share of the word
    out += ["", f"{_(BALANCE)}: {sparkline(page)}  " + _("(low: even)"), ""]
    out += [_(AGREEMENTS)]
    out += [f"  {agreement_line(a)}" for a in page.agreements] or ["  —"]
    for level, heading in TAKEAWAY_HEADINGS.items():
        rows = [t for t in page.takeaways if t.level == level]
        if rows:
            out += ["", _(heading), *(f"  {takeaway_line(t)}" for t in rows)]
    if page.people:
        out += ["", _(PEOPLE)]
        out += _text_table(
            words.columns(PEOPLE_COLUMNS), [person_cells(p, page.role_names) for p in page.people]
        )
    return "\n".join([*out, ""])
