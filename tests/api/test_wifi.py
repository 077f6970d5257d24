"""`/wifi/*` through HTTP with the real client, on the simulated uplinks and the manual clock."""

from __future__ import annotations

import asyncio
import logging

import pytest

from s20.client import AsyncS20Client
from s20.client.results import Ipv4Config, WifiStatus
from s20.clock import ManualClock
from s20.daemon.device import Device
from s20.errors import Busy, InvalidState, NotFound
from tests.api.uplinks import client, settle, wait_until

__all__ = ["client"]

# The access points of the simulated default uplinks (src/s20/sim/default_scenario.toml).
HOME = ("HomeNet", "goodlife-home", 3)
HOME_5G = ("HomeNet-5G", "goodlife-home", 7)
CAFE = ("Cafe Guest", "", 0)
NEIGHBOUR = ("Neighbour WiFi", "not-your-network", 6)


async def connected(api: AsyncS20Client, clock: ManualClock) -> WifiStatus:
    return await wait_until(clock, api.wifi_status, lambda r: r["status"] in (2, 3))


async def test_scan_lists_the_scenario_aps_strongest_first(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    result = await settle(clock, client.wifi_scan())
    assert [(ap["ssid"], ap["rssi"]) for ap in result["list"]] == [
        ("HomeNet", -42),
        ("HomeNet-5G", -55),
        ("Cafe Guest", -71),
        ("Neighbour WiFi", -83),
    ]
    assert result["list"][0] == {
        "ssid": "HomeNet",
        "bssid": "94:83:c4:12:34:56",
        "auth_mode": 3,
        "rssi": -42,
        "channel": 6,
    }


async def test_one_scan_at_a_time(client: AsyncS20Client, clock: ManualClock) -> None:
    first = asyncio.ensure_future(client.wifi_scan())
    await clock.advance_async(0.5)
    with pytest.raises(Busy) as busy:
        await client.wifi_scan()
    assert busy.value.code == -32011
    assert len((await settle(clock, first))["list"]) == 4


async def test_start_connects_then_reports_the_aps_address(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    assert (await client.wifi_status())["status"] == 0
    await client.wifi_start(*HOME)
    status = await client.wifi_status()
    assert status["status"] == 1
    assert status["ssid"] == "HomeNet"
    await clock.advance_async(3.5)  # association, then DHCP
    assert await client.wifi_status() == {
        "status": 2,
        "fail_msg": "",
        "ssid": "HomeNet",
        "bssid": "94:83:c4:12:34:56",
        "ipv4": {"ip": "192.168.50.23", "gateway": "192.168.50.1"},
        "ipv6": {"ip": "fd00:50::23"},
    }
    info = await client.get_info()
    assert info["wan_status"] == 2


async def test_wrong_password_fails_with_a_reason(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await client.wifi_start("HomeNet", "not-the-password", 3)
    status = await connected(client, clock)
    assert (status["status"], status["fail_msg"]) == (3, "wrong password")
    assert status["ipv4"] == {"ip": "", "gateway": ""}


async def test_unknown_network_fails_as_not_found(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await client.wifi_start("Nowhere", "whatever-it-is", 3)
    status = await connected(client, clock)
    assert (status["status"], status["fail_msg"]) == (3, "network not found")


async def test_locked_bssid_of_another_ap_is_not_found(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await client.wifi_start(*HOME, bssid="94:83:C4:12:34:57")
    status = await connected(client, clock)
    assert (status["status"], status["fail_msg"]) == (3, "network not found")


async def test_static_ipv4_is_used_on_wifi(client: AsyncS20Client, clock: ManualClock) -> None:
    static: Ipv4Config = {
        "ip": "192.168.50.200",
        "netmask": "255.255.255.0",
        "gateway": "192.168.50.1",
    }
    await client.wifi_start(*HOME, protocol="static", ipv4=static)
    status = await connected(client, clock)
    assert status["ipv4"] == {"ip": "192.168.50.200", "gateway": "192.168.50.1"}


async def test_stop_disconnects(client: AsyncS20Client, clock: ManualClock) -> None:
    await client.wifi_start(*CAFE)
    assert (await connected(client, clock))["status"] == 2
    await client.wifi_stop()
    assert await client.wifi_status() == {
        "status": 0,
        "fail_msg": "",
        "ssid": "",
        "bssid": "",
        "ipv4": {"ip": "", "gateway": ""},
        "ipv6": {"ip": ""},
    }


async def save(api: AsyncS20Client, clock: ManualClock, network: tuple[str, str, int]) -> None:
    await api.wifi_start(*network, save=True)
    assert (await connected(api, clock))["status"] == 2


async def test_three_saved_and_a_fourth_is_refused(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    for network in (HOME, HOME_5G, CAFE):
        await save(client, clock, network)
    saved = (await client.wifi_saved())["list"]
    assert [(n["ssid"], n["auth_mode"]) for n in saved] == [
        ("HomeNet", 3),
        ("HomeNet-5G", 7),
        ("Cafe Guest", 0),
    ]
    assert saved[0] == {
        "ssid": "HomeNet",
        "bssid": "",
        "lock_bssid": False,
        "auth_mode": 3,
        "pwd": "goodlife-home",
        "protocol": "dhcp",
        "ipv4": {"ip": "", "netmask": "", "gateway": ""},
    }
    with pytest.raises(InvalidState) as full:
        await client.wifi_start(*NEIGHBOUR, save=True)
    assert full.value.code == -32010
    assert "3" in full.value.err_msg
    # Refused before anything changed: still connected to the last one, still 3 saved.
    assert (await client.wifi_status())["ssid"] == "Cafe Guest"
    # The same SSID and auth mode again updates its entry in place.
    await save(client, clock, HOME)
    assert len((await client.wifi_saved())["list"]) == 3


async def test_forget(client: AsyncS20Client, clock: ManualClock) -> None:
    await save(client, clock, CAFE)
    with pytest.raises(NotFound) as missing:
        await client.wifi_forget("HomeNet", 3)
    assert missing.value.code == -32030
    with pytest.raises(NotFound):
        await client.wifi_forget("Cafe Guest", 3)  # saved with auth_mode 0, not 3
    await client.wifi_forget("Cafe Guest", 0)
    assert (await client.wifi_saved())["list"] == []


async def test_reconnect_flag_reads_back(client: AsyncS20Client) -> None:
    assert await client.wifi_reconnect() == {"enable": False}
    await client.wifi_set_reconnect(True)
    assert await client.wifi_reconnect() == {"enable": True}


async def remove_ap(api: AsyncS20Client, bssid: str) -> None:
    await api.call("POST", "/sim/remove_wifi_ap", {"bssid": bssid})


async def test_losing_the_ap_moves_to_the_strongest_saved_one_in_range(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    for network in (CAFE, HOME_5G, HOME):
        await save(client, clock, network)
    await client.wifi_set_reconnect(True)
    await remove_ap(client, "94:83:c4:12:34:56")  # HomeNet leaves
    assert (await client.wifi_status())["status"] == 1
    status = await wait_until(clock, client.wifi_status, lambda r: r["status"] == 2)
    assert (status["ssid"], status["bssid"]) == ("HomeNet-5G", "94:83:c4:12:34:57")
    assert status["ipv4"]["ip"] == "192.168.50.24"


async def test_without_reconnect_a_lost_link_stays_lost(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    for network in (CAFE, HOME):
        await save(client, clock, network)
    await remove_ap(client, "94:83:c4:12:34:56")
    await clock.advance_async(30)
    status = await client.wifi_status()
    assert (status["status"], status["fail_msg"]) == (3, "connection lost")


async def test_a_failed_attempt_moves_to_a_saved_network(
    client: AsyncS20Client, clock: ManualClock
) -> None:
    await save(client, clock, CAFE)
    await client.wifi_set_reconnect(True)
    await client.wifi_start("HomeNet", "not-the-password", 3)
    status = await wait_until(
        clock, client.wifi_status, lambda r: r["status"] == 2 and r["ssid"] == "Cafe Guest"
    )
    assert status["ipv4"]["ip"] == "10.20.0.57"


async def test_settings_survive_a_restart_and_reset_clears_them(
    client: AsyncS20Client, clock: ManualClock, device: Device
) -> None:
    await save(client, clock, HOME)
    await client.wifi_set_reconnect(True)
    await settle(clock, device.restart())
    status = await wait_until(clock, client.wifi_status, lambda r: r["status"] == 2)
    assert status["ssid"] == "HomeNet"
    assert len((await client.wifi_saved())["list"]) == 1
    await settle(clock, device.reset())
    assert device.network.saved_wifi() == []
    assert device.network.wifi_status()["status"] == 0
    assert device.network.reconnect_to_saved() is False


async def test_the_password_is_never_logged(
    client: AsyncS20Client, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await client.wifi_start("HomeNet", "secret-wrong-pass", 3)
    await connected(client, clock)
    await save(client, clock, HOME)
    assert "secret-wrong-pass" not in caplog.text
    assert "goodlife-home" not in caplog.text
