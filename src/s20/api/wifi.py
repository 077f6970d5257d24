"""`/wifi/*`: connect, disconnect, scan, and the saved networks."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import ConfigDict

from s20.drivers.rules import AUTH_MODE_MAX, AUTH_MODE_MIN, check_ssid
from s20.errors import InvalidParams
from s20.services.network import MAX_SAVED, WifiState, check_wifi_network
from s20.services.thread import checked

from . import _fields as field
from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented
from .eth import STATIC_NEEDS_IPV4, AddressStatus, IpProtocol, Ipv4Body, Ipv4Config

__all__ = ["router"]

router = APIRouter(prefix="/wifi", tags=["wifi"], dependencies=[Depends(require_session)])


class StartBody(RequestBody):
    model_config = ConfigDict(json_schema_extra=STATIC_NEEDS_IPV4)
    ssid: field.Ssid
    auth_mode: field.AuthMode
    # Its rule depends on auth_mode: none for open and OWE (one given is dropped), 5 or 13
    # characters or 10 or 26 hex digits for WEP, 8-63 characters or 64 hex digits for WPA.
    pwd: Annotated[str, Limits(description="as auth_mode needs; never shown in an error")] = ""
    enable_wifi_save: bool = False
    lock_bssid: bool = False
    bssid: Annotated[field.Bssid, Limits(description="required when lock_bssid is true")] | None = (
        None
    )
    protocol: IpProtocol = "dhcp"
    ipv4: Ipv4Body | None = None


class DeleteSavedBody(RequestBody):
    ssid: field.Ssid
    auth_mode: field.AnyAuthMode


class ReconnectBody(RequestBody):
    enable: bool


# -- results ------------------------------------------------------------------------------


class StatusResult(AddressStatus):
    status: Annotated[int, field.numbered(WifiState)]
    fail_msg: str
    ssid: str
    bssid: str


class SavedNetwork(Result):
    ssid: str
    bssid: str
    lock_bssid: bool
    auth_mode: int
    pwd: str
    protocol: IpProtocol
    ipv4: Ipv4Config


class SavedResult(Result):
    list: Annotated[list[SavedNetwork], Limits(maxItems=MAX_SAVED)]


class AccessPoint(Result):
    ssid: str
    bssid: str
    auth_mode: int
    rssi: Annotated[int, Limits(description="dBm")]
    channel: int


class ScanResult(Result):
    list: list[AccessPoint]


class ReconnectResult(Result):
    enable: bool


@router.get("/get_status", **documented(result=StatusResult))
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report 0 idle, 1 connecting, 2 connected or 3 failed (with `fail_msg`)."""
    return ok(device.network.wifi_status())


@router.post("/stop", **documented())
async def stop(device: DeviceDep) -> JSONResponse:
    """Disconnect."""
    await device.network.wifi_stop()
    return ok()


@router.post("/start", **documented(body=StartBody))
async def start(
    device: DeviceDep, body: Annotated[StartBody, Depends(json_body(StartBody))]
) -> JSONResponse:
    """Start connecting; `/wifi/get_status` follows the attempt."""
    network = check_wifi_network(
        body.ssid,
        body.auth_mode,
        body.pwd,
        body.lock_bssid,
        body.bssid,
        body.protocol,
        body.ipv4.static() if body.ipv4 else None,
    )
    await device.network.wifi_start(network, save=body.enable_wifi_save)
    return ok()


@router.get("/get_save_wifi", **documented(result=SavedResult))
async def get_save_wifi(device: DeviceDep) -> JSONResponse:
    """List the saved networks (at most 3)."""
    return ok({"list": device.network.saved_wifi()})


@router.post("/delete_save_wifi", **documented(body=DeleteSavedBody))
async def delete_save_wifi(
    device: DeviceDep, body: Annotated[DeleteSavedBody, Depends(json_body(DeleteSavedBody))]
) -> JSONResponse:
    """Forget a saved network (by SSID and auth mode)."""
    checked("ssid", check_ssid, body.ssid)
    if not AUTH_MODE_MIN <= body.auth_mode <= AUTH_MODE_MAX:
        raise InvalidParams(f"auth_mode must be an integer from {AUTH_MODE_MIN} to {AUTH_MODE_MAX}")
    device.network.delete_saved_wifi(body.ssid, body.auth_mode)
    return ok()


@router.get("/scan", **documented(result=ScanResult))
async def scan(device: DeviceDep) -> JSONResponse:
    """List the access points in range, strongest first (one scan at a time)."""
    return ok({"list": await device.network.wifi_scan()})


@router.post("/set_reconn_to_saved_wifi", **documented(body=ReconnectBody))
async def set_reconn_to_saved_wifi(
    device: DeviceDep, body: Annotated[ReconnectBody, Depends(json_body(ReconnectBody))]
) -> JSONResponse:
    """Turn moving to a saved network (when the current one fails or is lost) on or off."""
    device.network.set_reconnect_to_saved(body.enable)
    return ok()


@router.get("/get_reconn_to_saved_wifi", **documented(result=ReconnectResult))
async def get_reconn_to_saved_wifi(device: DeviceDep) -> JSONResponse:
    """Report whether a lost or failed link moves to a saved network."""
    return ok({"enable": device.network.reconnect_to_saved()})
