"""What must be in place before the Linux platform starts, each problem one line."""

from __future__ import annotations

import os
from pathlib import Path

from ._bus import Bus, BusError
from ._nm import NM, NM_PATH

__all__ = ["NM_ACTIONS", "NM_NOT_RUNNING", "check_host"]

NM_NOT_RUNNING = "NetworkManager is not running on the system bus"
# The polkit actions s20d needs from NetworkManager; "no" means it will be refused.
NM_ACTIONS = (
    "org.freedesktop.NetworkManager.network-control",
    "org.freedesktop.NetworkManager.settings.modify.system",
    "org.freedesktop.NetworkManager.wifi.scan",
)


def _check_socket(path: Path) -> list[str]:
    if not path.exists():
        return [f"otbr-agent socket not found at {path}"]
    if not os.access(path, os.R_OK | os.W_OK):
        return [f"no permission to use the otbr-agent socket {path}"]
    return []


async def _check_network_manager(bus: Bus, ifaces: dict[str, str]) -> list[str]:
    try:
        running = await bus.has_owner(NM)
    except BusError as exc:
        return [f"{NM_NOT_RUNNING} (the system bus cannot be reached: {exc})"]
    if not running:
        return [NM_NOT_RUNNING]
    problems = []
    for option, iface in ifaces.items():
        try:
            await bus.call(NM, NM_PATH, NM, "GetDeviceByIpIface", "s", [iface])
        except BusError as exc:
            if exc.name.endswith("AccessDenied"):
                problems.append(f"no permission to talk to NetworkManager: {exc}")
                break
            problems.append(f"NetworkManager has no interface {iface} ({option})")
    try:
        (permissions,) = await bus.call(NM, NM_PATH, NM, "GetPermissions")
    except BusError as exc:
        return [*problems, f"no permission to ask NetworkManager what s20d may do: {exc}"]
    problems += [
        f"no permission to use NetworkManager's {action} (install contrib/polkit/50-s20d.rules)"
        for action in NM_ACTIONS
        if permissions.get(action) == "no"
    ]
    return problems


async def check_host(bus: Bus, socket: Path | None, ifaces: dict[str, str]) -> list[str]:
    """Return what keeps the platform from starting: the radio's socket, NetworkManager.

    `socket` is otbr-agent's CLI socket when the radio is one; `ifaces` maps each
    option (`--eth-iface`) to the interface it names.
    """
    problems = _check_socket(socket) if socket is not None else []
    return problems + await _check_network_manager(bus, ifaces)
