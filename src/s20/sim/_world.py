"""The radio neighbourhood (virtual nodes, networks in range, joiner devices) and uplinks."""

from __future__ import annotations

import random
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from s20.clock import Clock
from s20.thread import Dataset, JoinerDiscerner

from ._devices import JoinerDevice, NeighborNetwork
from ._errors import ScenarioError
from ._join import JoinTarget
from ._partition import Partition, same_network
from ._scan import Beacon
from ._scenario import (
    DEFAULT_LQI,
    DEFAULT_RSSI,
    JoinerSpec,
    Scenario,
    load_scenario,
    parse_joiner,
    parse_network,
    parse_scenario,
)
from ._timing import DEFAULT_TIMING, Timing
from ._uplinks import Uplinks

if TYPE_CHECKING:
    from ._node import VirtualNode

__all__ = ["World"]

DEFAULT_SCENARIO = "default_scenario.toml"


class World:
    """Everything a virtual node can hear, from a scenario, with a runtime control API.

    The world runs on the clock of its first node (or one given here); joiner devices
    count their start times from when that clock is bound.
    """

    # OpenThread's simulated radio: nodes hear each other at -20 dBm, LQI 0 (04).
    node_rssi = -20
    node_lqi = 0

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        clock: Clock | None = None,
        rng: random.Random | None = None,
        timing: Timing | None = None,
    ) -> None:
        scenario = scenario or Scenario()
        self.rng = rng or random.Random(scenario.seed)
        self.timing = timing or DEFAULT_TIMING
        self.noise_floor = scenario.noise_floor
        self.nodes: list[VirtualNode] = []
        self._networks = [NeighborNetwork(spec, self.rng) for spec in scenario.networks]
        self._devices = [self._device(spec) for spec in scenario.joiners]
        self.uplinks = Uplinks(scenario.ethernet, scenario.wifi_aps, scenario.reachability)
        self.clock: Clock | None = None
        self._started_at = 0.0
        if clock is not None:
            self.bind(clock)

    @classmethod
    def load(cls, path: str | Path, *, clock: Clock | None = None) -> World:
        """Build the world a `.toml` or `.json` scenario file describes."""
        return cls(load_scenario(path), clock=clock)

    @classmethod
    def from_mapping(cls, data: object, *, clock: Clock | None = None) -> World:
        """Build the world a scenario mapping (already parsed TOML or JSON) describes."""
        return cls(parse_scenario(data), clock=clock)

    @classmethod
    def default(cls, *, clock: Clock | None = None) -> World:
        """Build the built-in default scenario (package data `default_scenario.toml`)."""
        text = resources.files("s20.sim").joinpath(DEFAULT_SCENARIO).read_text("utf-8")
        return cls(parse_scenario(tomllib.loads(text), source=DEFAULT_SCENARIO), clock=clock)

    # -- time --------------------------------------------------------------------------

    def bind(self, clock: Clock) -> None:
        """Run on `clock`; joiner devices start counting now."""
        if self.clock is not None:
            if clock is not self.clock:
                raise ValueError("clock: this world already runs on another clock")
            return
        self.clock = clock
        self._started_at = clock.monotonic()
        for device in self._devices:
            device.begin(device.spec.start)

    def elapsed(self) -> float:
        """Return the seconds since the world's clock was bound."""
        return 0.0 if self.clock is None else self.clock.monotonic() - self._started_at

    def add_node(self, node: VirtualNode) -> None:
        """Register a virtual node (its constructor does this)."""
        self.bind(node.clock)
        self.nodes.append(node)

    # -- runtime control ---------------------------------------------------------------

    def add_joiner_device(self, eui64: bytes, pskd: str) -> None:
        """Add a joiner device that starts trying now and retries until it joins."""
        if not isinstance(eui64, bytes) or len(eui64) != 8:
            raise ScenarioError("eui64", f"must be 8 bytes, got {eui64!r}")
        spec = parse_joiner("", {"eui64": eui64.hex(), "pskd": pskd})
        if any(d.spec.eui64 == spec.eui64 for d in self._devices):
            raise ScenarioError("eui64", f"a joiner device {eui64.hex()} is already there")
        spec = JoinerSpec(spec.eui64, spec.pskd, start=self.elapsed())
        device = self._device(spec)
        self._devices.append(device)
        if self.clock is not None:
            device.begin(0.0)

    def remove_joiner_device(self, eui64: bytes) -> None:
        """Remove a joiner device (it stops trying, or leaves the network it joined)."""
        device = next((d for d in self._devices if d.spec.eui64 == eui64), None)
        if device is None:
            raise ScenarioError("eui64", f"no joiner device {eui64!r}")
        device.stop()
        self._devices.remove(device)

    def add_network(
        self,
        network_name: str,
        ext_pan_id: bytes,
        pan_id: int,
        channel: int,
        rssi: int = DEFAULT_RSSI,
        lqi: int = DEFAULT_LQI,
        pskd: str | None = None,
    ) -> None:
        """Put another Thread network in range."""
        if not isinstance(ext_pan_id, bytes) or len(ext_pan_id) != 8:
            raise ScenarioError("ext_pan_id", f"must be 8 bytes, got {ext_pan_id!r}")
        entry = {
            "network_name": network_name,
            "ext_pan_id": ext_pan_id.hex(),
            "pan_id": pan_id,
            "channel": channel,
            "rssi": rssi,
            "lqi": lqi,
            "pskd": pskd,
        }
        spec = parse_network("", entry)
        if any(n.spec.ext_pan_id == spec.ext_pan_id for n in self._networks):
            raise ScenarioError("ext_pan_id", f"a network {ext_pan_id.hex()} is already in range")
        self._networks.append(NeighborNetwork(spec, self.rng))

    def remove_network(self, ext_pan_id: bytes) -> None:
        """Take a network out of range."""
        network = next((n for n in self._networks if n.spec.ext_pan_id == ext_pan_id), None)
        if network is None:
            raise ScenarioError("ext_pan_id", f"no network {ext_pan_id!r} in range")
        self._networks.remove(network)

    def snapshot(self) -> dict[str, Any]:
        """Return the scenario as it stands, with the joiner devices' progress (JSON-able)."""
        return {
            "noise_floor": self.noise_floor,
            "networks": [n.snapshot() for n in self._networks],
            "joiners": [d.snapshot() for d in self._devices],
            "nodes": [
                {
                    "eui64": node.eui64.hex(),
                    "extaddr": node.extaddr.hex(),
                    "role": node.role.value,
                    "network_name": node.params.network_name,
                    "channel": node.params.channel,
                    "pan_id": node.params.pan_id,
                }
                for node in self.nodes
            ],
            **self.uplinks.snapshot(),
        }

    # -- what a node hears -------------------------------------------------------------

    def beacons(self, channel: int, *, exclude: object = None) -> list[Beacon]:
        """Return the networks that answer a scan on `channel`."""
        heard: list[Beacon] = []
        for node in self.nodes:
            dataset = node.datasets.active
            if node is exclude or dataset is None or node.role.value not in ("leader", "router"):
                continue
            if dataset.channel == channel:
                heard.append(
                    Beacon(
                        dataset.network_name or "",
                        dataset.ext_pan_id or bytes(8),
                        dataset.pan_id or 0,
                        node.extaddr,
                        channel,
                        self.node_rssi,
                        self.node_lqi,
                    )
                )
        heard += [n.beacon() for n in self._networks if n.spec.channel == channel]
        return heard

    def energy(self, channel: int, *, exclude: object = None) -> int:
        """Return the energy on `channel`: the strongest network there, or the noise floor."""
        levels = [b.rssi for b in self.beacons(channel, exclude=exclude)]
        return max([self.noise_floor, *levels])

    def join_target(
        self, key: bytes | JoinerDiscerner, *, exclude: object = None
    ) -> JoinTarget | None:
        """Return the commissioner a joiner reaches (its ID or discerner), the strongest."""
        targets: list[JoinTarget] = [
            node.commissioner
            for node in self.nodes
            if node.commissioner is not exclude and node.commissioner.admits(key)
        ]
        targets += [n for n in self._networks if n.admits(key)]
        return max(targets, key=lambda t: t.rssi, default=None)

    def find_partition(self, dataset: Dataset, *, exclude: object = None) -> Partition | None:
        """Return the partition a node with `dataset` would attach to, if one is in range."""
        for node in self.nodes:
            partition = node.partition
            if node is exclude or partition is None or partition.leader is not node:
                continue
            if partition.matches(dataset):
                return partition
        for network in self._networks:
            if same_network(network.dataset, dataset):
                return network.partition()
        return None

    def _device(self, spec: JoinerSpec) -> JoinerDevice:
        return JoinerDevice(self, spec, self.rng.randbytes(8))
