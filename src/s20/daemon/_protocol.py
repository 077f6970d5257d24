"""uvicorn's HTTP protocol with a deadline for each request's headers."""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["header_timeout_protocol"]


class _HeaderDeadlineProtocol(HttpToolsProtocol):
    """Close a connection whose next request's headers have not all arrived in time.

    uvicorn closes a connection only when it sits idle after a response (keep-alive); one
    that sends half a request line, or nothing, is held open for ever, and enough of them
    use up the descriptors. The deadline runs from the moment the connection waits for a
    request (opened, or its last response sent) until the request's headers are complete.
    """

    header_timeout: float = 10.0
    _header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def on_headers_complete(self) -> None:
        self._cancel_header_deadline()
        super().on_headers_complete()

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


def header_timeout_protocol(seconds: float) -> type[HttpToolsProtocol]:
    """Return an HTTP protocol class that gives each request `seconds` to send its headers."""
    return type("HeaderDeadlineProtocol", (_HeaderDeadlineProtocol,), {"header_timeout": seconds})
