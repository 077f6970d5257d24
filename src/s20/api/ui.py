"""`/ui/*`: challenge, login, logout, initialization."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from ._deps import DeviceDep, SessionDep
from ._envelope import RequestBody, json_body, ok, request_schema

__all__ = ["OPEN_PATHS", "router"]

router = APIRouter(prefix="/ui", tags=["ui"])

# The only routes that answer without a Token (DECISIONS §3).
OPEN_PATHS = frozenset({"/ui/challenge", "/ui/login", "/ui/check_initialized", "/ui/set_init"})


class SetInitRequest(RequestBody):
    lang: str
    password: str


class LoginRequest(RequestBody):
    username: str
    hash: str


@router.get("/challenge")
async def challenge(device: DeviceDep) -> JSONResponse:
    """Issue a salt and a fresh nonce for the login hash."""
    c = device.auth.challenge()
    return ok({"alg": c.alg, "salt": c.salt, "nonce": c.nonce})


@router.post("/login", openapi_extra=request_schema(LoginRequest))
async def login(
    request: Request,
    device: DeviceDep,
    body: Annotated[LoginRequest, Depends(json_body(LoginRequest))],
) -> JSONResponse:
    """Check the login hash and open a session."""
    client = request.client.host if request.client else "unknown"
    sid = device.auth.login(body.username, body.hash, client)
    return ok({"sid": sid})


@router.post("/logout")
async def logout(device: DeviceDep, token: SessionDep) -> JSONResponse:
    """End the caller's session."""
    device.auth.logout(token)
    return ok()


@router.get("/check_initialized")
async def check_initialized(device: DeviceDep) -> JSONResponse:
    """Say whether the device has a password, and what it is."""
    return ok(
        {
            "initialized": device.auth.initialized(),
            "model": device.model,
            "hostname": device.hostname,
            "firmware_category": device.firmware_category,
            "firmware_version": device.firmware_version,
            "mac": device.identity.eth_mac,
        }
    )


@router.post("/set_init", openapi_extra=request_schema(SetInitRequest))
async def set_init(
    device: DeviceDep, body: Annotated[SetInitRequest, Depends(json_body(SetInitRequest))]
) -> JSONResponse:
    """Set the first password; -32005 once the device is initialized.

    Open without a Token: once initialized it answers -32005 to anyone, which reveals
    nothing that `/ui/check_initialized` does not already publish.
    """
    device.auth.set_init(body.lang, body.password)
    return ok()
