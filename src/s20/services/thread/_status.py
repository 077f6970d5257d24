"""`/otbr/get_status`, answered from what the radio reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from s20.clock import Clock
from s20.otcli import DeviceRole, Radio, Versions
from s20.thread import Dataset, DatasetError, thread_version_name

from ._shared import SharedRead

__all__ = [
    "EMPTY_NETWORK",
    "FRESH_FOR",
    "REFRESH_AFTER",
    "StatusReader",
    "network_fields",
    "read_status",
]

FRESH_FOR = 1.0  # seconds: an answer read longer ago than this is never served
REFRESH_AFTER = 0.5  # seconds: an answer older than this is re-read in the background

EMPTY_NETWORK: dict[str, Any] = {
    "Channel": 0,
    "ExtPanId": "",
    "NetworkKey": "",
    "NetworkName": "",
    "PanId": "",
    "PSKc": "",
    "Passphrase": "",
    "MeshLocalPrefix": "",
    "OnMeshPrefix": "",
    "IPv6": [],
    "ActiveDataset": "",
}


def network_fields(dataset: Dataset, passphrase: str) -> dict[str, Any]:
    """Return the `Network` object's dataset-derived fields."""
    return {
        "Channel": dataset.channel or 0,
        "ExtPanId": dataset.ext_pan_id.hex() if dataset.ext_pan_id else "",
        "NetworkKey": dataset.network_key.hex() if dataset.network_key else "",
        "NetworkName": dataset.network_name or "",
        "PanId": f"0x{dataset.pan_id:04x}" if dataset.pan_id is not None else "",
        "PSKc": dataset.pskc.hex() if dataset.pskc else "",
        "Passphrase": passphrase,
        "MeshLocalPrefix": str(dataset.mesh_local_prefix) if dataset.mesh_local_prefix else "",
        "ActiveDataset": dataset.to_hex(),
    }


async def read_status(
    radio: Radio, versions: Versions, eui64: str, passphrase: str
) -> dict[str, Any]:
    """Ask the radio for role, dataset, addresses and network data; build the answer."""
    role = await radio.state()
    dataset_hex = await radio.active_dataset_hex()
    network = dict(EMPTY_NETWORK)
    if dataset_hex:
        try:
            network.update(network_fields(Dataset.from_tlvs(dataset_hex), passphrase))
        except DatasetError:
            network["ActiveDataset"] = dataset_hex.lower()
    if role >= DeviceRole.CHILD:
        network["IPv6"] = [str(a) for a in await radio.ipaddrs()]
        prefix = (await radio.netdata()).on_mesh_prefix
        network["OnMeshPrefix"] = str(prefix.prefix) if prefix else ""
    return {
        "OpenThreadVersionAPI": str(versions.api),
        "OTBRVersion": versions.version,
        "ThreadVersion": thread_version_name(versions.thread),
        "Network": network,
        "RCP": {
            "State": int(role),
            # A single-chip radio (no separate RCP) runs its own OpenThread build, which
            # is then "the firmware burned in the Thread module" the document asks for.
            "RCPVersion": versions.rcp or versions.version,
            "ExtAddress": await radio.extaddr(),
            "EUI64": eui64,
            "TXPower": await radio.txpower(),
            "Rloc16": await radio.rloc16(),
        },
    }


class StatusReader:
    """Answers `get_status` from one radio read per second at most, never from an older one.

    A radio round is eight CLI commands; pollers (web pages, apps, Home Assistant) ask
    far more often than the radio changes. So an answer is served again while its read
    began less than `FRESH_FOR` ago: a change that starts in the radio (role, addresses,
    network data, a dataset the network moved to) shows within that second. A poll that
    finds the answer older than `REFRESH_AFTER` starts the next read in the background,
    so a steady poller never waits for the radio. `invalidate()` (every change made
    through the API) drops the answer and detaches a read under way: the next answer is
    read after the change. Callers that ask while a read is under way share it.
    """

    def __init__(self, radio: Radio, versions: Versions, eui64: str, clock: Clock) -> None:
        self._radio = radio
        self._versions = versions
        self._eui64 = eui64
        self._clock = clock
        self._shared: SharedRead[Mapping[str, Any]] = SharedRead()
        self._answer: Mapping[str, Any] | None = None
        self._passphrase = ""
        self._read_at = 0.0
        self._generation = 0

    async def status(self, passphrase: str) -> Mapping[str, Any]:
        """Return `/otbr/get_status`'s answer; the same object while it stays current."""
        answer = self._answer
        if answer is not None and passphrase == self._passphrase:
            age = self._clock.monotonic() - self._read_at
            if age < FRESH_FOR:
                if age >= REFRESH_AFTER:
                    self._shared.start(lambda: self._read(passphrase))
                return answer
        return await self._shared.get(lambda: self._read(passphrase))

    async def _read(self, passphrase: str) -> Mapping[str, Any]:
        began, generation = self._clock.monotonic(), self._generation
        answer = await read_status(self._radio, self._versions, self._eui64, passphrase)
        if generation == self._generation:  # no change was made while the radio answered
            self._answer, self._passphrase, self._read_at = answer, passphrase, began
        return answer

    def invalidate(self) -> None:
        """Forget the answer and detach the read under way: the next caller reads afresh."""
        self._generation += 1
        self._answer = None
        self._shared.invalidate()

    def close(self) -> None:
        """Stop the read under way (the service stops following the radio)."""
        self.invalidate()
        self._shared.cancel()
