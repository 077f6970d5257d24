"""Request dependencies: the device behind the app, and the session check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

if TYPE_CHECKING:
    from s20.daemon.device import Device

__all__ = ["TOKEN", "DeviceDep", "SessionDep", "client_address", "get_device", "require_session"]


def get_device(request: Request) -> Device:
    """Return the device this app serves."""
    device: Device = request.app.state.device
    return device


def client_address(request: Request) -> str:
    """Return the peer's address (a trusted proxy's `X-Forwarded-For` when so configured)."""
    return request.client.host if request.client else "unknown"


async def _device(request: Request) -> Device:
    return get_device(request)


# Through this scheme the OpenAPI document marks exactly the routes that need a session.
TOKEN = APIKeyHeader(
    name="Token",
    scheme_name="Token",
    description="The `sid` from /ui/login. Every call that presents it keeps its session "
    "alive 35 s more; missing, unknown or expired: code -1.",
    auto_error=False,
)


async def require_session(request: Request, token: Annotated[str | None, Security(TOKEN)]) -> str:
    """Check the `Token` header and restart its session's 35 s; return the token."""
    return get_device(request).auth.authorize(token)


DeviceDep = Annotated["Device", Depends(_device)]
SessionDep = Annotated[str, Depends(require_session)]
