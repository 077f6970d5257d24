"""`/otbr/get_status`, answered from what the radio reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from s20.clock import Clock
from s20.otcli import DeviceRole, Radio, Versions
from s20.thread import Dataset, DatasetError, thread_version_name

from ._shared import RecentRead

__all__ = ["EMPTY_NETWORK", "StatusReader", "network_fields", "read_status"]

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
    """Answers `get_status` from a radio read under a second old (see `RecentRead`)."""

    def __init__(self, radio: Radio, versions: Versions, eui64: str, clock: Clock) -> None:
        self._radio = radio
        self._versions = versions
        self._eui64 = eui64
        self._recent: RecentRead[Mapping[str, Any]] = RecentRead(clock)

    async def status(self, passphrase: str) -> Mapping[str, Any]:
        """Return `/otbr/get_status`'s answer; the same object while it stays current."""
        return await self._recent.get(
            lambda: read_status(self._radio, self._versions, self._eui64, passphrase),
            passphrase,
        )

    def invalidate(self) -> None:
        """Forget the answer and detach the read under way: the next caller reads afresh."""
        self._recent.invalidate()

    def close(self) -> None:
        """Stop the read under way (the service stops following the radio)."""
        self._recent.close()
