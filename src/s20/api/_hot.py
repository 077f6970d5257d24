"""The polled GETs, answered ahead of the framework: same answers, a fraction of the work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from s20.errors import S20Error

from ._deps import DeviceApi
from ._envelope import CatchAllMiddleware, OkBodyCache, error_response, send_json
from ._guards import HostOriginGuard
from .ui import challenge_result, initialized_result

__all__ = ["HotRoutes"]

# Returns the `result` of a success; raises S20Error for the error envelope.
_Handler = Callable[[DeviceApi, Scope], Awaitable[Mapping[str, Any]]]
_MAX_HOSTS = 64  # Host values remembered as allowed; a flood of new ones only clears them


def _header(scope: Scope, name: bytes) -> str | None:
    """Return a request header's first value, as Starlette decodes it (latin-1)."""
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None


async def _get_status(device: DeviceApi, scope: Scope) -> Mapping[str, Any]:
    device.auth.authorize(_header(scope, b"token") or None)
    return await device.thread.get_status()


async def _check_initialized(device: DeviceApi, _scope: Scope) -> Mapping[str, Any]:
    return initialized_result(device)


async def _challenge(device: DeviceApi, scope: Scope) -> Mapping[str, Any]:
    client = scope.get("client")
    return challenge_result(device, client[0] if client else "unknown")


_ROUTES: dict[str, _Handler] = {
    "/otbr/get_status": _get_status,
    "/ui/check_initialized": _check_initialized,
    "/ui/challenge": _challenge,
}


class HotRoutes:
    """Answer `GET` of the polled routes before FastAPI's middleware, routing and dependencies.

    Web pages, apps and Home Assistant poll these many times a second. Each is answered
    with the bytes and headers its FastAPI route sends, from the same functions, the
    `Token` checked as `require_session` checks it; what goes is the framework's work per
    request (its middleware, route matching, dependency solving, response validation) and
    encoding an answer that did not change. Every other request, and any whose `Host`
    the guard would refuse, goes to `app`, the whole stack; the routes stay there too,
    for the OpenAPI document and for every method but GET.
    """

    def __init__(self, app: ASGIApp, device: DeviceApi, guard: HostOriginGuard) -> None:
        self.app = app
        self._device = device
        self._guard = guard
        self._hosts: dict[str | None, bool] = {}
        self._bodies = {path: OkBodyCache() for path in _ROUTES}
        self._answer_caught = CatchAllMiddleware(self._answer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] in _ROUTES
            and self._host_allowed(_header(scope, b"host"))
        ):
            await self._answer_caught(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _host_allowed(self, host: str | None) -> bool:
        allowed = self._hosts.get(host)
        if allowed is None:
            if len(self._hosts) >= _MAX_HOSTS:
                self._hosts.clear()
            allowed = self._hosts[host] = self._guard.allows_host(host)
        return allowed

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope["path"]
        try:
            result = await _ROUTES[path](self._device, scope)
        except S20Error as exc:
            await error_response(exc)(scope, receive, send)
            return
        await send_json(send, self._bodies[path].body(result))
