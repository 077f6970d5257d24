"""uvicorn as s20d runs it: one or two servers on one loop, and the banner once they listen."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import Callable, Generator
from typing import Any

import uvicorn

from s20 import __version__

from .device import Device
from .otbr_rest import otbr_rest_banner
from .settings import Settings

__all__ = ["Server", "announce_when_started", "ignore_signal", "listening_url", "server_config"]


def server_config(app: Any, settings: Settings, port: int, **options: Any) -> uvicorn.Config:
    """Return uvicorn's settings for one of s20d's servers: no logging setup, no lifespan."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=port,
        log_config=None,
        log_level=settings.log_level,
        access_log=settings.log_level == "debug",
        lifespan="off",
        server_header=False,
        **options,
    )


def ignore_signal(_signum: int, _frame: Any) -> None:
    """Do nothing: installed so that uvicorn's re-raised signal ends `serve` cleanly."""
    return


class Server(uvicorn.Server):
    """uvicorn's server, with an event set once it listens."""

    def __init__(self, config: uvicorn.Config, *, capture_signals: bool = True) -> None:
        super().__init__(config)
        self.listening = asyncio.Event()
        self._signals = capture_signals

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        # One server of the two takes SIGINT/SIGTERM; the other is stopped with it.
        if self._signals:
            with super().capture_signals():
                yield
        else:
            yield

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self.listening.set()


def listening_url(server: Server, host: str, port: int) -> str:
    """Return the URL `server` listens on (the port it was given when 0 was asked for)."""
    sockets = [s for srv in server.servers for s in (srv.sockets or ())]
    host, port = sockets[0].getsockname()[:2] if sockets else (host, port)
    return f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"


async def announce_when_started(
    server: Server,
    rest: Server | None,
    settings: Settings,
    device: Device,
    announce: Callable[[str], None],
) -> None:
    """Print the start banner once both servers listen: the URLs and what to do next."""
    await server.listening.wait()
    if rest is not None:
        await rest.listening.wait()
    kind = "simulated" if device.simulated else "real-radio"
    url = listening_url(server, settings.host, settings.port)
    lines = [
        f"s20d {__version__}: GL-S20 ({kind}) listening on {url}",
        f"  state: {settings.state_dir}",
        f"  thread radio: {device.link.url}",
        f"  web panel: {url}/",
        f"  API docs: {url}/docs",
        otbr_rest_banner(
            listening_url(rest, settings.host, settings.otbr_rest_port) if rest else None,
            read_only=settings.otbr_rest_read_only,
        ),
    ]
    if not device.auth.initialized():
        lines += [
            "  next: set the admin password (10-32 characters), e.g.",
            f"    .venv/bin/s20ctl --url {url} init",
            f'    curl -s {url}/ui/set_init -d \'{{"lang":"en","password":"..."}}\'',
        ]
    else:
        lines.append(f"  next: log in, e.g. .venv/bin/s20ctl --url {url} status")
    announce("\n".join(lines))
    sys.stdout.flush()
