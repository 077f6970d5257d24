"""Request dependencies: the device behind the app, and the session check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

if TYPE_CHECKING:
    from s20.daemon.device import Device

__all__ = ["DeviceDep", "SessionDep", "client_address", "get_device", "require_session"]


def get_device(request: Request) -> Device:
    """Return the device this app serves."""
    device: Device = request.app.state.device
    return device


def client_address(request: Request) -> str:
    """Return the peer's address (a trusted proxy's `X-Forwarded-For` when so configured)."""
    return request.client.host if request.client else "unknown"


async def _device(request: Request) -> Device:
    return get_device(request)


async def require_session(request: Request) -> str:
    """Check the `Token` header and restart its session's 35 s; return the token."""
    return get_device(request).auth.authorize(request.headers.get("Token"))


DeviceDep = Annotated["Device", Depends(_device)]
SessionDep = Annotated[str, Depends(require_session)]
