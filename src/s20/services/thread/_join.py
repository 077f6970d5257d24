"""A join attempt of this device into another Thread network (`/otbr/join`)."""

from __future__ import annotations

from dataclasses import dataclass

from s20.errors import InvalidParams
from s20.otcli import JoinerState

__all__ = ["JoinAttempt", "JoinRequest"]

# `/otbr/get_join_status` numbers OpenThread's joiner states, and adds 6 for a failure.
_STATUS = {
    JoinerState.IDLE: 0,
    JoinerState.DISCOVER: 1,
    JoinerState.CONNECTING: 2,
    JoinerState.CONNECTED: 3,
    JoinerState.ENTRUST: 4,
    JoinerState.JOINED: 5,
}
JOINED, FAILED = 5, 6


@dataclass(frozen=True)
class JoinRequest:
    """The fields of `/otbr/join`, as sent."""

    credential_type: str
    network_key: str | None = None
    pskd: str | None = None
    channel: int | None = None
    pan_id: int | str | None = None

    def require(self, field: str) -> str | int:
        """Return a field that this credential type needs; -32602 if it is missing."""
        value = {
            "NetworkKey": self.network_key,
            "PSKd": self.pskd,
            "Channel": self.channel,
            "PanId": self.pan_id,
        }[field]
        if value is None:
            raise InvalidParams(f"{field} is required with {self.credential_type}")
        return value


class JoinAttempt:
    """Where the last PSKd join stands."""

    def __init__(self) -> None:
        self.running = False
        self.restore_thread = False
        self._status = 0
        self._fail_msg = ""

    @property
    def status(self) -> tuple[int, str]:
        """Return the last known status and failure message."""
        return self._status, self._fail_msg

    def begin(self, restore_thread: bool) -> None:
        """Mark an attempt as started (Thread comes back on failure if it was on)."""
        self.running = True
        self.restore_thread = restore_thread
        self._status, self._fail_msg = 1, ""

    def step(self, state: JoinerState) -> int:
        """Record the joiner state the radio reports while running; return its number."""
        # The radio goes back to Idle before the result line arrives; keep the last step.
        if state != JoinerState.IDLE:
            self._status = _STATUS[state]
        return self._status

    def succeed(self) -> None:
        """Mark the attempt as joined."""
        self.running = False
        self._status, self._fail_msg = JOINED, ""

    def fail(self, reason: str) -> None:
        """Mark the attempt as failed, with OpenThread's reason (e.g. NotFound, Security)."""
        self.running = False
        self._status, self._fail_msg = FAILED, reason
