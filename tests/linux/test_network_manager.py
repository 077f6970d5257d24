"""The Ethernet, Wi-Fi and route drivers against NetworkManager's D-Bus API (python-dbusmock)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from s20.clock import ManualClock, SystemClock
from s20.drivers import (
    Address,
    AuthMode,
    ConnectFailure,
    EthernetStatus,
    IpConfig,
    Ipv4Static,
    WifiConnectError,
    WifiCredentials,
)
from s20.drivers.linux import Bus, LinuxEthernet, LinuxPing, LinuxRoutes, LinuxWifi
from s20.drivers.linux._nm import NetworkManager
from s20.drivers.linux._route import PREFERRED_METRIC, STANDBY_METRIC, Metrics
from s20.drivers.linux._wifi_auth import security_settings
from s20.errors import OperationFailed

from .doubles import ETH, NM, WLAN, mock_call
from .furnish import APS, fail_activation, restore_activation

HOME = WifiCredentials("HomeNet", int(AuthMode.WPA2_PSK), "goodlife-home")
MODERN = WifiCredentials("Modern", int(AuthMode.WPA2_WPA3_PSK), "goodlife-modern")
STATIC = IpConfig("static", Ipv4Static("192.168.8.50", "255.255.255.0", "192.168.8.1"))


def drivers(bus: Bus) -> tuple[NetworkManager, LinuxEthernet, LinuxWifi, LinuxRoutes]:
    nm, metrics = NetworkManager(bus), Metrics()
    routes = LinuxRoutes(nm, {"eth": "eth0", "wifi": "wlan0"}, metrics)
    return (
        nm,
        LinuxEthernet(nm, "eth0", metrics),
        LinuxWifi(nm, "wlan0", SystemClock(), metrics),
        routes,
    )


async def activate_calls(bus: Bus) -> list[Any]:
    manager = (NM, "/org/freedesktop/NetworkManager")
    (calls,) = await mock_call(bus, manager, "GetMethodCalls", "s", "ActivateConnection")
    return list(calls)


async def settings_of(nm: NetworkManager, name: str) -> dict[str, Any]:
    profile = await nm.profile(name)
    assert profile is not None, f"no profile s20-{name}"
    return profile.settings


async def test_ethernet_profile_follows_the_ip_config(bus: Bus) -> None:
    nm, eth, _, _ = drivers(bus)
    await eth.apply(STATIC)
    settings = await settings_of(nm, "eth")
    assert settings["connection"]["interface-name"] == "eth0"
    assert settings["user"]["data"] == {"s20.owner": "s20d"}
    assert settings["ipv4"]["method"] == "manual"
    assert settings["ipv4"]["address-data"] == [{"address": "192.168.8.50", "prefix": 24}]
    assert settings["ipv4"]["gateway"] == "192.168.8.1"
    status = await eth.status()
    assert status.plugged
    assert status.address == Address("192.168.1.50", "192.168.1.1", "255.255.255.0")

    await eth.apply(IpConfig())
    assert (await settings_of(nm, "eth"))["ipv4"]["method"] == "auto"
    assert [p.id for p in await nm.profiles()].count("s20-eth") == 1  # updated in place
    activations = len(await activate_calls(bus))
    await eth.apply(IpConfig())  # as at the next start: in use already, left alone
    assert len(await activate_calls(bus)) == activations
    await eth.apply(STATIC)
    assert len(await activate_calls(bus)) == activations + 1


async def test_scan_reports_each_access_point_as_the_api_numbers_it(bus: Bus) -> None:
    # The clock stands still: only the LastScan signal can end the wait.
    wifi = LinuxWifi(NetworkManager(bus), "wlan0", ManualClock(), Metrics())
    heard = {ap.ssid: ap for ap in await asyncio.wait_for(wifi.scan(), 10)}
    assert set(heard) == {ssid for ssid, *_ in APS.values()}
    assert heard["HomeNet"].auth_mode == AuthMode.WPA2_PSK
    assert heard["Cafe Guest"].auth_mode == AuthMode.OPEN
    assert heard["Modern"].auth_mode == AuthMode.WPA2_WPA3_PSK
    assert (heard["HomeNet"].channel, heard["Cafe Guest"].channel, heard["Modern"].channel) == (
        6,
        36,
        1,
    )
    assert heard["HomeNet"].bssid == "94:83:c4:00:00:01"
    assert heard["HomeNet"].rssi > heard["Modern"].rssi > heard["Cafe Guest"].rssi


async def test_connect_makes_one_profile_per_network_and_reports_the_link(bus: Bus) -> None:
    nm, _, wifi, _ = drivers(bus)
    link = await wifi.connect(HOME, IpConfig())
    assert (link.ssid, link.bssid) == ("HomeNet", "94:83:c4:00:00:01")
    assert link.address.ip == "192.168.50.23"
    assert await wifi.link() == link
    settings = await settings_of(nm, "wifi-HomeNet")
    assert bytes(settings["802-11-wireless"]["ssid"]) == b"HomeNet"
    assert settings["802-11-wireless-security"]["key-mgmt"] == "wpa-psk"
    assert settings["connection"]["autoconnect"] is False

    assert settings["ipv4"]["method"] == "auto"

    locked = WifiCredentials("HomeNet", HOME.auth_mode, HOME.password, "94:83:c4:00:00:01")
    await wifi.connect(locked, STATIC)
    settings = await settings_of(nm, "wifi-HomeNet")
    assert bytes(settings["802-11-wireless"]["bssid"]) == bytes.fromhex("9483c4000001")
    assert settings["ipv4"]["method"] == "manual"
    assert settings["ipv4"]["address-data"] == [{"address": "192.168.8.50", "prefix": 24}]
    assert [p.id for p in await nm.profiles()].count("s20-wifi-HomeNet") == 1
    # Joined as asked already (as when s20d starts again): the link is left up.
    activations = len(await activate_calls(bus))
    assert (await wifi.connect(locked, STATIC)).ssid == "HomeNet"
    assert len(await activate_calls(bus)) == activations
    await wifi.connect(HOME, STATIC)  # the BSSID lock lifted: a new activation
    assert len(await activate_calls(bus)) == activations + 1


@pytest.mark.parametrize(
    ("credentials", "reason"),
    [
        (WifiCredentials("Nowhere", int(AuthMode.WPA2_PSK), "whatever1"), ConnectFailure.NOT_FOUND),
        (
            WifiCredentials("HomeNet", HOME.auth_mode, "x", "00:11:22:33:44:55"),
            ConnectFailure.NOT_FOUND,
        ),
        (
            WifiCredentials("HomeNet", int(AuthMode.WAPI_PSK), "12345678"),
            ConnectFailure.UNSUPPORTED_AUTH,
        ),
    ],
)
async def test_connect_refuses_what_cannot_work(
    bus: Bus, credentials: WifiCredentials, reason: ConnectFailure
) -> None:
    _, _, wifi, _ = drivers(bus)
    with pytest.raises(WifiConnectError) as failed:
        await wifi.connect(credentials, IpConfig())
    assert failed.value.reason == reason


@pytest.mark.parametrize(
    ("nm_reason", "failure"),
    [
        (7, ConnectFailure.WRONG_PASSWORD),
        (53, ConnectFailure.NOT_FOUND),
        (17, ConnectFailure.NO_ADDRESS),
    ],
)
async def test_a_failed_activation_says_why(
    bus: Bus, nm_reason: int, failure: ConnectFailure
) -> None:
    _, _, wifi, _ = drivers(bus)
    await fail_activation(bus, nm_reason)
    try:
        with pytest.raises(WifiConnectError) as failed:
            await wifi.connect(HOME, IpConfig())
    finally:
        await restore_activation(bus)
    assert failed.value.reason == failure


async def settled(wifi: LinuxWifi) -> None:
    """Wait for the watcher's own tasks (subscribing, matching a signal's device)."""
    while pending := set(wifi._watches):
        await asyncio.wait(pending)


async def test_watch_reports_the_loss_of_its_own_link_only(bus: Bus) -> None:
    _, eth, wifi, _ = drivers(bus)
    await eth.apply(IpConfig())
    await wifi.connect(HOME, IpConfig())
    lost = asyncio.Event()
    unwatch = wifi.watch(lost.set)
    await settled(wifi)
    manager = (NM, "/org/freedesktop/NetworkManager")
    # The signal comes before the reply: its device is matched once the tasks settle.
    await mock_call(bus, manager, "SetDeviceDisconnected", "s", ETH)
    await settled(wifi)
    assert not lost.is_set()
    await mock_call(bus, manager, "SetDeviceDisconnected", "s", WLAN)
    await asyncio.wait_for(lost.wait(), 5)
    unwatch()
    assert await wifi.link() is None


async def test_the_preferred_uplink_gets_the_lower_route_metric(bus: Bus) -> None:
    _, eth, wifi, routes = drivers(bus)
    await eth.apply(IpConfig())
    await wifi.connect(HOME, IpConfig())
    await routes.prefer("wifi")
    metrics = {}
    for device in (ETH, WLAN):
        calls = await mock_call(bus, (NM, device), "GetMethodCalls", "s", "Reapply")
        applied = calls[0][-1][1][0].value
        metrics[device] = applied["ipv4"]["route-metric"].value
    assert metrics == {ETH: STANDBY_METRIC, WLAN: PREFERRED_METRIC}


async def test_a_vanished_interface_is_no_link_not_a_crash(bus: Bus) -> None:
    nm, metrics = NetworkManager(bus), Metrics()
    eth = LinuxEthernet(nm, "eth9", metrics)
    wifi = LinuxWifi(nm, "wlan9", SystemClock(), metrics)
    assert await eth.status() == EthernetStatus(False, None)
    assert await wifi.link() is None
    with pytest.raises(OperationFailed, match="cannot scan on wlan9"):
        await wifi.scan()
    with pytest.raises(WifiConnectError) as failed:
        await wifi.connect(HOME, IpConfig())
    assert failed.value.reason == ConnectFailure.NOT_FOUND
    assert (
        await LinuxPing({"eth": "eth9", "wifi": "wlan9"}, SystemClock()).ping(
            "eth", "127.0.0.1", 1.0
        )
        is False
    )


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (AuthMode.OPEN, {}),
        (AuthMode.WEP, {"key-mgmt": "none", "wep-key0": "abcde", "wep-key-type": 1}),
        (AuthMode.WPA_WPA2_PSK, {"key-mgmt": "wpa-psk", "psk": "abcde"}),
        (AuthMode.WPA3_PSK, {"key-mgmt": "sae", "psk": "abcde"}),
        (AuthMode.OWE, {"key-mgmt": "owe"}),
    ],
)
def test_auth_modes_map_to_network_manager_key_management(
    mode: AuthMode, expected: dict[str, object]
) -> None:
    settings = security_settings(mode, "abcde")
    found = {k: v.value for k, v in settings.get("802-11-wireless-security", {}).items()}
    assert found == expected


async def test_only_the_network_in_use_keeps_a_profile(bus: Bus) -> None:
    nm, _, wifi, _ = drivers(bus)
    await wifi.connect(HOME, IpConfig())
    await wifi.connect(WifiCredentials("Cafe Guest", int(AuthMode.OPEN)), IpConfig())
    ids = [p.id for p in await nm.profiles()]
    assert "s20-wifi-Cafe Guest" in ids
    assert "s20-wifi-HomeNet" not in ids
    await wifi.disconnect()
    assert not [p.id for p in await nm.profiles() if p.id.startswith("s20-wifi-")]
    assert await wifi.link() is None
