"""The uplinks on the real s20d: settings survive a restart, and `s20ctl` drives them."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from s20.client import S20Client
from s20.client.cli import cli
from tests.conftest import PASSWORD
from tests.e2e.daemon import running_s20d

pytestmark = pytest.mark.e2e

# The simulated Wi-Fi scans and connects in seconds; ten times faster keeps the test short.
FAST = ("--sim-speed", "10")

STATIC = {"ip": "192.168.8.50", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}
READS = ("eth_config", "wifi_saved", "wifi_reconnect", "failover_config")


def wait_connected(client: S20Client, limit: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while (status := client.wifi_status())["status"] != 2:
        assert time.monotonic() < deadline, status
        time.sleep(0.05)
    return status


def test_settings_survive_a_restart_and_wifi_reconnects(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with running_s20d(state, *FAST) as url, S20Client(url) as client:
        client.set_init(PASSWORD)
        client.login(PASSWORD)
        client.eth_set_config("static", STATIC)
        client.wifi_set_reconnect(True)
        client.failover_set_config(
            eth={"enable": True, "check_interval": 5, "check_ipv4": ["192.0.2.1"]},
            priority={"eth": 3, "wifi": 1},
        )
        client.wifi_start("HomeNet", "goodlife-home", 3, save=True)
        before_status = wait_connected(client)
        before = {name: getattr(client, name)() for name in READS}
    assert before["eth_config"] == {"protocol": "static", "ipv4": STATIC}
    assert [n["ssid"] for n in before["wifi_saved"]["list"]] == ["HomeNet"]
    with running_s20d(state, *FAST) as url, S20Client(url) as client:
        client.login(PASSWORD)
        assert {name: getattr(client, name)() for name in READS} == before
        assert wait_connected(client) == before_status
        assert client.get_info()["wan_status"] == 2
        assert client.eth_status()["ipv4"]["ip"] == "192.168.8.50"


def ctl(url: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--url", url, "--password", PASSWORD, *args])
    assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def test_s20ctl_eth_wifi_failover(tmp_path: Path) -> None:
    with running_s20d(tmp_path / "state", *FAST) as url:
        with S20Client(url) as client:
            client.set_init(PASSWORD)
        assert "192.168.8.20" in ctl(url, "eth", "status").output
        static = ["--ip", "192.168.8.60", "--netmask", "255.255.255.0", "--gateway", "192.168.8.1"]
        ctl(url, "eth", "set", "static", *static)
        assert json.loads(ctl(url, "eth", "status", "--json").output)["config"]["ipv4"] == {
            "ip": "192.168.8.60",
            "netmask": "255.255.255.0",
            "gateway": "192.168.8.1",
        }
        scan = ctl(url, "wifi", "scan").output
        assert scan.index("HomeNet") < scan.index("Cafe Guest")
        out = ctl(url, "wifi", "connect", "HomeNet", "--password", "goodlife-home", "--save")
        assert "connected to HomeNet 192.168.50.23" in out.output
        assert json.loads(ctl(url, "wifi", "status", "--json").output)["status"] == 2
        assert "HomeNet" in ctl(url, "wifi", "saved").output
        ctl(url, "wifi", "reconnect", "on")
        assert json.loads(ctl(url, "wifi", "saved", "--json").output)["reconnect"] is True
        ctl(url, "wifi", "forget", "HomeNet")
        assert json.loads(ctl(url, "wifi", "saved", "--json").output)["list"] == []
        ctl(url, "wifi", "disconnect")
        checks = ["--check", "--interval", "2", "--address", "192.0.2.7"]
        ctl(url, "failover", "set", "wifi", *checks, "--address", "2001:db8::7", "--priority", "4")
        config = json.loads(ctl(url, "failover", "show", "--json").output)
        assert config["wifi"]["check_ipv4"] == ["192.0.2.7"]
        assert config["wifi"]["check_ipv6"] == ["2001:db8::7"]
        assert config["priority"] == {"eth": 1, "wifi": 4}
        assert "192.0.2.7" in ctl(url, "failover", "show").output
        wrong = ["wifi", "connect", "HomeNet", "--password", "wrong-password"]
        bad = CliRunner().invoke(cli, ["--url", url, "--password", PASSWORD, *wrong])
        assert bad.exit_code != 0
        assert "wrong password" in bad.output
