"""`s20d`: serve the GL-S20 HTTP API."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from s20 import __version__
from s20.api import create_app
from s20.clock import SystemClock
from s20.errors import S20Error
from s20.otcli import RadioError, parse_radio_url
from s20.services.system import check_url
from s20.store import Database, StoreError

from ._linux_flags import linux_flags, linux_options
from ._protocol import hardened_protocol
from ._server import Server, announce_when_started, ignore_signal, server_config
from .device import Device, DeviceInfo
from .otbr_rest import bind_otbr_rest
from .platform import PLATFORMS, PlatformUnavailable, open_platform, otbr_socket
from .settings import LOG_LEVELS, Settings, default_state_dir, load_config_file

__all__ = ["main", "serve"]

log = logging.getLogger("s20d")


def _load_config(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is None:
        return
    try:
        ctx.default_map = load_config_file(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _split_list(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _proxy_addresses(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    items = _split_list(ctx, param, value)
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise click.BadParameter(f"{item!r} is no IP address or network") from None
    return items


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    envvar="S20_CONFIG",
    is_eager=True,
    expose_value=False,
    callback=_load_config,
    help="TOML file with any of the options below, named with underscores (state_dir, ...).",
)
@click.option(
    "--host",
    envvar="S20_HOST",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on.",
)
@click.option(
    "--port",
    envvar="S20_PORT",
    type=click.IntRange(0, 65535),
    default=8080,
    show_default=True,
    help="TCP port (0 picks a free one).",
)
@click.option(
    "--state-dir",
    envvar="S20_STATE_DIR",
    type=click.Path(path_type=Path),
    default=None,
    help="Where the database lives [default: ~/.local/state/s20].",
)
@click.option(
    "--log-level",
    envvar="S20_LOG_LEVEL",
    type=click.Choice(LOG_LEVELS),
    default="info",
    show_default=True,
)
@click.option(
    "--hostname",
    envvar="S20_HOSTNAME",
    default="gl-s20-otbr",
    show_default=True,
    help="Host name the device reports.",
)
@click.option(
    "--platform",
    envvar="S20_PLATFORM",
    type=click.Choice(PLATFORMS),
    default="sim",
    show_default=True,
    help="sim: a simulated S20; linux: this host's otbr-agent, NetworkManager and systemd.",
)
@click.option(
    "--radio",
    envvar="S20_RADIO",
    default=None,
    help="Thread radio: sim:[SCENARIO], unix:SOCKET, exec:COMMAND, serial:DEV?baud=N "
    "[default: sim: on the sim platform, otbr-agent's socket on linux].",
)
@linux_flags
@click.option(
    "--sim-speed",
    envvar="S20_SIM_SPEED",
    type=click.FloatRange(0.1, 1000.0),
    default=1.0,
    show_default=True,
    help="Run the simulated world's timers (radio, joiners, Wi-Fi) this many times faster.",
)
@click.option(
    "--allowed-hosts",
    envvar="S20_ALLOWED_HOSTS",
    default="",
    callback=_split_list,
    help="More host names to answer to, comma-separated (IP literals, localhost, the "
    "--hostname and *.local always answer).",
)
@click.option(
    "--forwarded-allow-ips",
    envvar="S20_FORWARDED_ALLOW_IPS",
    default="",
    callback=_proxy_addresses,
    help="Reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For "
    "and X-Forwarded-Proto are believed [default: none].",
)
@click.option(
    "--max-connections",
    envvar="S20_MAX_CONNECTIONS",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Answer 503 to requests past this many open connections.",
)
@click.option(
    "--header-timeout",
    envvar="S20_HEADER_TIMEOUT",
    type=click.FloatRange(0.1, 3600.0),
    default=10.0,
    show_default=True,
    help="Seconds a connection may take to send a request's headers before it is closed.",
)
@click.option(
    "--firmware-feed",
    envvar="S20_FIRMWARE_FEED",
    default=None,
    help="URL of the firmware feed (a JSON manifest); without one the simulation offers its own.",
)
@click.option(
    "--otbr-rest-port",
    envvar="S20_OTBR_REST_PORT",
    type=click.IntRange(0, 65535),
    default=8081,
    show_default=True,
    help="Port of the OpenThread Border Router REST API (Home Assistant's); 0 turns it off. "
    "It has no authentication, as otbr-agent's.",
)
@click.option(
    "--otbr-rest-read-only",
    envvar="S20_OTBR_REST_READ_ONLY",
    is_flag=True,
    default=False,
    help="Refuse every change through the OTBR REST API (403).",
)
@click.version_option(__version__, prog_name="s20d")
def main(
    host: str,
    port: int,
    state_dir: Path | None,
    log_level: str,
    hostname: str,
    platform: str,
    radio: str | None,
    thread_iface: str,
    eth_iface: str,
    wifi_iface: str,
    firmware_installer: str | None,
    host_root: Path,
    sim_speed: float,
    allowed_hosts: tuple[str, ...],
    forwarded_allow_ips: tuple[str, ...],
    max_connections: int,
    header_timeout: float,
    firmware_feed: str | None,
    otbr_rest_port: int,
    otbr_rest_read_only: bool,
) -> None:
    """Serve the GL-S20 HTTP API: a simulated S20 unless told otherwise."""
    if radio is None:
        radio = otbr_socket(thread_iface) if platform == "linux" else "sim:"
    settings = Settings(
        host=host,
        port=port,
        state_dir=state_dir or default_state_dir(),
        log_level=log_level,
        hostname=hostname,
        radio=radio,
        sim_speed=sim_speed,
        allowed_hosts=allowed_hosts,
        forwarded_allow_ips=forwarded_allow_ips,
        max_connections=max_connections,
        header_timeout=header_timeout,
        firmware_feed=firmware_feed,
        otbr_rest_port=otbr_rest_port,
        otbr_rest_read_only=otbr_rest_read_only,
        platform=platform,
        thread_iface=thread_iface,
        eth_iface=eth_iface,
        wifi_iface=wifi_iface,
        firmware_installer=firmware_installer,
        host_root=host_root,
    )
    if firmware_feed is not None:
        try:
            check_url(firmware_feed)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--firmware-feed") from None
    try:
        parse_radio_url(radio)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--radio") from None
    console = logging.StreamHandler(sys.stderr)
    # The level is the console's: the device log (`/sys/get_log`) records INFO regardless.
    console.setLevel(log_level.upper())
    logging.basicConfig(
        level=log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[console],
    )
    try:
        runner = _event_loop_factory()
        with asyncio.Runner(loop_factory=runner) as loop_runner:
            loop_runner.run(serve(settings))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    except PlatformUnavailable as exc:
        raise _Problems(exc.problems) from None
    except (RadioError, S20Error) as exc:
        # At start there is nothing to serve without the radio; exit non-zero so a
        # supervisor (systemd Restart=on-failure) retries once otbr-agent is up.
        raise click.ClickException(f"cannot start the Thread radio ({radio}): {exc}") from None


class _Problems(click.ClickException):
    """Several reasons not to start: one `Error:` line each, exit status 1."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems

    def show(self, file: Any = None) -> None:
        for problem in self.problems:
            click.echo(f"Error: {problem}", err=True)


def _event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return None
    return uvloop.new_event_loop


async def serve(settings: Settings, *, announce: Callable[[str], None] = print) -> None:
    """Run the device and its HTTP server until SIGINT or SIGTERM."""
    listener = _listen(settings.host, settings.port)
    try:
        await _serve_on(listener, settings, announce)
    finally:
        listener.close()


def _listen(host: str, port: int) -> socket.socket:
    """Bind the listening socket first, so a taken port is one clear error before anything."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        reason = exc.strerror or str(exc)
        raise click.ClickException(f"cannot listen on {host} port {port}: {reason}") from None
    return sock


async def _serve_on(
    listener: socket.socket, settings: Settings, announce: Callable[[str], None]
) -> None:
    db = Database.in_dir(settings.state_dir)
    clock = SystemClock()
    try:
        platform = await open_platform(
            settings.radio,
            clock,
            settings.state_dir,
            sim_speed=settings.sim_speed,
            linux=linux_options(settings),
        )
    except BaseException:
        db.close()
        raise
    info = DeviceInfo(hostname=settings.hostname, firmware_feed=settings.firmware_feed)
    device = Device(db, clock, platform, info)
    try:
        await device.start()
        rest_socket = bind_otbr_rest(settings)  # a port in use is one clear error
    except BaseException:
        await device.close()
        db.close()
        raise
    hardening: dict[str, Any] = {
        "http": hardened_protocol(settings.header_timeout, settings.max_connections),
        # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise, which
        # would let any local client claim a new address for each failed login.
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": list(settings.forwarded_allow_ips),
    }
    app = create_app(device, device.routers(), allowed_hosts=settings.allowed_hosts)
    server = Server(server_config(app, settings, settings.port, **hardening))
    rest = rest_task = None
    if rest_socket is not None:
        # Imported only when served (`--otbr-rest-port 0` turns it off).
        from s20.otbr_rest import create_otbr_rest_app

        rest_app = create_otbr_rest_app(device, read_only=settings.otbr_rest_read_only)
        # otbr-agent sends no Date header either.
        config = server_config(
            rest_app, settings, settings.otbr_rest_port, date_header=False, **hardening
        )
        rest = Server(config, capture_signals=False)
        rest_task = asyncio.create_task(rest.serve(sockets=[rest_socket]))
    # uvicorn re-raises the signal it caught once it has shut down; a no-op handler of
    # ours makes that a clean return, so the device below is closed properly.
    previous = {s: signal.signal(s, ignore_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    watcher = asyncio.create_task(announce_when_started(server, rest, settings, device, announce))
    try:
        await server.serve(sockets=[listener])
    finally:
        if rest is not None and rest_task is not None:
            rest.should_exit = True  # stopped with the main server
            await rest_task
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await device.close()
        db.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("s20d stopped")
