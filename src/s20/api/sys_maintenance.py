"""`/sys/*` maintenance: the log, CA certificates and firmware upgrades."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import ConfigDict
from starlette.datastructures import UploadFile

from s20.errors import InvalidParams
from s20.services.system import MAX_PEM, UpgradeStatus, check_url
from s20.services.thread import checked

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented

__all__ = ["router"]

router = APIRouter(prefix="/sys", tags=["sys"], dependencies=[Depends(require_session)])


Url = Annotated[str, Limits(description="an http or https URL")]


class CertificateUrlRequest(RequestBody):
    url: Url


class OfficialFirmware(RequestBody):
    type: str
    version: str
    save_config: bool


class CustomFirmware(RequestBody):
    url: Url


class UpgradeRequest(RequestBody):
    """Exactly one of `official` (an image the feed lists) and `custom` (any URL)."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["official"]}, {"required": ["custom"]}]}
    )
    official: OfficialFirmware | None = None
    custom: CustomFirmware | None = None


class LogResult(Result):
    log: Annotated[str, Limits(description="lines, oldest first")]


class CurrentFirmwareResult(Result):
    current_firmware_type: str
    current_firmware_version: str


class OnlineFirmware(Result):
    type: str
    version: str


class OnlineFirmwareResult(Result):
    online_firmware_list: list[OnlineFirmware]


class UpgradeStatusResult(Result):
    status: Annotated[
        int,
        Limits(
            enum=[UpgradeStatus.DONE, UpgradeStatus.FAILED, UpgradeStatus.RUNNING],
            description="0 done (restarting), 1 failed, 2 running",
        ),
    ]
    fail_msg: Annotated[str, Limits(description="why it failed; empty otherwise")]


@router.get("/get_log", **documented(result=LogResult))
async def get_log(device: DeviceDep) -> JSONResponse:
    """Return the device's recent log as text, oldest line first, without secrets."""
    return ok(await device.system.get_log(device.secrets()))


@router.post("/upgrade_online_certificate", **documented(body=CertificateUrlRequest))
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


@router.post("/upgrade_local_certificate", **documented(), openapi_extra=_PEM_UPLOAD)
async def upgrade_local_certificate(device: DeviceDep, request: Request) -> JSONResponse:
    """Trust the uploaded PEM CA certificates (multipart field `file`, or the raw body)."""
    device.system.certificates.upload("file", await _uploaded_pem(request))
    return ok()


@router.get("/check_current_firmware", **documented(result=CurrentFirmwareResult))
async def check_current_firmware(device: DeviceDep) -> JSONResponse:
    """Report the running firmware's type and version."""
    return ok(device.system.firmware.current())


@router.get("/check_online_firmware", **documented(result=OnlineFirmwareResult))
async def check_online_firmware(device: DeviceDep) -> JSONResponse:
    """List the images the firmware feed offers."""
    return ok(await device.system.firmware.check_online())


@router.post("/upgrade_online_firmware", **documented(body=UpgradeRequest))
async def upgrade_online_firmware(
    device: DeviceDep, body: Annotated[UpgradeRequest, Depends(json_body(UpgradeRequest))]
) -> JSONResponse:
    """Start an upgrade to a feed image (`official`) or any http(s) URL (`custom`)."""
    await device.system.firmware.upgrade(body.model_dump(exclude_none=True))
    return ok()


@router.get("/check_upgrade_status", **documented(result=UpgradeStatusResult))
async def check_upgrade_status(device: DeviceDep) -> JSONResponse:
    """Report the upgrade: 2 running, 1 failed (with `fail_msg`), 0 done (restarting)."""
    return ok(device.system.firmware.status())
