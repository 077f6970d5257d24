"""`/sys/*` settings: system status, time, and the configuration's export and import."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["router"]

router = APIRouter(prefix="/sys", tags=["sys"], dependencies=[Depends(require_session)])


class SetTimeConfigRequest(RequestBody):
    sntp: str | None = None
    timezone: str | int | None = None


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


@router.get("/get_status")
async def get_status(device: DeviceDep) -> JSONResponse:
    """Report memory, MACs, model and serial number."""
    return ok(device.system.get_status())


@router.get("/get_time_config")
async def get_time_config(device: DeviceDep) -> JSONResponse:
    """Report the SNTP server, the time zone (-12..14) and the local time."""
    return ok(device.system.time.get_config())


@router.post("/set_time_config", openapi_extra=request_schema(SetTimeConfigRequest))
async def set_time_config(
    device: DeviceDep,
    body: Annotated[SetTimeConfigRequest, Depends(json_body(SetTimeConfigRequest))],
) -> JSONResponse:
    """Set the SNTP server and/or the time zone ("UTC+8", or a number -12..14)."""
    device.system.time.set_config(body.model_dump(exclude_none=True))
    return ok()


@router.post("/export_sys_config")
async def export_sys_config(device: DeviceDep) -> JSONResponse:
    """Return the whole configuration (secrets included: it is a backup), `cfg_ver` 1."""
    return ok(device.config_transfer().export())


@router.post("/import_sys_config", openapi_extra=request_schema(ImportConfigRequest))
async def import_sys_config(
    device: DeviceDep,
    body: Annotated[ImportConfigRequest, Depends(json_body(ImportConfigRequest))],
) -> JSONResponse:
    """Check a whole exported document, then apply it; on any failure nothing changes."""
    await device.config_transfer().import_config(body.model_dump(exclude_none=True))
    return ok()
