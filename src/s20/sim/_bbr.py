"""The node's backbone router function: enable, register as primary, configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from s20.clock import Timer

from ._errors import CliError, OtError
from ._partition import BbrService

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["Bbr"]

# OpenThread's defaults: 5 s re-registration delay, 3600 s MLR timeout, 5 s jitter.
DEFAULT_DELAY = 5
DEFAULT_TIMEOUT = 3600
DEFAULT_JITTER = 5
MIN_TIMEOUT = 300


class Bbr:
    """A backbone router: Disabled, Secondary once enabled, Primary once registered."""

    def __init__(self, node: VirtualNode) -> None:
        self._node = node
        self.enabled = False
        self.primary = False
        # The first sequence number is random on a real node (05 shows 60).
        self.seqno = node.rng.randrange(127)
        self.delay = DEFAULT_DELAY
        self.timeout = DEFAULT_TIMEOUT
        self.jitter = DEFAULT_JITTER
        self._timer: Timer | None = None

    @property
    def state(self) -> str:
        """Return what `bbr state` prints."""
        if not self.enabled:
            return "Disabled"
        return "Primary" if self.primary else "Secondary"

    def enable(self) -> None:
        """Turn the function on; it registers once the node is attached."""
        if self.enabled:
            return
        self.enabled = True
        if self._node.is_attached:
            self._schedule(self._node.timing.bbr_register_delay)

    def disable(self) -> None:
        """Turn the function off and withdraw the service."""
        self.enabled = False
        self._withdraw()

    def attached(self) -> None:
        """The node attached: an enabled BBR registers after the registration delay."""
        if self.enabled:
            self._schedule(self._node.timing.bbr_register_delay)

    def detached(self) -> None:
        """The node left its partition."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.primary = False

    def register(self) -> None:
        """Register now (`bbr register`), if enabled and attached."""
        if self.enabled and self._node.is_attached:
            self._schedule(0.0)

    def configure(self, *, seqno: int, delay: int, timeout: int) -> None:
        """Change the configuration; a primary publishes it at once."""
        if delay == 0 or timeout < MIN_TIMEOUT:
            raise CliError(OtError.INVALID_ARGS)
        self.seqno, self.delay, self.timeout = seqno, delay, timeout
        if self.primary:
            self._publish()

    def config_lines(self) -> list[str]:
        """Return the lines of `bbr config`."""
        return [
            f"seqno:    {self.seqno}",
            f"delay:    {self.delay} secs",
            f"timeout:  {self.timeout} secs",
        ]

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._node.clock.call_later(delay, self._register_now)

    def _register_now(self) -> None:
        self._timer = None
        partition = self._node.partition
        if not self.enabled or partition is None:
            return
        if partition.bbr is not None and partition.bbr.server_rloc16 != self._node.rloc16:
            return  # another primary serves the partition; stay secondary
        self.primary = True
        self._publish()

    def _publish(self) -> None:
        partition = self._node.partition
        if partition is not None:
            service = BbrService(self._node.rloc16, self.seqno, self.delay, self.timeout)
            partition.set_bbr(service)

    def _withdraw(self) -> None:
        was_primary = self.primary
        self.detached()
        partition = self._node.partition
        if was_primary and partition is not None:
            partition.set_bbr(None)
