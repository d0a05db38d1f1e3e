"""Taking turns across sessions: who holds a one-person role next."""

from __future__ import annotations

from circle_tui.core.airtime import Airtime, Balance, Reading
from circle_tui.core.group import next_in_role
from circle_tui.core.summary import Summary


def session(case_giver: str | None, people: tuple[str, ...] = ("Ane", "Bo", "Cai")) -> Summary:
    return Summary(
        session_id="s",
        format_id="f",
        format_name="F",
        group="g",
        language="en",
        rehearsal=False,
        time_zone="UTC",
        started_at=None,
        closed_at=None,
        participants=list(people),
        focus="",
        ground_rules=[],
        contract_agreed=False,
        notes_allowed=None,
        phases=[],
        airtime=[
            Airtime(
                name=name,
                role="case-giver" if name == case_giver else "participant",
                seconds=0,
                share=0,
                phases=[],
                turns=0,
                passes=0,
                overtime_seconds=0,
            )
            for name in people
        ],
        items=[],
        follow_ups=[],
        speaking_seconds=0,
        balance=Balance(gini=0, voices=0, half_by=0, reading=Reading.SILENT),
    )


def test_who_held_it_least_recently_is_proposed() -> None:
    members = ["Ane", "Bo", "Cai"]
    assert next_in_role([], "case-giver", members).proposed == "Ane"  # nobody yet: seating order
    held = [session("Cai"), session("Ane"), session("Bo")]
    rotation = next_in_role(held, "case-giver", members)
    assert (rotation.proposed, rotation.last, rotation.twice_in_a_row) == ("Cai", "Bo", None)
    rotation = next_in_role([session("Ane"), session("Bo"), session("Bo")], "case-giver", members)
    assert (rotation.proposed, rotation.twice_in_a_row) == ("Cai", "Bo")
    # A session without a case giver does not make the last one "twice in a row".
    rotation = next_in_role([session("Bo"), session(None), session("Bo")], "case-giver", members)
    assert rotation.twice_in_a_row is None
