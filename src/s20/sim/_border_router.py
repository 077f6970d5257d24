"""otbr-agent's border routing: the OMR prefix, the on-link prefix, the SRP service, the route."""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from s20.clock import Timer

from ._prefixes import ExternalRoute, OnMeshPrefix

if TYPE_CHECKING:
    from ._node import VirtualNode
    from ._partition import Partition

__all__ = ["SRP_PORT", "SRP_SERVICE", "ULA_ROUTE", "BorderRouting", "BorderRoutingState"]

# The local OMR prefix is the random /48 ULA prefix with subnet ID 1, published on-mesh,
# SLAAC, preferred and stable, at low preference (11_otbr_agent_otctl.txt:135).
_OMR_SUBNET = b"\x00\x01"
_OMR_FLAGS = frozenset("paos")
_OMR_PREFERENCE = "low"
_RANK = {"low": -1, "med": 0, "high": 1}
# The route a border router publishes for the ULA space while it advertises its own
# on-link prefix on the infrastructure link (`a`: AdvPIO), as 11 shows (line 137).
ULA_ROUTE = ExternalRoute(ipaddress.IPv6Network("fc00::/7"), frozenset("sa"), "med")
# The DNS/SRP unicast service: service data 0x5d; server data the server's ML-EID and port.
SRP_SERVICE = b"\x5d"
# The SRP server's UDP port; its range is 53535-53554, 11's agent had 53536 (line 139).
SRP_PORT = 53536
# `br peers count` caps the minimum age at this many seconds.
_MAX_MIN_AGE = 0xFFFF


class BorderRoutingState(StrEnum):
    """What `br state` prints."""

    DISABLED = "disabled"
    STOPPED = "stopped"
    RUNNING = "running"


def _is_omr(prefix: OnMeshPrefix) -> bool:
    # OpenThread's IsValidOmrPrefix: a stable on-mesh /64 that hosts configure by SLAAC.
    return prefix.prefix.prefixlen == 64 and {"o", "a", "s"} <= prefix.flags


def duration_text(seconds: int) -> str:
    """Return a duration as OpenThread prints it: `hh:mm:ss`, or `Nd.hh:mm:ss` from a day."""
    minutes, sec = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    days, hour = divmod(hours, 24)
    day_text = f"{days}d." if days else ""
    return f"{day_text}{hour:02}:{minute:02}:{sec:02}"


class BorderRouting:
    """The routing manager of otbr-agent, and the SRP server it starts (auto-enable mode).

    Enabled from the start, it runs while the node is attached. It evaluates its routing
    policy `Timing.br_evaluation_delay` after it starts and after each change of the
    network data, and publishes its OMR prefix unless the network data already holds one
    it favours over its own. Once its router solicitations are done
    (`Timing.br_services_delay`) it starts the SRP server and publishes the SRP service and
    the fc00::/7 route. It withdraws all of that when it stops.
    """

    def __init__(self, node: VirtualNode, ula: bytes) -> None:
        self._node = node
        # The first 48 bits of a random ULA prefix, kept in the settings (11: fdff:6250:9d92).
        self.ula = ula
        self.enabled = True
        self.running = False
        # The favored OMR prefix, None until the first evaluation.
        self.favored: OnMeshPrefix | None = None
        self.omr_published = False
        # The SRP server runs and the route is published.
        self.serving = False
        self._evaluation: Timer | None = None
        self._services: Timer | None = None
        # Peer border routers (by RLOC16) and when each appeared in the network data.
        self._peers: dict[int, float] = {}

    @property
    def state(self) -> BorderRoutingState:
        """Return the routing manager's state."""
        if not self.enabled:
            return BorderRoutingState.DISABLED
        return BorderRoutingState.RUNNING if self.running else BorderRoutingState.STOPPED

    @property
    def local_omr(self) -> OnMeshPrefix:
        """Return the OMR prefix this border router would publish."""
        network = ipaddress.IPv6Network((self.ula + _OMR_SUBNET + bytes(8), 64))
        return OnMeshPrefix(network, _OMR_FLAGS, _OMR_PREFERENCE)

    def onlink_prefix(self) -> ipaddress.IPv6Network:
        """Return the local on-link prefix: fd, ext PAN ID bytes 0-4, then bytes 6-7."""
        ext = self._node.params.ext_pan_id
        return ipaddress.IPv6Network((b"\xfd" + ext[:5] + ext[6:8] + bytes(8), 64))

    def prefixes(self) -> list[OnMeshPrefix]:
        """Return the on-mesh prefixes it publishes."""
        return [self.local_omr] if self.omr_published else []

    def routes(self) -> list[ExternalRoute]:
        """Return the external routes it publishes."""
        return [ULA_ROUTE] if self.serving else []

    def services(self) -> list[tuple[bytes, bytes]]:
        """Return the services it serves: (service data, server data)."""
        if not self.serving:
            return []
        node = self._node
        ml_eid = node.params.mesh_local_prefix.network_address.packed[:8] + node.ml_eid_iid
        return [(SRP_SERVICE, ml_eid + SRP_PORT.to_bytes(2, "big"))]

    # -- running ------------------------------------------------------------------------

    def enable(self) -> None:
        """`br enable`."""
        self.enabled = True
        self.update()

    def disable(self) -> None:
        """`br disable`."""
        self.enabled = False
        self.update()

    def update(self) -> None:
        """Start or stop as the node's role says (a change of role calls this)."""
        should_run = self.enabled and self._node.is_attached
        if should_run and not self.running:
            self.running = True
            self._evaluation = self._later(self._node.timing.br_evaluation_delay, self._evaluate)
            self._services = self._later(self._node.timing.br_services_delay, self._serve)
        elif not should_run and self.running:
            self._stop()
        self._track_peers()

    def _stop(self) -> None:
        for timer in (self._evaluation, self._services):
            if timer is not None:
                timer.cancel()
        self._evaluation = self._services = None
        self.running = self.serving = self.omr_published = False
        self.favored = None
        self._node.register_server_data()

    def _later(self, delay: float, callback: Callable[[], None]) -> Timer:
        return self._node.clock.call_later(delay, callback)

    def netdata_changed(self) -> None:
        """The partition's network data changed: evaluate the routing policy again soon."""
        self._track_peers()
        if self.running and self._evaluation is None:
            self._evaluation = self._later(self._node.timing.br_evaluation_delay, self._evaluate)

    def _evaluate(self) -> None:
        self._evaluation = None
        partition = self._node.partition
        if not self.running or partition is None:
            return
        local = self.local_omr
        favored = self._favored_in(partition)
        if favored is None or _RANK[favored.preference] < _RANK[local.preference]:
            favored = local
        self.favored = favored
        publish = favored.prefix == local.prefix
        if publish != self.omr_published:
            self.omr_published = publish
            self._node.register_server_data()

    @staticmethod
    def _favored_in(partition: Partition) -> OnMeshPrefix | None:
        # The highest preference wins, then the numerically smallest prefix.
        found = [p for _, p in partition.prefixes if _is_omr(p) and "p" in p.flags]
        ranked = sorted(found, key=lambda p: (-_RANK[p.preference], p.prefix.network_address))
        return ranked[0] if ranked else None

    def _serve(self) -> None:
        self._services = None
        if self.running:
            self.serving = True
            self._node.register_server_data()

    # -- peers ----------------------------------------------------------------------------

    def _track_peers(self) -> None:
        partition = self._node.partition
        found: set[int] = set()
        if partition is not None and self._node.is_attached:
            found = {r for r, _ in partition.routes}
            found |= {r for r, p in partition.prefixes if {"o", "r"} <= p.flags}
            found.discard(self._node.rloc16)
        now = self._node.clock.monotonic()
        self._peers = {r: self._peers.get(r, now) for r in sorted(found)}

    def peers(self) -> list[tuple[int, int]]:
        """Return the other border routers in the network data: RLOC16, age in seconds."""
        self._track_peers()
        now = self._node.clock.monotonic()
        return [(r, math.floor(now - since)) for r, since in self._peers.items()]

    def peer_count(self) -> tuple[int, int]:
        """Return how many peer border routers there are, and the youngest one's age."""
        ages = [age for _, age in self.peers()]
        return len(ages), min([_MAX_MIN_AGE, *ages]) if ages else 0
