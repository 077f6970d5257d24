"""`/eth/*`: the Ethernet uplink's status and its DHCP or static IPv4 configuration."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import ConfigDict, TypeAdapter

from s20.drivers import Ipv4Static
from s20.services.network import EthState, check_ip_config

from . import _fields as field
from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Result, documented

__all__ = [
    "STATIC_NEEDS_IPV4",
    "AddressStatus",
    "IpProtocol",
    "Ipv4Body",
    "Ipv4Config",
    "router",
]

router = APIRouter(prefix="/eth", tags=["eth"], dependencies=[Depends(require_session)])

IpProtocol = Literal["dhcp", "static"]


class Ipv4Body(RequestBody):
    """A static IPv4 configuration, as `/eth/set_config` and `/wifi/start` take it."""

    ip: str
    netmask: str
    gateway: str

    def static(self) -> Ipv4Static:
        """Return the fields as given (the service checks them)."""
        return Ipv4Static(self.ip, self.netmask, self.gateway)


# With DHCP `ipv4` is ignored, so its addresses are checked (and documented as addresses)
# only when `protocol` is "static"; then `ipv4` is required too.
_DOTTED = TypeAdapter(field.DottedIpv4).json_schema()
STATIC_NEEDS_IPV4: dict[str, Any] = {
    "if": {"required": ["protocol"], "properties": {"protocol": {"const": "static"}}},
    "then": {
        "required": ["ipv4"],
        "properties": {"ipv4": {"properties": dict.fromkeys(Ipv4Body.model_fields, _DOTTED)}},
    },
}


class SetConfigBody(RequestBody):
    model_config = ConfigDict(json_schema_extra=STATIC_NEEDS_IPV4)
    protocol: IpProtocol
    ipv4: Ipv4Body | None = None


# -- results ------------------------------------------------------------------------------


class Ipv4Address(Result):
    ip: str
    gateway: str


class Ipv6Address(Result):
    ip: str


class AddressStatus(Result):
    """The addresses an interface holds: empty strings while it holds none."""

    ipv4: Ipv4Address
    ipv6: Ipv6Address


class Ipv4Config(Result):
    """A static IPv4 configuration: empty strings when none was ever set."""

    ip: str
    netmask: str
    gateway: str


class StatusResult(AddressStatus):
    status: Annotated[int, field.numbered(EthState)]
    protocol: IpProtocol


class ConfigResult(Result):
    protocol: IpProtocol
    ipv4: Ipv4Config


@router.get("/get_status", **documented(result=StatusResult))
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report the cable, the protocol and the addresses held."""
    return ok(await device.network.eth_status())


@router.get("/get_config", **documented(result=ConfigResult))
async def get_config(device: DeviceDep) -> JSONResponse:
    """Report DHCP or static, and the static settings."""
    return ok(device.network.eth_config())


@router.post("/set_config", **documented(body=SetConfigBody))
async def set_config(
    device: DeviceDep, body: Annotated[SetConfigBody, Depends(json_body(SetConfigBody))]
) -> JSONResponse:
    """Use DHCP, or the static `ipv4` (required then)."""
    config = check_ip_config(body.protocol, body.ipv4.static() if body.ipv4 else None)
    await device.network.set_eth_config(config)
    return ok()
