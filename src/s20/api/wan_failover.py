"""`/wan_failover/*`: which interfaces are probed, how, and which one is preferred."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.services.failover import CheckChange

from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["router"]

router = APIRouter(
    prefix="/wan_failover", tags=["wan_failover"], dependencies=[Depends(require_session)]
)


class CheckBody(RequestBody):
    enable: bool | None = None
    check_interval: int | None = None
    check_success_time: int | None = None
    check_fail_time: int | None = None
    check_ipv4: list[str] | None = None
    check_ipv6: list[str] | None = None

    def change(self) -> CheckChange:
        """Return the fields given (the service checks them)."""
        return CheckChange(**self.model_dump())


class PriorityBody(RequestBody):
    eth: int | None = None
    wifi: int | None = None


class SetConfigBody(RequestBody):
    eth: CheckBody | None = None
    wifi: CheckBody | None = None
    priority: PriorityBody | None = None


@router.get("/get_config")
async def get_config(device: DeviceDep) -> JSONResponse:
    """Report both interfaces' checks and their priorities."""
    return ok(device.failover.config.to_json())


@router.post("/set_config", openapi_extra=request_schema(SetConfigBody))
async def set_config(
    device: DeviceDep, body: Annotated[SetConfigBody, Depends(json_body(SetConfigBody))]
) -> JSONResponse:
    """Change any of the checks and priorities; the probes start counting anew."""
    priority = body.priority or PriorityBody()
    await device.failover.set_config(
        body.eth.change() if body.eth else None,
        body.wifi.change() if body.wifi else None,
        priority.eth,
        priority.wifi,
    )
    return ok()
