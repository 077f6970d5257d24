"""The `/ui` and `/otbr` results, as TypedDicts: the JSON as the device sends it."""

from __future__ import annotations

from typing import TypedDict

__all__ = [
    "Challenge",
    "Empty",
    "ExportedJoiner",
    "GeneratedNetwork",
    "Initialized",
    "JoinStatus",
    "Joiner",
    "JoinerExport",
    "JoinerList",
    "LoginResult",
    "NewNetwork",
    "OnOff",
    "Radio",
    "ScannedNetwork",
    "ThreadNetwork",
    "ThreadScan",
    "ThreadStatus",
]


class Challenge(TypedDict):
    """`/ui/challenge`: the login challenge."""

    alg: int
    salt: str
    nonce: str


class LoginResult(TypedDict):
    """`/ui/login`: the session id for the `Token` header."""

    sid: str


class Empty(TypedDict):
    """No fields: `result` is `{}`."""


class Initialized(TypedDict):
    """`/ui/check_initialized`: whether the device has a password, and what it is."""

    initialized: bool
    model: str
    hostname: str
    firmware_category: str
    firmware_version: str
    mac: str


class Radio(TypedDict):
    """The radio (RCP) and its role in `ThreadStatus`."""

    State: int  # 0 disabled .. 4 leader
    RCPVersion: str
    ExtAddress: str
    EUI64: str
    TXPower: int
    Rloc16: int


class ThreadStatus(TypedDict):
    """`/otbr/get_status`: versions, the Thread network and the radio."""

    OpenThreadVersionAPI: str
    OTBRVersion: str
    ThreadVersion: str
    Network: ThreadNetwork
    RCP: Radio


class ScannedNetwork(TypedDict):
    """A Thread network heard by a scan."""

    Channel: int
    Rssi: int
    Lqi: int
    NetworkName: str
    ExtPanId: str
    PanId: int


class ThreadScan(TypedDict):
    """`/otbr/scan`: the Thread networks in range."""

    ScanList: list[ScannedNetwork]


class JoinStatus(TypedDict):
    """`/otbr/get_join_status`: 0 idle .. 5 joined, 6 failed (with `fail_msg`)."""

    status: int  # 0 idle .. 5 joined, 6 failed
    fail_msg: str


class NewNetwork(TypedDict):
    """The network `/otbr/generate_thread_network` made."""

    Channel: int
    ExtPanId: str
    NetworkKey: str
    NetworkName: str
    PanId: str  # "0x" and 4 hex digits, or "" without one
    PSKc: str
    Passphrase: str
    MeshLocalPrefix: str
    ActiveDataset: str


class ThreadNetwork(NewNetwork):
    """The Thread network in `ThreadStatus`: a generated one's fields, and addresses."""

    OnMeshPrefix: str
    IPv6: list[str]


class GeneratedNetwork(TypedDict):
    """`/otbr/generate_thread_network`: the new network."""

    Network: NewNetwork


class OnOff(TypedDict):
    """`{"State": 1}` while the commissioner (or backbone router) is on."""

    State: int


class Joiner(TypedDict):
    """An entry of the joiner table."""

    EUI64: str
    Status: int  # 0 ready .. 3 timeout
    PSKd: str
    Timeout: int
    AddTime: int
    JoinedTime: int


class JoinerList(TypedDict):
    """`/otbr/get_joiner_list`: the joiner table."""

    DeviceList: list[Joiner]


class ExportedJoiner(TypedDict):
    """An exported joiner entry."""

    EUI64: str
    PSKd: str


class JoinerExport(TypedDict):
    """`/otbr/export_joiner_list`: the table to import elsewhere."""

    joiner_list_version: str
    DeviceList: list[ExportedJoiner]
