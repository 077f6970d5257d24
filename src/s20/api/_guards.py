"""Refuse requests for another host name, and cross-site requests that change state."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from s20.errors import AccessDenied

from ._envelope import error_response

__all__ = ["HostOriginGuard"]

_UNSAFE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class HostOriginGuard:
    """Answer only to the device's own host names, and only to its own pages' writes.

    A web page the owner visits can send a "simple" POST (`text/plain`, no preflight) to
    the device, and a DNS-rebinding page can even read the answers under its own host
    name. So two rules, checked from the headers alone before anything else runs:

    - The `Host` must be one of the device's: an IP literal (v4, or v6 in brackets), with
      or without a port; `localhost`; the device's host name, bare or with `.local`; any
      `*.local` name; or one the operator allowed. Otherwise HTTP 421, code -32000.
      A request without `Host` (HTTP/1.0) comes from no browser and passes.
    - A POST, PUT, DELETE or PATCH that carries an `Origin` must come from the same
      scheme, host and port as the request's `Host`. Otherwise HTTP 403, code -32000.
      Scripts, curl and the s20 client send no `Origin` and are not affected.
    """

    def __init__(self, app: ASGIApp, *, hostname: str, allowed_hosts: Iterable[str] = ()) -> None:
        self.app = app
        name = hostname.lower().rstrip(".")
        self.names = frozenset(
            {"localhost", name, f"{name}.local", *(h.lower().rstrip(".") for h in allowed_hosts)}
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = origin = None
        for key, value in scope["headers"]:
            if key == b"host":
                host = value.decode("latin-1")
            elif key == b"origin":
                origin = value.decode("latin-1")
        refusal = None
        if not self.allows_host(host):
            refusal = error_response(
                AccessDenied(f"host name {host!r} is not this device's (see --allowed-hosts)"),
                421,
            )
        elif (
            origin is not None
            and scope["method"] in _UNSAFE_METHODS
            and not _same_origin(origin, scope["scheme"], host)
        ):
            refusal = error_response(
                AccessDenied(f"cross-site request refused: Origin {origin!r} is not this device"),
                403,
            )
        if refusal is None:
            await self.app(scope, receive, send)
        else:
            await refusal(scope, receive, send)

    def allows_host(self, host: str | None) -> bool:
        """Return whether a request with this `Host` value (None: no header) may pass."""
        return host is None or self.host_allowed(_split_host(host)[0])

    def host_allowed(self, name: str) -> bool:
        """Return whether `name` (no port, IPv6 without brackets) names this device."""
        name = name.lower().rstrip(".")
        if name in self.names or name.endswith(".local"):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True


def _split_host(host: str) -> tuple[str, int | None]:
    """Split a `Host` value into name and port: `[::1]:80` gives `("::1", 80)`."""
    try:
        parts = urlsplit(f"//{host}")
        return parts.hostname or "", parts.port
    except ValueError:
        return "", None


def _same_origin(origin: str, scheme: str, host: str | None) -> bool:
    """Return whether an `Origin` is the request's own scheme, host and port."""
    if host is None:
        return False
    try:
        parts = urlsplit(origin)
        origin_port = parts.port or _DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return False
    name, port = _split_host(host)
    return (
        parts.scheme == scheme
        and (parts.hostname or "") == name.lower()
        and origin_port == (port or _DEFAULT_PORTS.get(scheme))
    )
