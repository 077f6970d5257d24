"""`S20Client` and `AsyncS20Client`: the S20 API over httpx, sync and async."""

from __future__ import annotations

import ssl
from types import TracebackType
from typing import Any, Self

import httpx2 as httpx

from s20.errors import (
    S20ProtocolError,
    S20Timeout,
    S20TLSError,
    S20TransportError,
    S20Unreachable,
    TokenError,
)

from ._endpoint import AsyncCaller, SyncCaller
from ._endpoints import Endpoints
from ._flow import Body, Flow, Session, call_flow, login_flow

__all__ = ["AsyncS20Client", "S20Client"]

DEFAULT_URL = "http://127.0.0.1:8080"
DEFAULT_TIMEOUT = 15.0


def _transport_error(exc: httpx.HTTPError, request: httpx.Request) -> S20TransportError:
    """Name what went wrong on the way to the device, in the family's terms."""
    where = f"{request.url.scheme}://{request.url.netloc.decode('ascii', 'replace')}"
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return S20Timeout(f"{where} did not answer in time ({reason})")
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return S20TLSError(f"TLS with {where} failed: {cause}")
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return S20ProtocolError(f"{where} did not answer in HTTP: {reason}")
    return S20Unreachable(f"cannot reach {where}: {reason}")


class S20Client(SyncCaller, Endpoints):
    """Talk to an S20 (real or s20d), blocking.

    `login(password)` runs challenge + login; every later call sends the `Token` header,
    and a call answered with -1 (session expired) logs in again once and is retried.
    Each method returns its result as a TypedDict (`s20.client.results`). A refusal raises
    an `s20.errors.S20Error` subclass carrying `code` and `err_msg`; no answer at all raises
    an `s20.errors.S20TransportError` (`S20Unreachable`, `S20Timeout`, `S20TLSError`,
    `S20ProtocolError`).
    """

    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._session = Session(url, password)
        self._http = httpx.Client(timeout=timeout, transport=transport)

    @property
    def token(self) -> str | None:
        """Return the live session token, if logged in."""
        return self._session.token

    def _run(self, flow: Flow) -> Any:
        try:
            request = next(flow)
            while True:
                try:
                    response = self._http.send(request)
                except httpx.HTTPError as exc:
                    raise _transport_error(exc, request) from exc
                request = flow.send(response)
        except StopIteration as done:
            return done.value

    def _call(self, method: str, path: str, body: Body = None) -> Any:
        return self._run(call_flow(self._session, method, path, body))

    def login(self, password: str) -> str:
        """Log in; return the session token."""
        self._run(login_flow(self._session, password))
        assert self._session.token is not None
        return self._session.token

    def logout(self) -> None:
        """End the session (the password is forgotten too); one that already ended is fine."""
        if self._session.token is not None:
            self._session.password = None
            try:
                self._call("POST", "/ui/logout")
            except TokenError:
                pass  # the device had already ended it: logged out all the same
            finally:
                self._session.token = None

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncS20Client(AsyncCaller, Endpoints):
    """Talk to an S20 (real or s20d) from asyncio; same behaviour as `S20Client`."""

    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        password: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._session = Session(url, password)
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    @property
    def token(self) -> str | None:
        """Return the live session token, if logged in."""
        return self._session.token

    async def _run(self, flow: Flow) -> Any:
        try:
            request = next(flow)
            while True:
                try:
                    response = await self._http.send(request)
                except httpx.HTTPError as exc:
                    raise _transport_error(exc, request) from exc
                request = flow.send(response)
        except StopIteration as done:
            return done.value

    async def _call(self, method: str, path: str, body: Body = None) -> Any:
        return await self._run(call_flow(self._session, method, path, body))

    async def login(self, password: str) -> str:
        """Log in; return the session token."""
        await self._run(login_flow(self._session, password))
        assert self._session.token is not None
        return self._session.token

    async def logout(self) -> None:
        """End the session (the password is forgotten too); one that already ended is fine."""
        if self._session.token is not None:
            self._session.password = None
            try:
                await self._call("POST", "/ui/logout")
            except TokenError:
                pass  # the device had already ended it: logged out all the same
            finally:
                self._session.token = None

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
