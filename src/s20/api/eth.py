"""`/eth/*`: the Ethernet uplink's status and its DHCP or static IPv4 configuration."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.drivers import Ipv4Static
from s20.services.network import check_ip_config

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["Ipv4Body", "router"]

router = APIRouter(prefix="/eth", tags=["eth"], dependencies=[Depends(require_session)])


class Ipv4Body(RequestBody):
    """A static IPv4 configuration, as `/eth/set_config` and `/wifi/start` take it."""

    ip: str
    netmask: str
    gateway: str

    def static(self) -> Ipv4Static:
        """Return the fields as given (the service checks them)."""
        return Ipv4Static(self.ip, self.netmask, self.gateway)


class SetConfigBody(RequestBody):
    protocol: Literal["dhcp", "static"]
    ipv4: Ipv4Body | None = None


@router.get("/get_status")
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report the cable, the protocol and the addresses held."""
    return ok(await device.network.eth_status())


@router.get("/get_config")
async def get_config(device: DeviceDep) -> JSONResponse:
    """Report DHCP or static, and the static settings."""
    return ok(device.network.eth_config())


@router.post("/set_config", openapi_extra=request_schema(SetConfigBody))
async def set_config(
    device: DeviceDep, body: Annotated[SetConfigBody, Depends(json_body(SetConfigBody))]
) -> JSONResponse:
    """Use DHCP, or the static `ipv4` (required then)."""
    config = check_ip_config(body.protocol, body.ipv4.static() if body.ipv4 else None)
    await device.network.set_eth_config(config)
    return ok()
