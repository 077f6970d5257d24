"""The OTBR REST API's listener: its socket, taken first, and its line in the banner."""

from __future__ import annotations

import socket

import click

from .settings import Settings

__all__ = ["bind_otbr_rest", "otbr_rest_banner"]


def bind_otbr_rest(settings: Settings) -> socket.socket | None:
    """Take the OTBR REST API's port on the main listener's host; None if it is off.

    On a Linux border router otbr-agent may already serve its own REST API on 8081:
    that is one clear error at start, not a half-started daemon.
    """
    if settings.otbr_rest_port == 0:
        return None
    host, port = settings.host, settings.otbr_rest_port
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _name, address = infos[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise click.ClickException(f"OTBR REST API: cannot listen on {host}: {exc}") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise click.ClickException(
            f"OTBR REST API: cannot listen on {host} port {port} ({exc.strerror}); is "
            "otbr-agent's own REST server running? Choose --otbr-rest-port, or 0 for none"
        ) from None
    sock.set_inheritable(True)
    return sock


def otbr_rest_banner(url: str | None, *, read_only: bool) -> str:
    """Return the start banner's line: where the API is, and that it has no authentication."""
    if url is None:
        return "  OTBR REST API: off (--otbr-rest-port 0)"
    if read_only:
        return f"  OTBR REST API: {url} read-only, no authentication (as otbr-agent's)"
    return (
        f"  OTBR REST API: {url} with NO authentication (as otbr-agent's): anyone who "
        "reaches it can read the network key and change the Thread network; "
        "--otbr-rest-read-only refuses changes"
    )
