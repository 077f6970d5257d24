"""Scenario files: the Thread networks in range and the joiner devices, from TOML or JSON.

The uplink side (`[ethernet]`, `[[wifi_aps]]`, `[[reachability]]`) is described in
`s20.sim._uplinks`.

    noise_floor = -98              # dBm an energy scan reads on a quiet channel
    seed = 20                      # makes the made-up keys and addresses repeatable

    [[networks]]                   # a Thread network in range
    network_name = "Neighbour"     # required, with ext_pan_id, pan_id and channel
    ext_pan_id = "1111111122222222"
    pan_id = 0xbeef                # or "0xbeef"
    channel = 20
    rssi = -60                     # dBm and LQI its beacons arrive with
    lqi = 200
    pskd = "J01NME"                # its commissioner admits joiners with this PSKd
    extaddr = "a6a270c5aa3f6cff"   # the MAC address scans show (random if absent)
    dataset = "0e08..."            # active dataset (hex TLVs) a joiner gets (made up if absent)

    [[joiners]]                    # a device waiting to be commissioned
    eui64 = "18b4300000000101"
    pskd = "J01NME"
    start = 0.0                    # seconds after the world starts
    retry_interval = 10.0          # seconds between a failed attempt and the next

A JSON file has the same keys. `World.snapshot()` output loads back as a scenario.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from s20.thread import (
    Dataset,
    DatasetError,
    check_channel,
    check_eui64,
    check_ext_pan_id,
    check_network_name,
    check_pskd,
)

from ._errors import ScenarioError
from ._fields import int_field, key_path, list_field, rule, table_field
from ._uplinks import ApSpec, EthernetSpec, parse_ap, parse_ethernet, parse_reachability

__all__ = ["JoinerSpec", "NetworkSpec", "Scenario", "load_scenario", "parse_scenario"]

T = TypeVar("T")

DEFAULT_RSSI = -60
DEFAULT_LQI = 200
DEFAULT_RETRY_INTERVAL = 10.0
DEFAULT_NOISE_FLOOR = -98
# Keys a snapshot adds to describe the world as it runs; a scenario may carry them.
_STATUS_KEYS = frozenset({"joiner_id", "status", "attempts", "joined_at", "joined_network"})


@dataclass(frozen=True, slots=True)
class NetworkSpec:
    """A Thread network in range; with `pskd`, its commissioner accepts that joiner PSKd."""

    network_name: str
    ext_pan_id: bytes
    pan_id: int
    channel: int
    rssi: int = DEFAULT_RSSI
    lqi: int = DEFAULT_LQI
    pskd: str | None = None
    extaddr: bytes | None = None
    # The active dataset a joiner is entrusted with (and attaches with); made up if absent.
    dataset: Dataset | None = None


@dataclass(frozen=True, slots=True)
class JoinerSpec:
    """A device that tries to join from `start` seconds on, every `retry_interval` seconds."""

    eui64: bytes
    pskd: str
    start: float = 0.0
    retry_interval: float = DEFAULT_RETRY_INTERVAL


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything a scenario file describes."""

    networks: tuple[NetworkSpec, ...] = ()
    joiners: tuple[JoinerSpec, ...] = ()
    noise_floor: int = DEFAULT_NOISE_FLOOR
    seed: int | None = None
    ethernet: EthernetSpec | None = None
    wifi_aps: tuple[ApSpec, ...] = ()
    reachability: tuple[tuple[str, str, bool], ...] = ()


def _seconds(key: str, value: object, *, positive: bool) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioError(key, f"must be a number of seconds, got {value!r}")
    if value < 0 or (positive and value == 0):
        raise ScenarioError(key, f"must be {'above' if positive else 'at least'} 0, got {value!r}")
    return float(value)


def _pan_id(key: str, value: object) -> int:
    if isinstance(value, str):
        text = value.lower()
        if (
            not text.startswith("0x")
            or not text[2:]
            or not all(c in "0123456789abcdef" for c in text[2:])
        ):
            raise ScenarioError(key, f'must be an integer or a "0x" hex string, got {value!r}')
        value = int(text, 16)
    return int_field(key, value, 0, 0xFFFE)


def _table(key: str, value: object, allowed: set[str], required: set[str]) -> Mapping[str, Any]:
    # A snapshot's progress keys may come along in any table; they are not read.
    return table_field(key, value, allowed | _STATUS_KEYS, required)


def _dataset(key: str, value: object, spec: dict[str, Any]) -> Dataset:
    if not isinstance(value, str):
        raise ScenarioError(key, "must be hex TLVs, as `dataset active -x` prints them")
    try:
        dataset = Dataset.from_tlvs(value)
    except DatasetError as error:
        raise ScenarioError(key, str(error)) from None
    if dataset.network_key is None:
        raise ScenarioError(key, "has no network key")
    for name in ("network_name", "ext_pan_id", "pan_id", "channel"):
        own = getattr(dataset, name)
        if own is not None and own != spec[name]:
            raise ScenarioError(key, f"its {name} {own!r} differs from {spec[name]!r}")
    return dataset


def parse_network(key: str, value: object) -> NetworkSpec:
    """Validate one network table."""
    fields = {"network_name", "ext_pan_id", "pan_id", "channel"}
    allowed = fields | {"rssi", "lqi", "pskd", "extaddr", "dataset"}
    table = _table(key, value, allowed, fields)
    spec: dict[str, Any] = {
        "network_name": rule(
            key_path(key, "network_name"), check_network_name, table["network_name"]
        ),
        "ext_pan_id": rule(key_path(key, "ext_pan_id"), check_ext_pan_id, table["ext_pan_id"]),
        "pan_id": _pan_id(key_path(key, "pan_id"), table["pan_id"]),
        "channel": rule(key_path(key, "channel"), check_channel, table["channel"]),
        "rssi": int_field(key_path(key, "rssi"), table.get("rssi", DEFAULT_RSSI), -127, 0),
        "lqi": int_field(key_path(key, "lqi"), table.get("lqi", DEFAULT_LQI), 0, 255),
    }
    if table.get("pskd") is not None:
        spec["pskd"] = rule(key_path(key, "pskd"), check_pskd, table["pskd"])
    if table.get("extaddr") is not None:
        spec["extaddr"] = rule(key_path(key, "extaddr"), check_eui64, table["extaddr"])
    if table.get("dataset") is not None:
        spec["dataset"] = _dataset(key_path(key, "dataset"), table["dataset"], spec)
    return NetworkSpec(**spec)


def parse_joiner(key: str, value: object) -> JoinerSpec:
    """Validate one joiner device table."""
    table = _table(key, value, {"eui64", "pskd", "start", "retry_interval"}, {"eui64", "pskd"})
    return JoinerSpec(
        eui64=rule(key_path(key, "eui64"), check_eui64, table["eui64"]),
        pskd=rule(key_path(key, "pskd"), check_pskd, table["pskd"]),
        start=_seconds(key_path(key, "start"), table.get("start", 0.0), positive=False),
        retry_interval=_seconds(
            key_path(key, "retry_interval"),
            table.get("retry_interval", DEFAULT_RETRY_INTERVAL),
            positive=True,
        ),
    )


def parse_scenario(data: object, *, source: str = "") -> Scenario:
    """Validate a scenario mapping; errors name the key path (`networks[1].channel`)."""
    try:
        keys = {"networks", "joiners", "noise_floor", "seed", "nodes"}
        table = _table("", data, keys | {"ethernet", "wifi_aps", "reachability"}, set())
        networks = tuple(
            parse_network(f"networks[{i}]", item)
            for i, item in enumerate(list_field("networks", table.get("networks", [])))
        )
        joiners = tuple(
            parse_joiner(f"joiners[{i}]", item)
            for i, item in enumerate(list_field("joiners", table.get("joiners", [])))
        )
        _unique("networks", "ext_pan_id", [n.ext_pan_id for n in networks])
        _unique("joiners", "eui64", [j.eui64 for j in joiners])
        ethernet = parse_ethernet("ethernet", table["ethernet"]) if "ethernet" in table else None
        aps = tuple(
            parse_ap(f"wifi_aps[{i}]", item)
            for i, item in enumerate(list_field("wifi_aps", table.get("wifi_aps", [])))
        )
        _unique("wifi_aps", "bssid", [bytes.fromhex(ap.bssid.replace(":", "")) for ap in aps])
        reachability = tuple(
            parse_reachability(f"reachability[{i}]", item)
            for i, item in enumerate(list_field("reachability", table.get("reachability", [])))
        )
        noise = int_field("noise_floor", table.get("noise_floor", DEFAULT_NOISE_FLOOR), -127, 0)
        seed = table.get("seed")
        if seed is not None:
            seed = int_field("seed", seed, 0, 2**63 - 1)
    except ScenarioError as error:
        raise ScenarioError(error.key, error.reason, source=source) from None
    return Scenario(networks, joiners, noise, seed, ethernet, aps, reachability)


def _unique(section: str, name: str, values: list[bytes]) -> None:
    seen: set[bytes] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise ScenarioError(f"{section}[{index}].{name}", f"{value.hex()} appears twice")
        seen.add(value)


def load_scenario(path: str | Path) -> Scenario:
    """Read a `.toml` or `.json` scenario file."""
    file = Path(path)
    suffix = file.suffix.lower()
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise ScenarioError("", f"cannot read: {error.strerror}", source=str(file)) from None
    try:
        if suffix == ".toml":
            data: object = tomllib.loads(raw.decode("utf-8"))
        elif suffix == ".json":
            data = json.loads(raw)
        else:
            raise ScenarioError("", "must end in .toml or .json", source=str(file))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ScenarioError(
            "", f"not valid {suffix[1:].upper()}: {error}", source=str(file)
        ) from None
    return parse_scenario(data, source=str(file))
