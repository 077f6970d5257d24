"""uvicorn's HTTP protocol with a deadline for each request's headers and a connection cap."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from s20.errors import Busy

if TYPE_CHECKING:
    from uvicorn._types import ASGIReceiveCallable, ASGISendCallable, Scope

__all__ = ["hardened_protocol"]

_BUSY = json.dumps(
    {"code": Busy.code, "err_msg": "busy: too many connections"}, separators=(",", ":")
).encode()


async def _too_many_connections(
    _scope: Scope, _receive: ASGIReceiveCallable, send: ASGISendCallable
) -> None:
    """Answer 503 in the envelope and close, as uvicorn's own cap does in plain text."""
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(_BUSY)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": _BUSY, "more_body": False})


class _HeaderDeadlineProtocol(HttpToolsProtocol):
    """Close a connection whose next request's headers have not all arrived in time.

    uvicorn closes a connection only when it sits idle after a response (keep-alive); one
    that sends half a request line, or nothing, is held open for ever, and enough of them
    use up the descriptors. The deadline runs from the moment the connection waits for a
    request (opened, or its last response sent) until the request's headers are complete.
    """

    header_timeout: float = 10.0
    max_connections: int = 1000
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def on_headers_complete(self) -> None:
        self._cancel_header_deadline()
        # Past the cap this request is answered by `_too_many_connections` instead of the
        # app: the same check as uvicorn's `limit_concurrency`, with the API's envelope.
        busy = len(self.connections) >= self.max_connections or (
            len(self.tasks) >= self.max_connections
        )
        if not busy:
            super().on_headers_complete()
            return
        app, self.app = self.app, _too_many_connections
        try:
            super().on_headers_complete()
        finally:
            self.app = app

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # A pipelined request already started has its headers; otherwise wait for the next.
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._arm_header_deadline()

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def hardened_protocol(header_timeout: float, max_connections: int) -> type[HttpToolsProtocol]:
    """Return an HTTP protocol class with these header deadline and connection cap."""
    attributes = {"header_timeout": header_timeout, "max_connections": max_connections}
    return type("HardenedProtocol", (_HeaderDeadlineProtocol,), attributes)
