"""A virtual OpenThread node: answers the CLI with ot-cli-ftd's bytes, backed by a model."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from s20.clock import Clock, Timer
from s20.thread import Dataset

from ._addresses import slaac_address
from ._bbr import Bbr
from ._border_router import BorderRouting
from ._cli import Outcome, dispatch
from ._commissioner import Commissioner
from ._datasets import DatasetStore, Params
from ._errors import CliError, OtError
from ._joiner import NodeJoiner
from ._partition import Member, Partition
from ._personality import Personality
from ._prefixes import ExternalRoute, OnMeshPrefix
from ._stream import CliStream
from ._timing import DEFAULT_TIMING, Timing

if TYPE_CHECKING:
    from ._world import World

__all__ = ["Role", "VirtualNode"]

# OpenThread's simulation platform: EUI-64s under this OUI (18b430000000000N).
SIMULATION_OUI = bytes.fromhex("18b430")
INVALID_RLOC16 = 0xFFFE


class Role(StrEnum):
    """The device roles `state` prints."""

    DISABLED = "disabled"
    DETACHED = "detached"
    CHILD = "child"
    ROUTER = "router"
    LEADER = "leader"


def _check_id(value: bytes | None, name: str) -> bytes | None:
    if value is not None and (not isinstance(value, bytes) or len(value) != 8):
        raise ValueError(f"{name}: must be 8 bytes, got {value!r}")
    return value


class VirtualNode(CliStream):
    """One simulated Thread node below the CLI, living in a `World` and driven by `clock`.

    Bytes typed with `receive()` are echoed and executed; everything the node prints
    goes to the callback given to `attach()`, exactly as an `ot-cli-ftd` prints it, or
    with `personality=Personality.BORDER_ROUTER` as otbr-agent with an RCP answers.
    """

    def __init__(
        self,
        world: World,
        clock: Clock,
        *,
        eui64: bytes | None = None,
        extaddr: bytes | None = None,
        rng: random.Random | None = None,
        timing: Timing | None = None,
        personality: Personality = Personality.CLI,
    ) -> None:
        self.world = world
        self.personality = personality
        self.clock = clock
        self.rng = rng if rng is not None else random.Random()
        self.timing = timing if timing is not None else DEFAULT_TIMING
        self.eui64 = _check_id(eui64, "eui64") or SIMULATION_OUI + self.rng.randbytes(5)
        self._initial_extaddr = _check_id(extaddr, "extaddr")
        super().__init__()
        self._boots = 0
        self._boot(clock.monotonic())
        self.print_prompt()
        world.add_node(self)

    def _boot(self, now: float) -> None:
        """Start from factory state, as after power-on or `factoryreset`."""
        self.booted_at = now
        self.extaddr = self._initial_extaddr or self.rng.randbytes(8)
        self._initial_extaddr = None
        self.params = Params(network_key=self.rng.randbytes(16))
        self.datasets = DatasetStore()
        self.ml_eid_iid = self.rng.randbytes(8)
        # The border agent ID is random and kept in the settings (`ba id`); it is drawn
        # from the boot count, not the node's RNG, so every other random value stays put.
        self._boots += 1
        self.ba_id = hashlib.sha256(self.eui64 + self._boots.to_bytes(4, "big")).digest()[:16]
        self.tx_power = 0
        self.link_mode = "rdn"
        # OpenThread's base leader weight is 64; a border router's device properties add
        # one, as the recorded agent's leader data shows (11_otbr_agent_otctl.txt:245).
        self.leader_weight = 65 if self.personality is Personality.BORDER_ROUTER else 64
        # The border agent's UDP port is ephemeral on a real node.
        self.ba_port = 49152 + self.rng.randrange(16)
        self.local_prefixes: list[OnMeshPrefix] = []
        self.if_up = False
        self.role = Role.DISABLED
        self.partition: Partition | None = None
        self._member: Member | None = None
        self.rloc16 = INVALID_RLOC16
        # The RLOC address keeps the last RLOC16 the node had (0 before it ever had
        # one) while `rloc16` reads 0xfffe, as the recorded otbr-agent's `/node` shows.
        self.rloc_locator = 0
        self._attached_before = False
        self._timers: dict[str, Timer] = {}
        self.commissioner = Commissioner(self)
        self.joiner = NodeJoiner(self)
        self.bbr = Bbr(self)
        self.border_routing: BorderRouting | None = None
        if self.personality is Personality.BORDER_ROUTER:
            # Its random /48 ULA prefix is in the settings: factoryreset makes a new one.
            self.border_routing = BorderRouting(self, b"\xfd" + self.rng.randbytes(5))

    def dispatch(self, args: list[str]) -> Outcome:
        return dispatch(self, args)

    # -- timers ------------------------------------------------------------------------

    def _start_timer(self, name: str, delay: float, callback: Callable[[], None]) -> None:
        self._stop_timer(name)

        def fire() -> None:
            self._timers.pop(name, None)
            callback()

        self._timers[name] = self.clock.call_later(delay, fire)

    def _stop_timer(self, name: str) -> None:
        timer = self._timers.pop(name, None)
        if timer is not None:
            timer.cancel()

    # -- role --------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        """Tell whether the Thread protocol is started (any role but disabled)."""
        return self.role is not Role.DISABLED

    @property
    def is_attached(self) -> bool:
        """Tell whether the node is a child, router or leader."""
        return self.role in (Role.CHILD, Role.ROUTER, Role.LEADER)

    @property
    def address_rloc16(self) -> int:
        """Return the RLOC16 in the RLOC address: the current one, else the last one."""
        return self.rloc_locator if self.rloc16 == INVALID_RLOC16 else self.rloc16

    def uptime(self) -> float:
        """Return the seconds since the node booted."""
        return self.clock.monotonic() - self.booted_at

    def current_dataset(self) -> Dataset:
        """Return the active dataset, or one made of the node's parameters."""
        return self.datasets.active or self.params.as_dataset()

    def interface_up(self) -> None:
        """`ifconfig up`."""
        self.if_up = True

    def interface_down(self) -> None:
        """`ifconfig down`: also stops the Thread protocol."""
        self.thread_stop()
        self.if_up = False

    def thread_start(self) -> None:
        """`thread start`: detached at once, attached after the attach delay."""
        if not self.if_up:
            raise CliError(OtError.INVALID_STATE)
        if self.is_running:
            return
        self.role = Role.DETACHED
        self._schedule_attach()

    def _schedule_attach(self) -> None:
        timing = self.timing
        if self.world.find_partition(self.current_dataset(), exclude=self) is not None:
            delay = timing.child_attach_delay
        elif self._attached_before:
            delay = timing.reattach_leader_delay
        else:
            delay = timing.leader_delay
        self._start_timer("attach", delay, self._attach)

    def _attach(self) -> None:
        partition = self.world.find_partition(self.current_dataset(), exclude=self)
        if partition is None:
            self._become_leader()
        else:
            self._become_child(partition)
        self._attached_before = True
        self.bbr.attached()
        if self.border_routing is not None:
            self.border_routing.update()
        self._arm_pending()
        if self.local_prefixes:
            self.register_server_data()

    def _become_leader(self) -> None:
        if self.datasets.active is None:
            self.datasets.active = self.params.as_dataset()
        self.partition = Partition.form(self.datasets.active, self.extaddr, self.rng, self)
        self.partition.weighting = self.leader_weight
        self.rloc16 = self.partition.leader_rloc16
        self.role = Role.LEADER

    def _become_child(self, partition: Partition) -> None:
        self.partition = partition
        self._member = partition.add_child(
            self.extaddr, self.clock.monotonic(), on_lost=self._lost_parent, node=self
        )
        self.rloc16 = self._member.rloc16
        self.role = Role.CHILD
        self.datasets.active = partition.dataset
        self.params.apply(partition.dataset)
        leader = partition.leader
        if leader is not None and leader.datasets.pending is not None:
            self.datasets.store_pending(
                leader.datasets.pending_now(leader.clock.monotonic()) or leader.datasets.pending,
                self.clock.monotonic(),
            )
        self._start_timer("upgrade", self.timing.router_upgrade_delay, self._upgrade)

    def _upgrade(self) -> None:
        if self.role is Role.CHILD and self.partition is not None and self._member is not None:
            self.partition.publish(self.rloc16)
            self.rloc16 = self.partition.promote(self._member)
            self.role = Role.ROUTER
            self.register_server_data()

    def server_prefixes(self) -> list[OnMeshPrefix]:
        """Return the on-mesh prefixes of the local network data (`prefix add`, the OMR)."""
        routing = self.border_routing
        return [*self.local_prefixes, *(routing.prefixes() if routing is not None else [])]

    def server_routes(self) -> list[ExternalRoute]:
        """Return the external routes of the local network data."""
        return self.border_routing.routes() if self.border_routing is not None else []

    def register_server_data(self) -> None:
        """Publish the local network data (prefixes, routes, services) in the partition's."""
        if self.partition is not None:
            routing = self.border_routing
            services = routing.services() if routing is not None else []
            self.partition.publish(
                self.rloc16, self.server_prefixes(), self.server_routes(), services
            )

    def netdata_changed(self) -> None:
        """The partition's network data changed (the partition calls this)."""
        if self.border_routing is not None:
            self.border_routing.netdata_changed()

    def slaac_addresses(self) -> list[bytes]:
        """Return an address for each SLAAC on-mesh /64 of the partition's network data."""
        if self.partition is None or not self.is_attached:
            return []
        # Stable per prefix and secret per boot, as RFC 7217 asks (no extra random draw).
        secret = hashlib.sha256(b"slaac" + self.eui64 + self.ml_eid_iid).digest()
        prefixes = dict.fromkeys(p.prefix for _, p in self.partition.prefixes if "a" in p.flags)
        return [slaac_address(p, secret) for p in prefixes if p.prefixlen == 64]

    def _lost_parent(self) -> None:
        self._leave(Role.DETACHED)
        self._schedule_attach()

    def thread_stop(self) -> None:
        """`thread stop`: leave the partition (a leader takes it down with it)."""
        if not self.is_running:
            return
        self._leave(Role.DISABLED)

    def _leave(self, role: Role, *, quiet: bool = False) -> None:
        for name in ("attach", "upgrade", "pending"):
            self._stop_timer(name)
        self.commissioner.shutdown(quiet=quiet)
        self.bbr.detached()
        partition, member = self.partition, self._member
        self.partition, self._member = None, None
        self.role = role
        if self.rloc16 != INVALID_RLOC16:
            self.rloc_locator = self.rloc16
        self.rloc16 = INVALID_RLOC16
        if self.border_routing is not None:
            self.border_routing.update()
        if partition is not None:
            if partition.leader is self:
                partition.dissolve()
            elif member is not None:
                partition.remove(member)

    # -- datasets ----------------------------------------------------------------------

    def commit_active(self, dataset: Dataset) -> None:
        """Make `dataset` the active dataset and take its values."""
        self.datasets.active = dataset
        self.params.apply(dataset)
        if self.partition is not None and self.partition.leader is self:
            self.partition.dataset = dataset

    def commit_pending(self, dataset: Dataset) -> None:
        """Store a pending dataset; a leader hands it to its partition's nodes."""
        now = self.clock.monotonic()
        self.datasets.store_pending(dataset, now)
        self._arm_pending()
        partition = self.partition
        if partition is None or partition.leader is not self:
            return
        for member in partition.members:
            node = member.node
            if node is not None:
                self.clock.call_later(
                    self.timing.pending_propagation, partial(node.receive_pending, dataset)
                )

    def receive_pending(self, dataset: Dataset) -> None:
        """Take a pending dataset sent by the leader."""
        if self.is_attached:
            self.datasets.store_pending(dataset, self.clock.monotonic())
            self._arm_pending()

    def _arm_pending(self) -> None:
        self._stop_timer("pending")
        left = self.datasets.pending_delay_left(self.clock.monotonic())
        if left is not None and self.is_attached:
            self._start_timer("pending", left / 1000, self._apply_pending)

    def _apply_pending(self) -> None:
        pending = self.datasets.pending
        if pending is None:
            return
        self.datasets.pending = None
        self.commit_active(pending.replace(pending_timestamp=None, delay_timer=None))

    def set_parameter(self, apply: Callable[[Params], None]) -> None:
        """Change one operational parameter; only while stopped, and it drops the datasets."""
        if self.is_running:
            raise CliError(OtError.INVALID_STATE)
        apply(self.params)
        self.datasets.clear_committed()

    def entrusted(self, dataset: Dataset) -> None:
        """Keep what a commissioner entrusted the joiner with (never the PSKc)."""
        self.params.apply(dataset.replace(pskc=None))
        self.datasets.active = Dataset(
            channel=dataset.channel, network_key=dataset.network_key, pan_id=dataset.pan_id
        )
        self.datasets.pending = None

    def _halt(self) -> None:
        self._leave(Role.DISABLED, quiet=True)
        self.joiner.reset()
        for name in list(self._timers):
            self._stop_timer(name)
        self.abandon_command()

    def factory_reset(self) -> None:
        """Wipe every setting and boot again (`factoryreset`)."""
        self._halt()
        self._boot(self.clock.monotonic())

    def reboot(self) -> None:
        """Boot again keeping the stored settings and datasets (`reset`)."""
        self._halt()
        params, datasets, extaddr, ba_id = self.params, self.datasets, self.extaddr, self.ba_id
        routing = self.border_routing
        self._initial_extaddr = extaddr
        self._boot(self.clock.monotonic())
        self.params, self.datasets, self.ba_id = params, datasets, ba_id
        self.datasets.buffer = Dataset()
        if routing is not None and self.border_routing is not None:
            self.border_routing.ula = routing.ula
