"""`s20d --platform linux` end to end: the real daemon, the real client, D-Bus doubles.

The doubles: a private bus with python-dbusmock playing NetworkManager, timedated,
logind and systemd, and the simulated OpenThread node serving otbr-agent's CLI socket.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from s20.client import S20Client
from s20.client.results import Ipv4Config
from s20.drivers.linux import NM_NOT_RUNNING, Bus
from s20.errors import S20Error
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d
from tests.sim.unix_server import running_sim, short_dir

from .doubles import Doubles, private_bus

pytestmark = pytest.mark.e2e

ETH_MAC, WIFI_MAC, SERIAL = "dc:a6:32:0a:0b:0c", "dc:a6:32:0a:0b:0d", "10000000feedf00d"
STATIC: Ipv4Config = {"ip": "192.168.1.60", "netmask": "255.255.255.0", "gateway": "192.168.1.1"}


def host_root(root: Path) -> Path:
    """Lay out the host files the platform reads: MACs and a device-tree serial."""
    for iface, mac in (("eth0", ETH_MAC), ("wlan0", WIFI_MAC)):
        (root / "sys/class/net" / iface).mkdir(parents=True)
        (root / "sys/class/net" / iface / "address").write_text(mac.upper() + "\n")
    (root / "proc/device-tree").mkdir(parents=True)
    (root / "proc/device-tree/serial-number").write_bytes(SERIAL.encode() + b"\0")
    (root / "proc/meminfo").write_text("MemTotal: 4000000 kB\nMemAvailable: 3000000 kB\n")
    return root


def test_without_otbr_agent_and_network_manager_it_says_why_in_one_line_each(
    tmp_path: Path,
) -> None:
    from .doubles import need_tools

    need_tools()
    with private_bus() as empty:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("S20_")},
            "DBUS_SYSTEM_BUS_ADDRESS": empty,
        }
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "s20.daemon",
                "--platform",
                "linux",
                "--thread-iface",
                "s20absent",
                "--port",
                "0",
                "--otbr-rest-port",
                "0",
                "--state-dir",
                str(tmp_path / "state"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "Error: otbr-agent socket not found at /run/openthread-s20absent.sock",
        f"Error: {NM_NOT_RUNNING}",
    ]


@pytest.fixture
def agent() -> Iterator[Path]:
    """Serve a simulated node on a unix socket, as otbr-agent serves its CLI."""
    with short_dir() as folder, running_sim(folder / "openthread-wpan0.sock") as server:
        yield server.path


def wait_for(what: str, read: Any, limit: float = 15.0) -> Any:
    deadline = time.monotonic() + limit
    while not (value := read()):
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    return value


def timezone_of(address: str) -> str:
    async def read() -> str:
        bus = Bus(address)
        try:
            zone = await bus.get(
                "org.freedesktop.timedate1",
                "/org/freedesktop/timedate1",
                "org.freedesktop.timedate1",
                "Timezone",
            )
            return str(zone)
        finally:
            bus.close()

    return asyncio.run(read())


def test_uplinks_and_system_through_http(
    doubles: Doubles, agent: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", doubles.address)
    root = host_root(tmp_path / "host")
    args = ("--platform", "linux", "--radio", f"unix:{agent}", "--host-root", str(root))
    with running_s20d(tmp_path / "state", *args) as url, S20Client(url) as s20:
        s20.set_init(PASSWORD)
        s20.login(PASSWORD)
        status = s20.system_status()
        assert (status["eth_mac"], status["wifi_mac"], status["sn"]) == (ETH_MAC, WIFI_MAC, SERIAL)
        assert status["memory_total"] == 4000000 * 1024

        eth = s20.eth_status()
        assert (eth["status"], eth["ipv4"]["ip"]) == (1, "192.168.1.50")
        s20.eth_set_config("static", STATIC)
        assert s20.eth_config() == {"protocol": "static", "ipv4": STATIC}

        scan = s20.wifi_scan()["list"]
        assert [ap["ssid"] for ap in scan] == ["HomeNet", "Modern", "Cafe Guest"]
        with pytest.raises(S20Error) as refused:  # WAPI: NetworkManager cannot
            s20.wifi_start("HomeNet", "goodlife-home", 8)
        assert refused.value.code == -32602
        assert "(0, 1, 2, 3, 4, 6, 7, 9), got 8" in refused.value.err_msg
        assert s20.wifi_status()["status"] == 0  # nothing started
        s20.wifi_start("HomeNet", "goodlife-home", 3, save=True)
        wifi = wait_for("connected", lambda: (s := s20.wifi_status())["status"] == 2 and s)
        assert (wifi["ssid"], wifi["ipv4"]["ip"]) == ("HomeNet", "192.168.50.23")
        assert [n["ssid"] for n in s20.wifi_saved()["list"]] == ["HomeNet"]
        assert s20.get_info()["wan_status"] == 2

        s20.set_time_config(sntp="ntp.example.org", timezone="UTC+8")
        dropin = root / "etc/systemd/timesyncd.conf.d/s20.conf"
        wait_for("the drop-in", lambda: "NTP=ntp.example.org" in dropin.read_text())
        wait_for("timedated's zone", lambda: timezone_of(doubles.address) == "Etc/GMT-8")
        assert s20.thread_status()["RCP"]["EUI64"]
