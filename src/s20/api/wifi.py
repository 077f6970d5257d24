"""`/wifi/*`: connect, disconnect, scan, and the saved networks."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.drivers.rules import check_ssid
from s20.errors import InvalidParams
from s20.services.network import check_wifi_network
from s20.services.thread import checked

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema
from .eth import Ipv4Body

__all__ = ["router"]

router = APIRouter(prefix="/wifi", tags=["wifi"], dependencies=[Depends(require_session)])


class StartBody(RequestBody):
    ssid: str
    auth_mode: int
    pwd: str = ""
    enable_wifi_save: bool = False
    lock_bssid: bool = False
    bssid: str | None = None
    protocol: Literal["dhcp", "static"] = "dhcp"
    ipv4: Ipv4Body | None = None


class DeleteSavedBody(RequestBody):
    ssid: str
    auth_mode: int


class ReconnectBody(RequestBody):
    enable: bool


@router.get("/get_status")
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report 0 idle, 1 connecting, 2 connected or 3 failed (with `fail_msg`)."""
    return ok(device.network.wifi_status())


@router.post("/stop")
async def stop(device: DeviceDep) -> JSONResponse:
    """Disconnect."""
    await device.network.wifi_stop()
    return ok()


@router.post("/start", openapi_extra=request_schema(StartBody))
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


@router.get("/get_save_wifi")
async def get_save_wifi(device: DeviceDep) -> JSONResponse:
    """List the saved networks (at most 3)."""
    return ok({"list": device.network.saved_wifi()})


@router.post("/delete_save_wifi", openapi_extra=request_schema(DeleteSavedBody))
async def delete_save_wifi(
    device: DeviceDep, body: Annotated[DeleteSavedBody, Depends(json_body(DeleteSavedBody))]
) -> JSONResponse:
    """Forget a saved network (by SSID and auth mode)."""
    checked("ssid", check_ssid, body.ssid)
    if not 0 <= body.auth_mode <= 9:
        raise InvalidParams("auth_mode must be an integer from 0 to 9")
    device.network.delete_saved_wifi(body.ssid, body.auth_mode)
    return ok()


@router.get("/scan")
async def scan(device: DeviceDep) -> JSONResponse:
    """List the access points in range, strongest first (one scan at a time)."""
    return ok({"list": await device.network.wifi_scan()})


@router.post("/set_reconn_to_saved_wifi", openapi_extra=request_schema(ReconnectBody))
async def set_reconn_to_saved_wifi(
    device: DeviceDep, body: Annotated[ReconnectBody, Depends(json_body(ReconnectBody))]
) -> JSONResponse:
    """Turn moving to a saved network (when the current one fails or is lost) on or off."""
    device.network.set_reconnect_to_saved(body.enable)
    return ok()


@router.get("/get_reconn_to_saved_wifi")
async def get_reconn_to_saved_wifi(device: DeviceDep) -> JSONResponse:
    """Report whether a lost or failed link moves to a saved network."""
    return ok({"enable": device.network.reconnect_to_saved()})
