"""A Thread partition: the leader's network data and the devices attached to it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from s20.thread import Dataset

from ._prefixes import ExternalRoute, OnMeshPrefix, prefix_text

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from ._node import VirtualNode

__all__ = ["BBR_SERVICE", "THREAD_ENTERPRISE", "BbrService", "Member", "Partition", "same_network"]

# The Thread enterprise number: the BBR and DNS/SRP service entries carry it.
THREAD_ENTERPRISE = 44970
# Service data of the backbone router service.
BBR_SERVICE = b"\x01"
# Network Data service IDs are four bits wide.
_SERVICE_IDS = range(16)
_MAX_ROUTER_ID = 62


def same_network(own: Dataset, dataset: Dataset) -> bool:
    """Tell whether a node holding `dataset` can attach to a network whose dataset is `own`.

    Network key, PAN ID and channel must agree; so must the extended PAN ID when the
    node has one (a joiner's entrusted dataset does not).
    """
    if dataset.network_key is None or dataset.network_key != own.network_key:
        return False
    if dataset.pan_id != own.pan_id or dataset.channel != own.channel:
        return False
    return dataset.ext_pan_id is None or dataset.ext_pan_id == own.ext_pan_id


@dataclass(slots=True)
class Member:
    """A device attached to the partition, as the leader's child and neighbor tables show it."""

    extaddr: bytes
    rloc16: int
    attached_at: float
    is_router: bool = False
    network_data_version: int = 0
    # Called when the partition goes away under the member (its leader stopped).
    on_lost: Callable[[], None] | None = None
    # The virtual node behind the member, if it is one (a joiner device is not).
    node: VirtualNode | None = None


@dataclass(slots=True)
class BbrService:
    """The backbone router service a primary BBR publishes in the network data."""

    server_rloc16: int
    seqno: int
    delay: int
    timeout: int

    @property
    def server_data(self) -> bytes:
        """Return the server data bytes: sequence number, re-registration delay, timeout."""
        return (
            self.seqno.to_bytes(1, "big")
            + self.delay.to_bytes(2, "big")
            + self.timeout.to_bytes(4, "big")
        )


@dataclass(slots=True)
class Partition:
    """Network data and membership of one partition; the leader owns it.

    `dataset` is the partition's active dataset: a node with the same network key,
    PAN ID and channel attaches to it as a child.
    """

    dataset: Dataset
    rng: random.Random
    # The virtual node that leads it; None for a scenario network.
    leader: VirtualNode | None = None
    leader_rloc16: int = 0
    leader_extaddr: bytes = bytes(8)
    partition_id: int = 0
    weighting: int = 64
    data_version: int = 0
    stable_data_version: int = 0
    session_id: int = 0
    commissioner_rloc16: int | None = None
    steering_data: bytes | None = None
    bbr: BbrService | None = None
    # On-mesh prefixes in the network data, with the RLOC16 of the router that published each.
    prefixes: list[tuple[int, OnMeshPrefix]] = field(default_factory=list)
    # External routes, the same way.
    routes: list[tuple[int, ExternalRoute]] = field(default_factory=list)
    # Servers of services other than the BBR's: RLOC16, service data, server data.
    servers: list[tuple[int, bytes, bytes]] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    _next_child_id: int = 1
    _service_ids: dict[bytes, int] = field(default_factory=dict)

    @classmethod
    def form(
        cls,
        dataset: Dataset,
        extaddr: bytes,
        rng: random.Random,
        leader: VirtualNode | None = None,
    ) -> Partition:
        """Start a new partition led by a node with `extaddr`, at a random router ID."""
        router_id = rng.randrange(_MAX_ROUTER_ID + 1)
        return cls(
            dataset=dataset,
            rng=rng,
            leader=leader,
            leader_rloc16=router_id << 10,
            leader_extaddr=extaddr,
            partition_id=rng.getrandbits(32),
            data_version=rng.getrandbits(8),
            stable_data_version=rng.getrandbits(8),
            session_id=rng.getrandbits(16),
        )

    @property
    def leader_router_id(self) -> int:
        """Return the leader's router ID (the top six bits of its RLOC16)."""
        return self.leader_rloc16 >> 10

    def matches(self, dataset: Dataset) -> bool:
        """Tell whether a node with `dataset` belongs to this partition's network."""
        return same_network(self.dataset, dataset)

    def _touch(self, stable: bool = False) -> None:
        self.data_version = (self.data_version + 1) & 0xFF
        if stable:
            self.stable_data_version = (self.stable_data_version + 1) & 0xFF
        for node in (self.leader, *(m.node for m in self.members)):
            if node is not None:
                node.netdata_changed()

    def add_child(
        self,
        extaddr: bytes,
        now: float,
        *,
        on_lost: Callable[[], None] | None = None,
        node: VirtualNode | None = None,
    ) -> Member:
        """Attach a child and give it the next child ID under the leader's RLOC16."""
        member = Member(
            extaddr,
            self.leader_rloc16 | self._next_child_id,
            now,
            network_data_version=self.data_version,
            on_lost=on_lost,
            node=node,
        )
        self._next_child_id += 1
        self.members.append(member)
        return member

    def promote(self, member: Member) -> int:
        """Make a child a router with a free router ID; return its new RLOC16."""
        taken = {self.leader_router_id} | {m.rloc16 >> 10 for m in self.members if m.is_router}
        free = [n for n in range(_MAX_ROUTER_ID + 1) if n not in taken]
        member.rloc16 = self.rng.choice(free) << 10
        member.is_router = True
        return member.rloc16

    def remove(self, member: Member) -> None:
        """Forget a member that left, and what it published."""
        if member in self.members:
            self.members.remove(member)
            self.publish(member.rloc16)

    def publish(
        self,
        rloc16: int,
        prefixes: Sequence[OnMeshPrefix] = (),
        routes: Sequence[ExternalRoute] = (),
        services: Sequence[tuple[bytes, bytes]] = (),
    ) -> None:
        """Replace what `rloc16` serves: prefixes, routes, (service data, server data) pairs.

        As a leader does, the data versions change only if the network data does.
        """
        before = (self.prefixes, self.routes, self.servers)
        self.prefixes = [(r, p) for r, p in self.prefixes if r != rloc16]
        self.prefixes += [(rloc16, p) for p in prefixes]
        self.routes = [(r, p) for r, p in self.routes if r != rloc16]
        self.routes += [(rloc16, p) for p in routes]
        self.servers = [s for s in self.servers if s[0] != rloc16]
        self.servers += [(rloc16, service, server) for service, server in services]
        if (self.prefixes, self.routes, self.servers) != before:
            self._allocate_service_ids()
            self._touch(stable=True)

    def _allocate_service_ids(self) -> None:
        # The leader gives each new service the lowest free ID and frees the IDs of
        # services no server offers any more.
        offered = [BBR_SERVICE] if self.bbr is not None else []
        offered += [service for _, service, _ in self.servers]
        ids = {s: i for s, i in self._service_ids.items() if s in offered}
        for service in offered:
            if service not in ids:
                ids[service] = min(set(_SERVICE_IDS) - set(ids.values()))
        self._service_ids = ids

    def services(self) -> list[tuple[int, bytes, list[tuple[int, bytes]]]]:
        """Return each service: its ID, its service data and its (RLOC16, server data)."""
        found: list[tuple[int, bytes, list[tuple[int, bytes]]]] = []
        for service, service_id in sorted(self._service_ids.items(), key=lambda s: s[1]):
            if service == BBR_SERVICE and self.bbr is not None:
                servers = [(self.bbr.server_rloc16, self.bbr.server_data)]
            else:
                servers = [(r, data) for r, s, data in self.servers if s == service]
            found.append((service_id, service, servers))
        return found

    def served_by(self, rloc16: int) -> list[int]:
        """Return the IDs of the services `rloc16` serves (each gives it a service ALOC)."""
        return [i for i, _, servers in self.services() if any(r == rloc16 for r, _ in servers)]

    def contexts(self) -> list[tuple[OnMeshPrefix, int]]:
        """Return each distinct prefix with its 6LoWPAN context ID (from 1, in order)."""
        seen: dict[object, tuple[OnMeshPrefix, int]] = {}
        for _, prefix in self.prefixes:
            seen.setdefault(prefix.prefix, (prefix, len(seen) + 1))
        return list(seen.values())

    def dissolve(self) -> None:
        """Tell every member that the leader is gone."""
        members, self.members = self.members, []
        for member in members:
            if member.on_lost is not None:
                member.on_lost()

    def petition(self, commissioner_rloc16: int) -> int:
        """Accept a commissioner petition; return the new commissioner session ID."""
        self.session_id = (self.session_id + 1) & 0xFFFF
        self.commissioner_rloc16 = commissioner_rloc16
        self.steering_data = None
        self._touch()
        return self.session_id

    def set_steering_data(self, data: bytes | None) -> None:
        """Publish the commissioner's steering data (None: no joiner is armed)."""
        self.steering_data = data
        self._touch()

    def resign(self) -> None:
        """Drop the commissioner; the session ID stays, as OpenThread's leader keeps it."""
        self.commissioner_rloc16 = None
        self.steering_data = None
        self._touch()

    def set_bbr(self, service: BbrService | None) -> None:
        """Publish or withdraw the primary backbone router service."""
        self.bbr = service
        self._allocate_service_ids()
        self._touch(stable=True)

    def netdata_lines(self) -> list[str]:
        """Return the lines of `netdata show` for this partition."""
        lines = ["Prefixes:"]
        lines += [prefix.line(rloc16) for rloc16, prefix in self.prefixes]
        lines.append("Routes:")
        lines += [route.line(rloc16) for rloc16, route in self.routes]
        lines.append("Services:")
        for service_id, service, servers in self.services():
            for rloc16, data in servers:
                lines.append(
                    f"{THREAD_ENTERPRISE} {service.hex()} {data.hex()} s {rloc16:04x} {service_id}"
                )
        lines.append("Contexts:")
        for prefix, context_id in self.contexts():
            stable = "s" if prefix.stable else ""
            lines.append(f"{prefix_text(prefix.prefix)} {context_id} {stable}c")
        lines += ["Commissioning:", self.commissioning_line()]
        return lines

    def commissioning_line(self) -> str:
        """Return session ID, border agent locator, joiner UDP port and steering data."""
        locator = "-" if self.commissioner_rloc16 is None else f"{self.commissioner_rloc16:04x}"
        steering = "-" if self.steering_data is None else self.steering_data.hex()
        return f"{self.session_id} {locator} - {steering}"

    def netdata_tlvs(self) -> bytes:
        """Return the network data as TLVs, as `netdata show -x` prints them."""
        sub = bytes((11, 2)) + self.session_id.to_bytes(2, "big")
        if self.commissioner_rloc16 is not None:
            sub += bytes((9, 2)) + self.commissioner_rloc16.to_bytes(2, "big")
        if self.steering_data is not None:
            sub += bytes((8, len(self.steering_data))) + self.steering_data
        out = bytes((4 << 1, len(sub))) + sub
        ids = {prefix.prefix: context_id for prefix, context_id in self.contexts()}
        for rloc16, prefix in self.prefixes:
            out += prefix.tlv(rloc16, ids[prefix.prefix])
        # Laid out as otbr-agent's leader holds them (11_otbr_agent_otctl.txt:148): the
        # services come after the on-mesh prefixes, the external routes last.
        for service_id, service, servers in self.services():
            # The T bit: the enterprise number is the Thread one, so it is left out.
            body = bytes((0x80 | service_id, len(service))) + service
            for rloc16, data in servers:
                body += bytes((6 << 1 | 1, 2 + len(data))) + rloc16.to_bytes(2, "big") + data
            out += bytes((5 << 1 | 1, len(body))) + body
        for rloc16, route in self.routes:
            out += route.tlv(rloc16)
        return out
