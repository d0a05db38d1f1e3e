"""Drive a session in memory: decide, then apply (no journal)."""

from __future__ import annotations

from circle_tui.core.decide import Begin, Command, Decision, Refusal, decide
from circle_tui.core.events import Event
from circle_tui.core.plan import SessionPlan
from circle_tui.core.state import SessionState
from circle_tui.core.timing import FakeClock


class Driver:
    def __init__(self, plan: SessionPlan, clock: FakeClock) -> None:
        self.state = SessionState(plan=plan)
        self.clock = clock
        self.log: list[Event] = []
        self.do(Begin())

    def do(self, command: Command) -> Decision:
        decision = decide(self.state, command, self.clock)
        if not isinstance(decision, Refusal):
            for event in decision:
                self.log.append(event)
                self.state.apply(event)
        return decision

    def ok(self, command: Command) -> list[Event]:
        decision = self.do(command)
        assert not isinstance(decision, Refusal), decision
        return decision

    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)
