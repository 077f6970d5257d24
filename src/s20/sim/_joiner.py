"""The node's joiner role: `joiner start`, its states, discerner and joiner ID."""

from __future__ import annotations

from typing import TYPE_CHECKING

from s20.thread import Dataset, JoinerDiscerner, RuleError, check_pskd, joiner_id

from ._errors import CliError, OtError
from ._join import JoinAttempt, JoinerState, JoinResult, JoinTarget

if TYPE_CHECKING:
    from s20.clock import Timer

    from ._node import VirtualNode

__all__ = ["NodeJoiner"]


class NodeJoiner:
    """The joiner of a virtual node, with OpenThread's quirks around `joiner stop`.

    Transcript 07 (lines 433-459): after `joiner stop` during discovery, `joiner start`
    fails with Busy while the abandoned discover scan runs on, and with Already ever
    after, even across `ifconfig down` / `up`. The model reads it as the failed start
    having opened the joiner's DTLS transport that nothing closes again; only a reset
    clears it. A stop without a start in that window leaves the joiner usable.
    """

    def __init__(self, node: VirtualNode) -> None:
        self._node = node
        self.state = JoinerState.IDLE
        # The discerner as typed (value, bit length); only its low bits count.
        self.discerner: tuple[int, int] | None = None
        self._discerner_id = b""
        self._attempt: JoinAttempt | None = None
        self._started_at = 0.0
        self._orphan_scan: Timer | None = None
        self._transport_open = False

    @property
    def joiner_id(self) -> bytes:
        """Return the joiner ID: from the discerner if one is set, else from the EUI-64."""
        return self._discerner_id if self.discerner else joiner_id(self._node.eui64)

    @property
    def steering_key(self) -> bytes | JoinerDiscerner:
        """Return what the joiner looks for in steering data: its discerner, else its ID."""
        if self.discerner is None:
            return self.joiner_id
        value, bits = self.discerner
        return JoinerDiscerner(value & ((1 << bits) - 1), bits)

    def set_discerner(self, discerner: tuple[int, int] | None) -> None:
        """Set or clear the discerner; a new one gets fresh random upper ID bits."""
        if self.state is not JoinerState.IDLE:
            raise CliError(OtError.INVALID_STATE)
        self.discerner = discerner
        key = self.steering_key
        if isinstance(key, JoinerDiscerner):
            self._discerner_id = key.generate_joiner_id(self._node.rng)

    def start(self, pskd: str) -> None:
        """Start joining with `pskd`; the result is printed when the attempt ends."""
        node = self._node
        if self.state is not JoinerState.IDLE:
            raise CliError(OtError.BUSY)
        if not node.if_up or node.is_running:
            raise CliError(OtError.INVALID_STATE)
        try:
            check_pskd(pskd)
        except RuleError:
            raise CliError(OtError.INVALID_ARGS) from None
        if self._transport_open:
            raise CliError(OtError.ALREADY)
        self._transport_open = True
        if self._orphan_scan is not None:
            raise CliError(OtError.BUSY)
        self.state = JoinerState.DISCOVER
        self._started_at = node.clock.monotonic()
        self._attempt = JoinAttempt(
            node.world, node.clock, node.timing, self, pskd, exclude=node.commissioner
        )
        self._attempt.start()

    def stop(self) -> None:
        """Abandon the attempt; a discover scan in progress runs on (see the class doc)."""
        attempt, self._attempt = self._attempt, None
        if attempt is None:
            return
        attempt.cancel()
        if attempt.discovering:
            clock = self._node.clock
            ends = self._started_at + self._node.timing.join_not_found
            self._orphan_scan = clock.call_later(ends - clock.monotonic(), self._orphan_scan_done)
        self._transport_open = False
        self.state = JoinerState.IDLE

    def reset(self) -> None:
        """Forget everything (factory reset)."""
        if self._attempt is not None:
            self._attempt.cancel()
        if self._orphan_scan is not None:
            self._orphan_scan.cancel()
        self._attempt = self._orphan_scan = None
        self._transport_open = False
        self.state = JoinerState.IDLE
        self.discerner = None

    def _orphan_scan_done(self) -> None:
        self._orphan_scan = None

    # -- JoinPeer ---------------------------------------------------------------------

    def join_state(self, state: JoinerState) -> None:
        self.state = state

    def join_finished(
        self, result: JoinResult, dataset: Dataset | None, target: JoinTarget | None
    ) -> None:
        self._attempt = None
        self._transport_open = False
        self.state = JoinerState.IDLE
        if result is JoinResult.SUCCESS and dataset is not None:
            self._node.entrusted(dataset)
            self._node.print_async("Join success")
        else:
            self._node.print_async(f"Join failed [{result.value}]")
