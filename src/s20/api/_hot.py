"""The polled calls, answered ahead of the framework: same answers, a fraction of the work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from s20.errors import S20Error

from ._deps import DeviceApi, client_address
from ._envelope import CatchAllMiddleware, OkBodyCache, s20_error_handler, send_json
from ._guards import HostOriginGuard
from .ui import challenge_result, initialized_result, login_result, parse_login

__all__ = ["HotRoutes"]

# Returns the `result` of a success; raises S20Error for the error envelope.
_Handler = Callable[[DeviceApi, Request], Awaitable[Mapping[str, Any]]]
_MAX_HOSTS = 64  # Host values remembered as allowed; a flood of new ones only clears them


def _header(scope: Scope, name: bytes) -> str | None:
    """Return a request header's first value, as Starlette decodes it (latin-1)."""
    for key, value in scope["headers"]:
        if key == name:
            text: str = value.decode("latin-1")
            return text
    return None


async def _get_status(device: DeviceApi, request: Request) -> Mapping[str, Any]:
    # As `require_session` has it: an empty Token header is no Token.
    device.auth.authorize(_header(request.scope, b"token") or None)
    return await device.thread.get_status()


async def _check_initialized(device: DeviceApi, _request: Request) -> Mapping[str, Any]:
    return initialized_result(device)


async def _challenge(device: DeviceApi, request: Request) -> Mapping[str, Any]:
    return challenge_result(device, client_address(request))


async def _login(device: DeviceApi, request: Request) -> Mapping[str, Any]:
    return login_result(device, await parse_login(request), client_address(request))


_ROUTES: dict[tuple[str, str], _Handler] = {
    ("GET", "/otbr/get_status"): _get_status,
    ("GET", "/ui/check_initialized"): _check_initialized,
    ("GET", "/ui/challenge"): _challenge,
    ("POST", "/ui/login"): _login,
}


class HotRoutes:
    """Answer the polled calls before FastAPI's middleware, routing and dependencies.

    Web pages, apps and Home Assistant poll `get_status` and `check_initialized` many
    times a second, and log in again and again. Each of these is answered with the bytes
    and headers its FastAPI route sends, from the same functions (the `Token` checked as
    `require_session` checks it, the body parsed by the route's own parser); what goes
    is the framework's work per request (its middleware, route matching, dependency
    solving) and encoding an answer that did not change. The routes stay in FastAPI for
    the OpenAPI document and every other method. Whatever the guard might refuse (a
    `Host` not known to pass, a POST with an `Origin`) goes to `app`, the whole stack.
    """

    def __init__(self, app: ASGIApp, device: DeviceApi, guard: HostOriginGuard) -> None:
        self.app = app
        self._device = device
        self._guard = guard
        self._hosts: dict[str | None, bool] = {}
        self._bodies = {route: OkBodyCache() for route in _ROUTES}
        self._answer_caught = CatchAllMiddleware(self._answer)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and (scope["method"], scope["path"]) in _ROUTES
            and self._host_allowed(_header(scope, b"host"))
            and (scope["method"] == "GET" or _header(scope, b"origin") is None)
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
        route = (scope["method"], scope["path"])
        request = Request(scope, receive)
        try:
            result = await _ROUTES[route](self._device, request)
        except S20Error as exc:
            await (await s20_error_handler(request, exc))(scope, receive, send)
            return
        await send_json(send, self._bodies[route].body(result))
