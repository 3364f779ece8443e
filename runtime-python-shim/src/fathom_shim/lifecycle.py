"""The shim's state (starting -> ready -> draining) and the count of in-flight calls."""

from __future__ import annotations

import enum
import threading
import time


class State(enum.Enum):
    STARTING = "starting"
    READY = "ready"
    DRAINING = "draining"

    def can_move_to(self, next_state: "State") -> bool:
        return next_state in _MOVES[self]


_MOVES = {
    State.STARTING: {State.READY, State.DRAINING},
    State.READY: {State.DRAINING},
    State.DRAINING: set(),
}


class Lifecycle:
    def __init__(self) -> None:
        self._state = State.STARTING
        self._in_flight = 0
        self._changed = threading.Condition()

    @property
    def state(self) -> State:
        return self._state

    def move_to(self, next_state: State) -> bool:
        """Moves if the transition is legal; False (and no change) otherwise."""
        with self._changed:
            if not self._state.can_move_to(next_state):
                return False
            self._state = next_state
            self._changed.notify_all()
            return True

    def begin_call(self) -> bool:
        """Counts a call in; False once draining (the call must be refused)."""
        with self._changed:
            if self._state is State.DRAINING:
                return False
            self._in_flight += 1
            return True

    def end_call(self) -> None:
        with self._changed:
            self._in_flight -= 1
            self._changed.notify_all()

    def wait_idle(self, timeout_seconds: float) -> bool:
        """Waits until no call is in flight; False if ``timeout_seconds`` passed first."""
        deadline = time.monotonic() + timeout_seconds
        with self._changed:
            while self._in_flight > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True
