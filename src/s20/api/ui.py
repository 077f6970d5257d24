"""`/ui/*`: challenge, login, logout, initialization."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from s20.credentials import USERNAME
from s20.services.auth import LANGUAGES, PASSWORD_MAX, PASSWORD_MIN
from s20.thread import HEX32

from ._deps import DeviceApi, DeviceDep, SessionDep, client_address
from ._envelope import RequestBody, json_body, ok
from ._openapi import Limits, Result, documented, whole

__all__ = [
    "OPEN_PATHS",
    "Password",
    "Username",
    "challenge_result",
    "initialized_result",
    "login_result",
    "parse_login",
    "router",
]

router = APIRouter(prefix="/ui", tags=["ui"])

# The only routes that answer without a Token (docs/contract.md §3).
OPEN_PATHS = frozenset({"/ui/challenge", "/ui/login", "/ui/check_initialized", "/ui/set_init"})


# The device's password rule, for set_init here and for set_admin_pwd's new_pwd.
Password = Annotated[
    str, Limits(minLength=PASSWORD_MIN, maxLength=PASSWORD_MAX, description="characters")
]
# Only this user exists: any other name is refused like a wrong password (-32000).
Username = Annotated[str, Limits(enum=[USERNAME])]


class SetInitRequest(RequestBody):
    lang: Annotated[str, Limits(enum=list(LANGUAGES))]
    password: Password


class LoginRequest(RequestBody):
    username: Username
    hash: Annotated[
        str,
        Limits(
            pattern=whole(HEX32),
            description='md5("root:" + base64(HMAC-SHA256(salt, password)) + ":" + nonce)',
        ),
    ]


class ChallengeResult(Result):
    alg: int
    salt: str
    nonce: str


class LoginResult(Result):
    sid: str


class InitializedResult(Result):
    initialized: bool
    model: str
    hostname: str
    firmware_category: str
    firmware_version: str
    mac: str


parse_login = json_body(LoginRequest)


def login_result(device: DeviceApi, body: LoginRequest, client: str) -> dict[str, Any]:
    """Check the login hash from `client` and open a session; return `/ui/login`'s result."""
    return {"sid": device.auth.login(body.username, body.hash, client)}


def challenge_result(device: DeviceApi, client: str) -> dict[str, Any]:
    """Issue `client` a salt and a fresh nonce; return `/ui/challenge`'s result."""
    c = device.auth.challenge(client)
    return {"alg": c.alg, "salt": c.salt, "nonce": c.nonce}


def initialized_result(device: DeviceApi) -> dict[str, Any]:
    """Return `/ui/check_initialized`'s result."""
    return {
        "initialized": device.auth.initialized(),
        "model": device.model,
        "hostname": device.hostname,
        "firmware_category": device.firmware_category,
        "firmware_version": device.firmware_version,
        "mac": device.identity.eth_mac,
    }


@router.get("/challenge", **documented(result=ChallengeResult))
async def challenge(request: Request, device: DeviceDep) -> JSONResponse:
    """Issue a salt and a fresh nonce for the login hash."""
    return ok(challenge_result(device, client_address(request)))


@router.post("/login", **documented(body=LoginRequest, result=LoginResult))
async def login(
    request: Request,
    device: DeviceDep,
    body: Annotated[LoginRequest, Depends(parse_login)],
) -> JSONResponse:
    """Check the login hash and open a session."""
    return ok(login_result(device, body, client_address(request)))


@router.post("/logout", **documented())
async def logout(device: DeviceDep, token: SessionDep) -> JSONResponse:
    """End the caller's session."""
    device.auth.logout(token)
    return ok()


@router.get("/check_initialized", **documented(result=InitializedResult))
async def check_initialized(device: DeviceDep) -> JSONResponse:
    """Say whether the device has a password, and what it is."""
    return ok(initialized_result(device))


@router.post("/set_init", **documented(body=SetInitRequest))
async def set_init(
    device: DeviceDep, body: Annotated[SetInitRequest, Depends(json_body(SetInitRequest))]
) -> JSONResponse:
    """Set the first password; -32005 once the device is initialized.

    Open without a Token: once initialized it answers -32005 to anyone, which reveals
    nothing that `/ui/check_initialized` does not already publish.
    """
    device.auth.set_init(body.lang, body.password)
    return ok()
