"""Exporting and importing the whole configuration, all or nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.daemon.platform import open_platform
from s20.errors import OperationFailed
from tests.api.helpers import init_and_login, login
from tests.api.radios import api_for
from tests.conftest import call

NETWORK = {
    "nwk_on_off": 1,
    "txpower": 12,
    "passphrase": "Home-Passphrase-1",
    "bbr_on_off": 0,
    "channel": 15,
    "pan_id": 0x1234,
    "nwk_key": "00112233445566778899aabbccddeeff",
    "ext_pan_id": "dead00beef00cafe",
    "nwk_name": "Home",
}


async def exported(api: httpx.AsyncClient, token: str) -> dict[str, Any]:
    data = await call(api, "POST", "/sys/export_sys_config", {}, token)
    assert data["code"] == 0, data
    result = data["result"]
    assert isinstance(result, dict)
    return result


async def raw_export(api: httpx.AsyncClient, token: str) -> bytes:
    response = await api.post("/sys/export_sys_config", headers={"Token": token})
    return response.content


async def test_a_fresh_device_exports_the_documented_document(
    api: httpx.AsyncClient, device: Device
) -> None:
    token = await init_and_login(api)
    document = await exported(api, token)
    assert list(document) == [
        "cfg_ver",
        "ui_cfg",
        "sntp_cfg",
        "otbr_cfg",
        "wifi_cfg",
        "eth_failover_cfg",
        "wifi_failover_cfg",
        "eth_dhcp_cfg",
        "wifi_dhcp_cfg",
        "wifi_saved",
    ]
    assert document["cfg_ver"] == 1
    assert document["ui_cfg"] == {"language": "en"}
    assert document["sntp_cfg"] == {"sntp_srv": "pool.ntp.org", "time_zone": "UTC+0"}
    otbr = document["otbr_cfg"]
    assert (otbr["nwk_on_off"], otbr["txpower"], otbr["passphrase"]) == (0, 6, "goodlife")
    assert (otbr["bbr_on_off"], otbr["channel"]) == (0, 26)
    assert otbr["nwk_name"] == "GL-S20-" + device.identity.eth_mac.replace(":", "")[-3:].upper()
    assert len(otbr["nwk_key"]) == 32
    assert len(otbr["ext_pan_id"]) == 16
    assert 1 <= otbr["pan_id"] <= 0xFFFE
    assert document["wifi_cfg"] == {
        "wifi_on_off": 0,
        "ssid": "",
        "password": "",
        "lock_bssid": False,
        "bssid": "",
        "authmode": 0,
    }
    assert document["eth_failover_cfg"]["priority"] == 1
    assert document["wifi_failover_cfg"]["priority"] == 2
    assert document["eth_dhcp_cfg"] == {
        "enable": True,
        "static_ipv4": {"ip": "", "netmask": "", "gateway": ""},
    }
    assert document["wifi_saved"] == {"list": []}
    # The identity is the device's own and never part of a configuration.
    text = json.dumps(document)
    assert device.identity.serial not in text
    assert device.identity.eth_mac not in text


@pytest.fixture
async def second(tmp_path: Path, clock: ManualClock) -> AsyncIterator[httpx.AsyncClient]:
    state = tmp_path / "second"
    platform = await open_platform("sim:", clock, state)
    async with api_for(platform, state, clock) as (api, _device):
        yield api


async def configure(api: httpx.AsyncClient, token: str, clock: ManualClock) -> None:
    for path, body in [
        (
            "/otbr/set_config",
            {
                "NetworkName": "Home",
                "Channel": 15,
                "PanId": 0x1234,
                "NetworkKey": NETWORK["nwk_key"],
                "ExtPanId": NETWORK["ext_pan_id"],
                "Passphrase": NETWORK["passphrase"],
            },
        ),
        ("/otbr/set_txpower", {"TXPower": 12}),
        ("/otbr/start", {}),
        ("/sys/set_time_config", {"sntp": "ntp.example.org", "timezone": "UTC+8"}),
    ]:
        data = await call(api, "POST", path, body, token)
        assert data["code"] == 0, (path, data)
    await clock.advance_async(1)
    await configure_uplinks(api, token, clock)


# Access points of the simulated default uplinks, and the password HomeNet takes.
CAFE = {"ssid": "Cafe Guest", "auth_mode": 0, "pwd": ""}
HOME = {"ssid": "HomeNet", "auth_mode": 3, "pwd": "goodlife-home"}
ETH_STATIC = {"ip": "192.168.8.20", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}
CHECKS = {
    "eth": {"enable": True, "check_interval": 5, "check_ipv4": ["1.1.1.1"], "check_ipv6": []},
    "wifi": {"enable": True, "check_fail_time": 4, "check_ipv6": ["2001:4860:4860::8888"]},
    "priority": {"eth": 3, "wifi": 2},
}


async def configure_uplinks(api: httpx.AsyncClient, token: str, clock: ManualClock) -> None:
    """Save the Cafe's Wi-Fi and HomeNet's, stay on HomeNet; static Ethernet; checks on."""
    for network in (CAFE, HOME):
        data = await call(api, "POST", "/wifi/start", {**network, "enable_wifi_save": True}, token)
        assert data["code"] == 0, data
        await clock.advance_async(4)  # association, then DHCP
        status = await call(api, "GET", "/wifi/get_status", token=token)
        assert status["result"]["status"] == 2, status  # type: ignore[index]
    for path, body in [
        ("/eth/set_config", {"protocol": "static", "ipv4": ETH_STATIC}),
        ("/wan_failover/set_config", CHECKS),
    ]:
        data = await call(api, "POST", path, body, token)
        assert data["code"] == 0, (path, data)


async def test_export_then_import_into_a_fresh_device_gives_the_same_document(
    api: httpx.AsyncClient, second: httpx.AsyncClient, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    await configure(api, token, clock)
    document = await exported(api, token)
    assert document["otbr_cfg"] == NETWORK  # secrets included: the export is a backup
    assert document["sntp_cfg"] == {"sntp_srv": "ntp.example.org", "time_zone": "UTC+8"}
    # The uplinks as configured over HTTP, Wi-Fi passwords included.
    assert document["wifi_cfg"] == {
        "wifi_on_off": 1,
        "ssid": "HomeNet",
        "password": "goodlife-home",
        "lock_bssid": False,
        "bssid": "",
        "authmode": 3,
    }
    assert document["eth_dhcp_cfg"] == {"enable": False, "static_ipv4": ETH_STATIC}
    assert document["eth_failover_cfg"]["priority"] == 3
    assert document["wifi_failover_cfg"]["check_fail_time"] == 4
    assert [n["ssid"] for n in document["wifi_saved"]["list"]] == ["Cafe Guest", "HomeNet"]

    other = await call(
        second, "POST", "/ui/set_init", {"lang": "zh-cn", "password": "another-pw-1"}
    )
    assert other["code"] == 0
    token2 = await login(second, "another-pw-1")
    assert (await exported(second, token2))["otbr_cfg"] != NETWORK
    data = await call(second, "POST", "/sys/import_sys_config", document, token2)
    assert data == {"code": 0, "result": {}}
    await clock.advance_async(3)
    assert await exported(second, token2) == document
    # The import reached the radio: Thread runs the imported network.
    status = await call(second, "GET", "/otbr/get_status", token=token2)
    result = status["result"]
    assert isinstance(result, dict)
    assert result["Network"]["NetworkName"] == "Home"
    assert result["Network"]["Channel"] == 15
    assert result["RCP"]["TXPower"] == 12
    time_config = await call(second, "GET", "/sys/get_time_config", token=token2)
    assert time_config["result"]["timezone"] == 8  # type: ignore[index]
    await uplinks_use_the_configured_settings(second, token2)
    # The importing device keeps its own password: only the language came along.
    assert (await login(second, "another-pw-1")) != ""


async def uplinks_use_the_configured_settings(api: httpx.AsyncClient, token: str) -> None:
    """Check, through the uplink routes, that `configure_uplinks`'s settings are in use."""
    wifi = await call(api, "GET", "/wifi/get_status", token=token)
    assert wifi["result"] == {
        "status": 2,
        "fail_msg": "",
        "ssid": "HomeNet",
        "bssid": "94:83:c4:12:34:56",
        "ipv4": {"ip": "192.168.50.23", "gateway": "192.168.50.1"},
        "ipv6": {"ip": "fd00:50::23"},
    }
    eth = await call(api, "GET", "/eth/get_config", token=token)
    assert eth["result"] == {"protocol": "static", "ipv4": ETH_STATIC}
    failover = await call(api, "GET", "/wan_failover/get_config", token=token)
    assert failover["result"] == {
        "eth": {
            "enable": True,
            "check_interval": 5,
            "check_success_time": 3,
            "check_fail_time": 3,
            "check_ipv4": ["1.1.1.1"],
            "check_ipv6": [],
        },
        "wifi": {
            "enable": True,
            "check_interval": 1,
            "check_success_time": 3,
            "check_fail_time": 4,
            "check_ipv4": ["1.1.1.1", "8.8.8.8"],
            "check_ipv6": ["2001:4860:4860::8888"],
        },
        "priority": {"eth": 3, "wifi": 2},
    }
    saved = await call(api, "GET", "/wifi/get_save_wifi", token=token)
    dhcp = {"protocol": "dhcp", "ipv4": {"ip": "", "netmask": "", "gateway": ""}}
    assert saved["result"] == {
        "list": [
            {"ssid": "Cafe Guest", "bssid": "", "lock_bssid": False, "auth_mode": 0, "pwd": ""}
            | dhcp,
            {
                "ssid": "HomeNet",
                "bssid": "",
                "lock_bssid": False,
                "auth_mode": 3,
                "pwd": "goodlife-home",
            }
            | dhcp,
        ]
    }


def with_change(document: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """Return a copy of `document` with the field at dotted `path` set (or removed for ...)."""
    changed = copy.deepcopy(document)
    node: Any = changed
    *parents, last = path.split(".")
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return changed


SAVED = {
    "ssid": "Cafe",
    "lock_bssid": False,
    "bssid": "",
    "auth_mode": 3,
    "pwd": "cafe-password",
    "dhcp": True,
    "ipv4": {"ip": "", "netmask": "", "gateway": ""},
}
STATIC = {"ip": "192.168.8.20", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}

BAD_FIELDS = [
    ("cfg_ver", 2, "cfg_ver must be 1"),
    ("cfg_ver", True, "cfg_ver must be"),
    ("cfg_ver", ..., "cfg_ver is required"),
    ("ui_cfg", "en", "ui_cfg must be an object"),
    ("ui_cfg.language", "fr", 'ui_cfg.language must be "en" or "zh-cn"'),
    ("sntp_cfg.time_zone", "UTC+15", "sntp_cfg.time_zone must be"),
    ("sntp_cfg.time_zone", "Asia/Shanghai", "sntp_cfg.time_zone must be"),
    ("sntp_cfg.sntp_srv", "bad host", "sntp_cfg.sntp_srv must be a host name or an IP address"),
    ("sntp_cfg.sntp_srv", ..., "sntp_cfg.sntp_srv is required"),
    ("otbr_cfg.channel", 27, "otbr_cfg.channel must be an integer from 11 to 26"),
    ("otbr_cfg.channel", "15", "otbr_cfg.channel must be an integer from 11 to 26"),
    ("otbr_cfg.pan_id", 0xFFFF, "otbr_cfg.pan_id must be 1-0xFFFE"),
    ("otbr_cfg.nwk_key", "00112233", "otbr_cfg.nwk_key must be 32 hex digits"),
    ("otbr_cfg.ext_pan_id", "zz" * 8, "otbr_cfg.ext_pan_id must be 16 hex digits"),
    ("otbr_cfg.nwk_name", "x" * 17, "otbr_cfg.nwk_name must be 1-16 bytes"),
    ("otbr_cfg.passphrase", "short", "otbr_cfg.passphrase must be 6-255 bytes"),
    ("otbr_cfg.txpower", 21, "otbr_cfg.txpower must be an integer from -24 to 20"),
    ("otbr_cfg.nwk_on_off", 2, "otbr_cfg.nwk_on_off must be 0 or 1"),
    ("otbr_cfg.bbr_on_off", True, "otbr_cfg.bbr_on_off must be 0 or 1"),
    ("otbr_cfg.nwk_key", ..., "otbr_cfg.nwk_key is required"),
    ("wifi_cfg.authmode", 5, "wifi_cfg.authmode 5 (WPA2-Enterprise) is not supported"),
    ("wifi_cfg.authmode", 10, "wifi_cfg.authmode must be an integer from 0 to 9"),
    ("wifi_cfg.ssid", "", "wifi_cfg.ssid must be 1-32 bytes"),
    (
        "wifi_cfg.lock_bssid",
        True,
        "wifi_cfg.bssid is required when wifi_cfg.lock_bssid is true",
    ),
    ("wifi_cfg.lock_bssid", "no", "wifi_cfg.lock_bssid must be a boolean"),
    ("wifi_cfg.bssid", "94:83:c4", "wifi_cfg.bssid must be six hex bytes"),
    ("wifi_cfg.password", "short", "wifi_cfg.password must be 8-63 characters"),
    ("wifi_cfg.wifi_on_off", 2, "wifi_cfg.wifi_on_off must be 0 or 1"),
    ("wifi_cfg.authmode", "3", "wifi_cfg.authmode must be an integer"),
    ("eth_failover_cfg.check_interval", 61, "eth_failover_cfg.check_interval must be an integer"),
    ("wifi_failover_cfg.priority", 0, "wifi_failover_cfg.priority must be an integer from 1"),
    (
        "eth_failover_cfg.priority",
        2,
        "eth_failover_cfg.priority and wifi_failover_cfg.priority must differ",
    ),
    ("eth_failover_cfg.priority", True, "eth_failover_cfg.priority must be an integer"),
    ("wifi_failover_cfg.check", 1, "wifi_failover_cfg.check must be a boolean"),
    (
        "eth_failover_cfg.check_success_time",
        0,
        "eth_failover_cfg.check_success_time must be an integer from 1 to 10",
    ),
    (
        "eth_failover_cfg.check_ipv4",
        ["1.1.1.1", "8.8.8.8", "9.9.9.9", "1.0.0.1"],
        "eth_failover_cfg.check_ipv4 must list at most 3 addresses",
    ),
    ("eth_failover_cfg.check_ipv4", ["1.1.1"], "eth_failover_cfg.check_ipv4[0] must be a dotted"),
    ("eth_failover_cfg.check_ipv4", [5], "eth_failover_cfg.check_ipv4[0] must be a string"),
    ("eth_failover_cfg.check_ipv6", "::1", "eth_failover_cfg.check_ipv6 must be an array"),
    (
        "wifi_failover_cfg.check_ipv6",
        ["2001:db8::1", "nope"],
        "wifi_failover_cfg.check_ipv6[1] must be",
    ),
    ("eth_dhcp_cfg.static_ipv4.ip", "", "eth_dhcp_cfg.static_ipv4.ip must be a dotted IPv4"),
    (
        "eth_dhcp_cfg.static_ipv4.gateway",
        "192.168.8.20",
        "eth_dhcp_cfg.static_ipv4.gateway must differ from eth_dhcp_cfg.static_ipv4.ip",
    ),
    ("eth_dhcp_cfg.enable", 0, "eth_dhcp_cfg.enable must be a boolean"),
    ("wifi_dhcp_cfg.enable", False, "wifi_dhcp_cfg.static_ipv4.ip must be a dotted IPv4"),
    ("wifi_dhcp_cfg.static_ipv4", "dhcp", "wifi_dhcp_cfg.static_ipv4 must be an object"),
    ("wifi_saved.list.1.pwd", "short", "wifi_saved.list[1].pwd must be 8-63 characters"),
    ("wifi_saved.list.1.pwd", ..., "wifi_saved.list[1].pwd is required"),
    ("wifi_saved.list.0.auth_mode", 5, "wifi_saved.list[0].auth_mode 5 (WPA2-Enterprise)"),
    ("wifi_saved.list.0.lock_bssid", True, "wifi_saved.list[0].bssid is required when"),
    ("wifi_saved.list.1.dhcp", False, "wifi_saved.list[1].ipv4.ip must be a dotted IPv4"),
    ("wifi_saved.list", [SAVED, SAVED], "wifi_saved.list[1] repeats the ssid and auth_mode"),
    ("wifi_saved.list", [SAVED] * 4, "wifi_saved.list must have at most 3 entries"),
    ("wifi_saved.list", [{**SAVED, "pwd": "short"}], "wifi_saved.list[0].pwd must be 8-63"),
    ("wifi_saved.list", [SAVED, {**SAVED, "ssid": ""}], "wifi_saved.list[1].ssid must be 1-32"),
    (
        "wifi_saved.list",
        [{**SAVED, "dhcp": False, "ipv4": {**STATIC, "gateway": "10.0.0.1"}}],
        "wifi_saved.list[0].ipv4.gateway must lie in the subnet 192.168.8.0/24",
    ),
    (
        "wifi_saved.list",
        [{**SAVED, "dhcp": False, "ipv4": {**STATIC, "netmask": "255.0.255.0"}}],
        "wifi_saved.list[0].ipv4.netmask must be a contiguous netmask",
    ),
    (
        "wifi_saved.list",
        [{**SAVED, "auth_mode": 1, "pwd": "abcdef"}],
        "wifi_saved.list[0].pwd must be 5",
    ),
]


@pytest.mark.parametrize(("path", "value", "err_msg"), BAD_FIELDS)
async def test_one_bad_field_deep_inside_changes_nothing(
    api: httpx.AsyncClient, clock: ManualClock, path: str, value: object, err_msg: str
) -> None:
    token = await init_and_login(api)
    await configure(api, token, clock)
    before = await raw_export(api, token)
    document = json.loads(before)["result"]
    # The document as exported imports cleanly, the changed one does not.
    bad = with_change(document, path, value)
    data = await call(api, "POST", "/sys/import_sys_config", bad, token)
    assert data["code"] == -32602, data
    assert str(data["err_msg"]).startswith(err_msg), data
    assert str(HOME["pwd"]) not in str(data["err_msg"])
    await clock.advance_async(3)
    assert await raw_export(api, token) == before


async def test_a_document_with_good_uplink_sections_imports(
    api: httpx.AsyncClient, clock: ManualClock
) -> None:
    token = await init_and_login(api)
    document = await exported(api, token)
    document["wifi_cfg"] = {
        "wifi_on_off": 1,
        "ssid": "Home",
        "password": "a" * 64,
        "lock_bssid": True,
        "bssid": "94:83:c4:00:00:01",
        "authmode": 3,
    }
    document["eth_dhcp_cfg"] = {"enable": False, "static_ipv4": STATIC}
    document["eth_failover_cfg"]["check_ipv4"] = ["1.1.1.1", "8.8.8.8"]
    document["wifi_failover_cfg"]["check_ipv6"] = ["2001:4860:4860::8888"]
    document["wifi_saved"] = {"list": [SAVED, {**SAVED, "ssid": "Open", "auth_mode": 0, "pwd": ""}]}
    document["ui_cfg"] = {"language": "zh-cn"}
    data = await call(api, "POST", "/sys/import_sys_config", document, token)
    assert data == {"code": 0, "result": {}}
    assert (await exported(api, token))["ui_cfg"] == {"language": "zh-cn"}


async def test_sections_left_out_are_kept(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    before = await exported(api, token)
    body = {"cfg_ver": 1, "sntp_cfg": {"sntp_srv": "192.0.2.123", "time_zone": "UTC-5"}}
    assert (await call(api, "POST", "/sys/import_sys_config", body, token))["code"] == 0
    after = await exported(api, token)
    assert after == {**before, "sntp_cfg": {"sntp_srv": "192.0.2.123", "time_zone": "UTC-5"}}


async def configured_export(api: httpx.AsyncClient, clock: ManualClock) -> tuple[str, bytes]:
    """Log in, configure everything over HTTP, and return the token and the raw export."""
    token = await init_and_login(api)
    await configure(api, token, clock)
    return token, await raw_export(api, token)


def fail_first_call(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, message: str
) -> list[int]:
    """Make `owner.name` fail its first call with -32020; return the list of its calls."""
    real = getattr(owner, name)
    calls: list[int] = []

    async def failing_once(*args: Any) -> None:
        calls.append(len(calls))
        if len(calls) == 1:
            raise OperationFailed(message)
        await real(*args)

    monkeypatch.setattr(owner, name, failing_once)
    return calls


async def test_a_failure_while_applying_restores_everything(
    api: httpx.AsyncClient, device: Device, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, before = await configured_export(api, clock)
    document = json.loads(before)["result"]
    document["sntp_cfg"] = {"sntp_srv": "other.example.org", "time_zone": "UTC-3"}
    document["otbr_cfg"] = {**document["otbr_cfg"], "channel": 20, "nwk_name": "Elsewhere"}
    message = "the Thread radio said Error 13: InvalidState"
    calls = fail_first_call(monkeypatch, device.thread, "reload", message)
    data = await call(api, "POST", "/sys/import_sys_config", document, token)
    assert data == {"code": -32020, "err_msg": f"import failed, nothing changed: {message}"}
    assert len(calls) == 2  # the previous configuration was applied again
    await clock.advance_async(3)
    assert await raw_export(api, token) == before
    applied = device.system.drivers.time.applied()
    assert applied is not None
    assert (applied.sntp, applied.timezone) == ("ntp.example.org", 8)


async def test_a_failure_applying_the_uplinks_restores_them(
    api: httpx.AsyncClient, device: Device, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    token, before = await configured_export(api, clock)
    document = json.loads(before)["result"]
    document["wifi_cfg"] = {**document["wifi_cfg"], "ssid": "Cafe Guest", "authmode": 0}
    document["wifi_cfg"]["password"] = ""
    document["eth_dhcp_cfg"]["enable"] = True
    document["eth_failover_cfg"]["check"] = False
    # The Wi-Fi and the Ethernet are applied first, then the failover engine fails.
    message = "the probes would not start"
    calls = fail_first_call(monkeypatch, device.failover, "set_config", message)
    data = await call(api, "POST", "/sys/import_sys_config", document, token)
    assert data == {"code": -32020, "err_msg": f"import failed, nothing changed: {message}"}
    assert len(calls) == 2
    await clock.advance_async(4)
    assert await raw_export(api, token) == before
    await uplinks_use_the_configured_settings(api, token)
