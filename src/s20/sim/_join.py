"""One joiner's attempt to join: discovery, DTLS with the commissioner, entrust.

The same timeline serves a virtual node running `joiner start` and a scenario joiner
device; the commissioner side is a virtual node's commissioner or a scenario network.
Delays come from `Timing` and follow the recordings 06_commissioning_success and
07_commissioning_failures in tests/fixtures/otcli.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from s20.clock import Clock, Timer
from s20.thread import Dataset, JoinerDiscerner

from ._timing import Timing

if TYPE_CHECKING:
    from ._world import World

__all__ = ["JoinAttempt", "JoinPeer", "JoinResult", "JoinTarget", "JoinerState"]


class JoinerState(StrEnum):
    """The states `joiner state` prints."""

    IDLE = "Idle"
    DISCOVER = "Discover"
    CONNECTING = "Connecting"
    CONNECTED = "Connected"
    ENTRUST = "Entrust"
    JOINED = "Joined"


class JoinResult(StrEnum):
    """Why a join ended, as `Join failed [<reason>]` names it; SUCCESS is `Join success`."""

    SUCCESS = "OK"
    NOT_FOUND = "NotFound"
    SECURITY = "Security"


class JoinTarget(Protocol):
    """A commissioner a joiner can reach: through a joiner router of its network."""

    @property
    def rssi(self) -> int: ...

    def admits(self, key: bytes | JoinerDiscerner) -> bool:
        """Tell whether the steering data lets a joiner with this ID (or discerner) try."""

    def pskd_for(self, ident: bytes) -> str | None:
        """Return the PSKd the commissioner expects from this joiner, if any."""

    def joiner_event(self, event: str, ident: bytes) -> None:
        """Report `start`, `connect`, `finalize` or `end` of a joiner session."""

    def joined(self, ident: bytes) -> None:
        """The joiner finalized successfully."""

    def credentials(self) -> Dataset | None:
        """Return the active dataset of the network the joiner is entrusted with."""


class JoinPeer(Protocol):
    """The joining side: a virtual node or a joiner device."""

    @property
    def joiner_id(self) -> bytes: ...

    @property
    def steering_key(self) -> bytes | JoinerDiscerner:
        """Return what the joiner looks for in steering data: its ID, or its discerner."""

    def join_state(self, state: JoinerState) -> None:
        """The joiner moved to `state`."""

    def join_finished(
        self, result: JoinResult, dataset: Dataset | None, target: JoinTarget | None
    ) -> None:
        """The attempt is over; on success `dataset` is the network's active dataset."""


class JoinAttempt:
    """Drive one join attempt on `clock`; `cancel()` stops it (`joiner stop`)."""

    def __init__(
        self,
        world: World,
        clock: Clock,
        timing: Timing,
        peer: JoinPeer,
        pskd: str,
        *,
        exclude: object = None,
    ) -> None:
        self._world = world
        self._clock = clock
        self._timing = timing
        self._peer = peer
        self._pskd = pskd
        self._exclude = exclude
        self._timers: list[Timer] = []
        self.discovering = True

    def start(self) -> None:
        """Begin discovery; the outcome arrives through the peer's callbacks."""
        self._after(self._timing.join_not_found, self._discovered)

    def cancel(self) -> None:
        """Stop every step still to come."""
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()

    def _after(self, delay: float, callback: Callable[[], None]) -> None:
        self._timers.append(self._clock.call_later(delay, callback))

    def _discovered(self) -> None:
        self.discovering = False
        target = self._world.join_target(self._peer.steering_key, exclude=self._exclude)
        if target is None:
            self._peer.join_finished(JoinResult.NOT_FOUND, None, None)
            return
        delay = self._timing.join_discover - self._timing.join_not_found
        self._after(delay, lambda: self._connect(target))

    def _connect(self, target: JoinTarget) -> None:
        ident = self._peer.joiner_id
        target.joiner_event("start", ident)
        self._peer.join_state(JoinerState.CONNECTING)
        if target.pskd_for(ident) != self._pskd:
            # The DTLS handshake cannot complete: both sides give up after a timeout.
            def refused() -> None:
                target.joiner_event("end", ident)
                self._peer.join_finished(JoinResult.SECURITY, None, target)

            self._after(self._timing.join_security, refused)
            return
        self._after(self._timing.join_handshake, lambda: self._connected(target))

    def _connected(self, target: JoinTarget) -> None:
        ident = self._peer.joiner_id
        target.joiner_event("connect", ident)
        self._peer.join_state(JoinerState.CONNECTED)
        self._after(self._timing.join_finalize, lambda: self._finalize(target))

    def _finalize(self, target: JoinTarget) -> None:
        ident = self._peer.joiner_id
        timing = self._timing
        target.joiner_event("finalize", ident)
        target.joined(ident)
        dataset = target.credentials()
        self._peer.join_state(JoinerState.ENTRUST)
        self._after(timing.join_entrust, lambda: self._peer.join_state(JoinerState.JOINED))
        self._after(
            timing.join_success,
            lambda: self._peer.join_finished(JoinResult.SUCCESS, dataset, target),
        )
        # The commissioner closes the session on its own, so `joiner stop` cannot cancel it.
        self._clock.call_later(timing.join_end, lambda: target.joiner_event("end", ident))
