"""`/sys/get_status` and the time settings."""

from __future__ import annotations

from pathlib import Path

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.drivers.sim_system import host_memory
from tests.api.helpers import init_and_login, login
from tests.conftest import call

START = 1_767_225_600  # the ManualClock's wall time at 0


def meminfo_kib(name: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    raise AssertionError(name)


async def test_get_status_reports_the_machine_and_the_identity(
    api: httpx.AsyncClient, device: Device
) -> None:
    token = await init_and_login(api)
    data = await call(api, "GET", "/sys/get_status", token=token)
    assert data["code"] == 0
    result = data["result"]
    assert isinstance(result, dict)
    assert result["memory_total"] == meminfo_kib("MemTotal") * 1024
    assert 0 < result["memory_free"] <= result["memory_total"]
    identity = device.identity
    assert (result["eth_mac"], result["wifi_mac"], result["ble_mac"]) == (
        identity.eth_mac,
        identity.wifi_mac,
        identity.ble_mac,
    )
    assert result["eth_mac"].startswith("94:83:c4:")
    assert result["model"] == "S20"
    assert result["sn"] == identity.serial
    assert len(result["sn"]) == 16


def test_host_memory_without_proc(tmp_path: Path) -> None:
    memory = host_memory(tmp_path / "no-meminfo")
    assert memory.total == meminfo_kib("MemTotal") * 1024
    assert 0 < memory.free <= memory.total


def test_host_memory_reads_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  2048 kB\nMemFree:  512 kB\nMemAvailable:  1024 kB\n")
    memory = host_memory(meminfo)
    assert (memory.total, memory.free) == (2048 * 1024, 1024 * 1024)


async def time_config(api: httpx.AsyncClient, token: str) -> dict[str, object]:
    data = await call(api, "GET", "/sys/get_time_config", token=token)
    assert data["code"] == 0
    result = data["result"]
    assert isinstance(result, dict)
    return result


async def test_time_defaults_and_localtime_follows_the_zone(
    api: httpx.AsyncClient, clock: ManualClock, device: Device
) -> None:
    token = await init_and_login(api)
    assert await time_config(api, token) == {
        "sntp": "pool.ntp.org",
        "timezone": 0,
        "localtime": START,
    }
    body = {"sntp": "time.example.org", "timezone": "UTC+8"}
    assert await call(api, "POST", "/sys/set_time_config", body, token) == {
        "code": 0,
        "result": {},
    }
    clock.advance(10)
    assert await time_config(api, token) == {
        "sntp": "time.example.org",
        "timezone": 8,
        "localtime": START + 10 + 8 * 3600,
    }
    applied = device.system.drivers.time.applied()
    assert applied is not None
    assert (applied.sntp, applied.timezone) == ("time.example.org", 8)


@pytest.mark.parametrize(
    ("zone", "offset"),
    [("UTC-12", -12), ("UTC+14", 14), ("UTC+0", 0), ("UTC-5", -5), (-12, -12), (14, 14), (3, 3)],
)
async def test_every_documented_zone(api: httpx.AsyncClient, zone: str | int, offset: int) -> None:
    token = await init_and_login(api)
    data = await call(api, "POST", "/sys/set_time_config", {"timezone": zone}, token)
    assert data["code"] == 0, data
    result = await time_config(api, token)
    assert result["timezone"] == offset
    assert result["localtime"] == START + offset * 3600
    assert result["sntp"] == "pool.ntp.org"


@pytest.mark.parametrize(
    "sntp", ["ntp.example.org", "192.0.2.1", "2001:db8::1", "ntp1", "time.nist.gov."]
)
async def test_sntp_server_names_and_addresses(api: httpx.AsyncClient, sntp: str) -> None:
    token = await init_and_login(api)
    data = await call(api, "POST", "/sys/set_time_config", {"sntp": sntp}, token)
    assert data["code"] == 0, data
    assert (await time_config(api, token))["sntp"] == sntp


BAD_TIME = [
    ({"timezone": "UTC+15"}, "timezone"),
    ({"timezone": "UTC-13"}, "timezone"),
    ({"timezone": "UTC+08"}, "timezone"),
    ({"timezone": "UTC-0"}, "timezone"),
    ({"timezone": "GMT+1"}, "timezone"),
    ({"timezone": "utc+1"}, "timezone"),
    ({"timezone": "UTC+8 "}, "timezone"),
    ({"timezone": 15}, "timezone"),
    ({"timezone": -13}, "timezone"),
    ({"timezone": True}, "timezone"),
    ({"timezone": 1.5}, "timezone"),
    ({"timezone": [8]}, "timezone"),
    ({"timezone": None}, "timezone"),
    ({"sntp": ""}, "sntp"),
    ({"sntp": "bad host"}, "sntp"),
    ({"sntp": "-lead.example.org"}, "sntp"),
    ({"sntp": "a" * 64 + ".example.org"}, "sntp"),
    ({"sntp": "300.1.2.3"}, "sntp"),
    ({"sntp": "ntp..example.org"}, "sntp"),
    ({"sntp": "ntp_1.example.org"}, "sntp"),
    ({"sntp": 5}, "sntp"),
    ({"sntp": True}, "sntp"),
    ({"sntp": "ntp.example.org", "timezone": "UTC+99"}, "timezone"),
    ({"sntp": "x y", "timezone": "UTC+1"}, "sntp"),
]


@pytest.mark.parametrize(("body", "field"), BAD_TIME)
async def test_bad_time_config_changes_nothing(
    api: httpx.AsyncClient, device: Device, body: dict[str, object], field: str
) -> None:
    token = await init_and_login(api)
    before = await time_config(api, token)
    data = await call(api, "POST", "/sys/set_time_config", body, token)
    assert data["code"] == -32602, data
    err_msg = data["err_msg"]
    assert isinstance(err_msg, str)
    assert err_msg.startswith(field + " "), err_msg
    assert await time_config(api, token) == before
    assert device.system.drivers.time.applied() == device.system.time.settings()


async def test_restart_keeps_and_reset_erases_the_time_settings(
    api: httpx.AsyncClient, device: Device
) -> None:
    token = await init_and_login(api)
    body = {"sntp": "ntp.example.org", "timezone": -3}
    assert (await call(api, "POST", "/sys/set_time_config", body, token))["code"] == 0
    await device.restart()
    token = await login(api)  # a restart ends every session
    assert (await time_config(api, token))["timezone"] == -3
    await device.reset()
    applied = device.system.drivers.time.applied()
    assert applied is not None
    assert (applied.sntp, applied.timezone) == ("pool.ntp.org", 0)
    token = await init_and_login(api)
    assert (await time_config(api, token))["sntp"] == "pool.ntp.org"
