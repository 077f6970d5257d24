"""The ASGI application: routers, the envelope, and the OpenAPI document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.exceptions import HTTPException

from s20 import __version__
from s20.errors import S20Error

from . import otbr, sys_maintenance, sys_settings, system, ui
from ._envelope import CatchAllMiddleware, http_exception_handler, s20_error_handler

if TYPE_CHECKING:
    from s20.daemon.device import Device

__all__ = ["create_app"]


def create_app(device: Device) -> FastAPI:
    """Build the HTTP API for `device`."""
    app = FastAPI(
        title="GL-S20 HTTP API (s20)",
        version=__version__,
        description="Wire-compatible implementation of the GL-S20 Thread Border Router API.",
    )
    app.state.device = device
    app.add_exception_handler(S20Error, s20_error_handler)
    app.add_exception_handler(HTTPException, http_exception_handler)
    app.add_middleware(CatchAllMiddleware)
    app.include_router(ui.router)
    app.include_router(otbr.router)
    app.include_router(system.router)
    app.include_router(sys_settings.router)
    app.include_router(sys_maintenance.router)
    for router in device.extra_routers():
        app.include_router(router)
    return app
