"""The ASGI application: otbr-agent's routing, errors and read-only mode.

A plain ASGI callable rather than a framework: every header and body byte is ours to
choose (the agent's order, no extra headers), and a request costs one dict lookup
before its handler runs, which keeps it fast for Home Assistant's polling.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Protocol

from s20.errors import InvalidParams, InvalidState, S20Error

from ._responses import Response, empty, error
from ._routes import ROUTES, Request

if TYPE_CHECKING:
    from s20.services.thread import ThreadService

__all__ = ["OtbrRestApp", "ThreadHolder", "create_otbr_rest_app"]

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# cpp-httplib answers a method no route has with 404 for these, and 405 for the rest.
_ROUTING_METHODS = frozenset({"GET", "POST", "DELETE", "HEAD"})
_CHANGING_METHODS = frozenset({"PUT", "POST", "DELETE", "PATCH"})
_READ_ONLY = "this border router serves its Thread REST API read-only"


class ThreadHolder(Protocol):
    """What this API needs of the device: its current Thread service (a restart swaps it)."""

    @property
    def thread(self) -> ThreadService: ...


class OtbrRestApp:
    """otbr-agent's REST API over one device's Thread service."""

    def __init__(self, device: ThreadHolder, *, read_only: bool = False) -> None:
        self._device = device
        self.read_only = read_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        accept = content_type = None
        for name, value in scope["headers"]:
            if name == b"accept" and accept is None:
                accept = value.decode("latin-1")
            elif name == b"content-type" and content_type is None:
                content_type = value.decode("latin-1")
        request = Request(scope["method"], scope["path"], accept, content_type, body)
        response = await self.handle(request)
        await send(
            {
                "type": "http.response.start",
                "status": response.status,
                "headers": response.raw_headers(),
            }
        )
        await send({"type": "http.response.body", "body": response.body})

    async def handle(self, request: Request) -> Response:
        """Answer one request."""
        methods = ROUTES.get(request.path)
        if request.method == "OPTIONS":
            return empty() if methods is not None else error(404)
        if self.read_only and request.method in _CHANGING_METHODS:
            return error(403, _READ_ONLY)
        handler = methods.get(request.method) if methods is not None else None
        if handler is None:
            return error(404 if request.method in _ROUTING_METHODS else 405)
        try:
            return await handler(request, self._device.thread)
        except InvalidParams:
            return error(405)  # the agent's answer to a body it cannot use
        except InvalidState:
            return error(409)
        except S20Error as exc:
            log.warning("OTBR REST %s %s failed: %s", request.method, request.path, exc)
            return error(500, str(exc))


def create_otbr_rest_app(device: ThreadHolder, *, read_only: bool = False) -> OtbrRestApp:
    """Build the OTBR REST API for `device` (`read_only` refuses every change with 403)."""
    return OtbrRestApp(device, read_only=read_only)
