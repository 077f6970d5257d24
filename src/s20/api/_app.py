"""The ASGI application: routers, the envelope, and the OpenAPI document."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fastapi import APIRouter, FastAPI
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from s20 import __version__
from s20.errors import S20Error
from s20.web import docs_routes, panel_routes

from . import eth, otbr, sys_maintenance, sys_settings, system, ui, wan_failover, wifi
from ._deps import DeviceApi
from ._envelope import CatchAllMiddleware, http_exception_handler, s20_error_handler
from ._guards import HostOriginGuard
from ._hot import HotRoutes

__all__ = ["create_app"]


class _S20App(FastAPI):
    """FastAPI, with the polled routes answered before any of its own work per request."""

    _hot: HotRoutes | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._hot is None:
            if self.middleware_stack is None:
                self.middleware_stack = self.build_middleware_stack()
            guard = _guard_in(self.middleware_stack)
            self._hot = HotRoutes(super().__call__, self.state.device, guard)
        await self._hot(scope, receive, send)


def _guard_in(stack: ASGIApp) -> HostOriginGuard:
    """Return the Host/Origin guard within the built stack (the hot routes answer to it)."""
    layer: object = stack
    while not isinstance(layer, HostOriginGuard):
        layer = getattr(layer, "app", None)
        if layer is None:
            raise RuntimeError("the app has no HostOriginGuard")
    return layer


def create_app(
    device: DeviceApi, routers: Sequence[APIRouter] = (), *, allowed_hosts: Iterable[str] = ()
) -> FastAPI:
    """Build the HTTP API for `device`, with the `routers` only its platform has.

    It answers to the device's own host names and to `allowed_hosts`.
    """
    app = _S20App(
        title="GL-S20 HTTP API (s20)",
        version=__version__,
        description="Wire-compatible implementation of the GL-S20 Thread Border Router API.",
        # /docs is served from the package's own Swagger UI below; ReDoc would need a CDN.
        docs_url=None,
        redoc_url=None,
    )
    app.state.device = device
    app.add_exception_handler(S20Error, s20_error_handler)
    app.add_exception_handler(HTTPException, http_exception_handler)
    app.add_middleware(CatchAllMiddleware)
    app.add_middleware(HostOriginGuard, hostname=device.hostname, allowed_hosts=allowed_hosts)
    app.include_router(ui.router)
    app.include_router(otbr.router)
    app.include_router(eth.router)
    app.include_router(wifi.router)
    app.include_router(wan_failover.router)
    app.include_router(system.router)
    app.include_router(sys_settings.router)
    app.include_router(sys_maintenance.router)
    for router in routers:
        app.include_router(router)
    app.router.routes.extend(docs_routes(app.openapi_url or "/openapi.json", app.title))
    app.router.routes.extend(panel_routes())
    return app
