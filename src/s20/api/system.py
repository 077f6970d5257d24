"""`/sys/*`: status, the admin password, restart and reset."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends
from fastapi.responses import JSONResponse

from ._deps import DeviceDep, SessionDep, require_session
from ._envelope import RequestBody, json_body, ok
from ._openapi import Result, documented
from .ui import Password, Username

__all__ = ["router"]

router = APIRouter(prefix="/sys", tags=["sys"], dependencies=[Depends(require_session)])


class SetAdminPwdRequest(RequestBody):
    username: Username
    old_pwd: str
    new_pwd: Password


class InfoResult(Result):
    wan_status: int
    thread_nwk_status: int
    thread_commissioner_status: int


@router.get("/get_info", **documented(result=InfoResult))
async def get_info(device: DeviceDep) -> JSONResponse:
    """Report WAN, Thread network and commissioner status."""
    return ok(await device.get_info())


@router.post("/set_admin_pwd", **documented(body=SetAdminPwdRequest))
async def set_admin_pwd(
    device: DeviceDep,
    token: SessionDep,
    body: Annotated[SetAdminPwdRequest, Depends(json_body(SetAdminPwdRequest))],
) -> JSONResponse:
    """Change the password; every other session ends."""
    device.auth.set_admin_pwd(body.username, body.old_pwd, body.new_pwd, token)
    return ok()


@router.post("/restart", **documented())
async def restart(device: DeviceDep, background: BackgroundTasks) -> JSONResponse:
    """Answer, then restart the device's services from the database."""
    background.add_task(device.restart)
    return ok()


@router.post("/reset", **documented())
async def reset(device: DeviceDep, background: BackgroundTasks) -> JSONResponse:
    """Answer, then erase every setting and restart uninitialized."""
    background.add_task(device.reset)
    return ok()
