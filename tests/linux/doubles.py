"""A private system bus with python-dbusmock playing NetworkManager, timedated, logind, systemd.

dbus-daemon and python-dbusmock (with dbus-python under it) are Debian tools here: the
mock servers run on the system's Python (`python3-dbusmock`), as their own processes.
A test that needs them skips when they are missing, and fails when `CI` is set.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from s20.drivers.linux import Bus

__all__ = [
    "ETH",
    "NM_MOCK",
    "WLAN",
    "Doubles",
    "mock_call",
    "need_tools",
    "private_bus",
    "running_doubles",
]

MOCK_PYTHON = os.environ.get("S20_DBUSMOCK_PYTHON", "/usr/bin/python3")
NM = "org.freedesktop.NetworkManager"
NM_PATH = "/org/freedesktop/NetworkManager"
NM_MOCK = (NM, NM_PATH)
ETH = f"{NM_PATH}/Devices/eth0"
WLAN = f"{NM_PATH}/Devices/wlan0"
MOCK = "org.freedesktop.DBus.Mock"
START_LIMIT = 15.0  # seconds a mock server may take to claim its name

_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={path}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
"""


def _missing() -> str | None:
    if shutil.which("dbus-daemon") is None:
        return "dbus-daemon is not installed (apt-get install dbus)"
    probe = [MOCK_PYTHON, "-c", "import dbusmock"]
    if not Path(MOCK_PYTHON).exists() or subprocess.run(probe, check=False).returncode:
        return (
            f"python-dbusmock is not installed for {MOCK_PYTHON} (apt-get install python3-dbusmock)"
        )
    return None


def need_tools() -> None:
    """Skip (fail under CI) when dbus-daemon or python-dbusmock is missing."""
    reason = _missing()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@contextmanager
def private_bus() -> Iterator[str]:
    """Run a private system-type dbus-daemon; yield its address."""
    with tempfile.TemporaryDirectory(prefix="s20bus-", dir="/tmp") as folder:
        socket = Path(folder) / "bus"
        config = Path(folder) / "bus.conf"
        config.write_text(_CONFIG.format(path=socket))
        daemon = subprocess.Popen(
            ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # it says it cannot raise its fd limit: harmless
            text=True,
        )
        try:
            assert daemon.stdout is not None
            address = daemon.stdout.readline().strip()
            assert address, "dbus-daemon printed no address"
            yield address
        finally:
            daemon.terminate()
            daemon.wait(10)


async def mock_call(
    bus: Bus, service: tuple[str, str], member: str, signature: str = "", *body: Any
) -> list[Any]:
    """Call a python-dbusmock control method (`AddWiFiDevice`, `AddMethod`, ...)."""
    return await bus.call(service[0], service[1], MOCK, member, signature, body)


def _wait_owned(address: str, name: str, process: subprocess.Popen[bytes]) -> None:
    async def owned() -> bool:
        bus = Bus(address)
        try:
            return await bus.has_owner(name)
        finally:
            bus.close()

    deadline = time.monotonic() + START_LIMIT
    while not asyncio.run(owned()):
        assert process.poll() is None, f"the {name} double exited"
        assert time.monotonic() < deadline, f"the {name} double did not start"
        time.sleep(0.05)  # a child process starting, not a protocol timer


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(10)


class Doubles:
    """The private bus's address and the services running on it."""

    def __init__(self, address: str, services: Sequence[str]) -> None:
        self.address = address
        self.services = tuple(services)


TEMPLATES = {
    "networkmanager": NM,
    "timedated": "org.freedesktop.timedate1",
    "logind": "org.freedesktop.login1",
    "systemd": "org.freedesktop.systemd1",
}


@contextmanager
def running_doubles(*templates: str) -> Iterator[Doubles]:
    """Run a private bus with the named dbusmock templates on it (all four by default)."""
    chosen = templates or tuple(TEMPLATES)
    with ExitStack() as stack:
        address = stack.enter_context(private_bus())
        env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address}
        started = []
        for template in chosen:  # all at once: each is a fresh interpreter
            process = subprocess.Popen(
                [MOCK_PYTHON, "-m", "dbusmock", "--template", template],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(_stop, process)
            started.append((TEMPLATES[template], process))
        for name, process in started:
            _wait_owned(address, name, process)
        yield Doubles(address, chosen)
