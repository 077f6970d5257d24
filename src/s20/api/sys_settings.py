"""`/sys/*` settings: system status, time, and the configuration's export and import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.services.auth import LANGUAGES
from s20.services.system import CFG_VER, ZONE_MAX, ZONE_MIN, timezone_text

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema
from ._openapi import Limits, Result, documented

__all__ = ["router"]

router = APIRouter(prefix="/sys", tags=["sys"], dependencies=[Depends(require_session)])

# The zone as text, "UTC-12" .. "UTC+14": exactly the strings the time zone rule takes.
ZoneText = Annotated[
    str, Limits(enum=[timezone_text(zone) for zone in range(ZONE_MIN, ZONE_MAX + 1)])
]
ZoneHours = Annotated[int, Limits(minimum=ZONE_MIN, maximum=ZONE_MAX, description="hours")]
SntpServer = Annotated[str, Limits(minLength=1, description="a host name or an IP address")]


class StatusResult(Result):
    memory_total: int
    memory_free: int
    ble_mac: str
    wifi_mac: str
    eth_mac: str
    model: str
    sn: str


class TimeConfigResult(Result):
    sntp: str
    timezone: ZoneHours
    localtime: Annotated[int, Limits(description="Unix time shifted by the time zone")]


class SetTimeConfigRequest(RequestBody):
    sntp: SntpServer | None = None
    timezone: ZoneText | ZoneHours | None = None


class UiConfig(Result):
    language: Annotated[str, Limits(enum=list(LANGUAGES))]


class SntpConfig(Result):
    sntp_srv: SntpServer
    time_zone: ZoneText


class OtbrConfig(Result):
    nwk_on_off: int
    txpower: int
    passphrase: str
    bbr_on_off: int
    channel: int
    pan_id: int
    nwk_key: str
    ext_pan_id: str
    nwk_name: str


class WifiConfig(Result):
    wifi_on_off: int
    ssid: str
    password: str
    lock_bssid: bool
    bssid: str
    authmode: int


class FailoverConfig(Result):
    check: bool
    priority: int
    check_interval: Annotated[int, Limits(description="minutes")]
    check_success_time: int
    check_fail_time: int
    check_ipv4: list[str]
    check_ipv6: list[str]


class Ipv4Config(Result):
    ip: str
    netmask: str
    gateway: str


class DhcpConfig(Result):
    enable: bool
    static_ipv4: Ipv4Config


class SavedWifi(Result):
    ssid: str
    lock_bssid: bool
    bssid: str
    auth_mode: int
    pwd: str
    dhcp: bool
    ipv4: Ipv4Config


class SavedWifiList(Result):
    list: list[SavedWifi]


class ConfigDocument(Result):
    """The whole configuration, as `export_sys_config` answers and `import_sys_config` takes."""

    cfg_ver: Annotated[int, Limits(enum=[CFG_VER])]
    ui_cfg: UiConfig
    sntp_cfg: SntpConfig
    otbr_cfg: OtbrConfig
    wifi_cfg: WifiConfig
    eth_failover_cfg: FailoverConfig
    wifi_failover_cfg: FailoverConfig
    eth_dhcp_cfg: DhcpConfig
    wifi_dhcp_cfg: DhcpConfig
    wifi_saved: SavedWifiList


class ImportConfigRequest(RequestBody):
    """The document `export_sys_config` answers; each section is checked field by field."""

    cfg_ver: int
    ui_cfg: dict[str, Any] | None = None
    sntp_cfg: dict[str, Any] | None = None
    otbr_cfg: dict[str, Any] | None = None
    wifi_cfg: dict[str, Any] | None = None
    eth_failover_cfg: dict[str, Any] | None = None
    wifi_failover_cfg: dict[str, Any] | None = None
    eth_dhcp_cfg: dict[str, Any] | None = None
    wifi_dhcp_cfg: dict[str, Any] | None = None
    wifi_saved: dict[str, Any] | None = None


def _ignoring_unknown_fields(node: Any) -> None:
    """Drop `additionalProperties: false` at every depth: requests ignore unknown fields."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            del node["additionalProperties"]
        for value in node.values():
            _ignoring_unknown_fields(value)
    elif isinstance(node, list):
        for item in node:
            _ignoring_unknown_fields(item)


def _import_body() -> dict[str, Any]:
    """Describe the import's body: the exported document, in which every section may be
    left out (that section is then kept as it is); each present section is whole."""
    extra = request_schema(ConfigDocument)
    schema = extra["requestBody"]["content"]["application/json"]["schema"]
    schema["required"] = ["cfg_ver"]
    _ignoring_unknown_fields(schema)
    return extra


@router.get("/get_status", **documented(result=StatusResult))
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report memory, MACs, model and serial number."""
    return ok(device.system.get_status())


@router.get("/get_time_config", **documented(result=TimeConfigResult))
async def get_time_config(device: DeviceDep) -> JSONResponse:
    """Report the SNTP server, the time zone (-12..14) and the local time."""
    return ok(device.system.time.get_config())


@router.post("/set_time_config", **documented(body=SetTimeConfigRequest))
async def set_time_config(
    device: DeviceDep,
    body: Annotated[SetTimeConfigRequest, Depends(json_body(SetTimeConfigRequest))],
) -> JSONResponse:
    """Set the SNTP server and/or the time zone ("UTC+8", or a number -12..14)."""
    device.system.time.set_config(body.model_dump(exclude_none=True))
    return ok()


@router.post("/export_sys_config", **documented(result=ConfigDocument))
async def export_sys_config(device: DeviceDep) -> JSONResponse:
    """Return the whole configuration (secrets included: it is a backup), `cfg_ver` 1."""
    return ok(device.config_transfer().export())


@router.post("/import_sys_config", **documented(), openapi_extra=_import_body())
async def import_sys_config(
    device: DeviceDep,
    body: Annotated[ImportConfigRequest, Depends(json_body(ImportConfigRequest))],
) -> JSONResponse:
    """Check a whole exported document, then apply it; on any failure nothing changes."""
    await device.config_transfer().import_config(body.model_dump(exclude_none=True))
    return ok()
