"""`/wan_failover/*`: which interfaces are probed, how, and which one is preferred."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from s20.services.failover import (
    CHECK_RANGES,
    MAX_CHECK_ADDRESSES,
    PRIORITY_MAX,
    PRIORITY_MIN,
    CheckChange,
)

from . import _fields as field
from ._deps import DeviceDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented

__all__ = ["router"]

router = APIRouter(
    prefix="/wan_failover", tags=["wan_failover"], dependencies=[Depends(require_session)]
)


def _between(name: str, unit: str = "") -> Limits:
    low, high = CHECK_RANGES[name]
    return Limits(minimum=low, maximum=high, **({"description": unit} if unit else {}))


Interval = Annotated[int, _between("check_interval", "minutes")]
SuccessTimes = Annotated[int, _between("check_success_time")]
FailTimes = Annotated[int, _between("check_fail_time")]
Priority = Annotated[
    int,
    Limits(
        minimum=PRIORITY_MIN,
        maximum=PRIORITY_MAX,
        description="the smaller number is preferred; eth and wifi differ",
    ),
]
Ipv4List = Annotated[list[field.DottedIpv4], Limits(maxItems=MAX_CHECK_ADDRESSES)]
Ipv6List = Annotated[
    list[Annotated[str, Limits(description="an IPv6 address")]],
    Limits(maxItems=MAX_CHECK_ADDRESSES),
]


class CheckBody(RequestBody):
    enable: bool | None = None
    check_interval: Interval | None = None
    check_success_time: SuccessTimes | None = None
    check_fail_time: FailTimes | None = None
    check_ipv4: Ipv4List | None = None
    check_ipv6: Ipv6List | None = None

    def change(self) -> CheckChange:
        """Return the fields given (the service checks them)."""
        return CheckChange(**self.model_dump())


class PriorityBody(RequestBody):
    eth: Priority | None = None
    wifi: Priority | None = None


class SetConfigBody(RequestBody):
    eth: CheckBody | None = None
    wifi: CheckBody | None = None
    priority: PriorityBody | None = None


# -- results ------------------------------------------------------------------------------


class CheckResult(Result):
    enable: bool
    check_interval: Interval
    check_success_time: SuccessTimes
    check_fail_time: FailTimes
    check_ipv4: Ipv4List
    check_ipv6: Ipv6List


class PriorityResult(Result):
    eth: Priority
    wifi: Priority


class ConfigResult(Result):
    eth: CheckResult
    wifi: CheckResult
    priority: PriorityResult


@router.get("/get_config", **documented(result=ConfigResult))
async def get_config(device: DeviceDep) -> JSONResponse:
    """Report both interfaces' checks and their priorities."""
    return ok(device.failover.config.to_json())


@router.post("/set_config", **documented(body=SetConfigBody))
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
