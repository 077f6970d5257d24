"""The `s20d` flags of the Linux platform, and the driver options they make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .settings import Settings

if TYPE_CHECKING:
    from s20.drivers.linux import LinuxOptions

__all__ = ["linux_flags", "linux_options"]

F = TypeVar("F", bound=Callable[..., Any])

_FLAGS = (
    click.option(
        "--thread-iface",
        envvar="S20_THREAD_IFACE",
        default="wpan0",
        show_default=True,
        help="linux: otbr-agent's Thread interface; its CLI socket is /run/openthread-IFACE.sock.",
    ),
    click.option(
        "--eth-iface",
        envvar="S20_ETH_IFACE",
        default="eth0",
        show_default=True,
        help="linux: the Ethernet interface (a NetworkManager device).",
    ),
    click.option(
        "--wifi-iface",
        envvar="S20_WIFI_IFACE",
        default="wlan0",
        show_default=True,
        help="linux: the Wi-Fi interface (a NetworkManager device).",
    ),
    click.option(
        "--firmware-installer",
        envvar="S20_FIRMWARE_INSTALLER",
        default=None,
        help="linux: the command that installs a verified firmware image, given its path "
        "(e.g. 'dpkg -i') [default: none, upgrades are refused].",
    ),
    click.option(
        "--host-root",
        envvar="S20_HOST_ROOT",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("/"),
        show_default=True,
        help="linux: read proc/, sys/, etc/ under this folder and write the timesyncd drop-in "
        "there (for containers and tests).",
    ),
)


def linux_flags(command: F) -> F:
    """Add the Linux platform's flags to `command`, in the order of `--help`."""
    for flag in reversed(_FLAGS):
        command = flag(command)
    return command


def linux_options(settings: Settings) -> LinuxOptions | None:
    """Return the Linux drivers' options (None on any other platform)."""
    if settings.platform != "linux":
        return None
    from s20.drivers.linux import HostPaths, LinuxOptions  # dbus-fast loads on linux only

    return LinuxOptions(
        paths=HostPaths(settings.host_root),
        eth_iface=settings.eth_iface,
        wifi_iface=settings.wifi_iface,
        firmware_installer=settings.firmware_installer,
    )
