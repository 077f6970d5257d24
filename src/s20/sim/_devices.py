"""What lives around the node: networks in range and joiner devices that keep trying."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from s20.thread import ChannelMask, Dataset, JoinerDiscerner, SecurityPolicy, Timestamp, joiner_id

from ._join import JoinAttempt, JoinerState, JoinResult, JoinTarget
from ._partition import Member, Partition
from ._scan import Beacon
from ._scenario import JoinerSpec, NetworkSpec

if TYPE_CHECKING:
    from s20.clock import Timer

    from ._world import World

__all__ = ["JoinerDevice", "NeighborNetwork"]


def _made_up_dataset(spec: NetworkSpec, rng: random.Random) -> Dataset:
    return Dataset(
        active_timestamp=Timestamp(1),
        channel=spec.channel,
        channel_mask=ChannelMask(0x07FFF800),
        ext_pan_id=spec.ext_pan_id,
        mesh_local_prefix=ipaddress.IPv6Network((b"\xfd" + rng.randbytes(7) + bytes(8), 64)),
        network_key=rng.randbytes(16),
        network_name=spec.network_name,
        pan_id=spec.pan_id,
        pskc=rng.randbytes(16),
        security_policy=SecurityPolicy(),
    )


class NeighborNetwork:
    """A Thread network of the scenario: it beacons, may commission, and can be joined."""

    def __init__(self, spec: NetworkSpec, rng: random.Random) -> None:
        self.spec = spec
        self._rng = rng
        self.extaddr = spec.extaddr or rng.randbytes(8)
        self.dataset = spec.dataset or _made_up_dataset(spec, rng)
        self._partition: Partition | None = None

    @property
    def rssi(self) -> int:
        return self.spec.rssi

    def beacon(self) -> Beacon:
        """Return what a scan hears from this network's router."""
        spec = self.spec
        return Beacon(
            spec.network_name,
            spec.ext_pan_id,
            spec.pan_id,
            self.extaddr,
            spec.channel,
            spec.rssi,
            spec.lqi,
        )

    def partition(self) -> Partition:
        """Return the partition a node attaches to (made on first use)."""
        if self._partition is None:
            self._partition = Partition.form(self.dataset, self.extaddr, self._rng)
        return self._partition

    def admits(self, key: bytes | JoinerDiscerner) -> bool:
        # Its commissioner admits any joiner, with the one PSKd it was given.
        return self.spec.pskd is not None

    def pskd_for(self, ident: bytes) -> str | None:
        return self.spec.pskd

    def joiner_event(self, event: str, ident: bytes) -> None:
        """Nothing to print: that commissioner is not one of our nodes."""

    def joined(self, ident: bytes) -> None:
        """Nothing to keep."""

    def credentials(self) -> Dataset:
        return self.dataset

    def snapshot(self) -> dict[str, Any]:
        """Return the network as a scenario entry."""
        spec = self.spec
        return {
            "network_name": spec.network_name,
            "ext_pan_id": spec.ext_pan_id.hex(),
            "pan_id": spec.pan_id,
            "channel": spec.channel,
            "rssi": spec.rssi,
            "lqi": spec.lqi,
            "pskd": spec.pskd,
            "extaddr": self.extaddr.hex(),
            "dataset": self.dataset.to_hex(),
        }


class JoinerDevice:
    """A device that tries to join whichever commissioner in range admits it.

    It retries `retry_interval` seconds after each failed attempt, as a real joiner
    application does, until it joins or is removed; once joined it attaches as a child.
    """

    def __init__(self, world: World, spec: JoinerSpec, extaddr: bytes) -> None:
        self._world = world
        self.spec = spec
        self.extaddr = extaddr
        self.status = "waiting"
        self.state = JoinerState.IDLE
        self.attempts = 0
        self.joined_at: float | None = None
        self.joined_network: str | None = None
        self._attempt: JoinAttempt | None = None
        self._timer: Timer | None = None
        self._member: Member | None = None
        self._partition: Partition | None = None

    @property
    def joiner_id(self) -> bytes:
        return joiner_id(self.spec.eui64)

    @property
    def steering_key(self) -> bytes:
        return self.joiner_id

    def begin(self, delay: float) -> None:
        """Make the first attempt after `delay` seconds (at once if it is not positive)."""
        if delay <= 0:
            self._try()
        else:
            self._schedule(delay, self._try)

    def stop(self) -> None:
        """Stop trying (the device was removed); a joined device leaves its partition."""
        if self._timer is not None:
            self._timer.cancel()
        if self._attempt is not None:
            self._attempt.cancel()
        if self._member is not None and self._partition is not None:
            self._partition.remove(self._member)
        self._timer = self._attempt = self._member = self._partition = None
        self.status = "removed"

    def _schedule(self, delay: float, callback: Callable[[], None]) -> None:
        clock = self._world.clock
        assert clock is not None
        self._timer = clock.call_later(delay, callback)

    def _try(self) -> None:
        world = self._world
        assert world.clock is not None
        self.status = "trying"
        self.state = JoinerState.DISCOVER
        self.attempts += 1
        self._attempt = JoinAttempt(world, world.clock, world.timing, self, self.spec.pskd)
        self._attempt.start()

    def join_state(self, state: JoinerState) -> None:
        self.state = state

    def join_finished(
        self, result: JoinResult, dataset: Dataset | None, target: JoinTarget | None
    ) -> None:
        self._attempt = None
        self.state = JoinerState.IDLE
        if result is not JoinResult.SUCCESS or dataset is None:
            self.status = "waiting"
            self._schedule(self.spec.retry_interval, self._try)
            return
        self.status = "joined"
        self.joined_at = self._world.elapsed()
        self.joined_network = dataset.network_name
        self._schedule(self._world.timing.child_attach_delay, lambda: self._attach(dataset))

    def _attach(self, dataset: Dataset) -> None:
        partition = self._world.find_partition(dataset)
        clock = self._world.clock
        if partition is not None and clock is not None:
            self._partition = partition
            self._member = partition.add_child(self.extaddr, clock.monotonic(), on_lost=self._lost)

    def _lost(self) -> None:
        self._member = self._partition = None

    def snapshot(self) -> dict[str, Any]:
        """Return the device as a scenario entry, with how it is doing."""
        spec = self.spec
        return {
            "eui64": spec.eui64.hex(),
            "pskd": spec.pskd,
            "start": spec.start,
            "retry_interval": spec.retry_interval,
            "joiner_id": self.joiner_id.hex(),
            "status": self.status,
            "attempts": self.attempts,
            "joined_at": self.joined_at,
            "joined_network": self.joined_network,
        }
