"""`/sys/*` maintenance: the log, CA certificates and firmware upgrades."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import UploadFile

from s20.errors import InvalidParams
from s20.services.system import MAX_PEM, check_url
from s20.services.thread import checked

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["router"]

router = APIRouter(prefix="/sys", tags=["sys"], dependencies=[Depends(require_session)])


class CertificateUrlRequest(RequestBody):
    url: str


class OfficialFirmware(RequestBody):
    type: str
    version: str
    save_config: bool


class CustomFirmware(RequestBody):
    url: str


class UpgradeRequest(RequestBody):
    official: OfficialFirmware | None = None
    custom: CustomFirmware | None = None


@router.get("/get_log")
async def get_log(device: DeviceDep) -> JSONResponse:
    """Return the device's recent log as text, oldest line first, without secrets."""
    return ok(device.system.get_log(device.secrets()))


@router.post("/upgrade_online_certificate", openapi_extra=request_schema(CertificateUrlRequest))
async def upgrade_online_certificate(
    device: DeviceDep,
    body: Annotated[CertificateUrlRequest, Depends(json_body(CertificateUrlRequest))],
) -> JSONResponse:
    """Download PEM CA certificates from an http(s) URL and trust them for downloads."""
    url = checked("url", check_url, body.url)
    await device.system.certificates.download(url)
    return ok()


_PEM_UPLOAD: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/x-pem-file": {"schema": {"type": "string"}},
        },
    }
}


async def _uploaded_pem(request: Request) -> bytes:
    """Return the PEM of a multipart upload (field `file`) or of the raw body."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=8, max_part_size=MAX_PEM) as form:
            part = form.get("file")
            if isinstance(part, UploadFile):
                return await part.read(MAX_PEM + 1)
            if isinstance(part, str):
                return part.encode("utf-8")
        raise InvalidParams("file is required (a multipart field holding the PEM)")
    data = await request.body()
    if not data.strip():
        raise InvalidParams("file is required: send the PEM as field `file` or as the body")
    return data


@router.post("/upgrade_local_certificate", openapi_extra=_PEM_UPLOAD)
async def upgrade_local_certificate(device: DeviceDep, request: Request) -> JSONResponse:
    """Trust the uploaded PEM CA certificates (multipart field `file`, or the raw body)."""
    device.system.certificates.upload("file", await _uploaded_pem(request))
    return ok()


@router.get("/check_current_firmware")
async def check_current_firmware(device: DeviceDep) -> JSONResponse:
    """Report the running firmware's type and version."""
    return ok(device.system.firmware.current())


@router.get("/check_online_firmware")
async def check_online_firmware(device: DeviceDep) -> JSONResponse:
    """List the images the firmware feed offers."""
    return ok(await device.system.firmware.check_online())


@router.post("/upgrade_online_firmware", openapi_extra=request_schema(UpgradeRequest))
async def upgrade_online_firmware(
    device: DeviceDep, body: Annotated[UpgradeRequest, Depends(json_body(UpgradeRequest))]
) -> JSONResponse:
    """Start an upgrade to a feed image (`official`) or any http(s) URL (`custom`)."""
    await device.system.firmware.upgrade(body.model_dump(exclude_none=True))
    return ok()


@router.get("/check_upgrade_status")
async def check_upgrade_status(device: DeviceDep) -> JSONResponse:
    """Report the upgrade: 2 running, 1 failed (with `fail_msg`), 0 done (restarting)."""
    return ok(device.system.firmware.status())
