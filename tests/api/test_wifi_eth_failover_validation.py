"""Bad input to the uplink endpoints: -32602 naming the field, and nothing changes.

Each case sends one bad body; the answer must be -32602 whose `err_msg` names the field,
and every uplink setting must read back byte for byte as it did before.
"""

from __future__ import annotations

import httpx2 as httpx
import pytest

from tests.api.helpers import init_and_login
from tests.conftest import call

STATIC = {"ip": "192.168.8.50", "netmask": "255.255.255.0", "gateway": "192.168.8.1"}
WIFI = {"ssid": "HomeNet", "auth_mode": 3, "pwd": "goodlife-home"}
CHECKS = {"enable": True, "check_ipv4": ["192.0.2.1"], "check_ipv6": []}
READS = (
    "/eth/get_config",
    "/eth/get_status",
    "/wifi/get_status",
    "/wifi/get_save_wifi",
    "/wifi/get_reconn_to_saved_wifi",
    "/wan_failover/get_config",
)

CASES: list[tuple[str, dict[str, object], str]] = [
    # (path, body, the field err_msg must name)
    ("/eth/set_config", {"protocol": "static"}, "ipv4"),
    ("/eth/set_config", {"protocol": "pppoe"}, "protocol"),
    ("/eth/set_config", {"protocol": True}, "protocol"),
    (
        "/eth/set_config",
        {"protocol": "static", "ipv4": {**STATIC, "ip": "192.168.8.300"}},
        "ipv4.ip",
    ),
    ("/eth/set_config", {"protocol": "static", "ipv4": {**STATIC, "ip": "fe80::1"}}, "ipv4.ip"),
    (
        "/eth/set_config",
        {"protocol": "static", "ipv4": {**STATIC, "netmask": "255.0.255.0"}},
        "ipv4.netmask",
    ),
    (
        "/eth/set_config",
        {"protocol": "static", "ipv4": {**STATIC, "gateway": "10.0.0.1"}},
        "ipv4.gateway",
    ),
    ("/eth/set_config", {"protocol": "static", "ipv4": {**STATIC, "ip": 3232237618}}, "ipv4.ip"),
    ("/wifi/start", {**WIFI, "ssid": ""}, "ssid"),
    ("/wifi/start", {**WIFI, "ssid": "é" * 17}, "ssid"),  # 17 characters, 34 bytes
    ("/wifi/start", {**WIFI, "auth_mode": 5}, "auth_mode"),
    ("/wifi/start", {**WIFI, "auth_mode": 10}, "auth_mode"),
    ("/wifi/start", {**WIFI, "auth_mode": -1}, "auth_mode"),
    ("/wifi/start", {**WIFI, "auth_mode": "3"}, "auth_mode"),
    ("/wifi/start", {**WIFI, "pwd": "short7!"}, "pwd"),
    ("/wifi/start", {**WIFI, "pwd": "x" * 64}, "pwd"),
    ("/wifi/start", {**WIFI, "auth_mode": 1, "pwd": "sixsix"}, "pwd"),
    ("/wifi/start", {**WIFI, "lock_bssid": True}, "bssid"),
    ("/wifi/start", {**WIFI, "lock_bssid": True, "bssid": "94-83-c4-12-34-56"}, "bssid"),
    ("/wifi/start", {**WIFI, "lock_bssid": "false"}, "lock_bssid"),
    ("/wifi/start", {**WIFI, "enable_wifi_save": "true"}, "enable_wifi_save"),
    ("/wifi/start", {**WIFI, "protocol": "static"}, "ipv4"),
    (
        "/wifi/start",
        {**WIFI, "protocol": "static", "ipv4": {**STATIC, "netmask": "255.255.255.1"}},
        "ipv4.netmask",
    ),
    ("/wifi/start", {"auth_mode": 3}, "ssid"),
    ("/wifi/set_reconn_to_saved_wifi", {"enable": "true"}, "enable"),
    ("/wifi/set_reconn_to_saved_wifi", {"enable": 1}, "enable"),
    ("/wifi/set_reconn_to_saved_wifi", {}, "enable"),
    ("/wifi/delete_save_wifi", {"ssid": "", "auth_mode": 3}, "ssid"),
    ("/wifi/delete_save_wifi", {"ssid": "HomeNet", "auth_mode": 12}, "auth_mode"),
    ("/wan_failover/set_config", {"eth": {"check_ipv4": ["192.0.2.1"] * 4}}, "eth.check_ipv4"),
    ("/wan_failover/set_config", {"eth": {"check_ipv4": ["2001:db8::1"]}}, "eth.check_ipv4[0]"),
    ("/wan_failover/set_config", {"wifi": {"check_ipv6": ["8.8.8.8"]}}, "wifi.check_ipv6[0]"),
    ("/wan_failover/set_config", {"wifi": {"check_ipv6": ["::1", "x"]}}, "wifi.check_ipv6[1]"),
    ("/wan_failover/set_config", {"eth": {"enable": "true"}}, "eth.enable"),
    ("/wan_failover/set_config", {"eth": {"check_interval": 0}}, "eth.check_interval"),
    ("/wan_failover/set_config", {"eth": {"check_interval": 61}}, "eth.check_interval"),
    ("/wan_failover/set_config", {"wifi": {"check_fail_time": 11}}, "wifi.check_fail_time"),
    ("/wan_failover/set_config", {"wifi": {"check_success_time": 0}}, "wifi.check_success_time"),
    ("/wan_failover/set_config", {"priority": {"eth": 2, "wifi": 2}}, "priority"),
    ("/wan_failover/set_config", {"priority": {"eth": 0}}, "priority.eth"),
    ("/wan_failover/set_config", {"priority": {"wifi": 11}}, "priority.wifi"),
    # A good change beside a bad one: neither is applied.
    (
        "/wan_failover/set_config",
        {"eth": CHECKS, "wifi": {"check_ipv4": ["nope"]}},
        "wifi.check_ipv4[0]",
    ),
    ("/wan_failover/set_config", {"eth": CHECKS, "priority": {"eth": 3, "wifi": 3}}, "priority"),
    # A nested null is no "keep": it is refused as a top-level one is.
    ("/wan_failover/set_config", {"eth": {**CHECKS, "check_interval": None}}, "eth.check_interval"),
    ("/wan_failover/set_config", {"wifi": {"enable": None}}, "wifi.enable"),
    ("/wan_failover/set_config", {"priority": {"eth": 3, "wifi": None}}, "priority.wifi"),
]


async def snapshot(api: httpx.AsyncClient, token: str) -> list[bytes]:
    return [(await api.get(path, headers={"Token": token})).content for path in READS]


@pytest.mark.parametrize(("path", "body", "field"), CASES)
async def test_bad_input_names_the_field_and_changes_nothing(
    api: httpx.AsyncClient, path: str, body: dict[str, object], field: str
) -> None:
    token = await init_and_login(api)
    before = await snapshot(api, token)
    answer = await call(api, "POST", path, body, token=token)
    assert answer["code"] == -32602, answer
    message = str(answer["err_msg"])
    assert message.startswith(field) or f" {field} " in f" {message} ", message
    assert await snapshot(api, token) == before


async def test_password_is_not_repeated_in_the_error(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    answer = await call(api, "POST", "/wifi/start", {**WIFI, "pwd": "tiny-pw"}, token=token)
    assert answer["code"] == -32602
    assert "tiny-pw" not in str(answer["err_msg"])


async def test_auth_mode_5_is_refused_as_not_supported(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    answer = await call(api, "POST", "/wifi/start", {**WIFI, "auth_mode": 5}, token=token)
    assert answer == {"code": -32602, "err_msg": "auth_mode 5 (WPA2-Enterprise) is not supported"}


async def test_a_nested_null_is_refused_in_words(api: httpx.AsyncClient) -> None:
    token = await init_and_login(api)
    body = {"eth": {"check_ipv6": None}}
    answer = await call(api, "POST", "/wan_failover/set_config", body, token=token)
    assert answer == {"code": -32602, "err_msg": "eth.check_ipv6 must not be null"}
