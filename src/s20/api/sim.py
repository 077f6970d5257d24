"""`/sim/*`: script the simulated world while s20d runs (simulated platform only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.errors import InvalidParams, InvalidState, NotFound
from s20.services.thread import checked
from s20.sim import ScenarioError, World, parse_ap, parse_reachability
from s20.thread import (
    check_channel,
    check_eui64,
    check_ext_pan_id,
    check_network_name,
    check_pan_id,
    check_pskd,
)

from . import _fields as field
from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented

__all__ = ["router"]

T = TypeVar("T")

router = APIRouter(prefix="/sim", tags=["sim"], dependencies=[Depends(require_session)])


class JoinerDeviceBody(RequestBody):
    EUI64: field.Eui64
    PSKd: field.Pskd


class RemoveJoinerDeviceBody(RequestBody):
    EUI64: field.Eui64


class NetworkBody(RequestBody):
    NetworkName: field.NetworkName
    ExtPanId: field.ExtPanId
    PanId: field.PanId
    Channel: field.Channel
    # The same limits as the handler's checks below and a scenario file's.
    Rssi: Annotated[int, Limits(minimum=-127, maximum=0, description="dBm")] = -60
    Lqi: Annotated[int, Limits(minimum=0, maximum=255)] = 200
    PSKd: field.Pskd | None = None


class SimNetwork(Result):
    network_name: str
    ext_pan_id: str
    pan_id: int
    channel: int
    rssi: int
    lqi: int
    pskd: str | None
    extaddr: str
    dataset: str


class SimJoiner(Result):
    eui64: str
    pskd: str
    start: float
    retry_interval: float
    joiner_id: str
    status: str
    attempts: int
    joined_at: float | None
    joined_network: str | None


class SimNode(Result):
    eui64: str
    extaddr: str
    role: str
    network_name: str
    channel: int
    pan_id: int


class SimEthernet(Result):
    plugged: bool
    ip: str
    netmask: str
    gateway: str
    ipv6: str


class SimAccessPoint(Result):
    ssid: str
    bssid: str
    auth_mode: int
    password: str
    rssi: int
    channel: int
    ip: str
    netmask: str
    gateway: str
    ipv6: str


class SimReachability(Result):
    iface: Literal["eth", "wifi"]
    address: str
    reachable: bool


class WorldResult(Result):
    noise_floor: int
    networks: list[SimNetwork]
    joiners: list[SimJoiner]
    nodes: list[SimNode]
    ethernet: SimEthernet
    wifi_aps: list[SimAccessPoint]
    reachability: list[SimReachability]


class WifiApBody(RequestBody):
    ssid: field.Ssid
    bssid: field.Bssid
    auth_mode: field.AnyAuthMode
    password: Annotated[str, Limits(description="what the access point accepts")] = ""
    rssi: Annotated[int, Limits(description="dBm")] = -60
    channel: int = 6
    ip: Annotated[field.DottedIpv4, Limits(description="the address its DHCP hands out")] = (
        "192.168.60.20"
    )
    netmask: field.DottedIpv4 = "255.255.255.0"
    gateway: field.DottedIpv4 = "192.168.60.1"
    ipv6: Annotated[str, Limits(description='an IPv6 address, or "" for none')] = ""


class RemoveWifiApBody(RequestBody):
    bssid: field.Bssid


class EthBody(RequestBody):
    plugged: bool


class ReachabilityBody(RequestBody):
    iface: Literal["eth", "wifi"]
    address: Annotated[str, Limits(description="an IPv4 or IPv6 address")]
    reachable: bool


def _scenario_entry(parse: Callable[[str, object], T], body: RequestBody) -> T:
    """Read `body` as the scenario entry it describes; a broken rule is -32602 naming it."""
    try:
        return parse("", body.model_dump())
    except ScenarioError as exc:
        raise InvalidParams(f"{exc.key} {exc.reason}") from None


def _world(device: DeviceDep) -> World:
    assert device.simulation is not None, "/sim exists only on the simulated platform"
    return device.simulation


@router.post("/joiner", **documented(body=JoinerDeviceBody))
async def add_joiner_device(
    device: DeviceDep, body: Annotated[JoinerDeviceBody, Depends(json_body(JoinerDeviceBody))]
) -> JSONResponse:
    """A device with this EUI-64 and PSKd starts trying to join, retrying until it does."""
    eui64 = checked("EUI64", check_eui64, body.EUI64)
    pskd = checked("PSKd", check_pskd, body.PSKd)
    try:
        _world(device).add_joiner_device(eui64, pskd)
    except ScenarioError as exc:
        raise InvalidState(f"EUI64: {exc.reason}") from None
    return ok()


@router.post("/remove_joiner", **documented(body=RemoveJoinerDeviceBody))
async def remove_joiner_device(
    device: DeviceDep,
    body: Annotated[RemoveJoinerDeviceBody, Depends(json_body(RemoveJoinerDeviceBody))],
) -> JSONResponse:
    """The device with this EUI-64 stops trying (and leaves the world)."""
    eui64 = checked("EUI64", check_eui64, body.EUI64)
    try:
        _world(device).remove_joiner_device(eui64)
    except ScenarioError:
        raise NotFound(f"EUI64: no simulated joiner device {eui64.hex()}") from None
    return ok()


@router.post("/thread_network", **documented(body=NetworkBody))
async def add_thread_network(
    device: DeviceDep, body: Annotated[NetworkBody, Depends(json_body(NetworkBody))]
) -> JSONResponse:
    """A Thread network appears in range; with `PSKd` its commissioner admits joiners."""
    name = checked("NetworkName", check_network_name, body.NetworkName)
    ext_pan_id = checked("ExtPanId", check_ext_pan_id, body.ExtPanId)
    pan_id = checked("PanId", check_pan_id, body.PanId)
    channel = checked("Channel", check_channel, body.Channel)
    if not -127 <= body.Rssi <= 0:
        raise InvalidParams("Rssi must be an integer from -127 to 0")
    if not 0 <= body.Lqi <= 255:
        raise InvalidParams("Lqi must be an integer from 0 to 255")
    pskd = None if body.PSKd is None else checked("PSKd", check_pskd, body.PSKd)
    world = _world(device)
    try:
        world.add_network(name, ext_pan_id, pan_id, channel, body.Rssi, body.Lqi, pskd=pskd)
    except ScenarioError as exc:
        raise InvalidState(str(exc)) from None
    return ok()


@router.get("/world", **documented(result=WorldResult))
async def world(device: DeviceDep) -> JSONResponse:
    """Return the whole simulated world as it stands."""
    return ok(_world(device).snapshot())


@router.post("/wifi_ap", **documented(body=WifiApBody))
async def put_wifi_ap(
    device: DeviceDep, body: Annotated[WifiApBody, Depends(json_body(WifiApBody))]
) -> JSONResponse:
    """An access point appears in range (or replaces the one with its bssid)."""
    _world(device).uplinks.put_ap(_scenario_entry(parse_ap, body))
    return ok()


@router.post("/remove_wifi_ap", **documented(body=RemoveWifiApBody))
async def remove_wifi_ap(
    device: DeviceDep, body: Annotated[RemoveWifiApBody, Depends(json_body(RemoveWifiApBody))]
) -> JSONResponse:
    """The access point leaves; a device associated with it loses its link."""
    try:
        _world(device).uplinks.remove_ap(body.bssid.lower())
    except ScenarioError:
        raise NotFound(f"bssid: no simulated access point {body.bssid}") from None
    return ok()


@router.post("/eth", **documented(body=EthBody))
async def set_eth(
    device: DeviceDep, body: Annotated[EthBody, Depends(json_body(EthBody))]
) -> JSONResponse:
    """Plug the Ethernet cable in, or pull it."""
    _world(device).uplinks.set_plugged(body.plugged)
    return ok()


@router.post("/reachability", **documented(body=ReachabilityBody))
async def set_reachability(
    device: DeviceDep, body: Annotated[ReachabilityBody, Depends(json_body(ReachabilityBody))]
) -> JSONResponse:
    """Make an address answer pings through an interface, or stop answering."""
    iface, address, reachable = _scenario_entry(parse_reachability, body)
    _world(device).uplinks.set_reachable(iface, address, reachable)
    return ok()
